"""The workbench (我的待办): the cases waiting for this user, nearest deadline first.

Everything the page shows comes from a constant number of queries whatever the page
size: the next open clock of each case is on its header (``Case.next_deadline``), and the remaining
working days are computed from the memoised calendar, not per case from the database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext

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
from cases.selectors.cases import among, cases_for
from cases.selectors.join_order import joins_as_written

if TYPE_CHECKING:
    from cases.models import User

# "Due soon" is amber: within this many working days (issue 6).
DUE_SOON_WORKING_DAYS = 3


def waiting_q(user: User) -> Q:
    """Which open cases wait for ``user``: their own as officer in charge or assigned
    officer; beyond that, what each workflow says (e.g. heads: drafts pending approval).

    The keys are read first, by one ``UNION`` of a query per reason, each on its own index
    (the officer's open cases, the panel seats, the pending approvals, each workflow's open
    cases of the office): the workbench's queries then start from those few hundred cases,
    instead of testing an OR of every reason against every open case of the scope. The
    view reads it once per request for its list and its counts."""
    sources: list[QuerySet[Any]] = []
    if user.has_role(Role.OFFICER):
        sources += [
            Case.objects.filter(officer_in_charge_id=user.pk, closed_on__isnull=True),
            CaseAssignment.objects.filter(user_id=user.pk, case__closed_on__isnull=True)]
    if user.has_role(Role.HEAD):
        # Steps submitted for the head's approval (the case's scope is applied outside).
        sources.append(ApprovalRequest.objects.filter(outcome=ApprovalOutcome.PENDING))
    for spec in workflows.all_workflows():
        if spec.waiting is not None:
            sources.append(Case.objects.filter(Q(workflow=spec.name) & spec.waiting(user),
                                               closed_on__isnull=True))
    keys = [qs.order_by().values_list("pk" if qs.model is Case else "case_id", flat=True)
            for qs in sources]
    if not keys:
        return Q(pk__in=[])
    first, *others = keys
    return among(first.union(*others) if others else first)


# Nearest deadline first; the header's next_deadline_at is kept by the clock engine.
ORDER = (F("next_deadline_at").asc(nulls_last=True), "received_on", "pk")


def _waiting(user: User, state: str | None, waiting: Q | None) -> QuerySet[Case]:
    qs = (cases_for(user).filter(closed_on__isnull=True)
          .filter(waiting_q(user) if waiting is None else waiting))
    return qs.filter(workflows.state_q(state)) if state else qs


def workbench_page(user: User, *, state: str | None = None,
                   keys: dict[str, list[int]] | None = None, start: int = 0,
                   size: int = 20) -> list[Case]:
    """Rows ``start`` to ``start + size`` (one more than the page, to tell whether a next
    page exists) of :func:`workbench_cases`: the page's keys are sorted on the header
    alone, among the waiting keys (:func:`waiting_keys`, already scoped), then only those
    rows are read with their clock, state and markers (the joins of the full query, over
    the hundreds of waiting cases, cost more than the page)."""
    keys = waiting_keys(user) if keys is None else keys
    waiting = Case.objects.filter(keys_q(keys))
    if state:
        waiting = waiting.filter(workflows.state_q(state))
    page = list(waiting.order_by(*ORDER).values_list("pk", flat=True)[start:start + size + 1])
    with joins_as_written():  # the page's rows by key, each join to one row at most
        return list(workbench_cases(user, state=state, waiting=among(page)))


def workbench_cases(user: User, *, state: str | None = None,
                    waiting: Q | None = None) -> QuerySet[Case]:
    """The user's waiting cases, nearest deadline first: the order is the header's
    ``next_deadline_at`` (kept by the clock engine), which the partial index on open
    cases serves; the clock's details come along by a join, not a subquery per case."""
    qs = (
        _waiting(user, state, waiting)
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
        .order_by(*ORDER)
    )
    return qs


def waiting_keys(user: User) -> dict[str, list[int]]:
    """The keys of the user's waiting cases within the scope, by workflow: read once per
    request (from :func:`waiting_q`'s keys) for the workbench's page and counts, which
    then need neither the scope's joins nor every workflow's table for every case."""
    keys: dict[str, list[int]] = defaultdict(list)
    for pk, workflow in (cases_for(user).filter(closed_on__isnull=True)
                         .filter(waiting_q(user)).order_by().values_list("pk", "workflow")):
        keys[workflow].append(pk)
    return keys


def keys_q(keys: dict[str, list[int]]) -> Q:
    return among(pk for pks in keys.values() for pk in pks)


def state_counts(user: User, keys: dict[str, list[int]] | None = None
                 ) -> list[tuple[str, str, int]]:
    """(state key, label, count) of the user's waiting cases, in workflow order: one
    query, a ``UNION ALL`` of each workflow's states over its own waiting cases. Workflows
    share state names and labels, so each count is of one workflow's state, and a label
    that two counts share names its workflow."""
    keys = waiting_keys(user) if keys is None else keys
    parts = [spec.model._default_manager.filter(among(keys[spec.name])).order_by()
             .annotate(flow=Value(spec.name, output_field=CharField()))
             .values_list("flow", "state").annotate(n=Count("pk"))
             .values_list("flow", "state", "n")
             for spec in workflows.all_workflows() if keys.get(spec.name)]
    rows: dict[str, int] = defaultdict(int)
    if parts:
        first, *others = parts
        for flow, value, n in (first.union(*others, all=True) if others else first):
            rows[workflows.state_key(flow, value)] += n
    counted = [(key, label, group, rows[key]) for group, states in workflows.state_choices()
               for key, label in states if rows.get(key)]
    labels = Counter(label for _key, label, _group, _n in counted)
    return [(key, label if labels[label] == 1 else gettext("%(state)s (%(workflow)s)") % {
        "state": label, "workflow": group}, n)
            for key, label, group, n in counted]


def urgency_counts(user: User, keys: dict[str, list[int]] | None = None) -> tuple[int, int]:
    """(overdue, due within three working days) among the user's waiting cases; the
    parties' own periods are not the user's work and count in neither."""
    now = timezone.now()
    today = timezone.localdate(now)
    soon_until = workdays.add_working_days(today, DUE_SOON_WORKING_DAYS)
    keys = waiting_keys(user) if keys is None else keys
    open_clocks = (Deadline.objects.filter(among((pk for pks in keys.values() for pk in pks),
                                                 "case_id"), status=DeadlineStatus.OPEN)
                   .exclude(code__in=list(workflows.party_periods())))
    counts = open_clocks.aggregate(
        overdue=Count("case", filter=Q(due_at__lt=now), distinct=True),
        soon=Count("case", filter=Q(due_at__gte=now, due_on__lte=soon_until), distinct=True))
    return counts["overdue"] or 0, counts["soon"] or 0


def unread_notifications(user: User, limit: int = 8) -> tuple[list[Notification], int]:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    # With each case's workflow record: the panel says where the case stands now (a
    # draft "待法制审核" a week ago may be an effective ruling today).
    relations = [f"case__{name}" for name in workflows.state_relations()]
    with joins_as_written():  # each notification's one case and its one workflow record
        items = list(qs.select_related("case", *relations)
                     .order_by("-created_at", "-id")[:limit])
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
    due_at: datetime | None = None  # the moment it ends: shown for a clock of hours


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
    return Countdown(name or "", due_on, remaining, shown, level, bool(provisional),
                     due_at=due_at)
