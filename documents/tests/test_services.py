"""The document lifecycle as officers and the head live it: draft, correct, issue, void."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation
from docx import Document as DocxDocument

from cases.errors import OutOfScope, TransitionNotAllowed
from cases.models import CaseEvent, DocumentNumberPrefix
from cases.ruling.models import CaseState
from documents import services
from documents.models import (
    Document,
    DocumentState,
    DocumentTemplate,
    DocumentVersion,
    ImmutableDocument,
    RenderStatus,
    VersionSource,
)
from documents.selectors import written_date
from documents.text import extract_text
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
S = CaseState


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine, offices):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    for kind, code in (("ruling", "南知裁字"), ("acceptance_notice", "南知受字")):
        DocumentNumberPrefix.objects.create(office=offices.nanning, kind=kind, prefix=code)
    services.seed_default_templates()
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    return RulingDriver(personas, time_machine)


def _reviewed(driver):
    case = driver.bring_to(S.PENDING_APPROVAL)
    return driver.act(case, "record_legal_review")


def _docx_bytes(version: DocumentVersion) -> bytes:
    with version.file.open("rb") as handle:
        return handle.read()


def test_seeding_templates_is_idempotent_and_keeps_one_active_per_kind(db):
    shipped = len(list(services.DEFAULT_TEMPLATES.glob("*.docx")))
    first = services.seed_default_templates()
    assert first == shipped >= 20  # the ruling's 13, mediation's 5, confirmation's 2
    assert services.seed_default_templates() == 0
    assert DocumentTemplate.objects.filter(is_active=True).count() == shipped
    ruling = DocumentTemplate.objects.get(kind="ruling", is_active=True)
    assert ruling.allowed_actions == ["decide"]


def test_a_draft_is_rendered_after_commit_and_shows_where_the_number_will_go(
        driver, personas, django_capture_on_commit_callbacks):
    case = driver.bring_to(S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.generate_document(case=case, kind="acceptance_notice",
                                           actor=personas.officer)
    draft.refresh_from_db()
    assert draft.render_status == RenderStatus.DONE
    assert draft.state == DocumentState.DRAFT and draft.number is None
    text = extract_text(_docx_bytes(draft.latest_version()))
    assert services.DRAFT_NUMBER in text
    assert case.number in text
    assert CaseEvent.objects.filter(case=case, kind="document").values_list(
        "name", flat=True).count() == 2  # generated, rendered


def test_issuing_assigns_gapless_numbers_and_freezes_the_document(driver, personas):
    case = _reviewed(driver)
    draft = services.generate_document(case=case, kind="ruling", actor=personas.head)
    issued = services.issue_document(document=draft, actor=personas.head)
    assert issued.number == "南知裁字〔2026〕1号"
    assert (issued.year, issued.sequence) == (2026, 1)
    version = issued.latest_version()
    data = _docx_bytes(version)
    import hashlib

    assert issued.sha256 == hashlib.sha256(data).hexdigest() == version.sha256
    assert "南知裁字〔2026〕1号" in issued.text
    assert "本局认为" in issued.text and "十五日" in issued.text
    # Immutable: no regeneration, no upload, no second issue, no new version.
    with pytest.raises(TransitionNotAllowed):
        services.generate_document(case=case, kind="ruling", actor=personas.head)
    upload = SimpleUploadedFile("x.docx", data)
    with pytest.raises(TransitionNotAllowed):
        services.upload_corrected_version(document=issued, uploaded_file=upload,
                                          actor=personas.head)
    with pytest.raises(TransitionNotAllowed):
        services.issue_document(document=issued, actor=personas.head)
    with pytest.raises(ImmutableDocument):
        DocumentVersion.objects.create(document=issued, n=99, sha256="0" * 64,
                                       source=VersionSource.RENDERED)
    # What was issued is the draft itself with its number and date: nothing re-rendered.
    assert issued.versions.count() == 2
    draft_text = extract_text(_docx_bytes(issued.versions.get(n=1)))
    assert draft_text.replace(services.DRAFT_NUMBER, "南知裁字〔2026〕1号").replace(
        services.DRAFT_DATE, written_date(timezone.localdate())) == issued.text


def test_a_document_issued_on_a_past_day_is_dated_that_day(driver, personas):
    # The demo data's history is dated in the past: its documents printed the day it was
    # loaded while their issue was dated back, and cited acts dated after them.
    from datetime import timedelta

    case = _reviewed(driver)
    draft = services.generate_document(case=case, kind="ruling", actor=personas.head)
    with pytest.raises(ValidationError):
        services.issue_document(document=draft, actor=personas.head,
                                on=timezone.localdate() + timedelta(days=1))
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.number is None
    on = timezone.localdate() - timedelta(days=1)
    issued = services.issue_document(document=draft, actor=personas.head, on=on)
    assert timezone.localdate(issued.issued_at) == on
    assert issued.text.rstrip().endswith(written_date(on)), issued.text[-200:]


def test_voiding_keeps_the_number_used(driver, personas):
    case = _reviewed(driver)
    first = services.issue_document(
        document=services.generate_document(case=case, kind="ruling", actor=personas.head),
        actor=personas.head)
    with pytest.raises(ValidationError):
        services.void_document(document=first, actor=personas.head, reason=" ")
    voided = services.void_document(document=first, actor=personas.head,
                                    reason="当事人名称有误，重新制作。")
    assert voided.state == DocumentState.VOIDED and voided.number == "南知裁字〔2026〕1号"
    second = services.issue_document(
        document=services.generate_document(case=case, kind="ruling", actor=personas.head),
        actor=personas.head)
    assert second.number == "南知裁字〔2026〕2号"
    with pytest.raises(TransitionNotAllowed):
        services.void_document(document=voided, actor=personas.head, reason="again")


def test_a_failed_render_keeps_the_previous_version_and_records_the_error(
        driver, personas, django_capture_on_commit_callbacks):
    case = driver.bring_to(S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.generate_document(case=case, kind="acceptance_notice",
                                           actor=personas.officer)
    good = draft.latest_version()
    # An administrator activates a broken template of the same kind.
    broken = DocumentTemplate.objects.get(kind="acceptance_notice", is_active=True)
    with broken.file.open("rb") as handle:
        doc = DocxDocument(io.BytesIO(handle.read()))
    doc.add_paragraph("{{ office.name.nope() }}")
    out = io.BytesIO()
    doc.save(out)
    broken.file.save("broken.docx", SimpleUploadedFile("b.docx", out.getvalue()))
    with django_capture_on_commit_callbacks(execute=True):
        services.generate_document(case=case, kind="acceptance_notice", actor=personas.officer)
    draft.refresh_from_db()
    assert draft.render_status == RenderStatus.FAILED
    assert "nope" in draft.render_error or "Undefined" in draft.render_error
    assert draft.latest_version() == good
    assert extract_text(_docx_bytes(good))


@override_settings(DOCUMENTS_RENDER_TIMEOUT=1, DOCUMENTS_RENDER_MEMORY_MB=128)
def test_a_template_that_never_finishes_fails_the_draft_and_leaves_the_case_usable(
        driver, personas, django_capture_on_commit_callbacks):
    """A stored template with loops inside loops held the worker for hours."""
    case = driver.bring_to(S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.generate_document(case=case, kind="acceptance_notice",
                                           actor=personas.officer)
    good = draft.latest_version()
    active = DocumentTemplate.objects.get(kind="acceptance_notice", is_active=True)
    with active.file.open("rb") as handle:
        shipped = handle.read()
    doc = DocxDocument(io.BytesIO(shipped))
    doc.add_paragraph("{% for a in range(1000) %}{% for b in range(1000) %}"
                      "{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}")
    out = io.BytesIO()
    doc.save(out)
    active.file.save("hostile.docx", SimpleUploadedFile("h.docx", out.getvalue()))
    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):
        services.generate_document(case=case, kind="acceptance_notice", actor=personas.officer)
    draft.refresh_from_db()
    assert draft.render_status == RenderStatus.FAILED
    assert draft.render_error == "模板渲染超过1秒，已被停止。"
    assert draft.latest_version() == good
    assert CaseEvent.objects.filter(case=case, name="document_render_failed").exists()
    # The administrator puts the shipped template back: the next draft renders.
    active.file.save("fixed.docx", SimpleUploadedFile("f.docx", shipped))
    with django_capture_on_commit_callbacks(execute=True):
        services.generate_document(case=case, kind="acceptance_notice", actor=personas.officer)
    draft.refresh_from_db()
    assert draft.render_status == RenderStatus.DONE
    assert draft.latest_version().n == good.n + 1


def test_a_corrected_upload_must_be_a_word_document_and_is_issued_with_its_number(
        driver, personas, django_capture_on_commit_callbacks):
    case = driver.bring_to(S.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.generate_document(case=case, kind="acceptance_notice",
                                           actor=personas.officer)
    with pytest.raises(ValidationError) as err:
        services.upload_corrected_version(
            document=draft, uploaded_file=SimpleUploadedFile("a.docx", b"not a docx"),
            actor=personas.officer)
    assert "file" in err.value.message_dict
    doc = DocxDocument(io.BytesIO(_docx_bytes(draft.latest_version())))
    doc.add_paragraph("经核对，补充说明：请于收到本通知之日起按期参加。")
    doc.add_paragraph("请求人联系人手机138 1234 5678，住广西壮族自治区南宁市西乡塘区大学东路1号"
                      "5栋501室。")
    out = io.BytesIO()
    doc.save(out)
    version = services.upload_corrected_version(
        document=draft, uploaded_file=SimpleUploadedFile("fixed.docx", out.getvalue()),
        actor=personas.officer)
    assert (version.n, version.source) == (2, VersionSource.UPLOADED)
    # The upload gets its public copy too, through the same masking function.
    with version.public_file.open("rb") as handle:
        public = extract_text(handle.read())
    assert "138****5678" in public and "1234 5678" not in public
    assert "南宁市西乡塘区****" in public and "大学东路1号" not in public
    assert "补充说明" in public
    issued = services.issue_document(document=draft, actor=personas.officer)
    assert issued.number == "南知受字〔2026〕1号"
    assert "南知受字〔2026〕1号" in issued.text and "补充说明" in issued.text
    assert services.DRAFT_NUMBER not in issued.text
    assert [v.n for v in issued.versions.all()] == [1, 2, 3]


def test_upload_size_limit(driver, personas, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1024
    case = driver.bring_to(S.ACCEPTED)
    draft = services.generate_document(case=case, kind="acceptance_notice",
                                       actor=personas.officer)
    with pytest.raises(ValidationError):
        services.upload_corrected_version(
            document=draft, uploaded_file=SimpleUploadedFile("big.docx", b"x" * 2048),
            actor=personas.officer)


def test_who_may_handle_documents(driver, personas):
    case = _reviewed(driver)
    with pytest.raises(OutOfScope):
        services.generate_document(case=case, kind="ruling", actor=personas.outsider)
    with pytest.raises(PermissionDenied):
        services.generate_document(case=case, kind="ruling", actor=personas.mediator)
    draft = services.generate_document(case=case, kind="ruling", actor=personas.officer)
    with pytest.raises(PermissionDenied):  # the ruling is issued by the head
        services.issue_document(document=draft, actor=personas.officer)
    assert Document.objects.get(pk=draft.pk).number is None


def test_a_ruling_before_legal_review_cannot_be_issued_and_takes_no_number(driver, personas):
    case = driver.bring_to(S.PENDING_APPROVAL)
    draft = services.generate_document(case=case, kind="ruling", actor=personas.head)
    with pytest.raises(TransitionNotAllowed):
        services.issue_document(document=draft, actor=personas.head)
    driver.act(case, "record_legal_review")
    assert services.issue_document(document=draft, actor=personas.head).sequence == 1


def test_deciding_is_refused_without_an_issued_ruling(driver, personas):
    case = _reviewed(driver)
    from cases.services.runner import perform_transition

    with translation.override("en"), pytest.raises(TransitionNotAllowed) as err:
        perform_transition(case_id=case.pk, actor=personas.head, name="decide",
                           data={"decided_on": date(2026, 3, 2)})
    assert "ruling document" in str(err.value)
    case.refresh_from_db()
    assert case.state == S.PENDING_APPROVAL
    draft = services.generate_document(case=case, kind="ruling", actor=personas.head)
    services.issue_document(document=draft, actor=personas.head)
    case = perform_transition(case_id=case.pk, actor=personas.head, name="decide",
                              data={"decided_on": timezone.localdate()})
    assert case.state == S.DECIDED


def test_the_ruling_is_served_on_the_date_of_its_proof_of_service(driver, personas,
                                                                  time_machine):
    case = driver.bring_to(S.DECIDED)
    ruling = Document.objects.get(case=case, kind="ruling", state=DocumentState.ISSUED)
    driver.advance_days(6)
    respondent = case.case_parties.get(role="respondent").party
    with pytest.raises(ValidationError):
        services.record_service(document=ruling, actor=personas.officer,
                                served_on=date(2027, 1, 1), method="direct")
    served_on = timezone.localdate(ruling.issued_at) + timedelta(days=2)
    services.record_service(document=ruling, actor=personas.officer,
                            served_on=served_on, method="mail", party=respondent,
                            recipient="张三（收发室）")
    # The form's own date is overridden by the proof of service.
    case = driver.act(case, "serve_ruling", served_on=served_on + timedelta(days=3))
    assert case.ruling.ruling_served_on == served_on
    ends = case.ruling.suit_period_ends_on
    assert ends is not None and ends > served_on


def test_a_proof_of_service_dated_before_the_document_was_issued_is_refused(
        driver, personas, time_machine):
    case = driver.bring_to(S.DECIDED)
    ruling = Document.objects.get(case=case, kind="ruling", state=DocumentState.ISSUED)
    issued_on = timezone.localdate(ruling.issued_at)
    driver.advance_days(6)
    with pytest.raises(ValidationError) as exc:
        services.record_service(document=ruling, actor=personas.officer,
                                served_on=issued_on - timedelta(days=1), method="direct")
    message = exc.value.message_dict["served_on"][0]
    assert str(issued_on) in message and str(issued_on - timedelta(days=1)) in message
    assert not ruling.service_records.exists()


def test_a_notice_of_acceptance_printed_again_later_is_dated_the_day_of_acceptance(
        driver, personas, time_machine):
    """The 受理通知书 is the written form of the acceptance: issued a month later (the first
    copy lost), it is dated the day the case was accepted, not the day it is printed; the
    draft keeps the place for the date, as every draft does."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    case = driver.bring_to(S.ACCEPTED)  # accepted on Monday 2 March 2026
    time_machine.move_to(datetime(2026, 4, 8, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    draft = services.generate_document(case=case, kind="acceptance_notice",
                                       actor=personas.officer)
    services.render_draft(draft.pk)
    draft.refresh_from_db()
    assert services.DRAFT_DATE in extract_text(_docx_bytes(draft.latest_version()))
    issued = services.issue_document(document=draft, actor=personas.officer)
    assert "2026年3月2日" in issued.text and "2026年4月8日" not in issued.text


@pytest.mark.parametrize("reason", ["当事人名称有误\x00", "当事人\x01名称有误"])
def test_a_void_reason_with_control_characters_is_a_400_and_voids_nothing(
        driver, personas, client, reason):
    """The void form's reason went to the service as typed: a NUL was stored (a 500 on
    PostgreSQL), other control characters kept invisible on the timeline."""
    case = _reviewed(driver)
    issued = services.issue_document(
        document=services.generate_document(case=case, kind="ruling", actor=personas.head),
        actor=personas.head)
    client.force_login(personas.head)
    resp = client.post(f"/cases/{case.pk}/documents/{issued.pk}/void/", {"reason": reason},
                       HTTP_HX_REQUEST="true")
    assert resp.status_code == 400 and "控制字符" in resp.content.decode()
    issued.refresh_from_db()
    assert (issued.state, issued.void_reason) == (DocumentState.ISSUED, "")


def test_a_rejection_where_the_office_has_no_court_says_where_to_set_it(driver, personas):
    """The region's office has no city whose intermediate court hears suits against it:
    its court is an administrator's setting, and the refusal says so (decision 107)."""
    from cases.models import Office

    case = driver.act(driver.file(), "reject")
    Office.objects.filter(pk=case.office_id).update(level="province", competent_court="")
    case.refresh_from_db()
    with translation.override("en"), pytest.raises(services.MissingValues) as refused:
        services.generate_documents(case=case, kind="rejection_notice", actor=personas.head)
    assert str(refused.value).endswith("competent court (office settings).")
    assert not Document.objects.filter(case=case).exists()
    Office.objects.filter(pk=case.office_id).update(competent_court="南宁铁路运输法院")
    assert services.generate_documents(case=case, kind="rejection_notice", actor=personas.head)
