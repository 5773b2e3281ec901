"""The documents panel: generate, progress, download, issue, void, through the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas, calendar_2026, deadline_rules, time_machine, settings, tmp_path):
    from cases.models import DocumentNumberPrefix
    from documents.services import seed_default_templates

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    seed_default_templates()
    DocumentNumberPrefix.objects.get_or_create(office=personas.officer.office, kind="ruling",
                                               defaults={"prefix": "南知裁字"})
    driver = RulingDriver(personas, time_machine)
    case = driver.bring_to("pending_approval")
    driver.act(case, "record_legal_review")
    return case


def test_generate_then_download_a_draft(client, personas, case,
                                       django_capture_on_commit_callbacks):
    client.force_login(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):  # the render task, after commit
        response = client.post(reverse("document-generate", args=[case.pk]),
                               {"kind": "ruling"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-document="ruling"' in html and 'data-state="draft"' in html
    html = client.get(reverse("case-documents", args=[case.pk])).content.decode()
    assert "dl-docx" in html and "every 2s" not in html
    doc = case.documents.get(kind="ruling")
    download = client.get(reverse("document-download", args=[case.pk, doc.pk, "docx"]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_only_the_head_can_issue_the_ruling_and_then_decide(client, personas, case):
    from documents.models import Document

    client.force_login(personas.officer)
    client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"})
    doc = Document.objects.get(case=case, kind="ruling")
    html = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert 'data-doc-action="issue"' not in html  # not offered to the officer
    refused = client.post(reverse("document-issue", args=[case.pk, doc.pk]),
                          HTTP_HX_REQUEST="true")
    assert refused.status_code == 403
    client.logout()
    client.force_login(personas.head)
    response = client.post(reverse("document-issue", args=[case.pk, doc.pk]),
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    doc.refresh_from_db()
    assert doc.state == "issued" and doc.number and doc.number in response.content.decode()
    decided = client.post(reverse("case-action", args=[case.pk, "decide"]),
                          {"decided_on": timezone.localdate().isoformat(),
                           "expected_state": "pending_approval"})
    assert decided.status_code == 302
    case.refresh_from_db()
    assert case.state == "decided"
    # The timeline reads in Chinese: the issue with the ruling's number, no internal names.
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert f"文书：签发文书 <span class=\"fw-normal\">· 行政裁决 {doc.number}</span>" in page
    assert "document_" not in page


def test_voiding_needs_a_reason(client, personas, case):
    from documents.models import Document

    client.force_login(personas.officer)
    client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"})
    doc = Document.objects.get(case=case, kind="ruling")
    response = client.post(reverse("document-void", args=[case.pk, doc.pk]), {"reason": ""},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 400 and "alert-danger" in response.content.decode()
    response = client.post(reverse("document-void", args=[case.pk, doc.pk]),
                           {"reason": "事实认定有误，重新起草。"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    doc.refresh_from_db()
    assert doc.state == "voided"


def test_the_panel_polls_while_a_document_renders(client, personas, case):
    from documents.models import Document

    client.force_login(personas.officer)
    client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"})
    Document.objects.filter(case=case).update(render_status="running")
    html = client.get(reverse("case-documents", args=[case.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in html and "render-progress" in html


def test_documents_are_out_of_reach_outside_the_scope(client, personas, case):
    from documents.models import Document

    client.force_login(personas.officer)
    client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"})
    doc = Document.objects.get(case=case, kind="ruling")
    client.logout()
    client.force_login(personas.outsider)
    assert client.get(reverse("document-download", args=[case.pk, doc.pk, "docx"])) \
        .status_code == 404
    assert client.post(reverse("document-generate", args=[case.pk]),
                       {"kind": "ruling"}).status_code == 404


def test_every_download_link_of_the_panel_answers_with_its_file(client, personas, case,
                                                                django_capture_on_commit_callbacks):
    """Clicking each link (.docx, .pdf, public copy): none is caught by an action's URL."""
    import re

    from documents.models import DocumentVersion, PdfStatus

    client.force_login(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"})
    for version in DocumentVersion.objects.filter(document__case=case):
        if version.pdf_status != PdfStatus.DONE:  # without LibreOffice: a stand-in PDF
            from django.core.files.base import ContentFile

            version.pdf.save("stand-in.pdf", ContentFile(b"%PDF-1.4 stand-in"), save=False)
            version.pdf_status = PdfStatus.DONE
            version.save()
    html = client.get(reverse("case-documents", args=[case.pk])).content.decode()
    links = re.findall(r'<a href="([^"]+)" class="[^"]*\bdl-(\w+)', html)
    assert {kind for _href, kind in links} == {"docx", "pdf", "public"}
    for href, kind in links:
        response = client.get(href.replace("&amp;", "&"))
        assert response.status_code == 200, (kind, href, response.status_code)
        body = b"".join(response.streaming_content)
        assert body[:4] == (b"%PDF" if kind == "pdf" else b"PK\x03\x04"), kind


def test_the_panel_says_when_the_pdf_uses_substitute_fonts(client, personas, case, settings,
                                                           tmp_path):
    client.force_login(personas.officer)
    client.post(reverse("document-generate", args=[case.pk]), {"kind": "ruling"})
    settings.DOCUMENT_FONT_DIR = ""
    html = client.get(reverse("case-documents", args=[case.pk])).content.decode()
    assert "font-fallback" in html and "仿宋_GB2312" in html and "方正小标宋简体" in html
    # A setting's name is for administrators, not for the officer.
    assert "DOCUMENT_FONT_DIR" not in html and "免费字体" in html
    personas.officer.is_superuser = True
    personas.officer.save(update_fields=["is_superuser"])
    html = client.get(reverse("case-documents", args=[case.pk])).content.decode()
    assert "DOCUMENT_FONT_DIR" in html


def test_a_document_with_a_missing_value_is_refused_with_the_list(client, personas, case):
    from django.utils.translation import gettext

    from cases.models import Case
    from cases.ruling.models import RulingCase

    accepted = Case.objects.get(pk=case.pk)
    RulingCase.objects.filter(pk=case.pk).update(findings="", facts="", reasoning="")
    client.force_login(personas.officer)
    response = client.post(reverse("document-generate", args=[accepted.pk]),
                           {"kind": "ruling"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    html = response.content.decode()
    assert gettext("facts found") in html and gettext("reasoning") in html
    assert not accepted.documents.filter(kind="ruling").exists()


def test_a_notice_is_generated_for_each_party_served(client, personas, case):
    client.force_login(personas.officer)
    response = client.post(reverse("document-generate", args=[case.pk]),
                           {"kind": "hearing_notice"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    names = [cp.party.name for cp in case.case_parties.select_related("party")]
    assert html.count('data-document="hearing_notice"') == 2
    assert all(f"→ {name}" in html for name in names)


def test_the_page_says_how_many_documents_were_made(client, personas, case):
    client.force_login(personas.officer)
    response = client.post(reverse("document-generate", args=[case.pk]),
                           {"kind": "hearing_notice"}, follow=True)
    assert response.status_code == 200
    said = [str(m) for m in response.context["messages"]]
    assert said == [ngettext("The document is being generated.",
                             "%(n)s documents are being generated, one for each party.",
                             2) % {"n": 2}]
    assert case.documents.filter(kind="hearing_notice").count() == 2


def _offered(client, case):
    import re

    html = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    menu = html[html.find('id="doc-kind"'):]
    menu = menu[:menu.find("</select>")]
    return set(re.findall(r'<option value="([a-z_]+)"', menu))


def test_the_documents_menu_offers_only_what_fits_the_state(client, personas, calendar_2026,
                                                            deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    driver = RulingDriver(personas, time_machine)
    client.force_login(personas.officer)
    received = driver.file()
    # Nothing to print before the officer asks for a correction: the notice lists the items
    # the action records.
    assert _offered(client, received) == set()
    assert _offered(client, driver.act(received, "request_correction")) == {"correction_notice"}
    # Once the materials are received, the request is dated that day: a notice printed
    # then would say the complete materials were incomplete.
    assert _offered(client, driver.act(received, "receive_correction")) == set()
    accepted = driver.bring_to("accepted")
    offered = _offered(client, accepted)
    assert "answer_notice" in offered and "acceptance_notice" in offered
    # Nothing issued to serve yet, no extension asked for.
    assert not offered & {"ruling", "reminder", "closing_report", "correction_notice",
                          "hearing_notice", "suspension_notice", "service_receipt",
                          "extension_approval"}
    driver.issue_answer_notice(accepted)
    assert "answer_notice" not in _offered(client, accepted)  # issued: done
    assert "service_receipt" in _offered(client, accepted)


def test_the_extension_form_is_offered_once_submitted_and_reads_the_submitted_reason(
        client, personas, calendar_2026, deadline_rules, time_machine):
    """The 延长审理期限审批表 is what goes to the head: offered as soon as the officer submits
    the extension, printed with his reasons before the head has decided."""
    from cases import workflows
    from cases.services import approvals
    from documents.context import missing_fields

    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    driver = RulingDriver(personas, time_machine)
    client.force_login(personas.officer)
    case = driver.bring_to("investigation")
    assert "extension_approval" not in _offered(client, case)
    approvals.submit(case_id=case.pk, actor=personas.officer, name="extend_time_limit",
                     data={"reason": "需要委托技术鉴定。"})
    assert "extension_approval" in _offered(client, case)
    rule = workflows.document_rule("ruling", "extension_approval")
    context = dict(rule.context(case.flow, kind="extension_approval", number="",
                                on=case.received_on, party=None))
    assert context["extension"]["reason"] == "需要委托技术鉴定"  # a clause, as printed
    assert missing_fields("extension_approval", context) == []
