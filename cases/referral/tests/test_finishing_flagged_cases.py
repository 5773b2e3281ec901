"""Every transition that finishes a case flagged over a criminal threshold (a ruling case
closed, rejected, withdrawn, settled or transferred; a complaint not accepted or handed
elsewhere; a mediation agreed, failed or withdrawn) is refused to the officer, and allowed
to the head of office with a reason, which is recorded as the decision not to refer and
shows on the timeline. Referring the case is never refused."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases.complaints.models import ComplaintState
from cases.errors import TransitionNotAllowed
from cases.models import Case, CaseEvent
from cases.referral.models import ThresholdFlag
from cases.referral.services import judge_case, waive_flag
from cases.ruling.models import CaseState
from cases.services import approvals
from cases.services.assignments import change_assignment
from cases.services.runner import perform_transition, system_user
from mediation.tests.driver import TODAY, MediationDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
FLAG = "涉嫌犯罪，应当移送"
WHY = "经调查，涉案金额系请求人单方主张，无证据证实"


def _flag(case: Case) -> None:
    assert judge_case(case, {"loss": Decimal("600000"), "turnover": Decimal("600000")},
                      on=timezone.localdate()) is not None


def _waived_by(case: Case, head: Any, reason: str, action: str) -> None:
    flag = ThresholdFlag.objects.get(case=case)
    assert (flag.waived_by, flag.waiver_reason) == (head, reason)
    event = CaseEvent.objects.get(case=case, name="threshold_waived")
    assert (event.actor, event.reason, event.payload["action"]) == (head, reason, action)


# --- ruling cases -------------------------------------------------------------------------


# (state the case is in, action, extra fields, the state it ends in)
RULING_ENDINGS = [
    (CaseState.EFFECTIVE, "close", {}, CaseState.CLOSED),
    (CaseState.ENFORCEMENT, "close", {}, CaseState.CLOSED),
    (CaseState.RECEIVED, "withdraw", {}, CaseState.WITHDRAWN),
    (CaseState.HEARING_SCHEDULED, "requester_absent", {}, CaseState.WITHDRAWN),
    (CaseState.IN_LITIGATION, "conclude_litigation", {"result": "revoked"}, CaseState.CLOSED),
]
# (调解成功 is no ending of the officer's or head's: the linked mediation's agreement runs
# it, mediation/tests/test_from_ruling.py.)


@pytest.mark.parametrize(("state", "name", "extra", "ends_in"), RULING_ENDINGS,
                         ids=[f"{n}-from-{s}" for s, n, _e, _t in RULING_ENDINGS])
def test_a_flagged_ruling_case_is_finished_only_by_the_head_with_a_reason(
        ruling, personas, state, name, extra, ends_in):
    case = ruling.bring_to(state)
    _flag(case)
    with pytest.raises(TransitionNotAllowed, match=FLAG):
        ruling.act(case, name, actor=personas.officer, **extra)
    assert Case.objects.get(pk=case.pk).state == state
    assert not CaseEvent.objects.filter(case=case, name=name).exists()
    with pytest.raises(ValidationError, match="reason"):
        ruling.act(case, name, actor=personas.head, **{**extra, "reason": " "})
    ruling.act(case, name, actor=personas.head, **{**extra, "reason": WHY})
    assert Case.objects.get(pk=case.pk).state == ends_in
    _waived_by(case, personas.head, WHY, name)


@pytest.mark.parametrize("name", ["reject", "refer"])
def test_an_approved_ending_records_the_head_as_deciding_not_to_refer(ruling, personas, name):
    """The officer may submit a rejection or a transfer; the head's approval is the
    decision not to refer, with the reason the submission gives."""
    case = ruling.file()
    _flag(case)
    extra = {"kind": "jurisdiction", "target": "南宁市市场监督管理局"} if name == "refer" else {}
    request = ruling.submit(case, name, reason=WHY, **extra)
    approvals.approve(request_id=request.pk, actor=personas.head)
    assert Case.objects.get(pk=case.pk).state in (CaseState.REJECTED, CaseState.TRANSFERRED)
    _waived_by(case, personas.head, WHY, name)


def test_a_referral_to_the_police_is_never_refused(ruling, personas):
    case = ruling.file()
    _flag(case)
    ruling.act(case, "refer", actor=personas.head, kind="crime")
    assert Case.objects.get(pk=case.pk).state == CaseState.TRANSFERRED
    assert not ThresholdFlag.objects.get(case=case).is_waived
    assert not CaseEvent.objects.filter(case=case, name="threshold_waived").exists()


def test_after_the_heads_decision_the_officer_finishes_the_case(ruling, personas):
    case = ruling.bring_to(CaseState.EFFECTIVE)
    _flag(case)
    with pytest.raises(PermissionDenied):
        waive_flag(case_id=case.pk, actor=personas.officer, reason=WHY)
    waive_flag(case_id=case.pk, actor=personas.head, reason=WHY)
    ruling.act(case, "close")
    assert Case.objects.get(pk=case.pk).state == CaseState.CLOSED
    assert CaseEvent.objects.filter(case=case, name="threshold_waived").count() == 1


def test_an_unflagged_case_finishes_as_before(ruling, personas):
    case = ruling.bring_to(CaseState.EFFECTIVE)
    assert judge_case(case, {"loss": Decimal("1000")}, on=timezone.localdate()) is None
    ruling.act(case, "close")
    assert Case.objects.get(pk=case.pk).state == CaseState.CLOSED


def test_the_reason_shows_on_the_timeline(ruling, personas, client):
    case = ruling.bring_to(CaseState.EFFECTIVE)
    _flag(case)
    ruling.act(case, "close", actor=personas.head, reason=WHY)
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "负责人决定不移送" in page and WHY in page


# --- complaints ---------------------------------------------------------------------------


COMPLAINT_ENDINGS = ["not_accept", "open_ruling", "open_mediation", "transfer_matter"]


@pytest.mark.parametrize("name", COMPLAINT_ENDINGS)
def test_a_flagged_complaint_is_decided_otherwise_only_by_the_head_with_a_reason(
        referral_driver, personas, name):
    # A ruling request concerns a patent (art. 216: turnover from ¥200,000).
    case = referral_driver.complaint(figures={"illegal_turnover": 300_000},
                                     trademark=name != "open_ruling")
    assert ThresholdFlag.objects.filter(case=case).exists()
    with pytest.raises(TransitionNotAllowed, match=FLAG):
        referral_driver.act(case, name, actor=personas.officer)
    assert Case.objects.get(pk=case.pk).state == ComplaintState.RECEIVED
    assert not Case.objects.filter(origin=case).exists()
    referral_driver.act(case, name, actor=personas.head, reason=WHY)
    assert Case.objects.get(pk=case.pk).state == ComplaintState.DECIDED
    _waived_by(case, personas.head, WHY, name)


def test_a_flagged_complaint_is_referred_by_the_officer(referral_driver, personas):
    case = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    referral_driver.act(case, "refer_to_police")
    assert Case.objects.get(pk=case.pk).state == ComplaintState.DECIDED
    referral_driver.act(case, "record_reply")
    assert Case.objects.get(pk=case.pk).state == ComplaintState.CLOSED
    assert not CaseEvent.objects.filter(case=case, name="threshold_waived").exists()


# --- mediation ----------------------------------------------------------------------------


@pytest.fixture
def mediations(personas, offices, calendar_2026, deadline_rules, thresholds, time_machine):
    time_machine.move_to(datetime(2026, 4, 20, 9, 0, tzinfo=SHANGHAI), tick=False)
    return MediationDriver(personas, offices.nanning)


def _mediation_in(m: MediationDriver, state: str) -> Case:
    case = m.new()
    m.to_in_session(case)
    if state == "agree":
        m.hold_session(case)
        m.draft(case)
        m.sign(case)
    return case


MEDIATION_ENDINGS = [
    ("agree", {"on": TODAY.isoformat()}, "agreed"),
    ("fail", {"on": TODAY.isoformat(), "reason": "赔偿数额差距过大"}, "unsuccessful"),
    ("withdraw_request", {"on": TODAY.isoformat(), "reason": "双方已和解"}, "request_withdrawn"),
]


@pytest.mark.parametrize(("name", "data", "ends_in"), MEDIATION_ENDINGS,
                         ids=[n for n, _d, _s in MEDIATION_ENDINGS])
def test_a_flagged_mediation_ends_only_after_the_heads_decision(
        mediations, personas, name, data, ends_in):
    case = _mediation_in(mediations, name)
    _flag(case)
    with pytest.raises(TransitionNotAllowed, match=FLAG):
        mediations.run(case, name, **data)
    assert Case.objects.get(pk=case.pk).state == "in_session"
    # Mediation steps are the mediator's: the head records the decision on the case page.
    waive_flag(case_id=case.pk, actor=personas.head, reason=WHY)
    mediations.run(case, name, **data)
    assert Case.objects.get(pk=case.pk).state == ends_in
    event = CaseEvent.objects.get(case=case, name="threshold_waived")
    assert (event.actor, event.reason) == (personas.head, WHY)


def test_an_agreement_does_not_settle_a_flagged_ruling_case(ruling, personas, offices):
    """A mediation opened from a flagged ruling case ends the ruling case when agreed:
    that is finishing the flagged case, refused to the mediator."""
    origin = ruling.bring_to(CaseState.MEDIATING)
    _flag(origin)
    case = Case.objects.get(origin=origin, workflow="mediation")
    ruling.advance_to(datetime(2026, 4, 20, 10, 0, tzinfo=SHANGHAI))
    mediations = MediationDriver(personas, offices.nanning)
    change_assignment(case.pk, personas.head, mediator=personas.mediator,
                      reason="指定调解员。")
    mediations.to_in_session(case)
    mediations.hold_session(case)
    mediations.draft(case)
    mediations.sign(case)
    with pytest.raises(TransitionNotAllowed, match=origin.number):
        mediations.run(case, "agree", on=TODAY.isoformat())
    assert Case.objects.get(pk=origin.pk).state == CaseState.MEDIATING
    waive_flag(case_id=origin.pk, actor=personas.head, reason=WHY)
    mediations.run(case, "agree", on=TODAY.isoformat())
    assert Case.objects.get(pk=origin.pk).state == CaseState.CLOSED


def test_a_system_step_is_not_the_offices_decision(ruling, personas):
    """A periodic task's step (e.g. a breached agreement) is not refused: nobody decided."""
    case = ruling.bring_to(CaseState.EFFECTIVE)
    _flag(case)
    perform_transition(case_id=case.pk, actor=system_user(), name="close", system=True,
                       data={"summary": "系统结案"})
    assert Case.objects.get(pk=case.pk).state == CaseState.CLOSED
