"""Hygiene of exports, downloads and ids (issue 9, item 13): spreadsheet cells that would be
formulas are text, an exhibit's download name follows its proved type, the service-record
party lookup answers the same for a missing and a foreign id, and bad ids are 400s."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from cases.exports import neutralise
from cases.models import Evidence
from tests.factories import LegalPersonFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
HUGE = "9" * 30


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    return RulingDriver(personas, time_machine)


@pytest.mark.parametrize("text", ["=1+1", "+86 771", "-2", "@SUM(A1)", "\t=x"])
def test_formula_like_text_is_neutralised(text):
    assert neutralise(text) == "'" + text
    assert neutralise("南宁甲公司") == "南宁甲公司" and neutralise(-2) == -2


def test_the_case_export_writes_formula_like_names_as_text(client, personas, driver):
    evil = LegalPersonFactory(office=personas.officer.office, name="=HYPERLINK(\"http://x\")",
                              region_code="450103")
    driver.file(title="@SUM(1,2)", requester=evil)
    client.force_login(personas.officer)
    response = client.get(reverse("case-export"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    row = [c for c in sheet.iter_rows(min_row=2, max_row=2)][0]
    assert row[1].value == "'@SUM(1,2)" and row[1].data_type == "s"
    requesters = [c.value for c in sheet[1]].index("请求人")
    assert row[requesters].value.startswith("'=HYPERLINK")
    assert row[requesters].data_type == "s"


def test_an_exhibit_downloads_with_the_extension_of_its_proved_type(client, personas, driver):
    case = driver.file()
    item = Evidence(case=case, original_name="证据一.html", content_type="application/pdf",
                    size=len(PDF), uploaded_by=personas.officer)
    item.file.save("evidence", SimpleUploadedFile("x", PDF))
    client.force_login(personas.officer)
    response = client.get(reverse("evidence-download", args=[case.pk, item.pk]))
    disposition = response["Content-Disposition"]
    assert ".pdf" in disposition and ".html" not in disposition


def test_the_service_record_answers_the_same_for_a_missing_and_a_foreign_party(
        personas, driver, offices):
    from documents.models import Document, DocumentState, DocumentTemplate, ServiceRecord
    from documents.services import seed_default_templates

    seed_default_templates()
    case = driver.file()
    document = Document.objects.create(
        case=case, kind="ruling", state=DocumentState.ISSUED, number="南知裁字〔2026〕1号",
        template=DocumentTemplate.objects.filter(kind="ruling").first())
    foreign = LegalPersonFactory(office=offices.liuzhou, region_code="450200")
    api = APIClient()
    api.force_authenticate(personas.officer)
    url = reverse("api-document-service", args=[document.pk])
    answers = []
    for party in (foreign.pk, foreign.pk + 10_000, HUGE):
        response = api.post(url, {"served_on": "2026-03-02", "method": "direct",
                                   "party": party}, format="json")
        answers.append(response.status_code)
    assert answers[0] == answers[1] == answers[2] == 400
    assert not ServiceRecord.objects.filter(document=document).exists()


@pytest.mark.parametrize("url", [
    f"/api/v1/cases/?officer={HUGE}", "/api/v1/cases/?officer=abc",
    "/cases/new/parties/chip/?id=abc", f"/cases/new/parties/chip/?id={HUGE}",
    "/cases/new/patents/chip/?id=abc", f"/?page={HUGE}", f"/cases/?officer={HUGE}",
    f"/cases/export.xlsx?officer={HUGE}",
])
def test_bad_ids_are_400_never_500(personas, url):
    client = Client(raise_request_exception=False)
    client.force_login(personas.officer)
    assert client.get(url).status_code == 400


def test_the_case_export_tells_two_workflows_outcomes_apart(client, personas, driver,
                                                            mediation_driver):
    driver.file()
    mediation = mediation_driver.to_state("agreed")
    client.force_login(personas.officer)
    response = client.get(reverse("case-export"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    assert len(set(header)) == len(header), header
    assert "处理结果（行政裁决）" in header and "处理结果（行政调解）" in header
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == mediation.number)
    agreed = row[header.index("协议金额（元）")]
    assert agreed.data_type == "n" and agreed.value > 0
    assert agreed.number_format == "#,##0.00"  # 30,000.00, as the pages print it
