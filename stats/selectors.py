"""The statistics of an office's subtree for a period of whole months: a fixed number of
grouped queries whatever the number of cases (no loop over cases).

The figures are read from the summary table (:mod:`stats.summary`): the office's own rows
for the months of the period, and for the open stock the cases open today with the
months after the period; "overdue now" from its cells of the days before today and, on
the cases, those whose first officer's clock fell due earlier today; suspensions and
extensions from their per-case marks (a case counts once in a period). The
working days to close are a histogram of exact working days by month, so the mean and
the median are exact.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.models import Case, Deadline, Office, User
from cases.models.deadlines import DeadlineStatus
from cases.models.rights import InfringingAct, RightKind
from stats import figures as f
from stats.models import CaseMark, PendingCase, SummaryCell
from stats.summary import NOW_MONTH, drain

if TYPE_CHECKING:
    from cases.workflows import Workflow


@dataclass
class Cell:
    """A figure: its value and the case-list parameters listing exactly its cases."""

    value: int | Decimal | float | None
    params: dict[str, str] | None = None


@dataclass
class Row:
    label: str
    cells: dict[str, Cell]
    key: str = ""


@dataclass
class Table:
    key: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[Row]
    total: Row | None = None
    note: str = ""


@dataclass
class Report:
    office: Office
    start: date
    end: date
    workflow: str | None
    summary: Table
    tables: list[Table] = field(default_factory=list)
    trend: dict[str, Any] = field(default_factory=dict)
    # Changes of cases not counted yet (more than a request counts, or another drain or a
    # rebuild running): the page says the figures are being brought up to date.
    behind: bool = False


SUMMARY_COLUMNS = [*f.COMMON[:5], ("rate", "")]


def _params(report_args: dict[str, str], fig: str, *, workflow: str | None = None,
            dim: str = "", val: str = "", start: date | None = None,
            end: date | None = None) -> dict[str, str]:
    p = dict(report_args, fig=fig)
    if workflow:
        p["fig_wf"] = workflow
    if dim:
        p["fig_dim"], p["fig_val"] = dim, val
    if start:
        p["fig_from"] = start.isoformat()
    if end:
        p["fig_to"] = end.isoformat()
    return p


def _rate(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def _mean_median(pairs: list[tuple[int, int]]) -> tuple[float | None, float | None]:
    """(value, count) pairs → mean and median of the values."""
    n = sum(c for _v, c in pairs)
    if not n:
        return None, None
    mean = round(sum(v * c for v, c in pairs) / n, 1)
    ordered = sorted(pairs)

    def nth(k: int) -> int:
        seen = 0
        for v, c in ordered:
            seen += c
            if seen > k:
                return v
        return ordered[-1][0]

    median = nth(n // 2) if n % 2 else (nth(n // 2 - 1) + nth(n // 2)) / 2
    return mean, float(median)


def whole_months(start: date, end: date) -> bool:
    """Whether the period runs from the first day of a month to the last day of one (the
    summary is kept by month)."""
    return start.day == 1 and (end + timedelta(days=1)).day == 1


# The most changed cases a statistics request counts before it reads (about 1 ms of CPU
# each): a request never does more than that of the worker's work, nor waits for it.
REQUEST_DRAIN = 200


def build_report(office: Office, start: date, end: date, workflow: str | None = None
                 ) -> Report:
    """The report, in one read transaction (PostgreSQL's JIT compiler off: it costs more
    than the small grouped queries it would compile), after counting the cases changed
    since the worker last did, up to :data:`REQUEST_DRAIN` of them and without waiting for
    a drain or a rebuild running elsewhere (the worker counts the rest within the minute;
    ``Report.behind`` says so). ValueError for a period that is not whole months."""
    if not whole_months(start, end) or start > end:
        raise ValueError(_("Statistics are kept by month: the period runs from the first "
                           "day of a month to the last day of one."))
    # The changes the worker has not counted yet (usually none: one query), within a bound.
    drain(wait=False, batch=REQUEST_DRAIN, batches=1)
    behind = PendingCase.objects.exists()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        report = _build_report(office, start, end, workflow)
    report.behind = behind
    return report


Cells = dict[tuple[str, str, str, str], list[Any]]  # (workflow, figure, dim, value) → sums


class _Data:
    """The summary rows of the report's office (and its subordinate offices), read in a
    fixed number of grouped queries."""

    def __init__(self, office: Office, start: date, end: date, workflow: str | None):
        rows = SummaryCell.objects.filter(office=office)
        if workflow:
            rows = rows.filter(workflow=workflow)
        in_period = Q(month__gte=start, month__lte=end) & ~Q(figure="overdue")
        in_stock = _in_stock(end)
        self.period: Cells = {}
        self.open: dict[tuple[str, str, str], int] = defaultdict(int)
        # The rows of both, as two index ranges of month (the period and after it, and the
        # cases open today); the sums below tell them apart.
        either = Q(month__gte=start) | Q(month=NOW_MONTH)
        grouped = (rows.filter(either).filter(in_period | in_stock)
                   .values_list("workflow", "figure", "dim", "value")
                   .annotate(pn=Sum("n", filter=in_period), d=Sum("days", filter=in_period),
                             a0=Sum("amount0", filter=in_period),
                             a1=Sum("amount1", filter=in_period),
                             stock=Sum("n", filter=in_stock)).order_by())
        # Thousands of rows for a region: read as the driver returns them, without the
        # ORM's conversion of each value (sums of whole numbers; the amounts as decimals).
        sql, params = grouped.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        for wf, figure, dim, value, pn, d, a0, a1, stock in found:
            if pn is not None:
                self.period[(wf, figure, dim, value)] = [int(pn), int(d or 0), _decimal(a0),
                                                         _decimal(a1)]
            if stock is not None:
                self.open[(wf, dim, value)] += -int(stock) if figure == "received" else int(stock)
        self.trend = {(r["month"], r["figure"]): r["n"] for r in rows.filter(
            month__gte=start, month__lte=end, dim="", value="",
            figure__in=("received", "closed")).values("month", "figure")
            .annotate(n=Sum("n")).order_by()}
        self.units = list(Office.objects.filter(parent=office).order_by("path"))
        children = SummaryCell.objects.filter(office__in=[u.pk for u in self.units], dim="",
                                              value="")
        if workflow:
            children = children.filter(workflow=workflow)
        in_period &= Q(figure__in=("received", "closed", "in_time"))
        self.children: dict[tuple[int, str], int] = defaultdict(int)
        for r in (children.filter(either).filter(in_period | in_stock)
                  .values("office", "figure")
                  .annotate(pn=Sum("n", filter=in_period), stock=Sum("n", filter=in_stock))
                  .order_by()):
            self.children[(r["office"], r["figure"])] += r["pn"] or 0
            self.children[(r["office"], "open")] += (
                -(r["stock"] or 0) if r["figure"] == "received" else r["stock"] or 0)
        # Every workflow's together, by breakdown value: (figure, dim, value) → n.
        self.across: dict[tuple[str, str, str], int] = defaultdict(int)
        self.by_dim: dict[str, set[str]] = defaultdict(set)
        for (_wf, figure, dim, value), (n, *_rest) in self.period.items():
            self.across[(figure, dim, value)] += n
            self.by_dim[dim].add(value)
        for (_wf, dim, value), n in self.open.items():
            self.across[("open", dim, value)] += n
            self.by_dim[dim].add(value)

    def count(self, wf: str, figure: str, dim: str = "", value: str = "") -> int:
        if figure == "open":
            return int(self.open.get((wf, dim, value), 0))
        return int(self.period.get((wf, figure, dim, value), [0])[0])

    def total(self, figure: str, dim: str = "", value: str = "") -> int:
        """A figure over every workflow of the report."""
        return int(self.across.get((figure, dim, value), 0))


def _decimal(value: Any) -> Decimal:
    """A sum of amounts as the driver returns it (a decimal; SQLite: a number)."""
    if value is None:
        return Decimal(0)
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _in_stock(end: date) -> Q:
    """The rows giving the cases open at the end of the period: open today, and for the
    months after it, closed (still open at its end) and received (not yet received)."""
    return Q(figure__in=("open_now", "open_out", "received")) & (
        Q(month=NOW_MONTH) | Q(month__gt=end))


def _build_report(office: Office, start: date, end: date, workflow: str | None
                  ) -> Report:
    base = Case.objects.filter(f.scope_q(office, workflow))
    args = {"fig_office": str(office.pk), "fig_from": start.isoformat(),
            "fig_to": end.isoformat()}
    if workflow:
        args["fig_wf"] = workflow
    specs = f.with_statistics(workflow)
    data = _Data(office, start, end, workflow)
    direct = _direct(base, office, data.units, start, end, workflow)

    summary_cols = [(key, str(label)) for key, label in f.COMMON] + [
        ("rate", str(_("Within the time limit (%)"))),
        ("mean_days", str(_("Average working days to close"))),
        ("median_days", str(_("Median working days to close")))]
    rows = []
    totals = {key: 0 for key, _label in f.COMMON}
    histogram: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (wf, figure, _dim, value), (n, *_rest) in data.period.items():
        if figure == "days" and n:
            histogram[wf].append((int(value), n))
    for spec in specs:
        counts = {key: direct[(spec.name, key)] if key in _DIRECT
                  else data.count(spec.name, key) for key, _label in f.COMMON}
        if not any(counts.values()):
            continue
        cells = {key: Cell(counts[key], _params(args, key, workflow=spec.name))
                 for key, _label in f.COMMON}
        for key in totals:
            totals[key] += counts[key]
        mean, median = _mean_median(histogram.get(spec.name, []))
        cells["rate"] = Cell(_rate(counts["in_time"], counts["in_time"] + counts["late"]))
        cells["mean_days"], cells["median_days"] = Cell(mean), Cell(median)
        rows.append(Row(str(spec.label), cells, spec.name))
    total_cells = {key: Cell(value, _params(args, key)) for key, value in totals.items()}
    total_cells["rate"] = Cell(_rate(totals["in_time"], totals["in_time"] + totals["late"]))
    mean, median = _mean_median([p for ps in histogram.values() for p in ps])
    total_cells["mean_days"], total_cells["median_days"] = Cell(mean), Cell(median)
    summary = Table("summary", str(_("Cases by workflow")), summary_cols, rows,
                    Row(str(_("Total")), total_cells, "total"),
                    note=str(_("Against a repeat infringer: cases received in the period "
                               "when a respondent had already been found to infringe in "
                               "two or more cases within %(years)s years.")
                             % {"years": settings.REPEAT_INFRINGER_WINDOW_YEARS}))
    report = Report(office, start, end, workflow, summary)

    for spec in specs:
        report.tables += _own_tables(spec, data, args)

    report.tables.append(_office_table(office, data, direct, args))
    report.tables.append(_dim_table(
        "ip", str(_("By IP type")), data, direct, args,
        {value: str(label) for value, label in RightKind.choices},
        note=str(_("A case concerning rights of several types counts under each."))))
    for dim in f.dimensions(workflow):
        if dim.workflow:
            spec = workflows.get(dim.workflow)
            title = _("By %(dimension)s (%(workflow)s)") % {"dimension": dim.label,
                                                            "workflow": spec.label}
            report.tables.append(_dim_table(dim.key, str(title), data, direct,
                                            {**args, "fig_wf": dim.workflow}, {},
                                            total=True))
    if f.act_workflows(workflow):
        report.tables.append(_dim_table(
            "act", str(_("By infringing act")), data, direct, args,
            {value: str(label) for value, label in InfringingAct.choices},
            note=str(_("A case of several infringing acts counts under each."))))
    report.tables.append(_officer_table(office, data, direct, args))
    report.trend = _trend(data, start, end, args)
    return report


# Figures counted on the cases, not the summary.
_DIRECT = ("suspended", "extended", "overdue")


def _overdue_today(now: datetime) -> Q:
    """The open cases whose first running officer's clock fell due earlier today: the
    summary's ``overdue`` cells hold those of the days before (driven by the clocks'
    ``status, due_at`` index, a few cases)."""
    start = timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))
    officers = (Deadline.objects.filter(status=DeadlineStatus.OPEN)
                .exclude(code__in=list(workflows.party_periods())))
    return (Q(closed_on__isnull=True, pk__in=officers.filter(
        due_at__gte=start, due_at__lt=now).values("case_id"))
        & ~Q(Exists(officers.filter(case_id=OuterRef("pk"), due_at__lt=start))))


def _overdue_cells(out: dict[tuple[str, str], int], office: Office, units: list[Office],
                   today: date, workflow: str | None) -> None:
    """Overdue now from the summary: the cases whose first officer's clock fell due
    before today, by workflow and breakdown (the office's cells) and by subordinate
    office (theirs, without breakdown; the office's own cases are the rest)."""
    paths = {u.pk: u.path for u in units}
    cells = SummaryCell.objects.filter(figure="overdue", month__lt=today,
                                       office__in=[office.pk, *paths])
    cells = cells.filter(Q(office=office) | Q(dim=""))
    if workflow:
        cells = cells.filter(workflow=workflow)
    for unit, wf, dim, value, n in (cells.values_list("office", "workflow", "dim", "value")
                                    .annotate(n=Sum("n")).order_by()):
        if unit != office.pk:
            out[("office_path", paths[unit])] += n
            out[("office_path", office.path)] -= n
        elif dim:
            out[(dim, value)] += n
        else:
            out[(wf, "overdue")] += n
            out[("office_path", office.path)] += n


def _direct(base: Any, office: Office, units: list[Office], start: date, end: date,
            workflow: str | None) -> dict[tuple[str, str], int]:
    """(workflow, figure) and (dimension, value) of "overdue" → counts of what the summary
    does not keep: suspensions and extensions (distinct cases of their marks), overdue now
    (by workflow and by each breakdown: the summary's days before today, and the cases of
    today)."""
    out: dict[tuple[str, str], int] = defaultdict(int)
    marks = CaseMark.objects.filter(office__path__startswith=office.path, day__gte=start,
                                    day__lte=end)
    if workflow:
        marks = marks.filter(workflow=workflow)
    for wf, figure, n in (marks.values_list("workflow", "figure")
                          .annotate(n=Count("case", distinct=True)).order_by()):
        out[(wf, figure)] = n
    now = timezone.now()
    _overdue_cells(out, office, units, timezone.localdate(now), workflow)
    overdue = base.filter(_overdue_today(now))
    width = len(office.path) + 7  # a region code and its slash per level
    for wf, unit, own, officer, n in (
            overdue.annotate(unit=Substr("office__path", 1, width),
                             own=models.Case(models.When(office_id=office.pk, then=True),
                                             default=False,
                                             output_field=models.BooleanField()))
            .values_list("workflow", "unit", "own", "officer_in_charge")
            .annotate(n=Count("pk")).order_by()):
        out[(wf, "overdue")] += n
        out[("office_path", unit)] += n
        if own:
            out[("officer", str(officer or ""))] += n
    for kind, n in (overdue.values_list(F("rights__kind"))
                    .annotate(n=Count("pk", distinct=True)).order_by()):
        out[("ip", kind or "")] += n
    for dim in f.dimensions(workflow):
        if dim.workflow:
            for value, n in (overdue.filter(workflow=dim.workflow).values_list(dim.key)
                             .annotate(n=Count("pk")).order_by()):
                out[(dim.key, "" if value is None else str(value))] += n
    acts = ["", *InfringingAct.values]
    if f.act_workflows(workflow):
        counts = overdue.aggregate(**{f"a{i}": Count("pk", filter=f.act_q(a))
                                      for i, a in enumerate(acts)})
        for i, a in enumerate(acts):
            out[("act", a)] += counts[f"a{i}"]
    return out


def _own_tables(spec: Workflow, data: _Data, args: dict[str, str]) -> list[Table]:
    stats = spec.statistics
    if stats is None:
        return []
    tables = []
    for kind, figs in (("outcome", stats.outcomes), ("figure", stats.figures)):
        if not figs:
            continue
        amount_cols: list[tuple[str, str]] = []
        for fig in figs:
            for i, (_lookup, label) in enumerate(fig.amounts):
                if (f"amount{i}", str(label)) not in amount_cols:
                    amount_cols.append((f"amount{i}", str(label)))
        rows = []
        for fig in figs:
            n, _days, *amounts = data.period.get((spec.name, f"own:{fig.key}", "", ""),
                                                 [0, 0, Decimal(0), Decimal(0)])
            cells = {"count": Cell(n, _params(args, f"{kind}:{fig.key}", workflow=spec.name))}
            for i, _a in enumerate(fig.amounts):
                cells[f"amount{i}"] = Cell(Decimal(amounts[i] or 0))
            rows.append(Row(str(fig.label), cells, fig.key))
        title = (_("%(workflow)s: outcomes") if kind == "outcome"
                 else _("%(workflow)s: figures"))
        total_cells = {"count": Cell(sum(r.cells["count"].value or 0 for r in rows))}
        for key, _label in amount_cols:
            total_cells[key] = Cell(sum((r.cells[key].value or Decimal(0) for r in rows
                                         if key in r.cells), Decimal(0)))
        table = Table(f"{spec.name}-{kind}", str(title) % {"workflow": spec.label},
                      [("count", str(_("Cases"))), *amount_cols], rows,
                      Row(str(_("Total")), total_cells) if kind == "outcome" else None)
        for rate in stats.rates:
            num = data.count(spec.name, f"own:{rate.numerator}")
            den = data.count(spec.name, f"own:{rate.denominator}")
            if kind == "outcome":
                table.note = gettext("%(label)s: %(rate)s (%(num)s / %(den)s)") % {
                    "label": rate.label, "rate": f"{_rate(num, den)}%" if den else "—",
                    "num": num, "den": den}
        tables.append(table)
    return tables


BREAKDOWN_KEYS = ("received", "closed", "open", "in_time", "overdue")


def _breakdown_columns() -> list[tuple[str, str]]:
    return [(key, str(f.COMMON_LABELS[key])) for key in BREAKDOWN_KEYS]


def _total(rows: list[Row], args: dict[str, str]) -> Row:
    return Row(str(_("Total")), {key: Cell(sum(int(r.cells[key].value or 0) for r in rows),
                                            _params(args, key))
                                  for key in BREAKDOWN_KEYS}, "total")


def _office_table(office: Office, data: _Data, direct: dict[tuple[str, str], int],
                  args: dict[str, str]) -> Table:
    """By subordinate office (each with its subtree), and the office's own cases (its
    subtree's figures less its subordinates')."""
    figures = ("received", "closed", "in_time", "open")
    own = {key: data.total(key) for key in figures}
    own["overdue"] = direct.get(("office_path", office.path), 0)
    rows = []
    for unit in data.units:
        counts = {key: data.children.get((unit.pk, key), 0) for key in figures}
        counts["overdue"] = direct.get(("office_path", unit.path), 0)
        for key in figures:
            own[key] -= counts[key]
        rows.append((unit, unit.name, counts))
    rows.insert(0, (office, str(_("%(office)s (its own cases)")) % {"office": office.name},
                    own))
    out = [Row(label, {key: Cell(counts[key], _params(args, key, dim="office",
                                                      val=str(unit.pk)))
                       for key in BREAKDOWN_KEYS}, str(unit.pk))
           for unit, label, counts in rows if any(counts.values())]
    return Table("office", str(_("By office")), _breakdown_columns(), out,
                 _total(out, args))


def _dim_table(dim: str, title: str, data: _Data, direct: dict[tuple[str, str], int],
               args: dict[str, str], labels: dict[str, str], *, note: str = "",
               total: bool = False, total_args: dict[str, str] | None = None) -> Table:
    """A breakdown (a workflow's declared dimension is recorded by its cases only)."""
    values = sorted(data.by_dim.get(dim, set()) | {v for (d, v) in direct if d == dim})
    rows = []
    for value in values:
        counts = {key: data.total(key, dim, value)
                  for key in ("received", "closed", "open", "in_time")}
        counts["overdue"] = direct.get((dim, value), 0)
        if not any(counts.values()):
            continue
        cells = {key: Cell(counts[key], _params(args, key, dim=dim, val=value))
                 for key in BREAKDOWN_KEYS}
        rows.append(Row(labels.get(value, value or str(_("(not recorded)"))), cells, value))
    return Table(dim, title, _breakdown_columns(), rows,
                 _total(rows, total_args or args) if total else None, note)


def _officer_table(office: Office, data: _Data, direct: dict[tuple[str, str], int],
                   args: dict[str, str]) -> Table:
    """By officer in charge of the office's own cases (a superior office's subordinates
    break theirs down on their own pages); the total is the office's own cases."""
    ids = {int(v) for v in data.by_dim.get("officer", set()) if v}
    ids |= {int(v) for (d, v) in direct if d == "officer" and v}
    labels = {str(u.pk): u.display_name for u in User.objects.filter(pk__in=ids)}
    labels[""] = str(_("(no officer assigned)"))
    total_args = {**args, "fig_dim": "office", "fig_val": str(office.pk)}
    title = (_("By officer in charge") if not data.units
             else _("By officer in charge (the office's own cases)"))
    return _dim_table("officer", str(title), data, direct, args, labels, total=True,
                      total_args=total_args)


def _trend(data: _Data, start: date, end: date, args: dict[str, str]) -> dict[str, Any]:
    """Received and closed by month of the period."""
    rows = []
    for m in months(start, end):
        last = (m + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        rows.append({"month": m.strftime("%Y-%m"), "from": m, "to": last,
                     "received": data.trend.get((m, "received"), 0),
                     "closed": data.trend.get((m, "closed"), 0),
                     "received_params": _params(args, "received", start=m, end=last),
                     "closed_params": _params(args, "closed", start=m, end=last)})
    return {"months": rows}

def months(start: date, end: date) -> list[date]:
    out, d = [], start.replace(day=1)
    while d <= end:
        out.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    return out


