"""The ruling workflow through the REST API, as an officer, a head and legal staff use it."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from rest_framework.test import APIClient

from cases import workdays
from cases.models import Case, DocumentNumberPrefix
from cases.ruling.models import ACCEPTANCE_CHECKLIST_ITEMS
from tests.factories import LegalPersonFactory, PatentFactory
from tests.ruling_driver import hearing_attendance

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture
def api(personas, calendar_2026, deadline_rules, time_machine, offices):
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return APIClient()


def as_user(client: APIClient, user) -> APIClient:
    client.force_authenticate(user)
    return client


def _request_body(offices, **overrides):
    requester = LegalPersonFactory(office=offices.nanning, region_code="450103",
                                   name="广西南宁某某科技有限公司")
    respondent = LegalPersonFactory(office=offices.nanning, region_code="450107",
                                    name="南宁市某某电器有限公司")
    patent = PatentFactory(office=offices.nanning, holder=requester)
    body = {
        "title": "侵害发明专利权纠纷", "received_on": "2026-03-02",
        "requesters": [{"party": requester.pk}], "respondents": [{"party": respondent.pk}],
        "rights": [patent.pk], "accused_products": ["一种电动车控制器"],
        "infringing_acts": ["make", "sell"], "infringement_region_code": "450103",
        "requester_claims": "请求责令停止侵权。", "facts": "被请求人制造、销售侵权产品。",
    }
    body.update(overrides)
    return body


def _post(client, url, data=None):
    return client.post(url, data or {}, format="json")


def test_officer_takes_a_request_to_a_closed_case(api, personas, offices, time_machine):
    client = as_user(api, personas.officer)
    resp = _post(client, "/api/v1/cases/", _request_body(offices))
    assert resp.status_code == 201, resp.json()
    case = resp.json()
    case_id = case["id"]
    assert case["state"] == "received"
    assert case["number"].startswith("南知案字〔2026〕")
    assert [d["code"] for d in case["deadlines"]] == ["ruling.acceptance_decision"]
    assert {t["name"] for t in case["available_transitions"]} >= {"accept", "reject",
                                                                  "request_correction"}

    def step(user, name, data=None):
        resp = _post(as_user(api, user), f"/api/v1/cases/{case_id}/transitions/{name}/", data)
        assert resp.status_code == 200, (name, resp.json())
        return resp.json()

    today = "2026-03-02"
    accept = {"accepted_on": today, "officer_in_charge": personas.officer.pk,
              "panel": [personas.officer.pk, personas.officer2.pk, personas.officer3.pk]}
    accept.update({f"check_{k}": True for k, _l in ACCEPTANCE_CHECKLIST_ITEMS})
    # Acceptance needs the head's approval: run directly by the officer it is refused,
    # submitted it waits; the head approves it.
    direct = _post(as_user(api, personas.officer),
                   f"/api/v1/cases/{case_id}/transitions/accept/", accept)
    assert direct.status_code == 403
    submitted = _post(as_user(api, personas.officer),
                      f"/api/v1/cases/{case_id}/transitions/accept/submit/", accept)
    assert submitted.status_code == 201, submitted.json()
    assert submitted.json()["outcome"] == "pending"
    approved = _post(as_user(api, personas.head), submitted.json()["links"]["approve"])
    assert approved.status_code == 200, approved.json()
    assert approved.json()["outcome"] == "approved"
    assert approved.json()["case_state"] == "accepted"
    # Serving needs the notice to answer, issued first (409 without it).
    serve = {"served_on": today, "method": "direct"}
    refused = _post(as_user(api, personas.officer),
                    f"/api/v1/cases/{case_id}/transitions/serve_respondent/", serve)
    assert refused.status_code == 409
    from documents.services import seed_default_templates

    seed_default_templates()
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="answer_notice",
                                        prefix="南知答字")
    notice = _post(as_user(api, personas.officer), f"/api/v1/cases/{case_id}/documents/",
                   {"kind": "answer_notice"})
    assert _post(as_user(api, personas.officer),
                 notice.json()["links"]["issue"]).status_code == 200
    assert step(personas.officer, "serve_respondent", serve)["state"] == "awaiting_answer"
    time_machine.move_to(datetime(2026, 3, 9, 9, 0, tzinfo=SHANGHAI), tick=False)
    step(personas.officer, "record_answer", {"received_on": "2026-03-09",
                                             "defence": "不构成侵权。"})
    hearing = timezone.make_aware(datetime.combine(
        workdays.add_working_days(timezone.localdate(), 4), time(9, 30)))
    step(personas.officer, "schedule_hearing", {"hearing_at": hearing.isoformat(),
                                                "place": "第一审理庭"})
    time_machine.move_to(hearing + timedelta(hours=3), tick=False)
    step(personas.officer, "hold_hearing", {"held_at": (hearing + timedelta(hours=1)).isoformat(),
                                            "minutes": "口审笔录",
                                            **hearing_attendance(Case.objects.get(pk=case_id))})
    step(personas.officer, "submit_for_approval", {
        "draft_outcome": "infringement_found", "draft_order_text": "立即停止制造、销售。",
        "findings": "查明事实", "reasoning": "本局认为"})
    step(personas.legal, "record_legal_review", {"passed": "yes", "opinion": "同意"})
    decided_on = timezone.localdate().isoformat()
    # Deciding approves the issued ruling document: without it the decision is refused.
    refused = _post(as_user(api, personas.head), f"/api/v1/cases/{case_id}/transitions/decide/",
                    {"decided_on": decided_on})
    assert refused.status_code == 409
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="ruling",
                                        prefix="南知裁字")
    head = as_user(api, personas.head)
    draft = _post(head, f"/api/v1/cases/{case_id}/documents/", {"kind": "ruling"})
    assert draft.status_code == 202, draft.json()
    issued = _post(head, draft.json()["links"]["issue"])
    assert issued.json()["number"] == "南知裁字〔2026〕1号"
    assert step(personas.head, "decide", {"decided_on": decided_on})["state"] == "decided"
    served = step(personas.officer, "serve_ruling", {"served_on": decided_on,
                                                     "method": "direct"})
    assert served["state"] == "served"
    # The 15-day suit period passes without a suit.
    ends = datetime.fromisoformat(served["suit_period_ends_on"])
    time_machine.move_to(datetime.combine(ends.date() + timedelta(days=1), time(9),
                                          tzinfo=SHANGHAI), tick=False)
    assert step(personas.officer, "become_effective")["state"] == "effective"
    closed = step(personas.officer, "close", {"summary": "被请求人已停止侵权。"})
    assert closed["state"] == "closed"
    assert closed["available_transitions"] == []

    timeline = as_user(api, personas.officer).get(
        f"/api/v1/cases/{case_id}/timeline/?page_size=100").json()["results"]
    assert [e["name"] for e in timeline if e["kind"] != "document"] == [
        "create", "approval_submitted", "accept", "serve_respondent", "record_answer",
        "schedule_hearing",
        "hold_hearing", "submit_for_approval", "record_legal_review", "decide",
        "serve_ruling", "become_effective", "close"]
    assert {e["actor"] for e in timeline} == {personas.officer.name, personas.legal.name,
                                              personas.head.name}
    # Every entry reads in Chinese, documents with their kind and number.
    assert all(e["label"] and e["label"] != e["name"] for e in timeline), timeline
    issued = [(e["label"], e["detail"]) for e in timeline if e["name"] == "document_issued"]
    assert issued == [("签发文书", "答辩通知书 南知答字〔2026〕1号"),
                      ("签发文书", "行政裁决 南知裁字〔2026〕1号")]
    assert timeline[-1]["to_state_display"] == "已结案"


def test_error_answers(api, personas, offices):
    client = as_user(api, personas.officer)
    case_id = _post(client, "/api/v1/cases/", _request_body(offices)).json()["id"]
    url = f"/api/v1/cases/{case_id}/transitions/"
    # 409: not possible in this state.
    resp = _post(client, url + "decide/", {"decided_on": "2026-03-02"})
    assert resp.status_code == 409 and resp.json()["code"] == "not_allowed"
    # 403: a mediator may not accept.
    resp = _post(as_user(api, personas.mediator), url + "accept/", {})
    assert resp.status_code == 403
    # 404: another office's officer, and an unknown case.
    assert _post(as_user(api, personas.outsider), url + "accept/", {}).status_code == 404
    assert as_user(api, personas.outsider).get(f"/api/v1/cases/{case_id}/").status_code == 404
    assert as_user(api, personas.officer).get("/api/v1/cases/999999/").status_code == 404
    # 400: field errors.
    resp = _post(as_user(api, personas.officer), url + "request_correction/", {"items": " "})
    assert resp.status_code == 400 and "items" in resp.json()
    # 409 with a stale expected_state: somebody changed the case meanwhile.
    resp = _post(client, url + "request_correction/",
                 {"items": "补充证据", "expected_state": "accepted"})
    assert resp.status_code == 409 and resp.json()["code"] == "concurrent_change"
    # An unknown action is a URL that does not exist.
    resp = _post(client, url + "fly_away/", {})
    assert resp.status_code == 404 and resp.json()["code"] == "not_found"


def test_invalid_request_is_refused_with_field_messages(api, personas, offices):
    client = as_user(api, personas.officer)
    body = _request_body(offices, infringing_acts=["steal"], received_on="2099-01-01")
    resp = _post(client, "/api/v1/cases/", body)
    assert resp.status_code == 400
    assert "infringing_acts" in resp.json()
    body = _request_body(offices, received_on="2099-01-01")
    resp = _post(client, "/api/v1/cases/", body)
    assert resp.status_code == 400 and "received_on" in resp.json()


def test_duplicate_request_is_refused_with_the_existing_number(api, personas, offices):
    client = as_user(api, personas.officer)
    body = _request_body(offices)
    first = _post(client, "/api/v1/cases/", body).json()
    resp = _post(client, "/api/v1/cases/", body)
    assert resp.status_code == 400
    assert first["number"] in resp.json()["non_field_errors"][0]  # DRF's key, not "__all__"
    check = _post(client, "/api/v1/cases/intake-check/", body).json()
    assert check["duplicate"]["number"] == first["number"]
    assert check["jurisdiction"]["ok"] is True


def test_list_is_scoped_filtered_and_paginated(api, personas, offices):
    client = as_user(api, personas.officer)
    ids = [_post(client, "/api/v1/cases/", _request_body(offices)).json()["id"]
           for _ in range(3)]
    resp = client.get("/api/v1/cases/?page_size=2")
    body = resp.json()
    assert len(body["results"]) == 2 and body["next"]
    rest = client.get(body["next"]).json()
    assert {c["id"] for c in body["results"] + rest["results"]} == set(ids)
    assert client.get("/api/v1/cases/?state=accepted").json()["results"] == []
    assert len(client.get("/api/v1/cases/?state=received").json()["results"]) == 3
    assert client.get("/api/v1/cases/?state=nonsense").status_code == 400
    assert client.get("/api/v1/cases/?overdue=maybe").status_code == 400
    assert len(client.get("/api/v1/cases/?q=南宁市某某电器").json()["results"]) == 3
    assert client.get("/api/v1/cases/?overdue=true").json()["results"] == []
    assert len(client.get("/api/v1/cases/?due_before=2026-03-31").json()["results"]) == 3
    bad_day = client.get("/api/v1/cases/?due_before=2026-13-01")  # the error names the field
    assert bad_day.status_code == 400 and "due_before" in bad_day.json()
    assert as_user(api, personas.outsider).get("/api/v1/cases/").json()["results"] == []
    # The superior office sees its subordinates' cases.
    assert len(as_user(api, personas.admin).get("/api/v1/cases/").json()["results"]) == 3


def test_schema_and_docs_are_served(api, personas):
    client = as_user(api, personas.officer)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/cases/{case_id}/transitions/{name}/" in schema.content
    client.force_login(personas.officer)  # the docs page is a Django view, not DRF
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and b"SwaggerUIBundle" in script.content


def test_the_schema_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    # Fails on any drf-spectacular warning (an unnamed enum, an unresolvable field).
    call_command("spectacular", "--validate", "--fail-on-warn", "--file",
                 str(tmp_path / "schema.yml"))
    assert "/api/v1/parties/" in (tmp_path / "schema.yml").read_text()


def test_an_action_describes_its_fields_with_the_allowed_people(api, personas, offices):
    client = as_user(api, personas.officer)
    case = _post(client, "/api/v1/cases/", _request_body(offices)).json()
    described = client.get(f"/api/v1/cases/{case['id']}/transitions/accept/")
    assert described.status_code == 200
    body = described.json()
    assert body["available"] is True and body["label"] == "立案"
    fields = {f["name"]: f for f in body["fields"]}
    # The officer submits acceptance for approval: its date is the day the head approves.
    accepted_on = fields["accepted_on"]
    assert accepted_on["type"] == "date" and accepted_on["read_only"]
    assert not accepted_on["required"]
    assert accepted_on["initial"] == timezone.localdate().isoformat()
    assert accepted_on["help_text"] == "以负责人批准之日为准。"
    officers = {c["value"]: c["label"] for c in fields["officer_in_charge"]["choices"]}
    assert set(officers) == {personas.officer.pk, personas.officer2.pk, personas.officer3.pk}
    assert fields["panel"]["type"] == "multiple_choice"
    assert "approved_by" not in fields  # the head approves; nobody names one
    assert all(fields[f"check_{k}"]["type"] == "boolean" for k, _l in ACCEPTANCE_CHECKLIST_ITEMS)
    assert "expected_state" not in fields
    # Described even when it cannot run now; unknown actions and other offices are 404.
    later = client.get(f"/api/v1/cases/{case['id']}/transitions/close/").json()
    assert later["available"] is False
    assert client.get(f"/api/v1/cases/{case['id']}/transitions/fly/").status_code == 404
    outsider = as_user(APIClient(), personas.outsider)
    assert outsider.get(f"/api/v1/cases/{case['id']}/transitions/accept/").status_code == 404


def test_every_action_can_be_described_in_any_state(api, personas, offices):
    from cases.ruling.actions import ACTIONS

    client = as_user(api, personas.officer)
    case = _post(client, "/api/v1/cases/", _request_body(offices)).json()
    head = as_user(APIClient(), personas.head)
    for name in ACTIONS:
        for user_client in (client, head):
            resp = user_client.get(f"/api/v1/cases/{case['id']}/transitions/{name}/")
            assert resp.status_code == 200, (name, resp.content[:300])
            assert all(f["label"] and f["type"] for f in resp.json()["fields"]), name


@pytest.mark.parametrize("value", ["no", "false", 0, 1, "yes", "off"])
def test_a_boolean_that_is_not_true_or_false_is_a_400_naming_the_field(api, personas,
                                                                        offices, value):
    client = as_user(api, personas.officer)
    case_id = _post(client, "/api/v1/cases/", _request_body(offices)).json()["id"]
    body = {"accepted_on": "2026-03-02", "officer_in_charge": personas.officer.pk,
            "panel": [personas.officer.pk, personas.officer2.pk, personas.officer3.pk]}
    body.update({f"check_{k}": True for k, _l in ACCEPTANCE_CHECKLIST_ITEMS})
    body["check_no_court_suit"] = value
    resp = _post(client, f"/api/v1/cases/{case_id}/transitions/accept/submit/", body)
    assert resp.status_code == 400, resp.content
    assert "check_no_court_suit" in resp.json()
    label = dict(ACCEPTANCE_CHECKLIST_ITEMS)["no_court_suit"]
    with translation.override("zh-hans"):
        assert str(label) in resp.json()["check_no_court_suit"][0]
    assert as_user(api, personas.officer).get(f"/api/v1/cases/{case_id}/").json()[
        "state"] == "received"


def test_intake_refuses_a_cause_of_another_ip_type(api, personas, offices):
    """The API checks 案由 against the IP type as the form does (one function, one message):
    400 naming the field, nothing filed."""
    client = as_user(api, personas.officer)
    body = _request_body(offices, title="侵害实用新型专利权纠纷")
    resp = _post(client, "/api/v1/cases/", body)
    assert resp.status_code == 400, resp.json()
    assert "侵害发明专利权纠纷" in resp.json()["title"][0] and "rights" not in resp.json()
    assert _post(client, "/api/v1/cases/intake-check/", body).status_code == 400
    resp = _post(client, "/api/v1/cases/", {**body, "ip_type": "utility_model"})
    assert resp.status_code == 400 and "rights" in resp.json() and "title" not in resp.json()
    resp = _post(client, "/api/v1/cases/", {**body, "ip_type": "invention_patent",
                                             "title": "侵害商标权纠纷"})
    assert resp.status_code == 400 and "title" in resp.json()
    assert not Case.objects.exists()
    resp = _post(client, "/api/v1/cases/", {**body, "title": "假冒他人专利纠纷"})
    assert resp.status_code == 201, resp.json()


def test_intake_refuses_a_word_for_a_boolean(api, personas, offices):
    client = as_user(api, personas.officer)
    resp = _post(client, "/api/v1/cases/", {**_request_body(offices),
                                             "court_suit_pending": "no"})
    assert resp.status_code == 400 and "court_suit_pending" in resp.json()


@pytest.mark.parametrize("received_on", ["2009-06-01", "1900-01-01", "0001-01-01"])
def test_a_request_received_before_any_time_limit_rule_is_a_clear_error(
        api, personas, offices, received_on):
    """No time-limit rule is in force on that day (the seeded rules start in 2010): the
    acceptance clock cannot start. It was a 500; now a 400 that names the date and says
    to check it, and nothing is filed."""
    client = as_user(api, personas.officer)
    resp = _post(client, "/api/v1/cases/", _request_body(offices, received_on=received_on))
    assert resp.status_code == 400, resp.content
    assert received_on in str(resp.json()) and "日期" in str(resp.json())
    assert not Case.objects.exists()


ODD_IDS = [('"rights": [1e400]', "rights"), ('"rights": [1.5]', "rights"),
           ('"requesters": [{"party": 1e400}]', "requesters"),
           ('"respondents": [{"party": -1e400}]', "respondents"),
           ('"officer_in_charge": 1e400', "officer_in_charge"),
           ('"officer_in_charge": 1.5', "officer_in_charge")]


@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/cases/intake-check/"])
@pytest.mark.parametrize(("member", "field"), ODD_IDS)
def test_an_id_that_is_no_whole_number_is_a_400_and_files_nothing(api, personas, offices,
                                                                   url, member, field):
    """1e400 (infinity to Python's JSON) was an OverflowError in the database, a 500; 1.5
    was the record 1."""
    body = json.dumps(_request_body(offices))[:-1] + ", " + member + "}"
    resp = as_user(api, personas.officer).post(url, body, content_type="application/json")
    assert resp.status_code == 400, resp.content
    assert field in resp.json()
    assert not Case.objects.exists()


@pytest.mark.parametrize("member", ['"officer_in_charge": 1e400', '"officer_in_charge": 1.5',
                                    '"panel": [1e400, 2, 3]', '"panel": [1.5, 2, 3]',
                                    '"panel": ["²", 2, 3]'])
def test_a_transition_refuses_an_id_that_is_no_whole_number(api, personas, offices, member):
    """As in the serializers: the action forms' model choice fields handed 1e400 to the
    database (OverflowError, a 500) and took 1.5 for the record 1."""
    resp = _post(as_user(api, personas.officer), "/api/v1/cases/", _request_body(offices))
    case_id = resp.json()["id"]
    accept = {"accepted_on": "2026-03-02", "officer_in_charge": personas.officer.pk,
              "panel": [personas.officer.pk, personas.officer2.pk, personas.officer3.pk]}
    accept.update({f"check_{k}": True for k, _l in ACCEPTANCE_CHECKLIST_ITEMS})
    body = json.dumps(accept)[:-1] + ", " + member + "}"
    resp = as_user(api, personas.officer).post(
        f"/api/v1/cases/{case_id}/transitions/accept/submit/", body,
        content_type="application/json")
    assert resp.status_code == 400, resp.content
    assert member.split('"')[1] in resp.json()
    assert Case.objects.get(pk=case_id).approval_requests.count() == 0


def test_the_intake_check_warns_when_no_requester_holds_the_patent(api, personas, offices):
    client = as_user(api, personas.officer)
    body = _request_body(offices)
    assert _post(client, "/api/v1/cases/intake-check/", body).json()["standing"] == []
    theirs = PatentFactory(office=offices.nanning, holder_name="深圳丙专利有限公司")
    body["rights"] = [theirs.pk]
    standing = _post(client, "/api/v1/cases/intake-check/", body).json()["standing"]
    assert len(standing) == 1 and "深圳丙专利有限公司" in standing[0]
