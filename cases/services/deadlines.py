"""The clock engine: statutory clocks of a case as Deadline rows, started, answered,
paused, resumed, extended or cancelled as each workflow's actions say (their
:class:`cases.workflows.ClockEffects`; DOMAIN.md "Time arithmetic").

Due dates live only in Deadline rows: guards and forms ask :func:`due_on`, which follows a
clock moved by a suspension or an extension. ``apply_effects`` is called only from the
transition runner, inside its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from cases import workdays
from cases.models import Deadline, DeadlineRule
from cases.models.deadline_rules import RuleNotConfigured
from cases.models.deadlines import DeadlineStatus
from cases.models.service import ServiceMethod
from cases.services import fixed_writes
from cases.services.fixed_queries import FixedQuery
from cases.workflows import ClockEffects, DueOf, ServedOn, Trigger

if TYPE_CHECKING:
    from cases.models import Case

WORKING_UNIT = "working_days"
HOURS_UNIT = "hours"
PUBLIC_NOTICE_RULE = "general.public_notice_service"


def end_of_day(d: date) -> datetime:
    """The last instant of a local day: a day-based period runs to 24:00 of its last day."""
    return timezone.make_aware(datetime.combine(d, time.max))


def _as_due(value: date | datetime) -> tuple[date, datetime]:
    if isinstance(value, datetime):
        return timezone.localdate(value), value
    return value, end_of_day(value)


def _is_provisional(unit: str, start: date, due_on: date) -> bool:
    """Whether a due date depends on a year computed without an official calendar."""
    return unit != HOURS_UNIT and bool(workdays.missing_years(start, due_on))


RUNNING = (DeadlineStatus.OPEN, DeadlineStatus.PAUSED)


def _new_clock(case: Case, rule: DeadlineRule, code: str,
               trigger: date | datetime) -> Deadline:
    """A clock ``code`` of ``case`` counted from ``trigger`` under ``rule`` (not saved)."""
    on = trigger.date() if isinstance(trigger, datetime) else trigger
    due_on, due_at = _as_due(rule.due(trigger))
    started_at = (
        trigger
        if isinstance(trigger, datetime)
        else timezone.make_aware(datetime.combine(trigger, time.min))
    )
    return Deadline(
        case=case, rule=rule, code=code, started_at=started_at, due_on=due_on, due_at=due_at,
        provisional=_is_provisional(rule.unit, on, due_on),
        computation=[{"unit": rule.unit, "amount": rule.amount, "from": trigger.isoformat()}],
    )


def start_clock(case: Case, code: str, trigger: date | datetime) -> Deadline:
    """Open the clock ``code`` from ``trigger`` under the rule in force on that day.

    A clock of the same code still running is superseded (cancelled) first, e.g. the
    acceptance clock restarting after a correction.
    """
    on = trigger.date() if isinstance(trigger, datetime) else trigger
    rule = DeadlineRule.objects.in_force(code, on)
    case.deadlines.filter(code=code, status__in=RUNNING).update(
        status=DeadlineStatus.CANCELLED, closed_at=timezone.now(), closed_by="superseded"
    )
    clock = _new_clock(case, rule, code, trigger)
    clock.save(force_insert=True)
    return clock


# Each step below changes clocks in memory and returns the columns it changed; the clock
# engine writes every changed clock in one UPDATE at the end.

def _close(deadlines: list[Deadline], *, action: str, cancelled: bool,
           answered_on: date | datetime | None = None) -> set[str]:
    now = timezone.now()
    for d in deadlines:
        if cancelled:
            d.status = DeadlineStatus.CANCELLED
        elif isinstance(answered_on, datetime):
            # A moment (an hour-based clock's answer): exact against the due moment.
            d.status = DeadlineStatus.MET if answered_on <= d.due_at else DeadlineStatus.MISSED
        elif answered_on is not None:
            d.status = DeadlineStatus.MET if answered_on <= d.due_on else DeadlineStatus.MISSED
        else:
            d.status = DeadlineStatus.MET if now <= d.due_at else DeadlineStatus.MISSED
        d.closed_at = now
        d.closed_by = action
    return {"status", "closed_at", "closed_by"}


def _pause(deadlines: list[Deadline]) -> set[str]:
    """``deadlines`` carry their rule's unit as ``rule_unit``."""
    now = timezone.now()
    today = timezone.localdate(now)
    for d in deadlines:
        unit = d.rule_unit  # type: ignore[attr-defined]
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
    return {"status", "paused_at", "remaining", "remaining_unit"}


def _resume(deadlines: list[Deadline]) -> set[str]:
    """Suspended time does not count: continue with what was left at the pause."""
    now = timezone.now()
    today = timezone.localdate(now)
    for d in deadlines:
        remaining = d.remaining or 0
        if d.remaining_unit == "seconds":
            d.due_at = now + timedelta(seconds=remaining)
            d.due_on = timezone.localdate(d.due_at)
            d.computation = [{"unit": HOURS_UNIT, "amount": 0, "from": d.due_at.isoformat()}]
            d.provisional = False
        else:
            # A period of 0 calendar days left ends today, or on the next working day.
            unit = WORKING_UNIT if d.remaining_unit == WORKING_UNIT else "days"
            due_on = workdays.add_working_days(today, remaining) if unit == WORKING_UNIT \
                else workdays.add_days(today, remaining)
            d.due_on, d.due_at = due_on, end_of_day(due_on)
            d.computation = [{"unit": unit, "amount": remaining, "from": today.isoformat()}]
            d.provisional = _is_provisional(unit, today, due_on)
        d.status = DeadlineStatus.OPEN
        d.paused_at = None
        d.remaining = None
        d.remaining_unit = ""
    return {"due_on", "due_at", "status", "paused_at", "remaining", "remaining_unit",
            "computation", "provisional"}


def _extend(deadlines: list[Deadline], rule: DeadlineRule) -> set[str]:
    today = timezone.localdate()
    for d in deadlines:
        if d.status == DeadlineStatus.PAUSED:
            # While paused the remaining time grows by the extension, in calendar days.
            extra = (rule.due(d.due_on) - d.due_on).days
            d.remaining = (d.remaining or 0) + extra
        else:
            d.due_on, d.due_at = _as_due(rule.due(d.due_on))
            d.provisional = d.provisional or _is_provisional(rule.unit, today, d.due_on)
        if d.computation:
            d.computation = [*d.computation, {"unit": rule.unit, "amount": rule.amount}]
        d.extended = True
    return {"due_on", "due_at", "remaining", "extended", "computation", "provisional"}


def _field(flow: Any, case: Case, name: str) -> Any:
    """A field of the workflow record, else of the case header."""
    return getattr(flow, name) if hasattr(flow, name) else getattr(case, name)


def effective_service_date(served_on: date, method: str) -> date:
    """The day a service counts as made: service by public notice (公告送达) counts once
    the public-notice period has run from publication."""
    if method == ServiceMethod.PUBLIC_NOTICE:
        return due_date(PUBLIC_NOTICE_RULE, served_on)
    return served_on


def _trigger(case: Case, flow: Any, trigger: Trigger) -> date | datetime | None:
    if isinstance(trigger, DueOf):
        return due_on(case, trigger.code)
    if isinstance(trigger, ServedOn):
        served: date | None = _field(flow, case, trigger.date_field)
        if served is None:
            return None
        return effective_service_date(served, _field(flow, case, trigger.method_field))
    value: date | datetime | None = _field(flow, case, trigger)
    return value


def apply_effects(case: Case, flow: Any, effects: ClockEffects | None, *, action: str,
                  save_header: bool = True) -> None:
    """Run the clock bookkeeping of ``action`` on ``case``; ``flow`` is its workflow
    record, where trigger fields are looked up first.

    The case's running clocks are read and locked once; every step works on them in memory,
    then the changed ones are written in one UPDATE, the new ones in one INSERT, and the
    header's next deadline is taken from them. With ``save_header`` false the caller
    saves the header (the transition runner, which writes it once with the action's own
    changes); otherwise it is updated here when it changed."""
    if effects is None:
        return
    try:
        _apply_effects(case, flow, effects, action=action, save_header=save_header)
    except RuleNotConfigured as exc:
        # Most often a mistyped year (a date before the first rule's version): the user's
        # input, so a 400 that names the date; the caller's transaction changes nothing.
        name = (DeadlineRule.objects.filter(code=exc.code).values_list("name", flat=True)
                .first() or exc.code)
        raise ValidationError(gettext(
            "No time limit “%(rule)s” is in force on %(date)s, so its clock cannot start: "
            "check the date; if it is right, an administrator must configure the rule for "
            "that day.") % {"rule": name, "date": exc.on}, code="no_rule") from exc


# The case's running clocks with their rules' units, locked (one read per transition).
_RUNNING_CLOCKS = FixedQuery(
    lambda model, case_id, *statuses: model.objects.filter(
        case_id=case_id, status__in=statuses).annotate(rule_unit=F("rule__unit"))
    .select_for_update(of=("self",)))


def _apply_effects(case: Case, flow: Any, effects: ClockEffects, *, action: str,
                   save_header: bool) -> None:
    running: list[Deadline] = _RUNNING_CLOCKS.rows(Deadline, case.pk, *RUNNING)
    changed: dict[int, Deadline] = {}
    fields: set[str] = set()

    def clocks(codes: tuple[str, ...] | None = None,
               statuses: tuple[str, ...] = RUNNING) -> list[Deadline]:
        return [d for d in running
                if d.status in statuses and (codes is None or d.code in codes)]

    def apply(chosen: list[Deadline], columns: set[str]) -> None:
        if chosen:
            changed.update((d.pk, d) for d in chosen)
            fields.update(columns)

    if effects.answer:
        answered_on = _field(flow, case, effects.answered_on) if effects.answered_on else None
        chosen = clocks(effects.answer, (DeadlineStatus.OPEN,))
        apply(chosen, _close(chosen, action=action, cancelled=False, answered_on=answered_on))
    if effects.cancel:
        chosen = clocks(effects.cancel)
        apply(chosen, _close(chosen, action=action, cancelled=True))
    if effects.cancel_all:
        chosen = clocks()
        apply(chosen, _close(chosen, action=action, cancelled=True))
    if effects.pause_all:
        chosen = clocks(statuses=(DeadlineStatus.OPEN,))
        apply(chosen, _pause(chosen))
    if effects.pause:
        chosen = clocks(effects.pause, (DeadlineStatus.OPEN,))
        apply(chosen, _pause(chosen))
    if effects.resume_all:
        chosen = [d for d in clocks(statuses=(DeadlineStatus.PAUSED,))
                  if not (d.code in effects.keep_paused_if
                          and effects.keep_paused_if[d.code](flow))]
        apply(chosen, _resume(chosen))
    if effects.resume:
        chosen = clocks(effects.resume, (DeadlineStatus.PAUSED,))
        apply(chosen, _resume(chosen))
    if effects.extend:
        chosen = clocks(effects.extend)
        if chosen:
            rule = DeadlineRule.objects.in_force(effects.extension_rule, timezone.localdate())
            apply(chosen, _extend(chosen, rule))
    triggers: dict[str, date | datetime] = {}
    for code, trigger in effects.start.items():
        if isinstance(trigger, DueOf) and changed:
            # The trigger is read from the clocks as stored: store the changes first.
            _store(changed, fields)
        on = _trigger(case, flow, trigger)
        condition = effects.start_if.get(code)
        if on is not None and (condition is None or condition(flow)):
            triggers[code] = on
    started: list[Deadline] = []
    if triggers:
        rules = DeadlineRule.objects.in_force_all(
            {code: on.date() if isinstance(on, datetime) else on
             for code, on in triggers.items()})
        for code, on in triggers.items():
            # A clock of the same code still running is superseded, e.g. the acceptance
            # clock restarting after a correction.
            superseded = clocks((code,))
            apply(superseded, _close(superseded, action="superseded", cancelled=True))
            started.append(_new_clock(case, rules[code], code, on))
    _store(changed, fields)
    if started:
        Deadline.objects.bulk_create(started)
    _set_next_deadline(case, [*running, *started], save=save_header)


def _store(changed: dict[int, Deadline], fields: set[str]) -> None:
    """Write the changed clocks in one statement, then forget them: one ``UPDATE … WHERE
    id IN (…)`` when their new values are equal (closing or cancelling several clocks),
    else one ``UPDATE … FROM`` the values of each (pausing or resuming clocks of different
    lengths), not one ``UPDATE`` per set of values."""
    if not changed:
        return
    groups: dict[tuple[Any, ...], list[int]] = {}
    columns = sorted(fields)
    for d in changed.values():
        values = tuple(getattr(d, c) for c in columns)
        groups.setdefault(_hashable(values), []).append(d.pk)
    if len(groups) == 1:
        d = next(iter(changed.values()))
        fixed_writes.update_rows(Deadline, list(changed), {c: getattr(d, c) for c in columns})
    else:
        fixed_writes.update_each(Deadline, {d.pk: {c: getattr(d, c) for c in columns}
                                            for d in changed.values()})
    changed.clear()


def _hashable(values: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(repr(v) if isinstance(v, list | dict) else v for v in values)


def _set_next_deadline(case: Case, clocks: list[Deadline], *, save: bool) -> None:
    """The header's next deadline from ``clocks``, all the case's clocks that were running
    before the change and those it started (so the running ones are among them)."""
    open_clocks = [d for d in clocks if d.status == DeadlineStatus.OPEN]
    nearest = min(open_clocks, key=lambda d: (d.due_at, d.pk), default=None)
    next_id, next_at = (nearest.pk, nearest.due_at) if nearest is not None else (None, None)
    if case.next_deadline_id == next_id and case.next_deadline_at == next_at:
        return
    case.next_deadline_id, case.next_deadline_at = next_id, next_at
    if save:
        type(case).objects.filter(pk=case.pk).update(next_deadline_id=next_id,
                                                     next_deadline_at=next_at)


def refresh_next_deadline(case: Case) -> None:
    """Keep the case header's nearest running clock (``Case.next_deadline``) in step with
    its Deadline rows: one indexed read and one UPDATE of the header when it changed (for
    clocks changed outside :func:`apply_effects`, e.g. recomputed on a new calendar)."""
    nearest = (Deadline.objects.filter(case_id=case.pk, status=DeadlineStatus.OPEN)
               .order_by("due_at", "id").values_list("id", "due_at").first())
    next_id, next_at = nearest if nearest is not None else (None, None)
    if case.next_deadline_id == next_id and case.next_deadline_at == next_at:
        return
    type(case).objects.filter(pk=case.pk).update(next_deadline_id=next_id,
                                                 next_deadline_at=next_at)
    case.next_deadline_id, case.next_deadline_at = next_id, next_at


def due_on(case: Case, code: str) -> date | None:
    """The due date of the case's latest clock ``code`` (running, paused or closed, not
    cancelled) as its Deadline row has it now, moved by any suspension or extension."""
    deadline = (case.deadlines.filter(code=code).exclude(status=DeadlineStatus.CANCELLED)
                .order_by("-started_at", "-id").first())
    return deadline.due_on if deadline is not None else None


def due_date(code: str, trigger: date | datetime) -> date:
    """The due date of ``code`` counted from ``trigger`` under the rule in force then."""
    on = trigger.date() if isinstance(trigger, datetime) else trigger
    due = DeadlineRule.objects.in_force(code, on).due(trigger)
    return timezone.localdate(due) if isinstance(due, datetime) else due


def notice_period(code: str, on: date) -> tuple[int, date]:
    """A notice period of working days from ``on`` (e.g. before a hearing): its length
    under the rule in force and the first day it allows."""
    rule = DeadlineRule.objects.in_force(code, on)
    return rule.amount, workdays.add_working_days(on, rule.amount)


@dataclass(frozen=True)
class MovedDeadline:
    deadline: Deadline
    old_due_on: date


def recompute_provisional() -> list[MovedDeadline]:
    """Count every running provisional clock again on the calendar as it now stands (after
    an official year was entered); returns the clocks whose due date moved."""
    moved: list[MovedDeadline] = []
    clocks = (Deadline.objects.select_for_update(of=("self",))
              .filter(provisional=True, status__in=RUNNING).exclude(computation=[])
              .select_related("case", "case__officer_in_charge", "rule"))
    for d in clocks:
        first = d.computation[0]
        new_due_on, new_due_at = _as_due(workdays.replay(d.computation))
        started_on = date.fromisoformat(str(first["from"])[:10])
        old_due_on = d.due_on
        d.provisional = _is_provisional(str(first["unit"]), started_on, new_due_on)
        d.due_on, d.due_at = new_due_on, new_due_at
        if d.status == DeadlineStatus.PAUSED and d.paused_at is not None:
            paused_on = timezone.localdate(d.paused_at)
            if d.remaining_unit == WORKING_UNIT:
                d.remaining = max(0, workdays.working_days_between(paused_on, new_due_on))
            elif d.remaining_unit == "days":
                d.remaining = max(0, workdays.days_between(paused_on, new_due_on))
        d.save(update_fields=["due_on", "due_at", "provisional", "remaining"])
        if new_due_on != old_due_on:
            moved.append(MovedDeadline(d, old_due_on))
    for case in {m.deadline.case_id: m.deadline.case for m in moved}.values():
        refresh_next_deadline(case)
    return moved
