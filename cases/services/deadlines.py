"""Clock bookkeeping for ruling cases: which transition starts, answers, pauses, resumes,
extends or cancels which statutory clock (DOMAIN.md, Workflow A and "Time arithmetic").

Called only from the transition runner, inside its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from cases import workdays
from cases.models import Deadline, DeadlineRule
from cases.models.deadlines import DeadlineStatus

if TYPE_CHECKING:
    from cases.models import Case

WORKING_UNIT = "working_days"
HOURS_UNIT = "hours"


@dataclass(frozen=True)
class Effects:
    """What one action does to the clocks. ``start`` maps a rule code to the case field
    holding its trigger date."""

    start: dict[str, str] = field(default_factory=dict)
    answer: tuple[str, ...] = ()
    # The case field holding the date the answering step happened (a served date, the
    # decision date…): a clock is met when that day is not after its due date, whenever
    # the step is recorded. Without one, the recording time counts.
    answered_on: str | None = None
    cancel_all: bool = False
    cancel: tuple[str, ...] = ()
    pause_all: bool = False
    resume_all: bool = False
    extend: tuple[str, ...] = ()


EFFECTS: dict[str, Effects] = {
    "create": Effects(start={"ruling.acceptance_decision": "received_on"}),
    "request_correction": Effects(cancel=("ruling.acceptance_decision",)),
    "receive_correction": Effects(start={"ruling.acceptance_decision": "received_on"}),
    "accept": Effects(
        answer=("ruling.acceptance_decision",), answered_on="accepted_on",
        start={"ruling.serve_respondent": "accepted_on", "ruling.overall_limit": "accepted_on"},
    ),
    "reject": Effects(answer=("ruling.acceptance_decision",), cancel_all=True,
                      answered_on="closed_on"),
    "serve_respondent": Effects(
        answer=("ruling.serve_respondent",), answered_on="respondent_served_on",
        start={"ruling.answer_period": "respondent_served_on"},
    ),
    "record_answer": Effects(
        answer=("ruling.answer_period",), answered_on="answer_received_on",
        start={"ruling.answer_copy": "answer_received_on"},
    ),
    "proceed_without_answer": Effects(answer=("ruling.answer_period",)),
    "send_answer_copy": Effects(answer=("ruling.answer_copy",),
                                answered_on="answer_copy_sent_on"),
    "decide": Effects(answer=("ruling.overall_limit",), answered_on="decided_on"),
    "serve_ruling": Effects(start={"ruling.suit_period": "ruling_served_on"}),
    "record_suit": Effects(answer=("ruling.suit_period",)),
    "become_effective": Effects(
        answer=("ruling.suit_period",),
        start={"ruling.enforcement_window": "suit_period_ends_on"},
    ),
    "serve_demand": Effects(start={"ruling.demand_wait": "demand_served_on"}),
    "apply_enforcement": Effects(answer=("ruling.demand_wait", "ruling.enforcement_window"),
                                 answered_on="enforcement_applied_on"),
    "close": Effects(cancel_all=True),
    "conclude_litigation": Effects(),
    "withdraw": Effects(cancel_all=True),
    "requester_absent": Effects(cancel_all=True),
    "refer": Effects(cancel_all=True),
    "mediation_succeeded": Effects(cancel_all=True),
    "suspend": Effects(pause_all=True),
    "resume": Effects(resume_all=True),
    "extend_time_limit": Effects(extend=("ruling.overall_limit",)),
}


def end_of_day(d: date) -> datetime:
    """The last instant of a local day: a day-based period runs to 24:00 of its last day."""
    return timezone.make_aware(datetime.combine(d, time.max))


def _as_due(value: date | datetime) -> tuple[date, datetime]:
    if isinstance(value, datetime):
        return timezone.localdate(value), value
    return value, end_of_day(value)


def start_clock(case: Case, code: str, trigger: date | datetime) -> Deadline:
    """Open the clock ``code`` from ``trigger`` under the rule in force on that day.

    A clock of the same code still running is superseded (cancelled) first, e.g. the
    acceptance clock restarting after a correction.
    """
    on = trigger.date() if isinstance(trigger, datetime) else trigger
    rule = DeadlineRule.objects.in_force(code, on)
    due_on, due_at = _as_due(rule.due(trigger))
    started_at = (
        trigger
        if isinstance(trigger, datetime)
        else timezone.make_aware(datetime.combine(trigger, time.min))
    )
    running = [DeadlineStatus.OPEN, DeadlineStatus.PAUSED]
    case.deadlines.filter(code=code, status__in=running).update(
        status=DeadlineStatus.CANCELLED, closed_at=timezone.now(), closed_by="superseded"
    )
    return Deadline.objects.create(
        case=case, rule=rule, code=code, started_at=started_at, due_on=due_on, due_at=due_at
    )


def _close(deadlines: list[Deadline], *, action: str, cancelled: bool,
           answered_on: date | None = None) -> None:
    now = timezone.now()
    for d in deadlines:
        if cancelled:
            d.status = DeadlineStatus.CANCELLED
        elif answered_on is not None:
            d.status = DeadlineStatus.MET if answered_on <= d.due_on else DeadlineStatus.MISSED
        else:
            d.status = DeadlineStatus.MET if now <= d.due_at else DeadlineStatus.MISSED
        d.closed_at = now
        d.closed_by = action
        d.save(update_fields=["status", "closed_at", "closed_by"])


def _pause(deadlines: list[Deadline]) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    for d in deadlines:
        unit = d.rule.unit
        if unit == HOURS_UNIT:
            d.remaining = max(0, int((d.due_at - now).total_seconds()))
            d.remaining_unit = "seconds"
        elif unit == WORKING_UNIT:
            d.remaining = max(0, workdays.working_days_between(today, d.due_on))
            d.remaining_unit = WORKING_UNIT
        else:
            d.remaining = max(0, workdays.days_between(today, d.due_on))
            d.remaining_unit = "days"
        d.status = DeadlineStatus.PAUSED
        d.paused_at = now
        d.save(update_fields=["status", "paused_at", "remaining", "remaining_unit"])


def _resume(deadlines: list[Deadline]) -> None:
    """Suspended time does not count: continue with what was left at the pause."""
    now = timezone.now()
    today = timezone.localdate(now)
    for d in deadlines:
        remaining = d.remaining or 0
        if d.remaining_unit == "seconds":
            d.due_at = now + timedelta(seconds=remaining)
            d.due_on = timezone.localdate(d.due_at)
        else:
            if d.remaining_unit == WORKING_UNIT:
                due_on = workdays.add_working_days(today, remaining)
            else:
                due_on = (
                    workdays.add_days(today, remaining)
                    if remaining
                    else workdays.next_working_day(today)
                )
            d.due_on, d.due_at = due_on, end_of_day(due_on)
        d.status = DeadlineStatus.OPEN
        d.paused_at = None
        d.remaining = None
        d.remaining_unit = ""
        d.save(update_fields=["due_on", "due_at", "status", "paused_at", "remaining",
                              "remaining_unit"])


def _extend(case: Case, deadlines: list[Deadline]) -> None:
    for d in deadlines:
        rule = DeadlineRule.objects.in_force("ruling.extension", timezone.localdate())
        if d.status == DeadlineStatus.PAUSED:
            # While paused the remaining time grows by the extension, in calendar days.
            extra = (rule.due(d.due_on) - d.due_on).days
            d.remaining = (d.remaining or 0) + extra
        else:
            d.due_on, d.due_at = _as_due(rule.due(d.due_on))
        d.extended = True
        d.save(update_fields=["due_on", "due_at", "remaining", "extended"])


def apply_effects(case: Case, action: str) -> None:
    """Run the clock bookkeeping of ``action`` on ``case`` (already saved)."""
    effects = EFFECTS.get(action)
    if effects is None:
        return
    running = [DeadlineStatus.OPEN, DeadlineStatus.PAUSED]
    if effects.answer:
        answered_on = getattr(case, effects.answered_on) if effects.answered_on else None
        _close(
            list(case.deadlines.filter(code__in=effects.answer, status=DeadlineStatus.OPEN)),
            action=action,
            cancelled=False,
            answered_on=answered_on,
        )
    if effects.cancel:
        _close(
            list(case.deadlines.filter(code__in=effects.cancel, status__in=running)),
            action=action,
            cancelled=True,
        )
    if effects.cancel_all:
        _close(list(case.deadlines.filter(status__in=running)), action=action, cancelled=True)
    if effects.pause_all:
        _pause(list(case.deadlines.filter(status=DeadlineStatus.OPEN).select_related("rule")))
    if effects.resume_all:
        _resume(list(case.deadlines.filter(status=DeadlineStatus.PAUSED)))
    if effects.extend:
        _extend(case, list(case.deadlines.filter(code__in=effects.extend, status__in=running)))
    for code, field_name in effects.start.items():
        trigger = getattr(case, field_name)
        if trigger is not None:
            start_clock(case, code, trigger)


def due_date(code: str, trigger: date | datetime) -> date:
    """The due date of ``code`` counted from ``trigger`` (for fields shown on the case)."""
    on = trigger.date() if isinstance(trigger, datetime) else trigger
    due = DeadlineRule.objects.in_force(code, on).due(trigger)
    return timezone.localdate(due) if isinstance(due, datetime) else due
