"""What the mediator and the office see: the workbench, the case page's panels, the API
(transitions, sessions, the agreement), each in its scope."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from mediation.tests.driver import MediationDriver


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_mediators_workbench_lists_sessions_agreements_and_terms_due(
        mediation_driver: MediationDriver, personas: Any) -> None:
    scheduled = mediation_driver.to_state("in_session")
    performing = mediation_driver.to_state("performing")
    performing.mediation.agreement.terms.filter(n=1).update(due_on=datetime.date(2026, 4, 24))
    page = _client(personas.mediator).get("/mediation/")
    assert page.status_code == 200
    text = page.content.decode()
    assert scheduled.number in text and "第一调解室" in text
    assert performing.number in text and "被请求人支付第1期赔偿金。" in text
    assert "被请求人支付第2期赔偿金。" not in text  # due in 60 days: not yet
    assert "调解" in _client(personas.mediator).get("/").content.decode()  # the menu


def test_a_session_whose_time_has_passed_unrecorded_is_marked_on_the_workbench(
        mediation_driver: MediationDriver, personas: Any, time_machine: Any) -> None:
    scheduled = mediation_driver.to_state("in_session")
    session = scheduled.mediation.sessions.get()
    client = _client(personas.mediator)
    time_machine.move_to(session.scheduled_at - datetime.timedelta(hours=1))
    assert "未记录" not in client.get("/mediation/").content.decode()
    assert client.get("/api/v1/mediation/workbench/sessions/").json()["results"][0][
        "overdue"] is False
    time_machine.move_to(session.scheduled_at + datetime.timedelta(days=2))
    assert "时间已过，未记录" in client.get("/mediation/").content.decode()
    assert client.get("/api/v1/mediation/workbench/sessions/").json()["results"][0][
        "overdue"] is True


def test_a_newly_assigned_mediation_waits_on_the_workbench_until_a_session_is_fixed(
        mediation_driver: MediationDriver, personas: Any) -> None:
    fresh = mediation_driver.new()
    unassigned = mediation_driver.new(mediator=False)
    scheduled = mediation_driver.to_in_session(mediation_driver.new())
    lists = _client(personas.mediator).get("/mediation/").context["lists"]
    # Not another's, not one with a session.
    assert lists["to_take_up"]["rows"] == [fresh.mediation]
    assert unassigned.mediation not in lists["to_take_up"]["rows"]
    mediation_driver.hold_session(scheduled)  # held, no next session fixed: his move again
    lists = _client(personas.mediator).get("/mediation/").context["lists"]
    assert set(lists["to_take_up"]["rows"]) == {fresh.mediation, scheduled.mediation}


def test_another_mediator_sees_none_of_it(mediation_driver: MediationDriver, offices: Any) -> None:
    from cases.models import Role
    from tests.factories import UserFactory

    mediation_driver.to_state("in_session")
    other = UserFactory(username="mediator2", office=offices.nanning, roles=[Role.MEDIATOR])
    text = _client(other).get("/mediation/").content.decode()
    assert "第一调解室" not in text


def test_the_case_page_shows_sessions_agreement_and_performance(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = mediation_driver.to_state("performing")
    for user in (personas.mediator, personas.officer2, personas.head):
        page = _client(user).get(f"/cases/{case.pk}/")
        assert page.status_code == 200
        text = page.content.decode()
        assert "双方就赔偿数额进行协商。" in text  # the minutes
        assert case.mediation.agreement.number in text
        assert "被请求人支付第2期赔偿金。" in text
    assert _client(personas.outsider).get(f"/cases/{case.pk}/").status_code == 404


def test_amounts_on_the_page_are_grouped_by_thousands(mediation_driver: MediationDriver,
                                                      personas: Any) -> None:
    case = mediation_driver.to_state("performing")
    type(case.mediation).objects.filter(pk=case.mediation.pk).update(
        amount_claimed=Decimal("1234567.80"))
    case.mediation.agreement.terms.filter(n=1).update(due_on=datetime.date(2026, 4, 24))
    amount = case.mediation.agreement.terms.get(n=1).amount
    text = _client(personas.mediator).get(f"/cases/{case.pk}/").content.decode()
    assert "1,234,567.80" in text and f"{amount:,.2f}" in text and "," in f"{amount:,.2f}"
    workbench = _client(personas.mediator).get("/mediation/").content.decode()
    assert f"{amount:,.2f}" in workbench


def test_the_timeline_prints_amounts_grouped_and_signatures_without_repeating_the_name(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = mediation_driver.to_state("performing")
    page = _client(personas.mediator).get(f"/cases/{case.pk}/").content.decode()
    timeline = page[page.index('id="timeline-title"'):]
    assert ">30,000.00</dd>" in timeline and ">30000.00</dd>" not in timeline
    # A party that signed in its own name is not named twice; a signatory is kept.
    requester, respondent = mediation_driver.parties(case)
    case.mediation.agreement.signatures.filter(party=requester).update(signatory=requester.name)
    page = _client(personas.mediator).get(f"/cases/{case.pk}/").content.decode()
    assert f"{requester.name}（2026-04-15）" in page
    assert f"{requester.name}（{requester.name}" not in page
    assert f"{respondent.name}（林海，2026-04-15）" in page


def test_an_ended_case_says_it_ended_instead_of_that_no_action_is_open(
        mediation_driver: MediationDriver, personas: Any, time_machine: Any) -> None:
    time_machine.move_to("2026-04-20 09:00 +08:00", tick=False)
    case = mediation_driver.to_state("requested")
    mediation_driver.run(case, "withdraw_request", reason="申请人撤回调解申请。",
                         on="2026-04-03")
    case.refresh_from_db()
    assert not case.is_open
    text = _client(personas.mediator).get(f"/cases/{case.pk}/").content.decode()
    assert f"本案已于{case.closed_on:%Y-%m-%d}办结" in text
    assert "当前阶段您没有可办理的操作" not in text
    # An open case with nothing for this user still says so.
    other = mediation_driver.to_state("requested")
    text = _client(personas.officer2).get(f"/cases/{other.pk}/").content.decode()
    assert "办结" not in text.split('id="case-actions"')[1].split("</div>")[0]


def test_the_mediator_opens_the_confirmation_from_the_case_page(
        mediation_driver: MediationDriver, personas: Any) -> None:
    from mediation.models import Court

    case = mediation_driver.to_state("agreed")
    court = Court.objects.get(name="南宁知识产权法庭")
    assert _client(personas.officer).post(f"/cases/{case.pk}/judicial-confirmation/",
                                          {"court": court.pk}).status_code == 403
    response = _client(personas.mediator).post(f"/cases/{case.pk}/judicial-confirmation/",
                                               {"court": court.pk})
    assert response.status_code == 302
    confirmation = case.derived_cases.get(workflow="confirmation")
    assert response["Location"] == f"/cases/{confirmation.pk}/"
    page = _client(personas.mediator).get(response["Location"]).content.decode()
    assert "南宁知识产权法庭" in page and "各方当事人的身份证明" in page


def test_api_transition_sessions_and_agreement(mediation_driver: MediationDriver,
                                               personas: Any) -> None:
    case = mediation_driver.to_state("awaiting_response")
    api = _client(personas.mediator)
    url = f"/api/v1/cases/{case.pk}/transitions/accept_mediation/"
    assert api.post(url, {"on": "2026-04-08"}, content_type="application/json").status_code == 200
    again = api.post(url, {"on": "2026-04-08"}, content_type="application/json")
    assert again.status_code == 409
    bad = api.post(f"/api/v1/cases/{case.pk}/transitions/schedule_session/",
                   {"scheduled_at": "2026-04-22T09:00"}, content_type="application/json")
    assert bad.status_code == 400 and "place" in str(bad.json())
    assert _client(personas.officer).post(
        f"/api/v1/cases/{case.pk}/transitions/schedule_session/",
        {"scheduled_at": "2026-04-22T09:00", "place": "调解室"},
        content_type="application/json").status_code == 403
    mediation_driver.run(case, "schedule_session", scheduled_at="2026-04-22T09:00", place="调解室")
    sessions = api.get(f"/api/v1/cases/{case.pk}/sessions/").json()
    assert [s["place"] for s in sessions] == ["调解室"]
    assert api.get(f"/api/v1/cases/{case.pk}/agreement/").status_code == 404
    detail = api.get(f"/api/v1/cases/{case.pk}/").json()
    assert detail["state"] == "in_session"
    assert _client(personas.outsider).get(
        f"/api/v1/cases/{case.pk}/sessions/").status_code == 404


def test_api_agreement_with_terms(mediation_driver: MediationDriver, personas: Any) -> None:
    case = mediation_driver.to_state("agreed")
    data = _client(personas.legal).get(f"/api/v1/cases/{case.pk}/agreement/").json()
    assert [t["amount"] for t in data["terms"]] == ["30000.00", "30000.00"]
    assert len(data["signatures"]) == 2 and data["effective_on"] == "2026-04-15"


@pytest.mark.parametrize("when", ["0001-01-01", "0001-01-01T00:00", "9999-12-31T09:00",
                                  "2062-04-22T09:00"])
def test_a_session_in_an_impossible_year_is_a_clear_error(mediation_driver: MediationDriver,
                                                          personas: Any, when: str) -> None:
    """Year 1 was a 500 (the time-zone conversion overflowed); year 9999 or a mistyped
    2062 was taken. Both the page and the API answer 400 naming the field, nothing
    changed."""
    case = mediation_driver.to_state("agreed_to_mediate")
    client = _client(personas.mediator)
    page = client.post(f"/cases/{case.pk}/actions/schedule_session/",
                       {"scheduled_at": when, "place": "调解室"})
    assert page.status_code == 400
    assert "scheduled_at" in page.context["form"].errors
    api = client.post(f"/api/v1/cases/{case.pk}/transitions/schedule_session/",
                      {"scheduled_at": when, "place": "调解室"},
                      content_type="application/json")
    assert api.status_code == 400 and "scheduled_at" in str(api.json())
    case.refresh_from_db()
    assert case.state == "agreed_to_mediate" and not case.mediation.sessions.exists()


@pytest.mark.parametrize("court", ["abc", "1.5", "", "99999999"])
def test_opening_the_confirmation_with_no_such_court_is_a_message(
        mediation_driver: MediationDriver, personas: Any, court: str) -> None:
    """A court that is not a court's id (a tampered form) was a 500 for anything but a
    number; now the case page says to choose the court, and nothing is opened."""
    case = mediation_driver.to_state("agreed")
    response = _client(personas.mediator).post(f"/cases/{case.pk}/judicial-confirmation/",
                                               {"court": court}, follow=True)
    assert response.status_code == 200
    assert "选择" in response.content.decode() and "法院" in response.content.decode()
    assert not case.derived_cases.filter(workflow="confirmation").exists()


def test_reading_sessions_and_agreement_through_the_api_is_recorded(
        mediation_driver: MediationDriver, personas: Any) -> None:
    """The sessions' minutes and the agreement (parties, terms, signatories) are the
    case's content: each API read is in the access log, as opening the case page is."""
    from cases.models import AuditAction, AuditEntry

    case = mediation_driver.to_state("agreed")
    api = _client(personas.legal)
    for what in ("sessions", "agreement"):
        assert api.get(f"/api/v1/cases/{case.pk}/{what}/").status_code == 200
        entry = AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED).latest("pk")
        assert (entry.actor, entry.object_id) == (personas.legal, str(case.pk))
        assert what in entry.detail
    assert AuditEntry.objects.filter(action=AuditAction.CASE_VIEWED).count() == 2


def test_terms_and_signatures_before_an_agreement_are_shown_disabled_with_why(
        mediation_driver: MediationDriver, personas: Any) -> None:
    """调解中 without an agreement: 增加协议条款, 记录当事人签名 and 调解员签名 were live
    buttons whose click only answered with a refusal. They are shown disabled with the
    precheck's words (on the page and in the API), and are live once it is drafted."""
    import re

    from rest_framework.test import APIClient

    case = mediation_driver.hold_session(mediation_driver.to_in_session(mediation_driver.new()))
    client = _client(personas.mediator)
    page = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    why = "请先起草调解协议（基本事实和争议事项）。"
    for name in ("add_term", "record_signature", "sign_agreement"):
        button = re.search(rf'<[^>]*data-action="{name}"[^>]*>', page)
        assert button is not None, name
        assert 'aria-disabled="true"' in button.group(0)
        assert "hx-get" not in button.group(0) and "href" not in button.group(0)
        assert f'id="blocked-{name}">{why}<' in page
    assert re.search(r'<a [^>]*hx-get="[^"]*draft_agreement/"', page)  # the next step is live
    api = APIClient()
    api.force_authenticate(personas.mediator)
    offered = {t["name"]: t for t in api.get(f"/api/v1/cases/{case.pk}/",
                                             HTTP_ACCEPT_LANGUAGE="zh-hans"
                                             ).json()["available_transitions"]}
    assert offered["add_term"]["blocked_reason"] == why
    assert offered["draft_agreement"]["blocked_reason"] == ""
    described = api.get(f"/api/v1/cases/{case.pk}/transitions/add_term/",
                        HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert described["available"] is True and described["blocked_reason"] == why

    mediation_driver.draft(case, terms=0)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    for name in ("add_term", "record_signature", "sign_agreement"):
        assert f'id="blocked-{name}"' not in page, name
    assert re.search(r'<a [^>]*hx-get="[^"]*add_term/"', page)
    # Concluding it waits for terms and signatures: shown disabled with why (decision 70).
    assert re.search(r'id="blocked-agree">调解协议尚无约定条款。', page)


def test_the_performance_form_names_each_term_by_what_it_says(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = mediation_driver.to_state("performing")
    term = case.mediation.agreement.terms.get(n=2)
    html = _client(personas.mediator).get(f"/cases/{case.pk}/actions/record_performance/",
                                          HTTP_HX_REQUEST="true").content.decode()
    label = (f"第2项：被请求人支付第2期赔偿金。（{term.obligor.name}；{term.amount:,.2f}元；"
             f"履行期限{term.due_on.isoformat()}）")
    assert label in html, html


def test_a_term_with_a_negative_or_zero_amount_says_so(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = mediation_driver.to_state("in_session")
    mediation_driver.hold_session(case)
    mediation_driver.draft(case, terms=0)
    _requester, respondent = mediation_driver.parties(case)
    api = _client(personas.mediator)
    for amount in ("-100", "0"):
        response = api.post(f"/api/v1/cases/{case.pk}/transitions/add_term/",
                            {"kind": "payment", "obligor": respondent.pk, "amount": amount,
                             "description": "被请求人支付赔偿金。", "due_on": "2026-05-20"},
                            content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 400
        errors = str(response.json())
        assert "金额须大于零" in errors and "须写明金额" not in errors, errors
    assert not case.mediation.agreement.terms.exists()


def test_a_held_session_shows_the_time_it_was_held(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = mediation_driver.to_state("in_session")  # scheduled for 10 April, 09:30
    session = case.mediation.sessions.get()
    type(session).objects.filter(pk=session.pk).update(
        scheduled_at=datetime.datetime.fromisoformat("2026-04-10T09:00+08:00"))
    page = _client(personas.mediator).get(f"/cases/{case.pk}/").content.decode()
    assert "2026-04-10 09:00" in page  # before it is held: the time fixed
    mediation_driver.hold_session(case)  # held at 09:30
    page = _client(personas.mediator).get(f"/cases/{case.pk}/").content.decode()
    assert "2026-04-10 09:30" in page and "2026-04-10 09:00" not in page
