"""Mediation and judicial confirmation through the one transition runner: a full walk
with every step on the timeline, roles, scope, the 确权 guard, clocks and precedents."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import OutOfScope, TransitionNotAllowed
from cases.models import Deadline, Role
from cases.services.assignments import change_assignment
from mediation.models import AgreementTerm
from mediation.tests.driver import TODAY, MediationDriver
from search.models import Decision
from tests.factories import UserFactory


def _clock(case: Any, code: str) -> Deadline:
    return case.deadlines.filter(code=code).latest("started_at")


def test_a_full_mediation_records_every_step_with_its_actor(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = mediation_driver.new()
    mediation_driver.to_agreed(case)
    mediation_driver.run(case, "begin_performance")
    term = AgreementTerm.objects.get(agreement__mediation=case.mediation, n=1)
    mediation_driver.run(case, "record_performance", term=term.pk, paid_on="2026-04-18",
                         amount_paid="30000.00", evidence="银行转账回单 No. 2026041801")
    confirmation = mediation_driver.confirmation(case)
    mediation_driver.run(confirmation, "check_materials", **{
        f"material_{code}": "on" for code in
        ("application", "agreement", "identity", "mediation_proof", "contact")})
    mediation_driver.run(confirmation, "file_application", filed_on="2026-04-20",
                         court=confirmation.confirmation.court_id)
    case.refresh_from_db()
    events = [(e.name, e.actor.username if e.actor else None)
              for e in case.events.order_by("at", "id")]
    assert events == [
        ("create", "officer"), ("assignment_changed", "head"), ("serve_request", "mediator"),
        ("accept_mediation", "mediator"), ("schedule_session", "mediator"),
        ("record_session", "mediator"), ("draft_agreement", "mediator"),
        ("add_term", "mediator"), ("add_term", "mediator"), ("record_signature", "mediator"),
        ("record_signature", "mediator"), ("sign_agreement", "mediator"),
        ("agree", "mediator"), ("begin_performance", "mediator"),
        ("record_performance", "mediator"),
    ]
    flow = case.mediation
    flow.refresh_from_db()
    assert (flow.state, flow.outcome, flow.days_to_agreement) == ("performing", "settled", 7)
    assert (flow.amount_agreed, flow.amount_performed) == (Decimal("60000"), Decimal("30000"))
    assert flow.agreement.number  # numbered when it took effect
    term.refresh_from_db()
    assert (term.done_on, term.amount_paid) == (datetime.date(2026, 4, 18), Decimal("30000"))
    # The agreement became a precedent: settled, with the amounts.
    decision = Decision.objects.get(case=case)
    assert (decision.source, decision.outcome) == ("mediation", "settled")
    assert decision.settlement_amount == Decimal("60000")
    assert decision.damages_claimed == Decimal("100000")
    # The 30-day confirmation window ran from the agreement and was met by the filing.
    window = _clock(case, "confirmation.filing")
    assert (window.due_on, window.status) == (datetime.date(2026, 5, 15), "met")
    assert confirmation.origin_id == case.pk
    assert _clock(confirmation, "confirmation.court_acceptance").due_on == datetime.date(
        2026, 4, 23)


def test_the_confirmation_runs_to_enforcement(mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("performing")
    confirmation = mediation_driver.confirmation(case)
    mediation_driver.run(confirmation, "check_materials", **{
        f"material_{code}": "on" for code in
        ("application", "agreement", "identity", "mediation_proof", "contact")})
    mediation_driver.run(confirmation, "file_application", filed_on="2026-04-16",
                         court=confirmation.confirmation.court_id)
    mediation_driver.run(confirmation, "record_acceptance", on="2026-04-17",
                         court_case_number="（2026）桂01民特12号")
    mediation_driver.run(confirmation, "record_confirmation", on="2026-04-20")
    mediation_driver.run(confirmation, "apply_for_enforcement", on="2026-04-20",
                         court=confirmation.confirmation.court_id)
    confirmation.refresh_from_db()
    assert confirmation.confirmation.state == "enforcement_applied"
    assert confirmation.closed_on == TODAY
    assert _clock(confirmation, "confirmation.court_decision").status == "met"


def test_filing_needs_the_whole_materials_checklist(mediation_driver: MediationDriver) -> None:
    confirmation = mediation_driver.confirmation(mediation_driver.to_state("agreed"))
    with pytest.raises(TransitionNotAllowed) as err:
        mediation_driver.run(confirmation, "file_application", filed_on="2026-04-16",
                             court=confirmation.confirmation.court_id)
    assert "清单" in str(err.value) or "materials" in str(err.value)


def test_a_second_open_application_is_refused(mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("agreed")
    mediation_driver.confirmation(case)
    with pytest.raises(TransitionNotAllowed):
        mediation_driver.confirmation(case)


@pytest.mark.parametrize("state, action", [
    ("requested", "accept_mediation"),
    ("awaiting_response", "agree"),
    ("agreed", "record_session"),
    ("in_session", "begin_performance"),
])
def test_an_action_from_a_state_it_is_not_allowed_in_is_refused(
        mediation_driver: MediationDriver, state: str, action: str) -> None:
    case = mediation_driver.to_state(state)
    with pytest.raises(TransitionNotAllowed):
        mediation_driver.run(case, action)
    case.mediation.refresh_from_db()
    assert case.mediation.state == state


def test_a_mediator_not_assigned_is_refused(mediation_driver: MediationDriver,
                                            offices: Any) -> None:
    other = UserFactory(username="mediator2", office=offices.nanning, roles=[Role.MEDIATOR])
    case = mediation_driver.to_state("awaiting_response")
    with pytest.raises(PermissionDenied):
        mediation_driver.run(case, "accept_mediation", actor=other, on="2026-04-08")


def test_nobody_acts_before_a_mediator_is_assigned(mediation_driver: MediationDriver,
                                                   personas: Any) -> None:
    case = mediation_driver.new(mediator=False)
    with pytest.raises(PermissionDenied):
        mediation_driver.run(case, "serve_request", served_on="2026-04-02", service_method="direct")
    # One place, one rule: the head or the officer in charge names the mediator, with a
    # reason on the timeline (cases.services.assignments); nobody else.
    for other in (personas.mediator, personas.legal, personas.officer2):
        with pytest.raises(PermissionDenied):
            change_assignment(case.pk, other, mediator=personas.mediator, reason="指定")
    with pytest.raises(PermissionDenied):  # the officer in charge names only the mediator
        change_assignment(case.pk, personas.officer, officer=personas.officer2, reason="换人")
    with pytest.raises(ValidationError):
        change_assignment(case.pk, personas.officer, mediator=personas.mediator, reason=" ")
    change_assignment(case.pk, personas.officer, mediator=personas.mediator,
                      reason="由承办人指定调解员。")
    event = case.events.get(name="assignment_changed")
    assert (event.actor, event.reason) == (personas.officer, "由承办人指定调解员。")
    assert event.payload["mediator"]["new"]["id"] == personas.mediator.pk
    mediation_driver.run(case, "serve_request", served_on="2026-04-02", service_method="direct")


def test_a_legal_officer_cannot_sign_for_a_party(mediation_driver: MediationDriver,
                                                 personas: Any) -> None:
    case = mediation_driver.to_state("in_session")
    mediation_driver.hold_session(case)
    mediation_driver.draft(case)
    requester, _respondent = mediation_driver.parties(case)
    for user in (personas.legal, personas.officer, personas.head):
        with pytest.raises(PermissionDenied):
            mediation_driver.run(case, "record_signature", actor=user, party=requester.pk,
                                 signatory="陈志远", signed_on="2026-04-15")
    assert not case.mediation.agreement.signatures.exists()


def test_another_office_does_not_see_the_case(mediation_driver: MediationDriver,
                                              personas: Any) -> None:
    case = mediation_driver.to_state("awaiting_response")
    with pytest.raises(OutOfScope):
        mediation_driver.run(case, "accept_mediation", actor=personas.outsider, on="2026-04-08")


def test_a_term_deciding_ownership_is_refused_and_nothing_changes(
        mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("in_session")
    mediation_driver.draft(case, terms=1)
    requester, _respondent = mediation_driver.parties(case)
    with pytest.raises(ValidationError) as err:
        mediation_driver.run(case, "add_term", kind="other", obligor=requester.pk,
                             description="确认涉案专利权归请求人所有。", due_on="2026-05-30")
    assert "确权" in str(err.value.message_dict["description"])
    assert case.mediation.agreement.terms.count() == 1
    assert case.events.filter(name="add_term").count() == 1


def test_the_agreement_needs_signatures_and_says_which(mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("in_session")
    mediation_driver.hold_session(case)
    mediation_driver.draft(case)
    with pytest.raises(TransitionNotAllowed) as err:
        mediation_driver.run(case, "agree", on="2026-04-15")
    assert "签名" in str(err.value)


def test_changing_a_term_voids_the_signatures(mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("in_session")
    mediation_driver.hold_session(case)
    mediation_driver.draft(case)
    mediation_driver.sign(case)
    _requester, respondent = mediation_driver.parties(case)
    mediation_driver.run(case, "add_term", kind="cease", obligor=respondent.pk,
                         description="被请求人停止销售被诉侵权产品。", due_on="2026-04-30")
    agreement = case.mediation.agreement
    agreement.refresh_from_db()
    assert not agreement.signatures.exists() and agreement.mediator_signed_on is None


def test_mediation_time_limit_starts_on_acceptance_and_extends_once(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = mediation_driver.to_state("in_session")
    limit = _clock(case, "mediation.session_limit")
    assert limit.due_on == datetime.date(2026, 5, 8)  # 8 April + 30 days
    with pytest.raises(PermissionDenied):
        mediation_driver.run(case, "extend_mediation", reason="需要补充证据")
    mediation_driver.run(case, "extend_mediation", actor=personas.head, reason="需要补充证据")
    limit.refresh_from_db()
    assert limit.due_on == datetime.date(2026, 5, 25)  # +15 days, 23 May is a Saturday
    with pytest.raises(TransitionNotAllowed):
        mediation_driver.run(case, "extend_mediation", actor=personas.head, reason="再次延长")


def test_silence_counts_as_refusal_only_after_the_answer_period(
        mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("awaiting_response")
    answer = _clock(case, "mediation.respondent_answer")
    assert answer.due_on == datetime.date(2026, 4, 17)
    with pytest.raises(ValidationError):
        mediation_driver.run(case, "decline", decline_reason="no_answer", on="2026-04-17")
    mediation_driver.run(case, "decline", decline_reason="no_answer", on="2026-04-20")
    case.refresh_from_db()
    assert (case.mediation.state, case.closed_on) == ("declined", TODAY)
    assert not case.deadlines.filter(status__in=["open", "paused"]).exists()


def test_failure_closes_the_case_and_its_clocks(mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("in_session")
    mediation_driver.run(case, "fail", reason="赔偿数额差距过大", on="2026-04-20")
    case.refresh_from_db()
    assert (case.mediation.state, case.mediation.outcome) == ("unsuccessful", "failed")
    assert case.closed_on == TODAY
    assert not case.deadlines.filter(status="open").exists()


def test_performance_then_closing_as_performed(mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("performing")
    with pytest.raises(TransitionNotAllowed):
        mediation_driver.run(case, "record_performed", on="2026-04-20")
    for term in case.mediation.agreement.terms.all():
        mediation_driver.run(case, "record_performance", term=term.pk, paid_on="2026-04-20",
                             amount_paid="30000.00", evidence="转账回单")
    mediation_driver.run(case, "record_performed", on="2026-04-20")
    case.refresh_from_db()
    assert case.mediation.state == "performed"
    assert case.mediation.amount_performed == Decimal("60000")


def test_overpaying_a_term_is_refused(mediation_driver: MediationDriver) -> None:
    case = mediation_driver.to_state("performing")
    term = case.mediation.agreement.terms.get(n=1)
    with pytest.raises(ValidationError):
        mediation_driver.run(case, "record_performance", term=term.pk, paid_on="2026-04-20",
                             amount_paid="30000.01", evidence="转账回单")


def test_the_mediator_is_named_on_the_assignment_page_and_api(
        client: Any, mediation_driver: MediationDriver, personas: Any) -> None:
    """The case page links the officer in charge to the one assignment page, which offers
    him only the mediator; the API gives him the same (and the head everything)."""
    from rest_framework.test import APIClient

    case = mediation_driver.new(mediator=False)
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="assign-mediator"' in page and "assign_mediator" not in page
    form = client.get(f"/cases/{case.pk}/assignment/").content.decode()
    assert 'name="mediator"' in form and 'name="officer_in_charge"' not in form
    assert client.post(f"/cases/{case.pk}/assignment/",
                       {"mediator": personas.mediator.pk, "reason": ""}).status_code == 400
    assert client.post(f"/cases/{case.pk}/assignment/",
                       {"mediator": personas.mediator.pk,
                        "reason": "调解员熟悉该类纠纷。"}).status_code == 302
    case.refresh_from_db()
    assert case.mediation.mediator == personas.mediator
    assert case.events.get(name="assignment_changed").reason == "调解员熟悉该类纠纷。"
    api = APIClient()
    api.force_authenticate(personas.officer)
    seen = api.get(f"/api/v1/cases/{case.pk}/assignment/").json()
    assert seen["may_change_roles"] == ["mediator"] and "officer" not in seen["eligible"]
    refused = api.post(f"/api/v1/cases/{case.pk}/assignment/",
                       {"officer_in_charge": personas.officer2.pk, "reason": "x"},
                       format="json")
    assert refused.status_code == 403
    api.force_authenticate(personas.mediator)
    assert api.post(f"/api/v1/cases/{case.pk}/assignment/",
                    {"mediator": personas.mediator.pk, "reason": "x"},
                    format="json").status_code == 403
    api.force_authenticate(personas.head)
    assert api.get(f"/api/v1/cases/{case.pk}/assignment/").json()["may_change_roles"] == [
        "officer", "mediator"]
    assert api.post(f"/api/v1/cases/{case.pk}/transitions/assign_mediator/", {},
                    format="json").status_code == 404


def test_a_filing_recorded_after_the_fact_moves_the_case_start_back(
        mediation_driver: MediationDriver) -> None:
    """Opened on 20 April for an application filed on the 16th: the case began no later
    than its filing (its received date stayed the 20th, and the statistics counted the
    court's decision a negative number of working days after it)."""
    confirmation = mediation_driver.confirmation(mediation_driver.to_state("performing"))
    assert confirmation.received_on == TODAY
    mediation_driver.run(confirmation, "check_materials", **{
        f"material_{code}": "on" for code in
        ("application", "agreement", "identity", "mediation_proof", "contact")})
    mediation_driver.run(confirmation, "file_application", filed_on="2026-04-16",
                         court=confirmation.confirmation.court_id)
    confirmation.refresh_from_db()
    assert confirmation.received_on == datetime.date(2026, 4, 16)



def test_an_agreement_in_yuan_and_fen_is_concluded_and_performed(
        mediation_driver: MediationDriver) -> None:
    """SQLite sums decimals as floats: 12,345.60 came back as 12345.6000000000 (15 digits)
    and concluding the agreement failed the amount's 14-digit check."""
    case = mediation_driver.new()
    mediation_driver.to_in_session(case)
    mediation_driver.hold_session(case)
    mediation_driver.draft(case, terms=0)
    _requester, respondent = mediation_driver.parties(case)
    mediation_driver.run(case, "add_term", kind="payment", obligor=respondent.pk,
                         description="被请求人支付赔偿金。", amount="12345.60",
                         due_on=(TODAY + datetime.timedelta(days=30)).isoformat())
    mediation_driver.sign(case)
    mediation_driver.run(case, "agree", on="2026-04-15")
    mediation_driver.run(case, "begin_performance")
    term = AgreementTerm.objects.get(agreement__mediation__case=case)
    mediation_driver.run(case, "record_performance", term=term.pk, paid_on="2026-04-18",
                         amount_paid="12345.60", evidence="银行转账回单")
    case.mediation.refresh_from_db()
    assert case.mediation.amount_agreed == Decimal("12345.60")
    assert case.mediation.amount_performed == Decimal("12345.60")


def test_a_court_case_number_typed_with_half_width_brackets_is_accepted(
        mediation_driver: MediationDriver) -> None:
    confirmation = mediation_driver.confirmation(mediation_driver.to_state("performing"))
    mediation_driver.run(confirmation, "check_materials", **{
        f"material_{code}": "on" for code in
        ("application", "agreement", "identity", "mediation_proof", "contact")})
    mediation_driver.run(confirmation, "file_application", filed_on="2026-04-16",
                         court=confirmation.confirmation.court_id)
    mediation_driver.run(confirmation, "record_acceptance", on="2026-04-17",
                         court_case_number=" (2026)桂01民特88号")
    confirmation.refresh_from_db()
    assert confirmation.confirmation.court_case_number == "（2026）桂01民特88号"
