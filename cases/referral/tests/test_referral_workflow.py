"""Workflow D1 through the runner: every transition from every state it is allowed in,
one it is not, who may run them, and the clocks (the 24 hours exact across midnight and a
holiday)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import TransitionNotAllowed
from cases.models import Case, CaseAssignment, Deadline
from cases.models.deadlines import DeadlineStatus
from cases.referral.models import ReferralCase
from cases.referral.models.police import ReferralState
from cases.referral.workflow import REFERRAL_ACTIONS
from cases.services.runner import perform_transition
from tests.referral_driver import REFERRAL_PATHS

S = ReferralState
SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)  # a Monday

pytestmark = pytest.mark.django_db


def _sources(name: str) -> list[str]:
    return sorted(getattr(ReferralCase, name)._django_fsm.transitions.keys())


EXPECTED = {
    "submit_report": S.PENDING_APPROVAL, "approve": S.APPROVED, "reject": S.REJECTED,
    "send": S.SENT, "record_receipt": S.WITH_POLICE, "record_filed": S.FILED,
    "record_not_filed": S.NOT_FILED, "request_reconsideration": S.RECONSIDERATION,
    "record_reconsideration": S.FILED, "request_supervision": S.SUPERVISION,
    "record_supervision_declined": S.NOT_FILED, "hand_over_exhibits": S.CLOSED,
    "finish": S.CLOSED,
}
ALLOWED = [(n, s) for n in REFERRAL_ACTIONS if n != "extend_filing_period"
           for s in _sources(n)]


def test_every_state_has_a_path():
    assert set(REFERRAL_PATHS) == set(S.values)


@pytest.mark.parametrize(("name", "source"), ALLOWED, ids=[f"{n}-from-{s}" for n, s in ALLOWED])
def test_transition_from_each_allowed_state(referral_driver, name, source):
    case = referral_driver.referral_in(source)
    referral_driver.act(case, name)
    assert Case.objects.get(pk=case.pk).state == EXPECTED[name]
    event = case.events.order_by("-id").first()
    assert (event.name, event.from_state, event.to_state) == (name, source, EXPECTED[name])


@pytest.mark.parametrize("name", [n for n in REFERRAL_ACTIONS if n != "submit_report"])
def test_refused_from_drafting(referral_driver, name):
    case = referral_driver.referral_in("drafting")
    with pytest.raises(TransitionNotAllowed):
        referral_driver.act(case, name)
    assert Case.objects.get(pk=case.pk).state == S.DRAFTING


def test_the_complex_filing_period_is_extended_once_by_30_days(referral_driver):
    case = referral_driver.referral_in("sent")
    referral_driver.act(case, "record_receipt", filing_period="complex")
    clock = Deadline.objects.get(case=case, code="referral.police_filing_complex")
    assert not Deadline.objects.filter(case=case, code="referral.police_filing").exists()
    referral_driver.act(case, "extend_filing_period")
    clock.refresh_from_db()
    assert clock.extended and clock.due_on >= START.date() + timedelta(days=60)
    with pytest.raises(TransitionNotAllowed):
        referral_driver.act(case, "extend_filing_period")


def test_an_ordinary_case_cannot_be_extended(referral_driver):
    case = referral_driver.referral_in("with_police")
    with pytest.raises(TransitionNotAllowed, match="重大复杂案件"):
        referral_driver.act(case, "extend_filing_period")


def test_only_the_head_approves_and_a_rejection_needs_reasons(referral_driver, personas):
    case = referral_driver.referral_in("pending_approval")
    with pytest.raises(PermissionDenied):
        referral_driver.act(case, "approve", actor=personas.officer)
    with pytest.raises(ValidationError):
        referral_driver.act(case, "reject", reason="")
    referral_driver.act(case, "reject")
    flow = ReferralCase.objects.get(pk=case.pk)
    assert flow.rejection_reasons == "证据不足，继续行政调查"
    assert Case.objects.get(pk=case.pk).closed_on == START.date()


def test_the_report_needs_a_task_force_of_two(referral_driver, personas):
    case = referral_driver.referral_in("drafting")
    CaseAssignment.objects.filter(case=case, user=personas.officer2).delete()
    with pytest.raises(TransitionNotAllowed, match="两名执法人员"):
        referral_driver.act(case, "submit_report")


def test_the_package_must_be_complete(referral_driver):
    case = referral_driver.referral_in("approved")
    with pytest.raises(ValidationError) as excinfo:
        referral_driver.act(case, "send", package_seized_items="")
    assert "涉案物品清单" in str(excinfo.value) or "items involved" in str(excinfo.value)
    assert Case.objects.get(pk=case.pk).state == S.APPROVED
    referral_driver.act(case, "send", package_appraisal="鉴定意见书")
    assert ReferralCase.objects.get(pk=case.pk).package["appraisal"] == "鉴定意见书"


def test_the_package_on_the_page_names_an_item_once(referral_driver, personas, client):
    """Officers often enter the item's name as what was sent (涉案物品清单 for 涉案物品清单):
    the page printed 「涉案物品清单：涉案物品清单」. Such a row reads as the item, ticked;
    a real detail is still shown after it."""
    case = referral_driver.referral_in("approved")
    referral_driver.act(case, "send", package_seized_items=" 涉案物品清单。",
                        package_investigation_report="涉嫌犯罪案件调查报告",
                        package_appraisal="鉴定意见书2份")
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "涉案物品清单：" not in page and "调查报告：" not in page
    assert "涉嫌犯罪案件移送书：南知移字〔2026〕1号" in page  # the letter issued, by its number
    assert "检验报告或者鉴定意见：鉴定意见书2份" in page
    rows = ReferralCase.objects.get(pk=case.pk).package_rows()
    assert [sent for _label, sent, _detail in rows] == [True, True, True, True, False]


def test_reconsideration_only_once(referral_driver):
    case = referral_driver.referral_in("reconsideration")
    referral_driver.act(case, "record_reconsideration", result="upheld", police_case_number="")
    assert Case.objects.get(pk=case.pk).state == S.NOT_FILED
    with pytest.raises(TransitionNotAllowed, match="一次复议"):
        referral_driver.act(case, "request_reconsideration")
    referral_driver.act(case, "request_supervision")
    referral_driver.act(case, "record_filed")
    assert Case.objects.get(pk=case.pk).state == S.FILED


def test_an_officer_outside_the_task_force_and_an_outsider_are_refused(referral_driver, personas):
    case = referral_driver.referral_in("approved")
    with pytest.raises(PermissionDenied):
        referral_driver.act(case, "send", actor=personas.officer3)
    from cases.errors import OutOfScope

    with pytest.raises(OutOfScope):
        referral_driver.act(case, "send", actor=personas.outsider)


# --- clocks -----------------------------------------------------------------------------


def _clock(case: Case, code: str) -> Deadline:
    return Deadline.objects.filter(case=case, code=code).latest("id")


def test_approval_within_3_days_and_the_filing_clocks(referral_driver):
    case = referral_driver.referral_in("pending_approval")
    assert _clock(case, "referral.approval").due_on == START.date() + timedelta(days=3)
    for name in ("approve", "send", "record_receipt"):
        referral_driver.act(case, name)
    assert _clock(case, "referral.approval").status == DeadlineStatus.MET
    assert _clock(case, "referral.police_filing").due_on == START.date() + timedelta(days=3)
    referral_driver.act(case, "record_not_filed")
    assert _clock(case, "referral.police_filing").status == DeadlineStatus.MET
    assert _clock(case, "referral.reconsideration").status == DeadlineStatus.OPEN
    referral_driver.act(case, "request_reconsideration")
    assert _clock(case, "referral.reconsideration_answer").status == DeadlineStatus.OPEN
    referral_driver.act(case, "record_reconsideration")
    assert _clock(case, "referral.exhibits_handover").status == DeadlineStatus.OPEN
    referral_driver.act(case, "hand_over_exhibits")
    assert _clock(case, "referral.exhibits_handover").status == DeadlineStatus.MET


@pytest.mark.parametrize(("sent", "status"), [
    (datetime(2026, 10, 1, 19, 59, tzinfo=SHANGHAI), DeadlineStatus.MET),
    (datetime(2026, 10, 1, 20, 0, tzinfo=SHANGHAI), DeadlineStatus.MET),
    (datetime(2026, 10, 1, 20, 1, tzinfo=SHANGHAI), DeadlineStatus.MISSED),
])
def test_the_24_hours_are_exact_across_midnight_and_a_holiday(referral_driver, time_machine, sent,
                                                              status):
    """Approved at 20:00 on the eve of National Day: the referral is due at 20:00 on
    1 October, a public holiday, not on the next working day."""
    time_machine.move_to(datetime(2026, 9, 29, 9, 0, tzinfo=SHANGHAI), tick=False)
    case = referral_driver.referral_in("pending_approval")
    time_machine.move_to(datetime(2026, 9, 30, 20, 30, tzinfo=SHANGHAI), tick=False)
    referral_driver.act(case, "approve", at="2026-09-30 20:00")
    clock = _clock(case, "referral.send")
    assert clock.due_at == datetime(2026, 10, 1, 20, 0, tzinfo=SHANGHAI)
    assert clock.due_on.isoformat() == "2026-10-01"
    time_machine.move_to(datetime(2026, 10, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    referral_driver.act(case, "send", at=sent.strftime("%Y-%m-%d %H:%M"))
    assert _clock(case, "referral.send").status == status


def test_a_send_time_before_the_approval_is_refused(referral_driver):
    case = referral_driver.referral_in("approved")
    referral_driver.issue_letter(case)
    before = (START - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    with pytest.raises(ValidationError) as refused:
        perform_transition(case_id=case.pk, actor=referral_driver.p.officer, name="send",
                           data={**referral_driver.fields(case, "send"), "at": before})
    # The approval's time as the user reads it (local, to the minute), not UTC.
    message = " ".join(refused.value.messages)
    assert START.strftime("%Y-%m-%d %H:%M") in message and "+00:00" not in message, message


def test_the_case_is_sent_only_with_its_issued_letter(referral_driver, personas):
    # It was sent with any number typed for the letter, and no letter on file.
    from cases.services.runner import available_actions, blocked_reason

    case = referral_driver.referral_in("approved")
    send = {a.name: a for a in available_actions(case, personas.officer)}["send"]
    assert "涉嫌犯罪案件移送书签发前不能移送" in blocked_reason(case, personas.officer, send)
    with pytest.raises(TransitionNotAllowed, match="涉嫌犯罪案件移送书"):
        perform_transition(case_id=case.pk, actor=personas.officer, name="send",
                           data=referral_driver.fields(case, "send"))
    case.refresh_from_db()
    assert case.state == "approved"
    letter = referral_driver.issue_letter(case)
    case.refresh_from_db()
    assert blocked_reason(case, personas.officer, send) == ""
    perform_transition(case_id=case.pk, actor=personas.officer, name="send",
                       data={**referral_driver.fields(case, "send"),
                             "package_transfer_letter": "南知移字〔2026〕99号"})
    # What is recorded as sent is the letter issued, whatever was typed.
    assert ReferralCase.objects.get(pk=case.pk).package["transfer_letter"] == letter.number


def test_a_police_case_number_is_stored_in_its_official_brackets(referral_driver):
    case = referral_driver.referral_in("with_police")
    referral_driver.act(case, "record_filed", police_case_number="南公(经)立字[2026]88号")
    assert ReferralCase.objects.get(pk=case.pk).police_case_number == "南公（经）立字〔2026〕88号"
