"""The statistics of an office's subtree for a period, by SQL aggregation: a fixed number
of grouped queries whatever the number of cases (no loop over cases).

The working days to close come from one grouped query of (workflow, received, closed)
dates with their counts; each distinct date is turned into a working-day ordinal once
(:mod:`cases.workdays`), so the mean and the median are exact on the working-day
calendar without a query or a loop per case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils.translation import gettext_lazy as _

from cases import workdays, workflows
from cases.models import Case, Office, User
from cases.models.rights import RightKind
from stats import figures as f
from stats.repeat import against_identifiers_q, repeat_identifiers

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


def _count(q: Q) -> Count:
    return Count("pk", filter=q)


def _rate(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def _ordinals(days: set[date]) -> dict[date, int]:
    """Working-day ordinal of each date: ord(b) - ord(a) = working days after a up to b."""
    ordered = sorted(days)
    out: dict[date, int] = {}
    total = 0
    previous: date | None = None
    for d in ordered:
        if previous is not None:
            total += workdays.working_days_between(previous, d)
        out[d] = total
        previous = d
    return out


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


def build_report(office: Office, start: date, end: date, workflow: str | None = None
                 ) -> Report:
    """The report, in one read transaction. PostgreSQL's JIT compiler is switched off for
    it: the grouped queries' estimated cost (their per-row subqueries) makes PostgreSQL
    spend more time compiling them (~300 ms) than running them (bench/bench_stats.py)."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        return _build_report(office, start, end, workflow)


def _build_report(office: Office, start: date, end: date, workflow: str | None
                  ) -> Report:
    base = Case.objects.filter(f.scope_q(office, workflow))
    args = {"fig_office": str(office.pk), "fig_from": start.isoformat(),
            "fig_to": end.isoformat()}
    if workflow:
        args["fig_wf"] = workflow
    specs = f.with_statistics(workflow)
    common = {key: f.common_q(key, start, end, workflow) for key, _label in f.COMMON}

    # 1. Common figures by workflow (one grouped query), and the cases against a repeat
    # infringer (the identifiers found first, one query, then one grouped query).
    grouped = {key: q for key, q in common.items() if key != "repeat"}
    by_workflow = {row["workflow"]: {**row, "repeat": 0} for row in base.values(
        "workflow").annotate(**{key: _count(q) for key, q in grouped.items()}).order_by()}
    repeat_ids = list(repeat_identifiers().values_list("party__id_number", flat=True))
    if repeat_ids:
        for wf, n in (base.filter(received_on__gte=start, received_on__lte=end)
                      .filter(against_identifiers_q(repeat_ids))
                      .values_list("workflow").annotate(n=Count("pk")).order_by()):
            by_workflow[wf]["repeat"] = n
    # 2. Working days to close: (workflow, received, closed) with counts (one query).
    closed_dates = list(base.filter(common["closed"]).values_list(
        "workflow", "received_on", "closed_on").annotate(n=Count("pk")).order_by())
    ordinal = _ordinals({d for _w, r, c, _n in closed_dates for d in (r, c)})
    durations: dict[str, list[tuple[int, int]]] = {}
    for wf, received, closed, n in closed_dates:
        durations.setdefault(wf, []).append((ordinal[closed] - ordinal[received], n))

    summary_cols = [(key, str(label)) for key, label in f.COMMON] + [
        ("rate", str(_("Within the time limit (%)"))),
        ("mean_days", str(_("Average working days to close"))),
        ("median_days", str(_("Median working days to close")))]
    rows = []
    totals = {key: 0 for key, _label in f.COMMON}
    for spec in specs:
        data = by_workflow.get(spec.name)
        if data is None or not any(data[key] for key, _l2 in f.COMMON):
            continue
        cells = {key: Cell(data[key], _params(args, key, workflow=spec.name))
                 for key, _label in f.COMMON}
        for key in totals:
            totals[key] += data[key]
        mean, median = _mean_median(durations.get(spec.name, []))
        cells["rate"] = Cell(_rate(data["in_time"], data["in_time"] + data["late"]))
        cells["mean_days"], cells["median_days"] = Cell(mean), Cell(median)
        rows.append(Row(str(spec.label), cells, spec.name))
    total_cells = {key: Cell(value, _params(args, key)) for key, value in totals.items()}
    total_cells["rate"] = Cell(_rate(totals["in_time"], totals["in_time"] + totals["late"]))
    mean, median = _mean_median([p for ps in durations.values() for p in ps])
    total_cells["mean_days"], total_cells["median_days"] = Cell(mean), Cell(median)
    summary = Table("summary", str(_("Cases by workflow")), summary_cols, rows,
                    Row(str(_("Total")), total_cells, "total"))
    report = Report(office, start, end, workflow, summary)

    # 3. Each workflow's own figures and amounts (one aggregate query).
    own: dict[str, Any] = {}
    for spec in specs:
        for _kind, fig in f.workflow_figures(spec):
            q = Q(workflow=spec.name) & fig.cases(start, end)
            own[f"{spec.name}__{fig.key}"] = _count(q)
            for i, (lookup, _label) in enumerate(fig.amounts):
                own[f"{spec.name}__{fig.key}__amount{i}"] = Sum(lookup, filter=q)
    values = base.aggregate(**own) if own else {}
    for spec in specs:
        report.tables += _own_tables(spec, values, args, start, end)

    # 4. Breakdowns.
    report.tables.append(_office_table(base, office, common, args))
    report.tables.append(_ip_table(base, common, args))
    for dim in f.dimensions(workflow):
        if dim.workflow:
            report.tables.append(_declared_table(base, dim, common, args))
    report.tables.append(_officer_table(base, common, args))
    report.trend = _trend(base, start, end, args)
    return report


def _own_tables(spec: Workflow, values: dict[str, Any], args: dict[str, str], start: date,
                end: date) -> list[Table]:
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
            n = values.get(f"{spec.name}__{fig.key}") or 0
            cells = {"count": Cell(n, _params(args, f"{kind}:{fig.key}", workflow=spec.name))}
            for i, _a in enumerate(fig.amounts):
                cells[f"amount{i}"] = Cell(values.get(f"{spec.name}__{fig.key}__amount{i}")
                                           or Decimal(0))
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
            num = values.get(f"{spec.name}__{rate.numerator}") or 0
            den = values.get(f"{spec.name}__{rate.denominator}") or 0
            if kind == "outcome":
                table.note = f"{rate.label}: " + (
                    f"{_rate(num, den)}%" if den else "—") + f" ({num} / {den})"
        tables.append(table)
    return tables


BREAKDOWN_KEYS = ("received", "closed", "open", "in_time", "overdue")


def _breakdown_columns() -> list[tuple[str, str]]:
    return [(key, str(f.COMMON_LABELS[key])) for key in BREAKDOWN_KEYS]


def _breakdown_rows(grouped: list[dict[str, Any]], group: str, dim: str,
                    labels: dict[Any, str], args: dict[str, str]) -> list[Row]:
    rows = []
    for row in grouped:
        value = row[group]
        val = "" if value is None else str(value)
        cells = {key: Cell(row[key], _params(args, key, dim=dim, val=val))
                 for key in BREAKDOWN_KEYS}
        rows.append(Row(labels.get(value, val or str(_("(not recorded)"))), cells, val))
    return rows


def _annotations(common: dict[str, Q], *, distinct: bool = False) -> dict[str, Count]:
    return {key: Count("pk", filter=common[key], distinct=distinct) for key in BREAKDOWN_KEYS}


def _office_table(base: Any, office: Office, common: dict[str, Q], args: dict[str, str]
                  ) -> Table:
    """By subordinate office (each with its subtree), and the office's own cases."""
    width = len(office.path) + 7  # a region code and its slash per level
    grouped = list(base.annotate(unit=Substr("office__path", 1, width)).values("unit")
                   .annotate(**_annotations(common)).order_by("unit"))
    by_path = {o.path: o for o in Office.objects.filter(
        Q(parent=office) | Q(pk=office.pk))}
    rows = []
    for row in grouped:
        unit = by_path.get(row["unit"])
        if unit is None:  # cannot happen while the tree's paths are consistent
            continue
        val = str(unit.pk)
        label = (str(_("%(office)s (its own cases)")) % {"office": unit.name}
                 if unit.pk == office.pk else unit.name)
        rows.append(Row(label, {key: Cell(row[key], _params(args, key, dim="office", val=val))
                                for key in BREAKDOWN_KEYS}, val))
    return Table("office", str(_("By office")), _breakdown_columns(), rows,
                 _total(rows, args))


def _total(rows: list[Row], args: dict[str, str]) -> Row:
    return Row(str(_("Total")), {key: Cell(sum(int(r.cells[key].value or 0) for r in rows),
                                            _params(args, key))
                                  for key in BREAKDOWN_KEYS}, "total")


def _ip_table(base: Any, common: dict[str, Q], args: dict[str, str]) -> Table:
    grouped = list(base.values(kind=F("rights__kind"))
                   .annotate(**_annotations(common, distinct=True))
                   .order_by("kind"))
    grouped = [r for r in grouped if any(r[k] for k in BREAKDOWN_KEYS)]
    kinds = {value: str(label) for value, label in RightKind.choices}
    rows = _breakdown_rows(grouped, "kind", "ip", kinds, args)
    return Table("ip", str(_("By IP type")), _breakdown_columns(), rows, None,
                 str(_("A case concerning rights of several types counts under each.")))


def _declared_table(base: Any, dim: f.Dimension, common: dict[str, Q], args: dict[str, str]
                    ) -> Table:
    grouped = list(base.filter(workflow=dim.workflow).values(dim.key)
                   .annotate(**_annotations(common)).order_by(dim.key))
    grouped = [r for r in grouped if any(r[k] for k in BREAKDOWN_KEYS)]
    rows = _breakdown_rows(grouped, dim.key, dim.key, {}, args)
    spec = workflows.get(dim.workflow)
    title = _("By %(dimension)s (%(workflow)s)") % {"dimension": dim.label,
                                                    "workflow": spec.label}
    return Table(dim.key, str(title), _breakdown_columns(),
                 rows, _total(rows, {**args, "fig_wf": dim.workflow}))


def _officer_table(base: Any, common: dict[str, Q], args: dict[str, str]) -> Table:
    grouped = list(base.values("officer_in_charge").annotate(**_annotations(common))
                   .order_by("officer_in_charge"))
    grouped = [r for r in grouped if any(r[k] for k in BREAKDOWN_KEYS)]
    ids = [r["officer_in_charge"] for r in grouped if r["officer_in_charge"]]
    names = {u.pk: u.display_name for u in User.objects.filter(pk__in=ids)}
    names_any: dict[Any, str] = {**names, None: str(_("(no officer assigned)"))}
    rows = _breakdown_rows(grouped, "officer_in_charge", "officer", names_any, args)
    return Table("officer", str(_("By officer in charge")), _breakdown_columns(), rows,
                 _total(rows, args))


def months(start: date, end: date) -> list[date]:
    out, d = [], start.replace(day=1)
    while d <= end:
        out.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    return out


def _trend(base: Any, start: date, end: date, args: dict[str, str]) -> dict[str, Any]:
    """Received and closed by month of the period (two grouped queries)."""
    received = dict(base.filter(received_on__gte=start, received_on__lte=end)
                    .annotate(m=TruncMonth("received_on")).values("m")
                    .annotate(n=Count("pk")).values_list("m", "n").order_by())
    closed = dict(base.filter(closed_on__gte=start, closed_on__lte=end)
                  .annotate(m=TruncMonth("closed_on")).values("m")
                  .annotate(n=Count("pk")).values_list("m", "n").order_by())
    rows = []
    for m in months(start, end):
        first = max(m, start)
        last = min((m + timedelta(days=32)).replace(day=1) - timedelta(days=1), end)
        rows.append({"month": m.strftime("%Y-%m"), "from": first, "to": last,
                     "received": _month_value(received, m), "closed": _month_value(closed, m),
                     "received_params": _params(args, "received", start=first, end=last),
                     "closed_params": _params(args, "closed", start=first, end=last)})
    return {"months": rows}


def _month_value(values: dict[Any, int], m: date) -> int:
    for key, n in values.items():
        key_date = key.date() if hasattr(key, "date") and callable(key.date) else key
        if key_date == m:
            return n
    return 0

