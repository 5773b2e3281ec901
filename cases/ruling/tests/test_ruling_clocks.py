"""Statutory clocks of Workflow A on the working-day calendar."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cases.errors import TransitionNotAllowed
from cases.models.deadlines import DeadlineStatus
from cases.ruling.models import CaseState
from cases.selectors.cases import deadline_views
from cases.services.runner import perform_transition
from tests.ruling_driver import RulingDriver

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    return RulingDriver(personas, time_machine)


def _at(y: int, m: int, d: int, hour: int = 9) -> datetime:
    return datetime(y, m, d, hour, 0, tzinfo=SHANGHAI)


def test_acceptance_clock_across_national_day(driver, time_machine):
    time_machine.move_to(_at(2026, 9, 28), tick=False)
    case = driver.file()
    clock = case.deadlines.get(code="ruling.acceptance_decision")
    # 29, 30 Sept, 8, 9 Oct, then the make-up working Saturday 10 Oct.
    assert clock.due_on == date(2026, 10, 10)
    view = {d.code: d for d in deadline_views(case)}["ruling.acceptance_decision"]
    assert (view.remaining, view.remaining_unit, view.overdue) == (5, "working_days", False)
    time_machine.move_to(_at(2026, 10, 8), tick=False)
    view = {d.code: d for d in deadline_views(case)}["ruling.acceptance_decision"]
    assert view.remaining == 2


def test_answer_period_ending_in_the_holiday_rolls_to_the_next_working_day(driver,
                                                                           time_machine):
    time_machine.move_to(_at(2026, 9, 16), tick=False)
    case = driver.bring_to(CaseState.AWAITING_ANSWER)
    # 15 days from 16 Sept is 1 Oct, National Day: the period ends on 8 Oct.
    assert case.ruling.answer_due_on == date(2026, 10, 8)
    assert case.deadlines.get(code="ruling.answer_period").due_on == date(2026, 10, 8)


def test_accepting_meets_the_acceptance_clock_and_starts_the_next(driver, time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.ACCEPTED)
    codes = dict(case.deadlines.values_list("code", "status"))
    assert codes["ruling.acceptance_decision"] == DeadlineStatus.MET
    assert codes["ruling.serve_respondent"] == DeadlineStatus.OPEN
    assert case.deadlines.get(code="ruling.overall_limit").due_on == date(2026, 6, 2)


def test_late_answer_to_a_clock_is_recorded_missed(driver, time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.file()
    time_machine.move_to(_at(2026, 3, 20), tick=False)
    driver.act(case, "accept")
    assert case.deadlines.get(code="ruling.acceptance_decision").status == DeadlineStatus.MISSED


def test_suspension_pauses_the_overall_limit_and_resumption_continues_it(driver,
                                                                         time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.INVESTIGATION)
    limit = case.deadlines.get(code="ruling.overall_limit")
    assert limit.due_on == date(2026, 6, 2)
    time_machine.move_to(_at(2026, 4, 1), tick=False)
    driver.act(case, "suspend")
    limit.refresh_from_db()
    assert limit.status == DeadlineStatus.PAUSED
    assert (limit.remaining, limit.remaining_unit) == (62, "days")
    paused = {d.code: d for d in deadline_views(case)}["ruling.overall_limit"]
    assert paused.remaining == 62 and not paused.overdue
    # Six weeks later (across the May Day holiday) the case resumes with 62 days left.
    time_machine.move_to(_at(2026, 5, 11), tick=False)
    case = driver.act(case, "resume")
    assert case.state == CaseState.INVESTIGATION
    limit.refresh_from_db()
    assert limit.status == DeadlineStatus.OPEN
    # 11 May + 62 days = 12 July, a Sunday: the period ends on Monday 13 July.
    assert limit.due_on == date(2026, 7, 13)


def test_extension_adds_one_month_once(driver, time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.INVESTIGATION)
    case = driver.act(case, "extend_time_limit")
    limit = case.deadlines.get(code="ruling.overall_limit")
    assert (limit.due_on, limit.extended) == (date(2026, 7, 2), True)
    from cases.errors import TransitionNotAllowed

    with pytest.raises(TransitionNotAllowed):
        driver.act(case, "extend_time_limit")


def test_decision_meets_the_overall_limit_and_service_starts_the_suit_period(driver,
                                                                            time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.SERVED)
    assert case.deadlines.get(code="ruling.overall_limit").status == DeadlineStatus.MET
    suit = case.deadlines.get(code="ruling.suit_period")
    assert suit.status == DeadlineStatus.OPEN
    assert suit.due_on == case.ruling.suit_period_ends_on
    assert (suit.due_on - case.ruling.ruling_served_on).days >= 15


def test_closing_cancels_every_running_clock(driver, time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.INVESTIGATION)
    driver.act(case, "withdraw")
    assert not case.deadlines.filter(status__in=["open", "paused"]).exists()
    assert case.deadlines.filter(status=DeadlineStatus.CANCELLED).exists()


def test_a_clock_reaching_a_year_without_calendar_is_provisional(driver, time_machine):
    time_machine.move_to(_at(2026, 12, 28), tick=False)
    case = driver.file()  # 5 working days from 28 Dec 2026 reach into 2027
    clock = case.deadlines.get(code="ruling.acceptance_decision")
    assert clock.provisional and clock.due_on == date(2027, 1, 5)  # 元旦 by statute
    in_2026 = driver.file(received_on=date(2026, 12, 1))
    assert not in_2026.deadlines.get(code="ruling.acceptance_decision").provisional


def test_a_step_recorded_late_but_dated_in_time_meets_its_clock(driver, time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.file()
    # The head signed on paper on 6 March (in time) and records it on 20 March: a head's
    # own acceptance keeps the date entered (an approval in the system is dated the day
    # the head approves).
    time_machine.move_to(_at(2026, 3, 20), tick=False)
    driver.act(case, "accept", actor=driver.p.head, accepted_on="2026-03-06")
    assert case.deadlines.get(code="ruling.acceptance_decision").status == DeadlineStatus.MET


def test_answer_period_guard_follows_the_deadline_moved_by_a_suspension(driver, time_machine):
    """Served 2 March, suspended on 5 March, resumed 20 April: the answer period runs on
    from the resumption, so proceeding without an answer is refused until the moved
    deadline has passed (it once read a due date that the suspension did not move)."""
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.AWAITING_ANSWER)
    first_due = case.deadlines.get(code="ruling.answer_period").due_on
    assert first_due == date(2026, 3, 17)
    time_machine.move_to(_at(2026, 3, 5), tick=False)
    driver.act(case, "suspend")
    time_machine.move_to(_at(2026, 4, 20), tick=False)
    driver.act(case, "resume")
    moved = case.deadlines.get(code="ruling.answer_period")
    assert moved.status == DeadlineStatus.OPEN and moved.due_on > date(2026, 4, 20)
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_ANSWER
    assert case.ruling.answer_due_on == moved.due_on

    time_machine.move_to(_at(2026, 4, 21), tick=False)
    with pytest.raises(TransitionNotAllowed, match="答辩期尚未届满"):
        perform_transition(case_id=case.pk, actor=driver.p.officer,
                           name="proceed_without_answer", data={})
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_ANSWER

    time_machine.move_to(datetime.combine(moved.due_on + timedelta(days=1), time(9),
                                          tzinfo=SHANGHAI), tick=False)
    case = perform_transition(case_id=case.pk, actor=driver.p.officer,
                              name="proceed_without_answer", data={})
    assert case.state == CaseState.INVESTIGATION


def test_deciding_closes_the_moot_answer_copy_clock(driver, time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.INVESTIGATION)  # the answer is in, not yet sent on
    assert case.deadlines.get(code="ruling.answer_copy").status == DeadlineStatus.OPEN
    for name in ("schedule_hearing", "hold_hearing", "submit_for_approval",
                 "record_legal_review", "decide"):
        case = driver.act(case, name)
    clock = case.deadlines.get(code="ruling.answer_copy")
    assert (clock.status, clock.closed_by) == (DeadlineStatus.CANCELLED, "decide")


def test_a_dismissed_ruling_opens_no_enforcement_window(driver, time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.file()
    for name in ("accept", "serve_respondent", "record_answer", "schedule_hearing",
                 "hold_hearing"):
        case = driver.act(case, name)
    case = driver.act(case, "submit_for_approval", draft_outcome="dismissed")
    for name in ("record_legal_review", "decide", "serve_ruling", "become_effective"):
        case = driver.act(case, name)
    assert case.state == CaseState.EFFECTIVE
    assert not case.deadlines.filter(code="ruling.enforcement_window").exists()
    found = driver.bring_to(CaseState.EFFECTIVE)
    assert found.deadlines.filter(code="ruling.enforcement_window",
                                  status=DeadlineStatus.OPEN).exists()


def test_a_clock_started_again_supersedes_the_running_one_and_moves_the_next_deadline(
        driver, time_machine):
    from cases.models import Case
    from cases.services.deadlines import apply_effects
    from cases.workflows import ClockEffects

    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.file()
    old = case.deadlines.get(code="ruling.acceptance_decision")
    time_machine.move_to(_at(2026, 3, 4), tick=False)
    case = Case.objects.get(pk=case.pk)
    case.received_on = date(2026, 3, 4)
    apply_effects(case, case.flow,
                  ClockEffects(start={"ruling.acceptance_decision": "received_on"},
                               pause_all=True),
                  action="test")
    old.refresh_from_db()
    new = case.deadlines.get(code="ruling.acceptance_decision", status=DeadlineStatus.OPEN)
    # Paused first (the old clock), then superseded when the same code starts again.
    assert (old.status, old.closed_by) == (DeadlineStatus.CANCELLED, "superseded")
    assert old.paused_at is not None
    assert new.due_on == date(2026, 3, 11)
    case.refresh_from_db()
    assert (case.next_deadline_id, case.next_deadline_at) == (new.pk, new.due_at)


def test_a_clock_cannot_start_from_the_due_date_of_one_started_with_it():
    from cases.workflows import ClockEffects, DueOf

    with pytest.raises(ValueError, match="ruling.suit_period"):
        ClockEffects(start={"ruling.suit_period": "served_on",
                            "ruling.enforcement_window": DueOf("ruling.suit_period")})


def test_appraisal_time_does_not_count_towards_the_time_limit(driver, time_machine):
    """鉴定期间不计入: commissioned on 1 April with 62 days of the limit left, the limit
    stops while the parties' periods and other steps run on; a suspension that ends during
    the appraisal does not restart it; the appraisal's end does, with what was left."""
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.INVESTIGATION)
    limit = case.deadlines.get(code="ruling.overall_limit")
    time_machine.move_to(_at(2026, 4, 1), tick=False)
    case = driver.act(case, "start_appraisal")
    assert case.state == CaseState.INVESTIGATION
    limit.refresh_from_db()
    assert (limit.status, limit.remaining, limit.remaining_unit) == (
        DeadlineStatus.PAUSED, 62, "days")
    others = case.deadlines.exclude(code="ruling.overall_limit")
    assert not others.filter(status=DeadlineStatus.PAUSED).exists()
    with pytest.raises(TransitionNotAllowed):
        driver.act(case, "start_appraisal")  # one at a time
    time_machine.move_to(_at(2026, 4, 20), tick=False)
    driver.act(case, "suspend")
    time_machine.move_to(_at(2026, 5, 11), tick=False)
    case = driver.act(case, "resume")
    limit.refresh_from_db()
    assert (limit.status, limit.remaining) == (DeadlineStatus.PAUSED, 62)
    time_machine.move_to(_at(2026, 5, 18), tick=False)
    case = driver.act(case, "end_appraisal")
    limit.refresh_from_db()
    # 18 May + 62 days = 19 July, a Sunday: the limit ends on Monday 20 July.
    assert (limit.status, limit.due_on) == (DeadlineStatus.OPEN, date(2026, 7, 20))
    case.refresh_from_db()
    assert case.next_deadline_at is not None
    names = list(case.events.values_list("name", flat=True))
    assert names.count("start_appraisal") == 1 and names[-1] == "end_appraisal"
    with pytest.raises(TransitionNotAllowed):
        driver.act(case, "end_appraisal")  # none under way


def test_a_draft_is_not_submitted_while_an_appraisal_runs(driver, time_machine):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.DELIBERATION)
    driver.act(case, "start_appraisal")
    with pytest.raises(TransitionNotAllowed, match="鉴定"):
        driver.act(case, "submit_for_approval")
    driver.act(case, "end_appraisal")
    assert driver.act(case, "submit_for_approval").state == CaseState.PENDING_APPROVAL


def test_the_case_page_says_an_appraisal_is_under_way(driver, time_machine, client):
    time_machine.move_to(_at(2026, 3, 2), tick=False)
    case = driver.bring_to(CaseState.INVESTIGATION)
    client.force_login(driver.p.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "委托鉴定（鉴定期间不计入审理期限）" in page and 'id="appraisal-under-way"' not in page
    driver.act(case, "start_appraisal")
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "2026-03-02委托广西知识产权鉴定中心鉴定，鉴定期间不计入审理期限。" in page
    assert "鉴定结束" in page
