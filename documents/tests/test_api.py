"""The documents API: 202 with a status URL, downloads, issue and void, and the error codes."""

from __future__ import annotations

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from docx import Document as DocxDocument
from rest_framework.test import APIClient

from cases.models import DocumentNumberPrefix
from cases.ruling.models import CaseState
from documents import services
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine, offices):
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="ruling", prefix="南知裁字")
    services.seed_default_templates()
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    return RulingDriver(personas, time_machine)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_generate_poll_issue_download_and_void(driver, personas,
                                               django_capture_on_commit_callbacks):
    case = driver.act(driver.bring_to(CaseState.PENDING_APPROVAL), "record_legal_review")
    head = client_for(personas.head)
    url = f"/api/v1/cases/{case.pk}/documents/"
    with django_capture_on_commit_callbacks(execute=True):
        resp = head.post(url, {"kind": "ruling"}, format="json")
    assert resp.status_code == 202, resp.json()
    status_url = resp.json()["status_url"]
    assert resp["Location"] == status_url
    status = head.get(status_url).json()
    assert (status["state"], status["render_status"]) == ("draft", "done")
    assert [v["n"] for v in status["versions"]] == [1]

    draft_file = head.get(status["links"]["docx"])
    assert draft_file.status_code == 200
    DocxDocument(io.BytesIO(b"".join(draft_file.streaming_content)))

    issued = head.post(status["links"]["issue"])
    assert issued.status_code == 200
    assert issued.json()["number"] == "南知裁字〔2026〕1号"
    assert issued.json()["state"] == "issued"
    # Issuing twice is not possible in the issued state.
    assert head.post(status["links"]["issue"]).status_code == 409

    public = head.get(status["links"]["public"])
    assert public.status_code == 200
    assert "attachment" in public["Content-Disposition"]
    # No LibreOffice run here: the PDF is not ready, said with 409 rather than a 500.
    pdf = head.get(status["links"]["pdf"])
    assert pdf.status_code in (200, 409)
    assert head.get(status["links"]["docx"].replace("docx", "odt")).status_code == 400

    listed = head.get(url).json()
    # The notice to answer was issued before the respondent was served.
    assert [d["number"] for d in listed] == ["南知答字〔2026〕1号", "南知裁字〔2026〕1号"]

    assert head.post(status["links"]["void"], {}, format="json").status_code == 400
    voided = head.post(status["links"]["void"], {"reason": "文号编错"}, format="json")
    assert voided.status_code == 200
    assert (voided.json()["state"], voided.json()["number"]) == ("voided",
                                                                "南知裁字〔2026〕1号")


def test_scope_and_permission_answers(driver, personas):
    case = driver.bring_to(CaseState.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/documents/"
    assert client_for(personas.outsider).get(url).status_code == 404
    assert client_for(personas.outsider).post(url, {"kind": "ruling"},
                                              format="json").status_code == 404
    assert client_for(personas.mediator).post(url, {"kind": "ruling"},
                                              format="json").status_code == 403
    assert client_for(personas.officer).post(url, {"kind": "nonsense"},
                                             format="json").status_code == 400
    # The case is only accepted: a ruling would print without facts, order or reasoning.
    refused = client_for(personas.officer).post(url, {"kind": "ruling"}, format="json")
    assert refused.status_code == 409
    # The request's own facts are 请求人称, never the office's findings (decision 67).
    assert "经审理查明" in str(refused.json()) and "本局认为" in str(refused.json())
    created = client_for(personas.officer).post(url, {"kind": "acceptance_notice"},
                                                format="json")
    assert created.status_code == 202
    doc_url = created.json()["status_url"]
    assert client_for(personas.outsider).get(doc_url).status_code == 404
    assert client_for(personas.outsider).post(doc_url + "issue/").status_code == 404
    assert client_for(personas.mediator).post(doc_url + "issue/").status_code == 403
    # No number prefix for acceptance notices in this office: issuing is refused.
    assert client_for(personas.head).post(doc_url + "issue/").status_code == 409
    # Nothing rendered yet (the render runs after commit): download answers 409.
    assert client_for(personas.officer).get(doc_url + "download/").status_code == 409
    assert APIClient().get(doc_url).status_code in (401, 403)


def test_uploading_a_corrected_copy(driver, personas, django_capture_on_commit_callbacks):
    case = driver.bring_to(CaseState.ACCEPTED)
    officer = client_for(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        doc_url = officer.post(f"/api/v1/cases/{case.pk}/documents/",
                               {"kind": "acceptance_notice"}, format="json").json()["status_url"]
    bad = officer.post(doc_url + "versions/",
                       {"file": io.BytesIO(b"plain text")}, format="multipart")
    assert bad.status_code == 400 and "file" in bad.json()
    draft = b"".join(officer.get(doc_url + "download/?format=docx").streaming_content)
    upload = io.BytesIO(draft)
    upload.name = "corrected.docx"
    good = officer.post(doc_url + "versions/", {"file": upload}, format="multipart")
    assert good.status_code == 201
    assert [v["source"] for v in good.json()["versions"]] == ["rendered", "uploaded"]


def test_generating_answers_with_every_document_made_one_per_party(driver, personas):
    case = driver.bring_to(CaseState.HEARING_SCHEDULED)
    resp = client_for(personas.officer).post(f"/api/v1/cases/{case.pk}/documents/",
                                             {"kind": "hearing_notice"}, format="json")
    assert resp.status_code == 202, resp.json()
    made = resp.json()["documents"]
    parties = {cp.party_id: cp.party.name for cp in case.case_parties.select_related("party")}
    assert sorted(d["party"] for d in made) == sorted(parties)
    assert {d["party_name"] for d in made} == set(parties.values())
    assert len({d["status_url"] for d in made}) == len(made) == 2
    assert resp["Location"] == made[0]["status_url"] == resp.json()["status_url"]
    listed = client_for(personas.officer).get(f"/api/v1/cases/{case.pk}/documents/").json()
    assert sorted(d["id"] for d in listed if d["kind"] == "hearing_notice") == sorted(
        d["id"] for d in made)
