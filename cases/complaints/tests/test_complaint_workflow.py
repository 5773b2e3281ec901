"""Complaints and tip-offs through the runner: registration, every transition from every
state it is allowed in and a refused one, the triage outcomes and what they open, the
clocks, the threshold flag and the head's decision not to refer."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.complaints.actions import ACTIONS
from cases.complaints.models import ComplaintCase, ComplaintState, TriageOutcome
from cases.complaints.selectors import duplicates_of
from cases.complaints.services import update_figures
from cases.errors import TransitionNotAllowed
from cases.models import Case, CaseEvent, Deadline
from cases.models.deadlines import DeadlineStatus
from cases.referral.models import ReferralCase, ThresholdFlag, ThresholdRule, TransferCase
from cases.referral.services import waive_flag
from cases.selectors.cases import event_label
from cases.selectors.workbench import waiting_keys
from tests.factories import PartyFactory
from tests.referral_driver import Driver

S = ComplaintState
SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)  # a Monday

pytestmark = pytest.mark.django_db


def _sources(name: str) -> list[str]:
    return sorted(getattr(ComplaintCase, name)._django_fsm.transitions.keys())


def _state(case: Case) -> str:
    return Case.objects.get(pk=case.pk).state


EXPECTED = {"extend_verification": S.RECEIVED, "open_ruling": S.DECIDED,
            "open_mediation": S.DECIDED, "transfer_matter": S.DECIDED, "refer_to_police": S.DECIDED,
            "not_accept": S.DECIDED, "record_reply": S.CLOSED, "close": S.CLOSED}
ALLOWED = [(n, s) for n in ACTIONS for s in _sources(n)]


def _bring(referral_driver: Driver, name: str, source: str) -> Case:
    kind = "tip_off" if name in {"extend_verification", "close"} else "complaint"
    case = referral_driver.complaint(kind=kind, anonymous=name == "close",
                                     trademark=name != "open_ruling")
    if source == S.DECIDED:
        referral_driver.act(case, "not_accept")
    return case


@pytest.mark.parametrize(("name", "source"), ALLOWED, ids=[f"{n}-from-{s}" for n, s in ALLOWED])
def test_transition_from_each_allowed_state(referral_driver, name, source):
    case = _bring(referral_driver, name, source)
    referral_driver.act(case, name)
    assert _state(case) == EXPECTED[name]
    event = case.events.filter(name=name).get()
    assert (event.from_state, event.to_state) == (source, EXPECTED[name])


@pytest.mark.parametrize("name", sorted(n for n in ACTIONS if S.RECEIVED not in _sources(n)))
def test_refused_before_the_decision(referral_driver, name):
    case = referral_driver.complaint()
    with pytest.raises(TransitionNotAllowed):
        referral_driver.act(case, name)
    assert _state(case) == S.RECEIVED


@pytest.mark.parametrize("name", sorted(n for n in ACTIONS if S.DECIDED not in _sources(n)))
def test_refused_after_the_decision(referral_driver, name):
    case = referral_driver.complaint()
    referral_driver.act(case, "not_accept")
    with pytest.raises(TransitionNotAllowed):
        referral_driver.act(case, name)
    assert _state(case) == S.DECIDED


def test_an_outsider_cannot_see_and_a_mediator_cannot_triage(referral_driver, personas):
    from cases.errors import OutOfScope

    case = referral_driver.complaint()
    with pytest.raises(OutOfScope):
        referral_driver.act(case, "not_accept", actor=personas.outsider)
    with pytest.raises(PermissionDenied):
        referral_driver.act(case, "not_accept", actor=personas.mediator)


def test_registration_checks_the_complainant(referral_driver, personas):
    with pytest.raises(ValidationError) as excinfo:
        referral_driver.complaint(kind="complaint", anonymous=True)
    assert "anonymous" in excinfo.value.message_dict
    assert not Case.objects.filter(workflow="complaint").exists()
    with pytest.raises(PermissionDenied):
        referral_driver.complaint(actor=personas.mediator)


# --- clocks ----------------------------------------------------------------------------


def test_a_complaint_is_decided_within_7_working_days(referral_driver):
    case = referral_driver.complaint()
    clock = Deadline.objects.get(case=case)
    assert (clock.code, clock.due_on) == ("complaint.decision", date(2026, 3, 11))
    referral_driver.act(case, "not_accept")
    clock.refresh_from_db()
    assert clock.status == DeadlineStatus.MET


def test_a_tip_off_gets_15_working_days_extendable_once_by_the_head(referral_driver, personas):
    case = referral_driver.complaint(kind="tip_off")
    clock = Deadline.objects.get(case=case)
    assert (clock.code, clock.due_on) == ("complaint.tipoff_verification", date(2026, 3, 23))
    with pytest.raises(PermissionDenied):
        referral_driver.act(case, "extend_verification", actor=personas.officer)
    referral_driver.act(case, "extend_verification")
    clock.refresh_from_db()
    assert clock.due_on == date(2026, 4, 14)  # 15 more working days, Monday 6 April off
    with pytest.raises(TransitionNotAllowed, match="只能延长一次"):
        referral_driver.act(case, "extend_verification")


# --- outcomes ----------------------------------------------------------------------------


def test_a_ruling_request_opens_a_ruling_case_with_the_complaint_as_origin(referral_driver):
    case = referral_driver.complaint(trademark=False)
    referral_driver.act(case, "open_ruling")
    ruling = Case.objects.get(origin=case)
    assert ruling.workflow == "ruling" and ruling.state == "received"
    assert list(ruling.rights.all()) == list(case.rights.all())
    assert ComplaintCase.objects.get(pk=case.pk).outcome == TriageOutcome.RULING


def test_a_ruling_request_on_a_trademark_is_refused_and_changes_nothing(referral_driver):
    case = referral_driver.complaint(trademark=True)
    with pytest.raises(ValidationError):
        referral_driver.act(case, "open_ruling")
    assert _state(case) == S.RECEIVED
    assert not Case.objects.filter(origin=case).exists()


def test_a_suspected_crime_opens_a_referral_with_its_task_force_and_figures(referral_driver,
                                                                            personas):
    case = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    referral_driver.act(case, "refer_to_police")
    referral = Case.objects.get(origin=case, workflow="referral")
    assert referral.state == "drafting"
    assert set(referral.assignments.values_list("user", flat=True)) == {
        personas.officer.pk, personas.officer2.pk}
    assert "¥80,000" in ReferralCase.objects.get(pk=referral.pk).threshold_summary


def test_a_task_force_of_one_is_refused(referral_driver, personas):
    case = referral_driver.complaint()
    with pytest.raises(ValidationError) as excinfo:
        referral_driver.act(case, "refer_to_police", task_force=[personas.officer.pk])
    assert "task_force" in excinfo.value.message_dict
    assert not Case.objects.filter(origin=case).exists()


def test_an_outside_transfer_decides_the_complaint_and_opens_the_transfer(referral_driver):
    case = referral_driver.complaint()
    referral_driver.act(case, "transfer_matter")
    transfer = TransferCase.objects.get(case__origin=case)
    assert (transfer.direction, transfer.target_authority) == ("external", "南宁市市场监督管理局")
    assert _state(case) == S.DECIDED


def test_an_anonymous_tip_off_is_closed_not_answered(referral_driver):
    case = referral_driver.complaint(kind="tip_off", anonymous=True)
    referral_driver.act(case, "not_accept")
    with pytest.raises(TransitionNotAllowed, match="匿名举报无需答复"):
        referral_driver.act(case, "record_reply")
    referral_driver.act(case, "close")
    assert Case.objects.get(pk=case.pk).closed_on == START.date()


def test_duplicates_about_the_same_party_and_right_are_shown_together(referral_driver, personas):
    first = referral_driver.complaint()
    second = referral_driver.complaint(accused=first.complaint.accused_party)
    second.rights.set(first.rights.all())
    other = referral_driver.complaint(accused=PartyFactory(name="另一家公司"))
    assert list(duplicates_of(first, personas.officer)) == [second]
    assert list(duplicates_of(other, personas.officer)) == []
    assert list(duplicates_of(first, personas.outsider)) == []


# --- the threshold flag ------------------------------------------------------------------


def test_figures_over_a_threshold_flag_the_case_with_rule_and_figures(referral_driver):
    case = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    flag = ThresholdFlag.objects.get(case=case)
    assert flag.summary.startswith("刑法第二百一十三条")
    assert "¥80,000" in flag.summary and "¥50,000" in flag.summary
    event = case.events.get(name="threshold_flagged")
    assert event_label(event.name, case.workflow) != event.name


def test_figures_are_judged_by_the_rules_in_force_on_the_day_received(referral_driver):
    """Without figures entered for 法释〔2025〕5号, a matter received after 2025-04-25 is
    judged by no rule: the seeded ones ended that day."""
    ThresholdRule.objects.filter(effective_from=date(2025, 4, 26)).delete()
    before = referral_driver.complaint(figures={"illegal_turnover": 80_000},
                                       received_on=date(2025, 4, 25))
    after = referral_driver.complaint(figures={"illegal_turnover": 80_000},
                                      received_on=date(2025, 4, 26))
    assert ThresholdFlag.objects.get(case=before).judged_on == date(2025, 4, 25)
    assert not ThresholdFlag.objects.filter(case=after).exists()


def test_a_flagged_case_is_not_closed_otherwise_without_the_head(referral_driver, personas):
    case = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    for name in ("not_accept", "open_mediation", "transfer_matter"):
        with pytest.raises(TransitionNotAllowed, match="涉嫌犯罪，应当移送"):
            referral_driver.act(case, name)
    with pytest.raises(PermissionDenied):
        waive_flag(case_id=case.pk, actor=personas.officer, reason="x")
    with pytest.raises(ValidationError):
        waive_flag(case_id=case.pk, actor=personas.head, reason=" ")
    waive_flag(case_id=case.pk, actor=personas.head, reason="经核查，实际经营数额不足五万元")
    event = CaseEvent.objects.get(case=case, name="threshold_waived")
    assert (event.actor, event.reason) == (personas.head, "经核查，实际经营数额不足五万元")
    referral_driver.act(case, "not_accept")
    assert _state(case) == S.DECIDED


def test_changed_figures_are_judged_again(referral_driver, personas):
    case = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    update_figures(case_id=case.pk, actor=personas.officer, figures={"illegal_turnover": 1})
    assert not ThresholdFlag.objects.filter(case=case).exists()
    update_figures(case_id=case.pk, actor=personas.officer, figures={"labels": 25_000})
    assert "标识" in ThresholdFlag.objects.get(case=case).summary or \
        "labels" in ThresholdFlag.objects.get(case=case).summary
    with pytest.raises(ValidationError):
        update_figures(case_id=case.pk, actor=personas.officer, figures={"facts": "x"})
    with pytest.raises(ValidationError):
        update_figures(case_id=case.pk, actor=personas.officer,
                       figures={"illegal_gain": "-5"})


def test_mediation_opens_a_mediation_case_with_the_complaint_as_origin(referral_driver, personas):
    case = referral_driver.complaint()
    referral_driver.act(case, "open_mediation", reason="双方同意就赔偿数额进行调解")
    mediation = Case.objects.get(origin=case, workflow="mediation")
    parties = {(cp.role, cp.party.name) for cp in mediation.case_parties.select_related("party")}
    assert parties == {("requester", "广西壮乡食品有限公司"),
                       ("respondent", "南宁市某某商贸有限公司")}
    assert mediation.flow.request_summary == "双方同意就赔偿数额进行调解"
    assert Case.objects.get(pk=case.pk).flow.outcome == "mediation"


def test_mediation_needs_a_registered_complainant(referral_driver, personas):
    case = referral_driver.complaint(kind="tip_off", anonymous=True)
    with pytest.raises(ValidationError):
        referral_driver.act(case, "open_mediation")
    assert Case.objects.get(pk=case.pk).state == "received"
    assert not Case.objects.filter(origin=case).exists()


def test_a_matter_waits_for_its_officer_and_one_nobody_took_for_every_officer(
        referral_driver, personas):
    taken = referral_driver.complaint()  # registered by an officer: that officer's
    pool = referral_driver.complaint(actor=personas.head)  # registered by the head: nobody's yet
    assert taken.officer_in_charge == personas.officer and pool.officer_in_charge is None

    def waiting(user):
        return {pk for pks in waiting_keys(user).values() for pk in pks}

    assert {taken.pk, pool.pk} <= waiting(personas.officer)
    assert pool.pk in waiting(personas.officer2) and taken.pk not in waiting(personas.officer2)
    referral_driver.act(pool, "not_accept")  # decided, awaiting the reply: still waiting
    assert pool.pk in waiting(personas.officer2)
    referral_driver.act(pool, "record_reply")
    assert pool.pk not in waiting(personas.officer2)


def test_registering_a_complaint_is_labelled_as_such_on_the_timeline(referral_driver, client,
                                                                      personas):
    from django.utils import translation

    case = referral_driver.complaint()
    event = case.events.get(name="create")
    with translation.override("zh-hans"):
        assert event_label(event.name, case.workflow) == "登记投诉举报"
        assert event_label("create", "ruling") == "登记请求"
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "登记投诉举报" in page


def test_the_reply_method_online_is_not_the_sales_platform(client, referral_driver):
    """答复方式 offers the office's online service (网络平台), not 电商平台, the sales
    channel that shares the English wording."""
    from django.urls import reverse

    case = referral_driver.complaint()
    referral_driver.act(case, "not_accept")
    client.force_login(referral_driver.p.officer)
    response = client.get(reverse("case-action", args=[case.pk, "record_reply"]),
                          HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="online">网络平台</option>' in html and "电商平台" not in html
