"""Hostile and sloppy input on the forms and API of the mediation, judicial confirmation,
complaint and referral workflows (decision 72): each refused with the right status and a
Chinese message, and nothing changed (the case, its workflow record, its timeline, the
agreement's terms, the cases opened from it)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.utils import translation

from cases.models import Case
from mediation.models import AgreementTerm, Court
from mediation.models.confirmation import MATERIAL_CODES
from mediation.tests.driver import MediationDriver
from tests.referral_driver import Driver

pytestmark = pytest.mark.django_db

CONTROL = "被请求人\x01销售\x1b门锁\x7f"


@pytest.fixture(autouse=True)
def _chinese() -> Any:
    with translation.override("zh-hans"):
        yield


def _client(user: Any, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def _snapshot(case: Case) -> Any:
    """What a refused request must leave as it was."""
    case = Case.objects.get(pk=case.pk)
    return (model_to_dict(case), model_to_dict(case.flow), case.events.count(),
            Case.objects.filter(origin=case).count(),
            sorted(AgreementTerm.objects.filter(agreement__mediation__case=case)
                   .values_list("pk", "description", "amount")))


def _api(client: Client, case: Case, name: str, body: Any) -> Any:
    return client.post(f"/api/v1/cases/{case.pk}/transitions/{name}/", json.dumps(body),
                       content_type="application/json")


def _drafting(driver: MediationDriver) -> Case:
    case = driver.to_in_session(driver.new())
    driver.hold_session(case)
    return driver.draft(case, terms=1)


DRAFT = {"facts": "被请求人销售了被诉侵权门锁。", "issues": "赔偿数额。", "other_terms": ""}
TERM = {"kind": "payment", "description": "被请求人支付赔偿金。", "amount": "30000.00",
        "due_on": "2026-05-20"}

# (action, fields changed from its valid data, the field the error names, a word of it)
BAD_DRAFTS = [
    ("draft_agreement", {"facts": ""}, "facts", "必填"),
    ("draft_agreement", {"facts": "   \t\n "}, "facts", "必填"),
    ("draft_agreement", {"facts": "长" * 20_001}, "facts", "20000"),
    ("draft_agreement", {"facts": "门锁\x00"}, "facts", "空字符"),
    ("draft_agreement", {"facts": CONTROL}, "facts", "控制字符"),
    ("draft_agreement", {"issues": "争议\x0b事项"}, "issues", "控制字符"),
    ("draft_agreement", {"facts": ["被请求人", "销售"]}, "facts", "只能填写一个值"),
    ("draft_agreement", {"facts": {"text": "门锁"}}, "facts", "只能填写一个值"),
    ("draft_agreement", {"issues": True}, "issues", "只能填写一个值"),
    ("add_term", {"amount": "1e30"}, "amount", ""),
    ("add_term", {"amount": "NaN"}, "amount", ""),
    ("add_term", {"amount": "Infinity"}, "amount", ""),
    ("add_term", {"amount": "-5000"}, "amount", ""),
    ("add_term", {"amount": "1,000"}, "amount", ""),
    ("add_term", {"amount": [1000]}, "amount", ""),
    ("add_term", {"due_on": "2024-02-30"}, "due_on", ""),
    ("add_term", {"due_on": "0000-01-01"}, "due_on", ""),
    ("add_term", {"due_on": "9999-12-31"}, "due_on", ""),
    ("add_term", {"due_on": {"y": 2026}}, "due_on", ""),
    ("add_term", {"obligor": "abc"}, "obligor", ""),
    ("add_term", {"obligor": 99_999_999_999_999_999_999}, "obligor", ""),
    ("add_term", {"obligor": True}, "obligor", "只能填写一个值"),
    ("add_term", {"description": "支付😀𠀀\x02"}, "description", "控制字符"),
]


@pytest.mark.parametrize(("name", "changed", "field", "word"), BAD_DRAFTS,
                         ids=[f"{n}-{f}-{i}" for i, (n, _c, f, _w) in enumerate(BAD_DRAFTS)])
def test_bad_agreement_input_is_a_400_naming_the_field_and_changes_nothing(
        mediation_driver: MediationDriver, personas: Any, name: str, changed: dict[str, Any],
        field: str, word: str) -> None:
    case = _drafting(mediation_driver)
    _, respondent = mediation_driver.parties(case)
    valid = DRAFT if name == "draft_agreement" else {**TERM, "obligor": respondent.pk}
    before = _snapshot(case)
    response = _api(_client(personas.mediator), case, name, {**valid, **changed})
    assert response.status_code == 400, response.content
    assert word in " ".join(response.json()[field])
    assert _snapshot(case) == before


@pytest.mark.parametrize(("changed", "word"), [
    ({"facts": CONTROL}, "控制字符"), ({"facts": ""}, "必填"),
    ({"facts": "门锁\x00"}, "空字符"),
])
def test_the_web_form_refuses_the_same_with_a_400_and_changes_nothing(
        mediation_driver: MediationDriver, personas: Any, changed: dict[str, str],
        word: str) -> None:
    case = _drafting(mediation_driver)
    before = _snapshot(case)
    response = _client(personas.mediator).post(
        f"/cases/{case.pk}/actions/draft_agreement/", {**DRAFT, **changed})
    assert response.status_code == 400
    assert word in response.content.decode()
    assert _snapshot(case) == before


BAD_DATES = [
    ("accept_mediation", "on", "2024-02-30"), ("accept_mediation", "on", "0000-01-01"),
    ("accept_mediation", "on", "2099-01-01"), ("accept_mediation", "on", ""),
    ("accept_mediation", "on", "2026-03-01"),  # before the request was served
    ("accept_mediation", "on", ["2026-04-08"]),
]


@pytest.mark.parametrize(("name", "field", "value"), BAD_DATES)
def test_bad_dates_are_refused(mediation_driver: MediationDriver, personas: Any, name: str,
                               field: str, value: Any) -> None:
    case = mediation_driver.to_state("awaiting_response")
    before = _snapshot(case)
    response = _api(_client(personas.mediator), case, name, {field: value})
    assert response.status_code == 400 and field in response.json()
    assert _snapshot(case) == before


@pytest.mark.parametrize("body", ["[1, 2]", "[]", '"text"', "42", "null"])
def test_a_json_body_that_is_not_an_object_is_a_400_not_an_empty_form(
        mediation_driver: MediationDriver, personas: Any, body: str) -> None:
    """begin_performance takes no fields: an array used to run it."""
    case = mediation_driver.to_state("agreed")
    before = _snapshot(case)
    response = _client(personas.mediator).post(
        f"/api/v1/cases/{case.pk}/transitions/begin_performance/", body,
        content_type="application/json")
    assert response.status_code == 400
    assert "JSON 对象" in response.json()["non_field_errors"][0]
    assert _snapshot(case) == before


def test_the_confirmation_checklist_refuses_an_array_body(mediation_driver: MediationDriver,
                                                          personas: Any) -> None:
    case = mediation_driver.confirmation(mediation_driver.to_state("agreed"))
    before = _snapshot(case)
    response = _client(personas.mediator).post(
        f"/api/v1/cases/{case.pk}/transitions/check_materials/", "[true]",
        content_type="application/json")
    assert response.status_code == 400
    assert _snapshot(case) == before


@pytest.mark.parametrize(("content_type", "body", "status"), [
    ("text/plain", "on=2026-04-08", 415), ("application/json", "{bad json", 400),
    ("application/xml", "<on>2026-04-08</on>", 415),
])
def test_wrong_content_type_and_broken_json(mediation_driver: MediationDriver, personas: Any,
                                            content_type: str, body: str, status: int) -> None:
    case = mediation_driver.to_state("awaiting_response")
    before = _snapshot(case)
    response = _client(personas.mediator).post(
        f"/api/v1/cases/{case.pk}/transitions/accept_mediation/", body,
        content_type=content_type)
    assert response.status_code == status
    assert _snapshot(case) == before


def test_the_same_transition_twice_is_a_409_the_second_time(mediation_driver: MediationDriver,
                                                            personas: Any) -> None:
    case = mediation_driver.to_state("awaiting_response")
    first, second = _client(personas.mediator), _client(personas.mediator)
    assert _api(first, case, "accept_mediation", {"on": "2026-04-08"}).status_code == 200
    after_first = _snapshot(case)
    assert _api(second, case, "accept_mediation", {"on": "2026-04-08"}).status_code == 409
    stale = second.post(f"/cases/{case.pk}/actions/schedule_session/",
                        {"scheduled_at": "2026-04-22T09:30", "place": "第一调解室",
                         "expected_state": "awaiting_response"})
    assert stale.status_code == 409
    assert _snapshot(case) == after_first


@pytest.mark.parametrize(("who", "status"), [("outsider", 404), ("officer", 403),
                                             ("county_officer", 404)])
def test_other_offices_and_other_roles_are_refused(mediation_driver: MediationDriver,
                                                   personas: Any, who: str,
                                                   status: int) -> None:
    case = mediation_driver.to_state("awaiting_response")
    before = _snapshot(case)
    response = _api(_client(getattr(personas, who)), case, "accept_mediation",
                    {"on": "2026-04-08"})
    assert response.status_code == status
    assert _snapshot(case) == before


@pytest.mark.parametrize("url", [
    "/api/v1/cases/abc/transitions/accept_mediation/",
    "/api/v1/cases/99999999999999999999/transitions/accept_mediation/",
    "/cases/abc/actions/accept_mediation/",
])
def test_an_id_that_is_not_a_case_is_a_404(mediation_driver: MediationDriver, personas: Any,
                                           url: str) -> None:
    assert _client(personas.mediator).post(url, {"on": "2026-04-08"}).status_code == 404


def test_the_web_form_without_csrf_token_is_refused(mediation_driver: MediationDriver,
                                                    personas: Any) -> None:
    case = mediation_driver.to_state("awaiting_response")
    before = _snapshot(case)
    response = _client(personas.mediator, enforce_csrf_checks=True).post(
        f"/cases/{case.pk}/actions/accept_mediation/", {"on": "2026-04-08"})
    assert response.status_code == 403
    assert _snapshot(case) == before


@pytest.mark.parametrize("court", ["²", "١٢", "-1", "0", "99999999999999999999", "abc", ""])
def test_a_court_that_is_no_court_opens_no_confirmation(mediation_driver: MediationDriver,
                                                        personas: Any, court: str) -> None:
    """"²".isdigit() is true and int("²") fails: that was a 500."""
    Court.objects.filter(pk=12).delete()  # "١٢" reads as 12
    case = mediation_driver.to_state("agreed")
    before = _snapshot(case)
    response = _client(personas.mediator).post(f"/cases/{case.pk}/judicial-confirmation/",
                                               {"court": court}, follow=True)
    assert response.status_code == 200
    assert "请选择" in response.content.decode() or "法院" in response.content.decode()
    assert _snapshot(case) == before


COMPLAINT_BAD = [
    ("not_accept", {"reason": CONTROL}, "reason", "控制字符"),
    ("not_accept", {"reason": ["不属于", "知识产权"]}, "reason", "只能填写一个值"),
    ("not_accept", {"on": "2024/3/1"}, "on", ""),
    ("not_accept", {"on": "2026-03-01", "reason": ""}, "reason", ""),
    ("transfer_matter", {"target_authority": {"name": "南宁市市场监督管理局"}},
     "target_authority", "只能填写一个值"),
    ("refer_to_police", {"task_force": "abc"}, "task_force", ""),
    ("refer_to_police", {"offence": "999"}, "offence", ""),
]


@pytest.mark.parametrize(("name", "changed", "field", "word"), COMPLAINT_BAD,
                         ids=[f"{n}-{f}-{i}" for i, (n, _c, f, _w) in enumerate(COMPLAINT_BAD)])
def test_bad_complaint_triage_input_is_a_400_and_opens_nothing(
        referral_driver: Driver, personas: Any, name: str, changed: dict[str, Any], field: str,
        word: str) -> None:
    case = referral_driver.complaint()
    before = _snapshot(case)
    response = _api(_client(personas.officer), case, name,
                    {**referral_driver.fields(case, name), **changed})
    assert response.status_code == 400, response.content
    assert word in " ".join(response.json()[field])
    assert _snapshot(case) == before


@pytest.mark.parametrize("figures", [
    {"illegal_turnover": "1e30"}, {"illegal_turnover": "NaN"}, {"illegal_turnover": "-1"},
    {"illegal_turnover": "1,000"}, {"copies": 10**30}, {"marks_count": 0},
])
def test_bad_figures_are_a_400_and_flag_nothing(referral_driver: Driver, personas: Any,
                                                figures: dict[str, Any]) -> None:
    case = referral_driver.complaint()
    before = _snapshot(case)
    response = _client(personas.officer).post(f"/api/v1/cases/{case.pk}/figures/",
                                              json.dumps(figures),
                                              content_type="application/json")
    assert response.status_code == 400
    assert _snapshot(case) == before


@pytest.mark.parametrize(("changed", "field"), [
    ({"report": ["涉嫌", "犯罪"]}, "report"), ({"report": CONTROL}, "report"),
    ({"on": "2026-02-30"}, "on"), ({"report": ""}, "report"),
])
def test_bad_referral_report_is_a_400(referral_driver: Driver, personas: Any,
                                      changed: dict[str, Any], field: str) -> None:
    case = referral_driver.referral_in("drafting")
    before = _snapshot(case)
    response = _api(_client(personas.officer), case, "submit_report",
                    {**referral_driver.fields(case, "submit_report"), **changed})
    assert response.status_code == 400 and field in response.json()
    assert _snapshot(case) == before


@pytest.mark.parametrize("value", ["no", "false", "0", "abc", "2026-04-08"])
def test_a_checkbox_takes_true_or_false_not_any_word(mediation_driver: MediationDriver,
                                                     personas: Any, value: str) -> None:
    """Django's BooleanField read "no" as ticked: a material the parties never handed in
    was recorded as present."""
    case = mediation_driver.confirmation(mediation_driver.to_state("agreed"))
    before = _snapshot(case)
    field = f"material_{MATERIAL_CODES[0]}"
    response = _api(_client(personas.mediator), case, "check_materials", {field: value})
    assert response.status_code == 400
    assert "只能为是或否" in " ".join(response.json()[field])
    assert _snapshot(case) == before


def test_an_unticked_anonymous_box_spelled_no_is_refused_on_registration(
        referral_driver: Driver, personas: Any) -> None:
    response = _client(personas.officer).post("/complaints/new/", {
        "kind": "tip_off", "channel": "12345", "title": "销售假冒白酒", "facts": "门店销售",
        "anonymous": "no"})
    assert response.status_code == 400
    assert "只能为是或否" in str(response.context["form"].errors["anonymous"])
    assert Case.objects.count() == 0
