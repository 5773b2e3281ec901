"""Repeat infringers (重复侵权) for credit supervision.

A party is identified by its unified social credit code or resident identity number
(``Party.id_number``), never by its name: the same company is registered under varying
names by different offices and over the years. A respondent is a repeat infringer when,
in two or more cases within the window (``settings.REPEAT_INFRINGER_WINDOW_YEARS``,
counted back from today), a ruling found it infringing or it settled admitting the
infringement: each workflow declares which of its cases count
(``WorkflowStatistics.infringement``) and the day it was established
(``infringement_on``). Findings are counted across every office (a company that
infringed in two counties is a repeat infringer in both).

The findings are read from the table the summary keeps (:class:`stats.models.Finding`,
by identifier; :class:`stats.models.RepeatIdentifier`, the day until which each
identifier repeats): the check at intake reads the findings of the respondents named,
and the repeat infringers of today are one indexed range, whatever the number of cases.
:func:`findings_q` is the same definition on the cases (the summary counts from it).
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, F, Max, Min, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from cases import workflows
from cases.models import Case, CaseParty
from cases.models.participants import PartyRole
from stats import models as stored

if TYPE_CHECKING:
    from django.http import HttpRequest

    from cases.models import Party, User

MIN_FINDINGS = 2
# The findings a warning lists for one identifier (the newest; the count says how many):
# a company found to infringe in hundreds of cases is told in one line, not hundreds.
LISTED = 10


def window_start(today: date | None = None) -> date:
    """The first day of the window ending today."""
    today = today or timezone.localdate()
    years = int(settings.REPEAT_INFRINGER_WINDOW_YEARS)
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


class FindingIndex:
    """Findings by identifier, as (day, case) pairs in order: whether a respondent was a
    repeat infringer on the day a case was received (:meth:`repeat_on`)."""

    def __init__(self, rows: Iterable[tuple[str, date, int]]) -> None:
        by_identifier: dict[str, list[tuple[date, int]]] = defaultdict(list)
        for identifier, on, case_id in rows:
            by_identifier[identifier].append((on, case_id))
        self._rows = {key: sorted(value) for key, value in by_identifier.items()}

    def repeat_on(self, identifier: str, day: date, case_id: int) -> bool:
        """Whether ``identifier`` had ``MIN_FINDINGS`` findings or more in cases other
        than ``case_id`` within the window ending on ``day`` (that day included: what the
        intake check showed when the case was received)."""
        rows = self._rows.get(identifier)
        if not rows:
            return False
        lo = bisect_left(rows, (window_start(day), 0))
        hi = bisect_right(rows, (day, sys.maxsize))
        if hi - lo - 1 >= MIN_FINDINGS:
            return True
        return sum(1 for _on, other in rows[lo:hi] if other != case_id) >= MIN_FINDINGS


def stored_findings(identifiers: Iterable[str], first: date, last: date) -> FindingIndex:
    """The kept findings of these identifiers that count for cases received from
    ``first`` to ``last`` (one indexed read)."""
    return FindingIndex(stored.Finding.objects.filter(
        id_number__in=sorted(set(identifiers)), on__gte=window_start(first), on__lte=last)
        .values_list("id_number", "on", "case_id"))


def findings_q(since: date, *, effective_only: bool = False) -> Q:
    """Cases in which the respondent was found to infringe (or settled admitting it)
    since ``since``; ``effective_only``: only decisions that have become effective
    (a workflow without that notion, e.g. mediation, then counts none)."""
    q = Q(pk__in=[])
    for spec in workflows.all_workflows():
        stats = spec.statistics
        if stats is None or stats.infringement is None or not stats.infringement_on:
            continue
        if effective_only and not stats.infringement_effective:
            continue
        one = (Q(workflow=spec.name) & stats.infringement()
               & Q(**{f"{stats.infringement_on}__gte": since}))
        if effective_only:
            one &= Q(**{f"{stats.infringement_effective}__isnull": False})
        q |= one
    return q


def findings(since: date | None = None, *, effective_only: bool = False,
             identifiers: list[str] | None = None) -> QuerySet[stored.Finding]:
    """The findings since ``since`` (of these identifiers)."""
    rows = stored.Finding.objects.filter(on__gte=since or window_start())
    if effective_only:
        rows = rows.filter(effective=True)
    if identifiers is not None:
        rows = rows.filter(id_number__in=identifiers)
    return rows


def finding_roles(since: date | None = None, *, effective_only: bool = False,
                  identifiers: list[str] | None = None) -> QuerySet[CaseParty]:
    """Respondents (with an identifier) of the cases that count as findings (of these
    identifiers: only their findings are read)."""
    rows = CaseParty.objects.filter(
        role=PartyRole.RESPONDENT,
        case_id__in=findings(since, effective_only=effective_only, identifiers=identifiers)
        .values("case_id")).exclude(party__id_number="")
    if identifiers is not None:
        rows = rows.filter(party__id_number__in=identifiers)
    return rows


def repeat_identifiers(since: date | None = None, *, effective_only: bool = False
                       ) -> QuerySet[Any, Any]:
    """``id_number`` values of the repeat infringers (a subquery, one row each): those
    whose newest ``MIN_FINDINGS`` findings all fall since ``since``."""
    since = since or window_start()
    rows = (stored.RepeatIdentifier.objects.filter(nth_effective_on__gte=since)
            if effective_only else stored.RepeatIdentifier.objects.filter(nth_on__gte=since))
    return rows.values("id_number")


def received_against_repeat_q() -> Q:
    """Cases received against a repeat infringer (kept with the summary,
    :class:`stats.models.RepeatCase`)."""
    return Q(pk__in=stored.RepeatCase.objects.values("case_id"))


@dataclass(frozen=True)
class Finding:
    case_id: int
    number: str
    office: str
    on: date | None
    workflow: str
    name: str  # the respondent's name as that case has it
    visible: bool


def findings_of(identifiers: list[str], user: User | None = None, *,
                since: date | None = None, exclude_case: int | None = None,
                effective_only: bool = False, cases: list[int] | None = None
                ) -> dict[str, list[Finding]]:
    """The findings of each identifier (one query), newest first; ``cases``: only those."""
    from cases.selectors.scope import case_scope_q

    if not identifiers:
        return {}
    since = since or window_start()
    visible_ids: set[int] = set()
    roles = finding_roles(since, effective_only=effective_only, identifiers=identifiers)
    if cases is not None:
        roles = roles.filter(case_id__in=cases)
    rows = (roles.values("case_id", "case__number", "case__office__name", "case__workflow",
                    "party__id_number", "party__name")
            .order_by("party__id_number", "-case__received_on", "-case_id"))
    if exclude_case is not None:
        rows = rows.exclude(case_id=exclude_case)
    rows_list = list(rows)
    if user is not None:
        visible_ids = set(Case.objects.filter(case_scope_q(user), pk__in=[
            r["case_id"] for r in rows_list]).values_list("pk", flat=True))
    dates = _finding_dates([r["case_id"] for r in rows_list])
    out: dict[str, list[Finding]] = {}
    seen: set[tuple[str, int]] = set()
    for r in rows_list:
        key = (r["party__id_number"], r["case_id"])
        if key in seen:
            continue
        seen.add(key)
        out.setdefault(r["party__id_number"], []).append(Finding(
            case_id=r["case_id"], number=r["case__number"], office=r["case__office__name"],
            on=dates.get(r["case_id"]), workflow=_workflow_label(r["case__workflow"]),
            name=r["party__name"], visible=r["case_id"] in visible_ids))
    return out


def _workflow_label(name: str) -> str:
    try:
        return str(workflows.get(name).label)
    except workflows.UnknownWorkflow:
        return name


def _finding_dates(case_ids: list[int]) -> dict[int, date | None]:
    """The day each finding was established (the workflow's ``infringement_on``)."""
    if not case_ids:
        return {}
    return dict(stored.Finding.objects.filter(case_id__in=case_ids)
                .values_list("case_id", "on"))


@dataclass(frozen=True)
class Repeat:
    """A repeat infringer: how many findings in the window, and the newest of them."""

    count: int
    newest: list[Finding]


def repeat_infringers_in(identifiers: list[str], *, exclude_case: int | None = None,
                         listed: int = LISTED) -> dict[str, Repeat]:
    """Of these identifiers, those with two or more findings (other than
    ``exclude_case``): their number and the newest ``listed``. Two indexed reads of the
    kept findings (index ``id_number, on``), then the listed findings' cases, whatever the
    number of findings an identifier has."""
    if not identifiers:
        return {}
    kept = findings(identifiers=identifiers)
    if exclude_case is not None:
        kept = kept.exclude(case_id=exclude_case)
    counts = {key: n for key, n in kept.values_list("id_number").annotate(
        n=Count("case_id", distinct=True)).order_by() if n >= MIN_FINDINGS}
    if not counts:
        return {}
    newest = (kept.filter(id_number__in=list(counts))
              .annotate(rank=Window(RowNumber(), partition_by=[F("id_number")],
                                    order_by=[F("on").desc(), F("case_id").desc()]))
              .filter(rank__lte=listed).values_list("case_id", flat=True))
    found = findings_of(list(counts), exclude_case=exclude_case, cases=list(newest))
    return {key: Repeat(n, found.get(key, [])) for key, n in sorted(counts.items())}


def repeat_list(user: User, *, since: date | None = None, effective_only: bool = False,
                text: str = "") -> QuerySet[Any, Any]:
    """The repeat infringers with at least one finding in the user's scope: one row per
    identifier with its number of findings and the first and last names recorded."""
    from cases.selectors.scope import case_scope_q

    since = since or window_start()
    ids = repeat_identifiers(since, effective_only=effective_only)
    qs = (finding_roles(since, effective_only=effective_only)
          .filter(party__id_number__in=ids))
    in_scope = finding_roles(since, effective_only=effective_only).filter(
        case__in=Case.objects.filter(case_scope_q(user))).values("party__id_number")
    qs = qs.filter(party__id_number__in=in_scope)
    if text:
        qs = qs.filter(Q(party__id_number__icontains=text) | Q(
            party__id_number__in=CaseParty.objects.filter(
                role=PartyRole.RESPONDENT, party__name__icontains=text)
            .values("party__id_number")))
    return (qs.values("party__id_number")
            .annotate(findings=Count("case", distinct=True), name=Max("party__name"),
                      other_name=Min("party__name"), kind=Max(F("party__kind")))
            .order_by("-findings", "party__id_number"))


# --- where it is shown --------------------------------------------------------------------


def intake_check(user: User, respondents: Sequence[Party]) -> SafeString | None:
    """At intake: a chosen respondent who is a repeat infringer (by identifier)."""
    identifiers = sorted({p.id_number for p in respondents if p.id_number})
    found = repeat_infringers_in(identifiers)
    if not found:
        return None
    return SafeString(render_to_string("stats/partials/repeat_warning.html", {
        "found": _named(found, respondents), "years": settings.REPEAT_INFRINGER_WINDOW_YEARS,
        "user": user}))


def case_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """On the case page: a respondent of this case who is a repeat infringer, counting
    findings in other cases."""
    respondents = [cp.party for cp in case.case_parties.all()
                   if cp.role == PartyRole.RESPONDENT]
    identifiers = sorted({p.id_number for p in respondents if p.id_number})
    found = repeat_infringers_in(identifiers, exclude_case=case.pk)
    if not found:
        return None
    return SafeString(render_to_string("stats/partials/repeat_warning.html", {
        "found": _named(found, respondents), "years": settings.REPEAT_INFRINGER_WINDOW_YEARS,
        "panel": True}, request=request))


def _named(found: dict[str, Repeat], parties: Sequence[Party]
           ) -> list[tuple[str, str, Repeat]]:
    names = {p.id_number: p.name for p in parties if p.id_number}
    return [(names.get(key, ""), key, repeat) for key, repeat in sorted(found.items())]
