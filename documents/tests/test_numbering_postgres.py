"""Gapless 文号 when many documents are issued at the same moment (PostgreSQL).

Twenty threads, each with its own database connection, issue twenty drafts at once; three
of the drafts, never rendered, fail the render their issue runs first. The numbers of the
issued documents must be exactly 1..17: no duplicates, and no gap from the failed issues.
"""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from cases.errors import TransitionNotAllowed
from cases.models import DocumentNumberPrefix, NumberSequence
from cases.ruling.models import CaseState
from documents import services
from documents.models import Document, DocumentState, DocumentTemplate
from tests.ruling_driver import RulingDriver

THREADS = 20
BROKEN = 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_issuing_is_gapless_and_without_duplicates(personas, calendar_2026,
                                                            deadline_rules, time_machine,
                                                            offices):
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="acceptance_notice",
                                        prefix="南知受字")
    services.seed_default_templates()
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    case = RulingDriver(personas, time_machine).bring_to(CaseState.ACCEPTED)
    template = DocumentTemplate.objects.get(kind="acceptance_notice", is_active=True)
    broken = DocumentTemplate(kind="acceptance_notice", name="broken", version=99,
                              sha256="0" * 64, is_active=False)
    broken.file.save("broken.docx", ContentFile(b"this is not a docx"), save=False)
    broken.save()
    drafts = [Document.objects.create(case=case, kind="acceptance_notice",
                                      template=broken if i < BROKEN else template,
                                      created_by=personas.officer)
              for i in range(THREADS)]

    barrier = threading.Barrier(THREADS)
    outcomes: dict[int, str] = {}

    def issue(document: Document) -> None:
        try:
            barrier.wait(timeout=30)
            issued = services.issue_document(document=document, actor=personas.officer)
            outcomes[document.pk] = issued.number or ""
        except TransitionNotAllowed:
            outcomes[document.pk] = "refused"
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(outcomes) == THREADS
    assert sorted(outcomes[d.pk] for d in drafts[:BROKEN]) == ["refused"] * BROKEN
    issued = Document.objects.filter(case=case, state=DocumentState.ISSUED)
    sequences = sorted(issued.values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS - BROKEN + 1))
    numbers = set(issued.values_list("number", flat=True))
    assert numbers == {f"南知受字〔2026〕{n}号" for n in sequences}
    assert NumberSequence.objects.get(office=offices.nanning, kind="acceptance_notice",
                                      year=2026).last_value == THREADS - BROKEN
    # Every issued file carries its own number.
    for document in issued:
        assert document.number in document.text
