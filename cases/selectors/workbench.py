"""The workbench (我的待办): the cases waiting for this user, nearest deadline first.

Everything the page shows comes from a constant number of queries whatever the page
size: the next open clock of each case is on its header (``Case.next_deadline``), and the remaining
working days are computed from the memoised calendar, not per case from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from cases import workdays, workflows
from cases.models import (
    ApprovalOutcome,
    ApprovalRequest,
    Case,
    CaseAssignment,
    Deadline,
    Notification,
    Role,
)
from cases.models.deadlines import DeadlineStatus
from cases.selectors.cases import cases_for

if TYPE_CHECKING:
    from cases.models import User

# "Due soon" is amber: within this many working days (issue 6).
DUE_SOON_WORKING_DAYS = 3


def waiting_q(user: User) -> Q:
    """Which open cases wait for ``user``: their own as officer in charge or assigned
    officer; beyond that, what each workflow says (e.g. heads: drafts pending approval)."""
    q = Q(pk__in=[])
    if user.has_role(Role.OFFICER):
        # An IN over the panel's user index, not a per-row EXISTS: the database can then
        # use both indexes (officer, panel seat) instead of scanning every case.
        q |= Q(officer_in_charge_id=user.pk) | Q(
            pk__in=CaseAssignment.objects.filter(user_id=user.pk).values("case_id"))
    if user.has_role(Role.HEAD):
        # Steps submitted for the head's approval (the case's scope is applied outside).
        q |= Q(pk__in=ApprovalRequest.objects.filter(outcome=ApprovalOutcome.PENDING)
               .values("case_id"))
    for spec in workflows.all_workflows():
        if spec.waiting is not None:
            q |= Q(workflow=spec.name) & spec.waiting(user)
    return q


def workbench_cases(user: User, *, state: str | None = None) -> QuerySet[Case]:
    """The user's waiting cases, nearest deadline first: the order is the header's
    ``next_deadline_at`` (kept by the clock engine), which the partial index on open
    cases serves; the clock's details come along by a join, not a subquery per case."""
    qs = (
        cases_for(user).filter(closed_on__isnull=True).filter(waiting_q(user))
        .select_related("officer_in_charge", *workflows.state_relations())
        .annotate(
            next_due_at=F("next_deadline_at"),
            next_due_on=F("next_deadline__due_on"),
            next_unit=F("next_deadline__rule__unit"),
            next_name=F("next_deadline__rule__name"),
            next_code=F("next_deadline__code"),
            next_provisional=F("next_deadline__provisional"),
            # Any running clock of the case (not only the next) on a provisional year:
            # evaluated for the rows of the page only.
            any_provisional=Exists(Deadline.objects.filter(
                case=OuterRef("pk"), provisional=True,
                status__in=[DeadlineStatus.OPEN, DeadlineStatus.PAUSED])),
            **workflows.marker_annotations(),
        )
        .order_by(F("next_deadline_at").asc(nulls_last=True), "received_on", "pk")
    )
    if state:
        qs = qs.filter(workflows.state_q(state))
    return qs


def state_counts(user: User) -> list[tuple[str, str, int]]:
    """(state, label, count) of the user's waiting cases, in workflow order."""
    rows = dict(
        cases_for(user).filter(closed_on__isnull=True).filter(waiting_q(user))
        .order_by().annotate(flow_state=workflows.state_expression())
        .values_list("flow_state").annotate(n=Count("pk")).values_list("flow_state", "n")
    )
    return [(value, label, rows[value]) for value, label in workflows.state_choices()
            if rows.get(value)]


def urgency_counts(user: User) -> tuple[int, int]:
    """(overdue, due within three working days) among the user's waiting cases; the
    parties' own periods are not the user's work and count in neither."""
    now = timezone.now()
    today = timezone.localdate(now)
    soon_until = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    waiting = (cases_for(user).filter(closed_on__isnull=True).filter(waiting_q(user))
               .values("pk"))
    open_clocks = (Deadline.objects.filter(case__in=waiting, status=DeadlineStatus.OPEN)
                   .exclude(code__in=list(workflows.party_periods())))
    counts = open_clocks.aggregate(
        overdue=Count("case", filter=Q(due_at__lt=now), distinct=True),
        soon=Count("case", filter=Q(due_at__gte=now, due_on__lte=soon_until), distinct=True))
    return counts["overdue"] or 0, counts["soon"] or 0


def unread_notifications(user: User, limit: int = 8) -> tuple[list[Notification], int]:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    items = list(qs.select_related("case").order_by("-created_at", "-id")[:limit])
    total = len(items) if len(items) < limit else qs.count()
    return items, total


@dataclass(frozen=True)
class Countdown:
    """How a deadline is shown: remaining amount, unit and urgency (overdue / soon / ok).

    A party's own period (答辩期, 起诉期…) is ``party_period``: it is never the user's
    overdue work; once it has ended, ``next_step`` says what the user does now.
    """

    name: str
    due_on: date | None
    remaining: int | None
    unit: str
    level: str  # "overdue", "soon", "ok", "none", "party", "next_step"
    provisional: bool = False
    party_period: bool = False
    next_step: str = ""


def countdown(name: str | None, due_at: datetime | None, due_on: date | None,
              unit: str | None, *, code: str | None = None,
              provisional: bool | None = False) -> Countdown:
    if due_at is None or due_on is None:
        return Countdown(name or "", None, None, "", "none")
    remaining: int | None
    party_periods = workflows.party_periods()
    if code in party_periods:
        ended = due_at < timezone.now()
        remaining = workdays.days_between(timezone.localdate(), due_on)
        return Countdown(name or "", due_on, remaining, "days",
                         "next_step" if ended else "party", bool(provisional), True,
                         str(party_periods[code]) if ended else "")
    now = timezone.now()
    today = timezone.localdate(now)
    if unit == "hours":
        remaining, shown = int((due_at - now).total_seconds() // 3600), "hours"
    elif unit == "working_days":
        shown = "working_days"
        remaining = workdays.working_days_between(today, due_on)
    else:
        remaining, shown = workdays.days_between(today, due_on), "days"
    if due_at < now:
        level = "overdue"
    else:
        soon = workdays.working_days_between(today, due_on) <= DUE_SOON_WORKING_DAYS
        level = "soon" if soon else "ok"
    return Countdown(name or "", due_on, remaining, shown, level, bool(provisional))
