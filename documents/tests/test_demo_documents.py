"""Every document the documents menu offers on every demo case, in the state the demo left
it in: made from the case's own data (not a sample context), complete and with no blank.

The demo data set (manage.py load_demo_data) walks cases of each workflow into each of its
stages through the services, so this covers every kind in every state where it is offered.
"""

from __future__ import annotations

import re
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases import workflows
from cases.models import Case
from documents.context import missing_fields
from documents.contract import check_context
from documents.models import Document, DocumentState
from documents.rendering import render_docx
from documents.services import DRAFT_NUMBER, active_template
from documents.tests.test_pdf import needs_libreoffice
from documents.tests.test_pdf_text import _diff, _pdf_text
from documents.text import extract_text
from documents.views import _offered

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

_SPACE = re.compile(r"\s+")
BLANKS = ("《》", "（）", "依照的规定", "：。", "：）", "：；", "（型号：）", "，，", "。，",
          "{{", "{%", "None", "于移送", "于作出", "于立案", "（共0项）")


@pytest.fixture
def demo(time_machine):
    time_machine.move_to("2026-11-25T10:00:00+08:00", tick=False)
    call_command("load_demo_data", stdout=StringIO(), stderr=StringIO())


def _offered_documents(demo_cases):
    """(where, kind, context, template) of every document the menu offers on the cases."""
    for case in demo_cases:
        rules = workflows.of(case).documents
        issued = set(Document.objects.filter(case=case, state=DocumentState.ISSUED)
                     .values_list("kind", flat=True))
        for kind, rule in rules.items():
            if not _offered(rule, case, issued):
                continue
            template = active_template(kind).file.read()
            for party in rule.addressees(case.flow):
                context = dict(rule.context(case.flow, kind=kind, number=DRAFT_NUMBER,
                                            on=timezone.localdate(), party=party))
                check_context(context, rule.context_type)
                where = f"{case.number} ({case.workflow}, {case.state}) {kind}"
                yield case, where, kind, context, template


@needs_libreoffice
def test_the_pdf_of_one_demo_document_of_each_kind_keeps_every_character(
        demo, tmp_path) -> None:
    from documents.pdf import Converter

    first: dict[str, tuple[str, bytes]] = {}
    for _case, where, kind, context, template in _offered_documents(
            Case.objects.order_by("-pk")):
        if kind not in first and not missing_fields(kind, context):
            first[kind] = (where, render_docx(template, context))
    converter = Converter()
    try:
        mismatches = []
        for where, data in first.values():
            expected = _SPACE.sub("", extract_text(data))
            got = _pdf_text(converter.convert(data), tmp_path)
            if got != expected:
                mismatches.append(f"{where}: {_diff(got, expected)}")
    finally:
        converter.shutdown()
    assert len(first) == len({k for w in workflows.all_workflows() for k in w.documents})
    assert not mismatches, "\n".join(mismatches)


def test_every_offered_document_of_every_demo_case_is_complete(demo) -> None:
    made: Counter[str] = Counter()
    problems = []
    for case, where, kind, context, template in _offered_documents(
            Case.objects.order_by("pk")):
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
