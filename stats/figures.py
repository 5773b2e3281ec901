"""The figures of the statistics page, each a filter on Case: the same filter counts the
figure (``stats.selectors``) and lists its cases (``stats.filters`` on the case list),
so a figure and its list always agree.

Definitions (docs/decisions.md, "Statistics"):

- a case belongs to the office that holds it now (``Case.office``; a transferred case to
  the office it was transferred to), and to every office above it;
- received: received in the period; accepted: the workflow's acceptance day in the period;
  closed: closed in the period; open: received by the period's end and not closed by it;
- closed within the time limit: closed in the period with its statutory time-limit clock
  (the workflow's ``time_limit``) met; after it: that clock missed; the rate is the first
  over both;
- suspended, extended: a suspension or an extension of the time limit recorded in the
  period (timeline entries of the workflow's declared actions);
- overdue now: open, with an officer's clock (not a party's period) past its due time;
- against a repeat infringer: received in the period, a respondent a repeat infringer on the
  day it was received (two or more findings in other cases within the window ending that
  day: what the intake check showed), so a month's figure does not change afterwards;
- each workflow's outcomes and own figures come from its ``Workflow.statistics``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases import workflows
from cases.models import Case, CaseEvent, Deadline
from cases.models.deadlines import DeadlineStatus

if TYPE_CHECKING:
    from cases.models import Office
    from cases.workflows import Label, StatFigure, Workflow

NOTHING = Q(pk__in=[])

COMMON: tuple[tuple[str, Label], ...] = (
    ("received", pgettext_lazy("statistics", "Received")),
    ("accepted", pgettext_lazy("statistics", "Accepted")),
    ("closed", pgettext_lazy("statistics", "Closed")),
    ("open", _("Open at the end of the period")),
    ("in_time", _("Closed within the time limit")),
    ("late", _("Closed after the time limit")),
    ("suspended", _("Suspended")),
    ("extended", _("Time limit extended")),
    ("overdue", _("Overdue now")),
    ("repeat", _("Against a repeat infringer")),
)
COMMON_LABELS = dict(COMMON)


def with_statistics(workflow: str | None = None) -> list[Workflow]:
    specs = workflows.all_workflows()
    return [s for s in specs if workflow in (None, s.name)]


def _per_workflow(specs: list[Workflow], build: Callable[[Workflow], Q | None]) -> Q:
    q = NOTHING
    for spec in specs:
        one = build(spec)
        if one is not None:
            q |= Q(workflow=spec.name) & one
    return q


def _closed(start: date, end: date) -> Q:
    return Q(closed_on__gte=start, closed_on__lte=end)


def _limit(status: str) -> Callable[[Workflow], Q | None]:
    def build(spec: Workflow) -> Q | None:
        if spec.statistics is None or not spec.statistics.time_limit:
            return None
        return Q(Exists(Deadline.objects.filter(
            case_id=OuterRef("pk"), code=spec.statistics.time_limit, status=status)))
    return build


def _events(attr: str, start: date, end: date) -> Callable[[Workflow], Q | None]:
    def build(spec: Workflow) -> Q | None:
        names = getattr(spec.statistics, attr, ()) if spec.statistics else ()
        if not names:
            return None
        return Q(Exists(CaseEvent.objects.filter(
            case_id=OuterRef("pk"), name__in=names, at__date__gte=start, at__date__lte=end)))
    return build


def _accepted(start: date, end: date) -> Callable[[Workflow], Q | None]:
    def build(spec: Workflow) -> Q | None:
        if spec.statistics is None or not spec.statistics.accepted_on:
            return None
        field = spec.lookup(spec.statistics.accepted_on)
        return Q(**{f"{field}__gte": start, f"{field}__lte": end})
    return build


def overdue_q() -> Q:
    """Open cases with an officer's clock past its due time (a party's period that has
    ended is the next step, not overdue work)."""
    return Q(closed_on__isnull=True) & Q(Exists(
        Deadline.objects.filter(case_id=OuterRef("pk"), status=DeadlineStatus.OPEN,
                                due_at__lt=timezone.now())
        .exclude(code__in=list(workflows.party_periods()))))


def common_q(key: str, start: date, end: date, workflow: str | None = None) -> Q:
    """The cases a common figure counts in the period (before the office scope)."""
    specs = with_statistics(workflow)
    if key == "received":
        return Q(received_on__gte=start, received_on__lte=end)
    if key == "accepted":
        return _per_workflow(specs, _accepted(start, end))
    if key == "closed":
        return _closed(start, end)
    if key == "open":
        return Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))
    if key == "in_time":
        return _closed(start, end) & _per_workflow(specs, _limit(DeadlineStatus.MET))
    if key == "late":
        return _closed(start, end) & _per_workflow(specs, _limit(DeadlineStatus.MISSED))
    if key == "suspended":
        return _per_workflow(specs, _events("suspend_actions", start, end))
    if key == "extended":
        return _per_workflow(specs, _events("extend_actions", start, end))
    if key == "overdue":
        return overdue_q()
    if key == "repeat":
        from stats.repeat import received_against_repeat_q

        return Q(received_on__gte=start, received_on__lte=end) & received_against_repeat_q()
    raise KeyError(key)


def workflow_figures(spec: Workflow) -> list[tuple[str, StatFigure]]:
    """("outcome" | "figure", figure) of a workflow's own figures."""
    if spec.statistics is None:
        return []
    return ([("outcome", f) for f in spec.statistics.outcomes]
            + [("figure", f) for f in spec.statistics.figures])


def own_figure(spec: Workflow, key: str) -> StatFigure:
    for _kind, figure in workflow_figures(spec):
        if figure.key == key:
            return figure
    raise KeyError(key)


def scope_q(office: Office, workflow: str | None = None) -> Q:
    q = Q(office__path__startswith=office.path)
    return q & Q(workflow=workflow) if workflow else q


# --- breakdowns ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    key: str
    label: Label
    # A workflow's own dimension (e.g. a ruling's platform) breaks down its cases only.
    workflow: str = ""


def dimensions(workflow: str | None = None) -> list[Dimension]:
    dims = [Dimension("office", _("Office")), Dimension("ip", _("IP type")),
            Dimension("officer", _("Officer in charge"))]
    if act_workflows(workflow):
        dims.append(Dimension("act", _("Infringing act")))
    for spec in with_statistics(workflow):
        if spec.statistics is not None:
            dims += [Dimension(lookup, label, spec.name)
                     for lookup, label in spec.statistics.dimensions]
    return dims


def act_workflows(workflow: str | None = None) -> list[Workflow]:
    """The workflows recording infringing acts (``WorkflowStatistics.acts``)."""
    return [s for s in with_statistics(workflow) if s.statistics and s.statistics.acts]


def act_q(value: str) -> Q:
    """Cases recording the infringing act ``value`` ("": none recorded), of a workflow
    recording acts. The acts are a JSON list of plain identifiers: its quoted element is
    looked for in its text (a JSON containment lookup is not available on SQLite)."""
    q = NOTHING
    for spec in act_workflows():
        lookup = spec.statistics.acts  # type: ignore[union-attr]
        has = Q(**{lookup: []}) if not value else Q(**{f"{lookup}__icontains": f'"{value}"'})
        q |= Q(workflow=spec.name) & has
    return q


def dimension_q(dim: str, value: str, office: Office) -> Q:
    """The cases of one row of a breakdown; ValueError for a value that is not one."""
    from cases.models import Office as OfficeModel

    if dim == "office":
        if not value.isdigit():
            raise ValueError(value)
        if int(value) == office.pk:
            return Q(office_id=office.pk)
        child = OfficeModel.objects.filter(pk=int(value), parent=office).first()
        if child is None:
            raise ValueError(value)
        return Q(office__path__startswith=child.path)
    if dim == "ip":
        if not value:
            return ~Q(Exists(Case.rights.through.objects.filter(case_id=OuterRef("pk"))))
        return Q(Exists(Case.rights.through.objects.filter(case_id=OuterRef("pk"),
                                                          ipright__kind=value)))
    if dim == "officer":
        # The officer breakdown is of the office's own cases (stats.summary.OWN_ONLY).
        if value == "":
            return Q(office_id=office.pk, officer_in_charge__isnull=True)
        if not value.isdigit():
            raise ValueError(value)
        return Q(office_id=office.pk, officer_in_charge_id=int(value))
    if dim == "act":
        from cases.models.rights import InfringingAct

        if value and value not in InfringingAct.values:
            raise ValueError(value)
        return act_q(value)
    declared = {d.key: d.workflow for d in dimensions() if d.workflow}
    if dim in declared:
        return Q(workflow=declared[dim], **{dim: value})
    raise ValueError(dim)
