"""Every document the documents menu offers on every demo case, in the state the demo left
it in: made from the case's own data (not a sample context), complete and with no blank.

The demo data set (manage.py load_demo_data) walks cases of each workflow into each of its
stages through the services, so this covers every kind in every state where it is offered.
"""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from cases import workflows
from cases.models import Case
from documents.context import missing_fields
from documents.contract import check_context
from documents.models import Document, DocumentState
from documents.rendering import render_docx
from documents.services import DRAFT_NUMBER, active_template
from documents.text import extract_text
from documents.views import _offered

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

BLANKS = ("《》", "（）", "依照的规定", "：。", "：）", "：；", "（型号：）", "，，", "。，",
          "{{", "{%", "None", "于移送", "于作出", "于立案", "（共0项）")


@pytest.fixture
def demo(time_machine):
    time_machine.move_to("2026-11-25T10:00:00+08:00", tick=False)
    call_command("load_demo_data", stdout=StringIO(), stderr=StringIO())


def test_every_offered_document_of_every_demo_case_is_complete(demo) -> None:
    made: Counter[str] = Counter()
    problems = []
    for case in Case.objects.order_by("pk"):
        rules = workflows.of(case).documents
        issued = set(Document.objects.filter(case=case, state=DocumentState.ISSUED)
                     .values_list("kind", flat=True))
        for kind, rule in rules.items():
            if not _offered(rule, case, issued):
                continue
            template = active_template(kind).file.read()
            for party in rule.addressees(case.flow):
                context = dict(rule.context(case.flow, kind=kind, number=DRAFT_NUMBER,
                                            on=case.received_on, party=party))
                check_context(context, rule.context_type)
                where = f"{case.number} ({case.workflow}, {case.state}) {kind}"
                missing = missing_fields(kind, context)
                if missing:
                    problems.append(f"{where}: missing {missing}")
                    continue
                text = extract_text(render_docx(template, context))
                problems += [f"{where}: prints {blank!r}" for blank in BLANKS if blank in text]
                if case.office.name not in text:
                    problems.append(f"{where}: no office name")
                made[kind] += 1
    assert not problems, "\n".join(problems)
    # Every kind of every workflow is offered on some demo case and made from its data.
    expected = {k for w in workflows.all_workflows() for k in w.documents}
    assert set(made) == expected, sorted(expected - set(made))
    assert sum(made.values()) >= 100
