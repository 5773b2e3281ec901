"""The statistics' summary table (:class:`stats.models.SummaryCell`), kept current after
every change of a case and rebuilt from the cases by ``manage.py rebuild_statistics``.

A case's *inputs* are what its figures depend on: its office, workflow, officer, days
received, accepted and closed, working days to close, its time-limit clock met or missed,
the day each of its workflow's own figures counts it on (``StatFigure.on``) with the
amounts, its breakdown values (IP types, declared fields such as the platform, infringing
acts) and its suspensions and extensions. :func:`facts` turns inputs into cell
increments; :func:`refresh` recomputes the inputs of cases (one query per step, whatever
the cases), and when they changed moves the cells by the facts of the new inputs minus
those of the old. A change of a case only marks it (:func:`mark`, one INSERT in the
transaction of the change); :func:`drain` counts the marked cases again in batches after
commit: the worker after each timeline event, and the statistics page before it reads,
so a report is always current. :func:`rebuild` computes every case's inputs
in batches and writes the cells at once: both paths go through :func:`facts`, and the
consistency test compares the cells with the direct aggregation of the same figures.

Each fact is counted in the office's subtree cell of the case's office and of every
office above it, so a report reads the rows of one office (``office = X``), never its
subtree's; the officer breakdown only at the case's own office (:data:`OWN_ONLY`).
``open`` at the end of a period is a stock: the cases open today (``open_now``) plus,
for the months after the period, those closed (``open_out``) minus those received.

"Overdue now" changes with the passing time, not only on a transition: an open case is
kept under the day its earliest running officer's clock (not a party's period) falls due
(``overdue``, ``month`` = that day, every breakdown), so the cases overdue now are the
cells of the days before today plus the few cases whose first such clock fell due
earlier today, which :mod:`stats.selectors` counts on the cases. A clock moved outside a
transition (recomputed on a newly entered calendar, edited in the admin) refreshes its
case (:func:`on_deadline_saved`).

The findings against respondents are kept with the summary too (:class:`Finding`, by
identifier, and :class:`RepeatIdentifier`, the day each identifier's newest findings
make it a repeat infringer until): a refresh rewrites a case's findings when its inputs'
finding changed (its outcome, its day, its respondents' identifiers) and recounts those
identifiers; a party's identifier changed refreshes its cases (:func:`on_party_saved`).
Whether a case was received against a repeat infringer (a respondent with two or more
findings in other cases within the window ending the day it was received) is one of its
inputs (``rp``, kept as :class:`RepeatCase` for the case list), counted in the month it
was received. It depends on other cases' findings: a refresh that changes an identifier's
findings marks the cases against it received from the finding's day on (usually none: a
finding is made today), and a rebuild reads every finding before it counts the cases.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Exists, F, OuterRef, Subquery, Value
from django.utils import timezone

from cases import workdays, workflows
from cases.models import Case, CaseEvent, CaseParty, Deadline, Office, Party
from cases.models.deadlines import DeadlineStatus
from cases.models.participants import PartyRole
from stats.models import (
    CaseInputs,
    CaseMark,
    Finding,
    PendingCase,
    RepeatCase,
    RepeatIdentifier,
    SummaryCell,
)
from stats.repeat import FindingIndex, stored_findings

NOW_MONTH = date(1, 1, 1)
# Figures broken down by every dimension (the breakdown tables' columns but "overdue",
# and "open_out" for the open stock); the others are kept over all the office's cases.
BROKEN_DOWN = ("received", "closed", "open_out", "in_time", "open_now", "overdue")
BATCH = 5000
# Breakdowns kept at the case's own office only, not rolled up: an officer works for one
# office, and a superior office's page breaks its own cases down by officer (its
# subordinates' officers are on their pages): thousands of officers would otherwise be
# rows of the region's page.
OWN_ONLY = ("officer",)
# Cases counted again per transaction of :func:`drain`, and the advisory lock (any fixed
# number of this application's) that lets one drain or rebuild run at a time.
DRAIN_BATCH = 500
DRAIN_LOCK = 41_0001

Key = tuple[int, str, date, str, str, str]  # office, workflow, month, figure, dim, value
Amounts = list[Any]  # [n, days, amount0, amount1]


def month_of(day: date) -> date:
    return day.replace(day=1)


def due_day(due_at: str) -> date:
    """The local day a clock's ``due_at`` (ISO) falls on: an overdue cell's key."""
    return timezone.localdate(datetime.fromisoformat(due_at))


# --- inputs -----------------------------------------------------------------------------


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _amount(v: Any) -> str | None:
    return None if v is None else str(v)


def _ordinals(days: set[date]) -> dict[date, int]:
    """Working-day ordinal of each date: ord(b) - ord(a) = working days after a up to b."""
    out: dict[date, int] = {}
    total, previous = 0, None
    for d in sorted(days):
        if previous is not None:
            total += workdays.working_days_between(previous, d)
        out[d] = total
        previous = d
    return out


def case_inputs(ids: Iterable[int], present: set[str] | None = None, *,
                through: int | None = None, findings: FindingIndex | None = None
                ) -> dict[int, dict[str, Any]]:
    """The inputs of the cases ``ids`` (of the workflows ``present``, else looked up):
    one query per workflow, one for their IP types, one for their suspensions and
    extensions, one for their respondents' identifiers and, when they have some, one for
    those identifiers' findings (``findings``: all of them, already read by a rebuild).
    ``through``: the cases from the first of ``ids`` to that key (a rebuild's batch,
    read by range rather than by a list of keys)."""
    ids = list(ids)
    if not ids:
        return {}
    match: dict[str, Any] = ({"pk__gte": ids[0], "pk__lte": through} if through is not None
                             else {"pk__in": ids})
    case_match = {f"case_id{k[2:]}": v for k, v in match.items()}
    if present is None:
        present = set(Case.objects.filter(**match).values_list("workflow", flat=True)
                      .distinct().order_by())
    rows: list[dict[str, Any]] = []
    for spec in workflows.all_workflows():
        if spec.name in present:
            rows += _workflow_rows(spec, match)
    kinds: dict[int, set[str]] = defaultdict(set)
    for case_id, kind in Case.rights.through.objects.filter(**case_match).values_list(
            "case_id", "ipright__kind"):
        kinds[case_id].add(kind)
    marks: dict[int, list[list[str]]] = defaultdict(list)
    mark_names = _mark_names()
    if mark_names:
        for case_id, name, at in (CaseEvent.objects.filter(**case_match,
                                                           name__in=list(mark_names))
                                  .values_list("case_id", "name", "at").order_by("pk")):
            marks[case_id].append([mark_names[name], name,
                                   timezone.localdate(at).isoformat()])
    respondents: dict[int, set[str]] = defaultdict(set)
    for case_id, id_number in (CaseParty.objects.filter(**case_match,
                                                        role=PartyRole.RESPONDENT)
                               .exclude(party__id_number="")
                               .values_list("case_id", "party__id_number")):
        respondents[case_id].add(id_number)
    if findings is None and respondents:
        received = [r["received_on"] for r in rows if r["pk"] in respondents]
        findings = stored_findings({i for ids_ in respondents.values() for i in ids_},
                                   min(received), max(received))
    dates = {r[k] for r in rows for k in ("received_on", "closed_on") if r[k] is not None}
    ordinal = _ordinals(dates)
    out: dict[int, dict[str, Any]] = {}
    for r in rows:
        spec = workflows.get(r["workflow"])
        stats = spec.statistics
        received, closed = r["received_on"], r["closed_on"]
        suspend = set(stats.suspend_actions) if stats else set()
        extend = set(stats.extend_actions) if stats else set()
        out[r["pk"]] = {
            "o": r["office_id"], "w": r["workflow"], "u": r["officer_in_charge_id"],
            "r": _iso(received), "c": _iso(closed),
            "d": ordinal[closed] - ordinal[received] if closed else None,
            "a": _iso(r.get("_accepted")), "t": bool(r.get("_met")),
            "l": bool(r.get("_missed")),
            # The earliest running officer's clock of an open case (overdue once past).
            "od": (r["_due"].isoformat() if r["_due"] is not None and closed is None
                   else None),
            # A finding against the respondents: [its day, effective, their identifiers].
            "fi": ([r["_found"].isoformat(), r.get("_effective") is not None,
                    sorted(respondents[r["pk"]])]
                   if r.get("_found") is not None and respondents[r["pk"]] else None),
            # Received against a repeat infringer.
            "rp": findings is not None and any(
                findings.repeat_on(i, received, r["pk"]) for i in respondents[r["pk"]]),
            "f": [[key, _iso(day), *amounts] for key, day, amounts in _own(spec, r)],
            "k": sorted(kinds.get(r["pk"], ())),
            "x": {lookup: "" if r[f"_dim{i}"] is None else str(r[f"_dim{i}"])
                  for i, (lookup, _label) in enumerate(stats.dimensions if stats else ())},
            "z": (sorted({str(a) for a in r["_acts"] or []})
                  if stats and stats.acts else None),
            "m": [list(m) for m in sorted(
                {("suspended" if n in suspend else "extended", day)
                 for w, n, day in marks.get(r["pk"], [])
                 if w == r["workflow"] and (n in suspend or n in extend)})],
        }
    return out


def _mark_names() -> dict[str, str]:
    """Timeline names of suspensions and extensions → their workflow (names may be
    shared; the workflow is checked against the case's)."""
    names: dict[str, str] = {}
    for spec in workflows.all_workflows():
        stats = spec.statistics
        if stats is not None:
            for name in (*stats.suspend_actions, *stats.extend_actions):
                names.setdefault(name, spec.name)
    return names


def _workflow_rows(spec: workflows.Workflow, match: dict[str, Any]) -> list[dict[str, Any]]:
    stats = spec.statistics
    annotations: dict[str, Any] = {"_due": Subquery(
        Deadline.objects.filter(case_id=OuterRef("pk"), status=DeadlineStatus.OPEN)
        .exclude(code__in=list(workflows.party_periods())).order_by("due_at")
        .values("due_at")[:1])}
    if stats is not None:
        if stats.accepted_on:
            annotations["_accepted"] = F(spec.lookup(stats.accepted_on))
        if stats.time_limit:
            for name, status in (("_met", DeadlineStatus.MET),
                                 ("_missed", DeadlineStatus.MISSED)):
                annotations[name] = Exists(Deadline.objects.filter(
                    case_id=OuterRef("pk"), code=stats.time_limit, status=status))
        for j, fig in enumerate(_figures(spec)):
            for i, (lookup, condition) in enumerate(fig.on):
                annotations[f"_f{j}_{i}"] = F(lookup)
                annotations[f"_f{j}_{i}_if"] = models.Case(
                    models.When(condition(), then=Value(True)), default=Value(False),
                    output_field=models.BooleanField())
            for k, (lookup, _label) in enumerate(fig.amounts):
                annotations[f"_f{j}_a{k}"] = F(lookup)
        for i, (lookup, _label) in enumerate(stats.dimensions):
            annotations[f"_dim{i}"] = F(lookup)
        if stats.acts:
            annotations["_acts"] = F(stats.acts)
        if stats.infringement is not None and stats.infringement_on:
            annotations["_found"] = models.Case(
                models.When(stats.infringement(), then=F(stats.infringement_on)),
                default=None, output_field=models.DateField())
            if stats.infringement_effective:
                annotations["_effective"] = F(stats.infringement_effective)
    return list(Case.objects.filter(**match, workflow=spec.name).annotate(**annotations)
                .values("pk", "office_id", "workflow", "officer_in_charge_id", "received_on",
                        "closed_on", *annotations))


def _figures(spec: workflows.Workflow) -> list[workflows.StatFigure]:
    stats = spec.statistics
    return [*stats.outcomes, *stats.figures] if stats is not None else []


def _own(spec: workflows.Workflow, row: dict[str, Any]
         ) -> Iterator[tuple[str, date, list[str | None]]]:
    """(figure key, the day the case counts on, its amounts) of the workflow's figures
    counting the case: the first (day, condition) pair whose condition holds."""
    for j, fig in enumerate(_figures(spec)):
        for i, _pair in enumerate(fig.on):
            day = row[f"_f{j}_{i}"]
            if row[f"_f{j}_{i}_if"] and day is not None:
                yield fig.key, day, [_amount(row[f"_f{j}_a{k}"])
                                     for k in range(len(fig.amounts))]
                break


# --- facts ------------------------------------------------------------------------------


def dims_of(inputs: dict[str, Any]) -> list[tuple[str, str]]:
    """The breakdown values of a case: ("", "") for all cases, then one per dimension (a
    case with rights of several types, or several infringing acts, counts under each)."""
    out = [("", ""), ("officer", str(inputs["u"] or ""))]
    out += [("ip", k) for k in inputs["k"] or [""]]
    out += list(inputs["x"].items())
    if inputs["z"] is not None:
        out += [("act", a) for a in inputs["z"] or [""]]
    return out


def facts(inputs: dict[str, Any]) -> dict[tuple[str, date, str, str, str], Amounts]:
    """The cell increments of a case at its own office: (workflow, month, figure, dim,
    value) → [n, working days, amount0, amount1]."""
    out: dict[tuple[str, date, str, str, str], Amounts] = {}
    wf = inputs["w"]

    def add(figure: str, day: date, dims: Iterable[tuple[str, str]], days: int = 0,
            amounts: tuple[Decimal, Decimal] = (Decimal(0), Decimal(0))) -> None:
        for dim, value in dims:
            out[(wf, day, figure, dim, value)] = [1, days, *amounts]

    everything = dims_of(inputs)
    base = everything[:1]
    received = date.fromisoformat(inputs["r"])
    add("received", month_of(received), everything)
    if inputs.get("rp"):
        add("repeat", month_of(received), base)
    if inputs["a"]:
        add("accepted", month_of(date.fromisoformat(inputs["a"])), base)
    if inputs["c"]:
        closed = date.fromisoformat(inputs["c"])
        add("closed", month_of(closed), everything, days=inputs["d"])
        add("days", month_of(closed), [("", str(inputs["d"]))])
        add("open_out", month_of(max(received, closed)), everything)
        if inputs["t"]:
            add("in_time", month_of(closed), everything)
        if inputs["l"]:
            add("late", month_of(closed), base)
    else:
        add("open_now", NOW_MONTH, everything)
        if inputs.get("od"):
            add("overdue", due_day(inputs["od"]), everything)
    for key, day, *amounts in inputs["f"]:
        add(f"own:{key}", month_of(date.fromisoformat(day)), base,
            amounts=(Decimal(amounts[0] or 0) if amounts else Decimal(0),
                     Decimal(amounts[1] or 0) if len(amounts) > 1 else Decimal(0)))
    return out


_ANCESTORS: dict[int, list[int]] = {}


def _ancestors(*needed: int) -> dict[int, list[int]]:
    """Each office → itself and every office above it: read once per process, again for
    an office it lacks, and after any office is saved or deleted in this process. Moving an
    office under another parent is followed by ``rebuild_statistics`` and a restart of the
    other processes (decision 41)."""
    if not _ANCESTORS or any(pk not in _ANCESTORS for pk in needed):
        _ANCESTORS.clear()
        parents = dict(Office.objects.values_list("pk", "parent_id"))
        for pk in parents:
            chain: list[int] = []
            node: int | None = pk
            while node is not None and node not in chain:
                chain.append(node)
                node = parents.get(node)
            _ANCESTORS[pk] = chain
    return _ANCESTORS


def forget_offices() -> None:
    _ANCESTORS.clear()


def office_changed(sender: Any, **kwargs: Any) -> None:
    """An office was saved or deleted: the tree is read again when next needed."""
    forget_offices()


def _spread(cells: dict[tuple[int, str, date, str, str, str], Amounts],
            office: int, increments: dict[tuple[str, date, str, str, str], Amounts],
            ancestors: dict[int, list[int]], sign: int = 1) -> None:
    for unit in ancestors.get(office, [office]):
        for (wf, month, figure, dim, value), (n, days, a0, a1) in increments.items():
            if dim in OWN_ONLY and unit != office:
                continue
            cell = cells.setdefault((unit, wf, month, figure, dim, value),
                                    [0, 0, Decimal(0), Decimal(0)])
            cell[0] += sign * n
            cell[1] += sign * days
            cell[2] += sign * a0
            cell[3] += sign * a1


def _marks(case_id: int, inputs: dict[str, Any]) -> list[CaseMark]:
    return [CaseMark(case_id=case_id, office_id=inputs["o"], workflow=inputs["w"],
                     figure=figure, day=date.fromisoformat(day))
            for figure, day in inputs["m"]]


def _findings(case_id: int, inputs: dict[str, Any]) -> list[Finding]:
    if not inputs.get("fi"):
        return []
    on, effective, identifiers = inputs["fi"]
    return [Finding(case_id=case_id, id_number=i, on=date.fromisoformat(on),
                    effective=effective) for i in identifiers]


def repeat_rows(findings: Iterable[tuple[str, date, bool]]) -> list[RepeatIdentifier]:
    """(identifier, day, effective) of findings, one per case and identifier → the
    identifiers with enough findings to repeat, each with the day of its newest
    ``MIN_FINDINGS`` findings' last (of all, and of the effective ones)."""
    from stats.repeat import MIN_FINDINGS

    days: dict[str, list[date]] = defaultdict(list)
    effective: dict[str, list[date]] = defaultdict(list)
    for identifier, on, is_effective in findings:
        days[identifier].append(on)
        if is_effective:
            effective[identifier].append(on)

    def nth(values: list[date]) -> date | None:
        return (sorted(values, reverse=True)[MIN_FINDINGS - 1]
                if len(values) >= MIN_FINDINGS else None)

    return [RepeatIdentifier(id_number=i, nth_on=nth(v), nth_effective_on=nth(effective[i]))
            for i, v in sorted(days.items()) if len(v) >= MIN_FINDINGS]


def recount_repeat(identifiers: set[str]) -> None:
    """Count again whether these identifiers repeat, from their findings. On PostgreSQL
    each identifier is locked first (a transaction-scoped advisory lock, in sorted
    order), so two findings against one identifier committed together are both counted:
    the second reads the first's once it has committed."""
    if not identifiers:
        return
    ids = sorted(identifiers)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for identifier in ids:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                               [f"stats.repeat:{identifier}"])
    RepeatIdentifier.objects.filter(id_number__in=ids).delete()
    RepeatIdentifier.objects.bulk_create(repeat_rows(
        Finding.objects.filter(id_number__in=ids).values_list("id_number", "on",
                                                              "effective")))


# --- keeping it current -----------------------------------------------------------------


def refresh(case_ids: Iterable[int], workflow: str | None = None) -> None:
    """Bring the summary in step with the cases ``case_ids`` (all of ``workflow`` when
    given) as they now are, inside the caller's transaction: nothing to write when their
    inputs did not change."""
    ids = sorted(set(case_ids))
    new = case_inputs(ids, {workflow} if workflow else None)
    old = dict(CaseInputs.objects.filter(case_id__in=ids).values_list("case_id", "inputs"))
    changed = [pk for pk in ids if new.get(pk) != old.get(pk)]
    if not changed:
        return
    ancestors = _ancestors(*(i["o"] for i in (*old.values(), *new.values())))
    cells: dict[Key, Amounts] = {}
    for pk in changed:
        if pk in old:
            _spread(cells, old[pk]["o"], facts(old[pk]), ancestors, sign=-1)
        if pk in new:
            _spread(cells, new[pk]["o"], facts(new[pk]), ancestors)
    _apply({k: v for k, v in cells.items() if any(v)})
    if any(old.get(pk, {}).get("m") or new.get(pk, {}).get("m") for pk in changed):
        CaseMark.objects.filter(case_id__in=changed).delete()
        CaseMark.objects.bulk_create([m for pk in changed if pk in new
                                      for m in _marks(pk, new[pk])])
    found = [pk for pk in changed
             if old.get(pk, {}).get("fi") != new.get(pk, {}).get("fi")]
    if found:
        Finding.objects.filter(case_id__in=found).delete()
        Finding.objects.bulk_create([f for pk in found if pk in new
                                     for f in _findings(pk, new[pk])])
        touched = [inputs["fi"] for pk in found for inputs in (old.get(pk), new.get(pk))
                   if inputs and inputs.get("fi")]
        identifiers = {i for _on, _effective, ids_ in touched for i in ids_}
        recount_repeat(identifiers)
        if touched:
            _mark_against(identifiers, min(date.fromisoformat(on) for on, *_ in touched))
    repeat = [pk for pk in changed
              if bool(old.get(pk, {}).get("rp")) != bool(new.get(pk, {}).get("rp"))]
    if repeat:
        RepeatCase.objects.filter(case_id__in=repeat).delete()
        RepeatCase.objects.bulk_create([RepeatCase(case_id=pk) for pk in repeat
                                        if new.get(pk, {}).get("rp")])
    gone = [pk for pk in changed if pk not in new]
    if gone:
        CaseInputs.objects.filter(case_id__in=gone).delete()
    CaseInputs.objects.bulk_create(
        [CaseInputs(case_id=pk, inputs=new[pk]) for pk in changed if pk in new],
        update_conflicts=True, unique_fields=["case"], update_fields=["inputs"])


def _mark_against(identifiers: set[str], since: date) -> None:
    """The findings of these identifiers changed, the earliest of the days concerned
    ``since``: whether their cases received since then were received against a repeat
    infringer is counted again (a finding made today: the cases received today)."""
    if identifiers:
        mark(Case.objects.filter(received_on__gte=since, pk__in=CaseParty.objects.filter(
            role=PartyRole.RESPONDENT, party__id_number__in=sorted(identifiers))
            .values("case_id")).values_list("pk", flat=True))


def _apply(cells: dict[Key, Amounts]) -> None:
    """Add the increments to the cells in one statement (an upsert, in key order so that
    concurrent transitions lock shared cells in the same order)."""
    if not cells:
        return
    table = SummaryCell._meta.db_table
    rows = sorted(cells.items())
    values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"] * len(rows))
    params: list[Any] = []
    for (office, wf, month, figure, dim, value), (n, days, a0, a1) in rows:
        params += [office, wf, month, figure, dim, value, n, days, a0, a1]
    # The table's name is the model's and the placeholders are fixed: the values are
    # parameters.
    sql = (f"INSERT INTO {table} (office_id, workflow, month, figure, dim, value, n, days,"  # noqa: S608
           f" amount0, amount1) VALUES {values}"
           " ON CONFLICT (office_id, month, workflow, figure, dim, value) DO UPDATE SET"
           f" n = {table}.n + excluded.n, days = {table}.days + excluded.days,"
           f" amount0 = {table}.amount0 + excluded.amount0,"
           f" amount1 = {table}.amount1 + excluded.amount1")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def mark(case_ids: Iterable[int]) -> None:
    """The cases ``case_ids`` changed: count them again after commit (:func:`drain`). One
    INSERT in the transaction of the change, the same whatever the case."""
    table = PendingCase._meta.db_table
    sql = f"INSERT INTO {table} (case_id) VALUES (%s)"  # noqa: S608 - the model's table
    rows = [(pk,) for pk in case_ids]
    with connection.cursor() as cursor:
        if len(rows) == 1:  # a transition's: executemany's pipeline costs more for one
            cursor.execute(sql, rows[0])
        else:
            cursor.executemany(sql, rows)


def on_event(sender: Any, instance: CaseEvent, created: bool, **kwargs: Any) -> None:
    """A timeline entry (a transition, a new case, a transfer into another office, a change
    of officer…): the kernel records every change of a case on its timeline."""
    if created:
        mark([instance.case_id])


def on_deadline_saved(sender: Any, instance: Deadline, created: bool, **kwargs: Any
                      ) -> None:
    """A clock changed outside the clock engine's bulk writes (recomputed on a newly
    entered calendar, edited in the admin): its case's overdue day may have moved. The
    clocks a transition starts or moves are counted through its timeline entry."""
    if not created:
        mark([instance.case_id])


def on_party_saved(sender: Any, instance: Party, created: bool, **kwargs: Any) -> None:
    """A party's details changed, perhaps its identifier: the cases against it as a
    respondent are counted again (their findings, and whether they were received against
    a repeat infringer)."""
    if not created:
        mark(CaseParty.objects.filter(party=instance, role=PartyRole.RESPONDENT)
             .values_list("case_id", flat=True).distinct().order_by())


def on_rights_changed(sender: Any, instance: Any, action: str, pk_set: Any,
                      **kwargs: Any) -> None:
    """The IP rights of a case were changed (its IP-type breakdown)."""
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Case):
        mark([instance.pk])


def _take_turn(wait: bool) -> bool:
    """One drain (or rebuild) at a time: two counting the same case from the same stored
    inputs would apply its difference twice. PostgreSQL: a transaction-level advisory
    lock; SQLite's transactions take the write lock at BEGIN (IMMEDIATE) already."""
    if connection.vendor != "postgresql":
        return True
    function = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [DRAIN_LOCK])
        row = cursor.fetchone()
    return wait or bool(row and row[0])


def drain_after_event(event: CaseEvent) -> None:
    """The worker's turn after a timeline event: whatever is marked by then, unless a
    drain is already running."""
    drain(wait=False)


def drain(*, wait: bool = True, batch: int = DRAIN_BATCH, batches: int | None = None) -> int:
    """Count again the cases marked as changed (:func:`mark`), ``batch`` at a time, each
    batch in one transaction: the marks read, the cases' inputs recomputed and their
    difference applied (:func:`refresh`), the marks read deleted. A mark written while a
    batch runs is left for the next one (the cases are read after the marks, so a change
    committed before its mark was read is seen). ``wait=False``: return at once when
    another drain is running (it, or the next, takes the marks). ``batches``: stop after
    that many (the rest is left to the worker). Returns the number of cases counted."""
    counted = 0
    done = 0
    while (batches is None or done < batches) and PendingCase.objects.exists():
        done += 1
        with transaction.atomic():
            if not _take_turn(wait):
                break
            marks = list(PendingCase.objects.order_by("pk").values_list("pk", "case_id")
                         [:batch])
            if not marks:
                break
            cases = {case_id for _pk, case_id in marks}
            refresh(cases)
            PendingCase.objects.filter(pk__in=[pk for pk, _case in marks]).delete()
            counted += len(cases)
    return counted


# --- rebuilding -------------------------------------------------------------------------


def _write(model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]]
           ) -> None:
    """Insert rows of plain values: by COPY on PostgreSQL (a million cases' cells in
    seconds), by executemany elsewhere."""
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    if connection.vendor != "postgresql":
        marks = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                               rows)
        return
    raw = connection.connection  # the psycopg connection under Django's wrapper
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def all_findings() -> Iterator[tuple[str, date, int]]:
    """(identifier, day, case) of every finding, read from the cases (one query per
    workflow that has findings): what :func:`case_inputs` derives for each case, so that a
    rebuild knows every finding before it counts whether a case was received against a
    repeat infringer."""
    for spec in workflows.all_workflows():
        stats = spec.statistics
        if stats is None or stats.infringement is None or not stats.infringement_on:
            continue
        cases = (Case.objects.filter(workflow=spec.name).filter(stats.infringement())
                 .filter(**{f"{stats.infringement_on}__isnull": False}))
        yield from (CaseParty.objects.filter(role=PartyRole.RESPONDENT,
                                             case_id__in=cases.values("pk"))
                    .exclude(party__id_number="")
                    .values_list("party__id_number", f"case__{stats.infringement_on}",
                                 "case_id").distinct().order_by())


def rebuild(batch: int = BATCH) -> int:
    """Recompute the summary of every case, in one transaction; the number of cases."""
    forget_offices()
    ancestors = _ancestors()
    leaf: dict[Key, Amounts] = {}
    count = 0
    with transaction.atomic():
        _take_turn(wait=True)
        for model in (SummaryCell, CaseInputs, CaseMark, Finding, RepeatIdentifier,
                      RepeatCase):
            model.objects.all().delete()
        findings: list[tuple[str, date, bool]] = []
        every_finding = FindingIndex(all_findings())
        present = set(Case.objects.values_list("workflow", flat=True).distinct().order_by())
        last = 0
        while True:
            ids = list(Case.objects.filter(pk__gt=last).order_by("pk")
                       .values_list("pk", flat=True)[:batch])
            if not ids:
                break
            last = ids[-1]
            inputs = case_inputs(ids, present, through=last, findings=every_finding)
            _write(CaseInputs, ["case_id", "inputs"],
                   [(pk, json.dumps(i, ensure_ascii=False)) for pk, i in inputs.items()])
            _write(CaseMark, ["case_id", "office_id", "workflow", "figure", "day"],
                   [(pk, i["o"], i["w"], figure, day) for pk, i in inputs.items()
                    for figure, day in i["m"]])
            found = [f for pk, i in inputs.items() for f in _findings(pk, i)]
            _write(Finding, ["case_id", "id_number", "on", "effective"],
                   [(f.case_id, f.id_number, f.on, f.effective) for f in found])
            findings += [(f.id_number, f.on, f.effective) for f in found]
            _write(RepeatCase, ["case_id"], [(pk,) for pk, i in inputs.items() if i["rp"]])
            for i in inputs.values():
                for key, (n, days, a0, a1) in facts(i).items():
                    cell = leaf.setdefault((i["o"], *key), [0, 0, Decimal(0), Decimal(0)])
                    cell[0] += n
                    cell[1] += days
                    cell[2] += a0
                    cell[3] += a1
            count += len(inputs)
        cells: dict[Key, Amounts] = {}
        for (office, *rest), amounts in leaf.items():
            for unit in ancestors.get(office, [office]):
                if rest[3] in OWN_ONLY and unit != office:
                    continue
                cell = cells.setdefault((unit, *rest),  # type: ignore[arg-type]
                                        [0, 0, Decimal(0), Decimal(0)])
                for j, v in enumerate(amounts):
                    cell[j] += v
        # In key order: an office's rows of a month range are then neighbours on disk (a
        # report reads a few hundred pages rather than a page per row).
        _write(SummaryCell, ["office_id", "workflow", "month", "figure", "dim", "value", "n",
                             "days", "amount0", "amount1"],
               [(*k, *v) for k, v in sorted(cells.items(), key=_key_order) if any(v)])
        _write(RepeatIdentifier, ["id_number", "nth_on", "nth_effective_on"],
               [(r.id_number, r.nth_on, r.nth_effective_on) for r in repeat_rows(findings)])
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for model in (SummaryCell, CaseInputs, CaseMark, Finding, RepeatIdentifier,
                              RepeatCase):
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return count


def _key_order(item: tuple[Key, Amounts]) -> tuple[int, date, str, str, str, str]:
    """The unique key's column order (office, month, workflow, figure, dim, value)."""
    (office, wf, month, figure, dim, value), _amounts = item
    return office, month, wf, figure, dim, value

