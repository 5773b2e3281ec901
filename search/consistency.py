"""Consistency statistics over similar decisions (统一执法标准): are like cases decided
alike? Outcome distribution and amount percentiles, and flags for a draft decision."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from cases import workflows
from search.models import Decision, DecisionOutcome
from search.similarity import Features, features_of_case, similar_decisions

if TYPE_CHECKING:
    from cases.models import Case, User

PERCENTILES = (10, 25, 50, 75, 90)
AMOUNT_FIELDS = ("damages_awarded", "settlement_amount", "fine")
# A ruling (行政裁决) orders the infringement to stop and awards no damages: a draft ruling
# is compared on what such decisions do fix.
RULING_AMOUNT_FIELDS = ("settlement_amount", "fine")
MAJORITY = 0.7
MIN_FOR_MAJORITY = 5
# Fewer comparable decisions (same kind of right) than this: no verdict either way.
MIN_COMPARABLE = 5
NEIGHBOURS = 50
# Outcomes that decide the dispute on its merits. A draft ruling is judged against these
# alone: a settlement, a court's confirmation of one or a withdrawal says nothing about
# whether there was an infringement, so counting them as "the other way" flagged a ruling
# finding infringement as inconsistent with a majority of mediations.
MERITS = frozenset({DecisionOutcome.INFRINGEMENT_FOUND, DecisionOutcome.PARTIALLY_FOUND,
                    DecisionOutcome.DISMISSED})


def percentile(values: list[float], p: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = (len(ordered) - 1) * p / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Flag:
    kind: str  # "outcome" | "amount"
    message: str
    precedent_ids: list[int] = field(default_factory=list)


@dataclass
class Consistency:
    count: int
    outcomes: dict[str, int]
    amounts: dict[str, dict[int, float]]
    flags: list[Flag]
    precedents: list[Decision]

    @property
    def enough(self) -> bool:
        """Whether the verdict rests on enough truly comparable decisions."""
        return self.count >= MIN_COMPARABLE

    @property
    def verdict(self) -> str:
        if not self.enough:
            return "not_enough"
        return "flagged" if self.flags else "consistent"

    def as_dict(self) -> dict[str, Any]:
        return {
            "count": self.count, "comparable": self.count, "verdict": self.verdict,
            "minimum_comparable": MIN_COMPARABLE, "outcomes": self.outcomes,
            "amounts": {k: {f"p{p}": v for p, v in d.items()} for k, d in self.amounts.items()},
            "flags": [{"kind": f.kind, "message": f.message, "precedents": f.precedent_ids}
                      for f in self.flags],
            "precedents": [d.pk for d in self.precedents],
        }


def statistics(decisions: list[Decision], amount_fields: tuple[str, ...] = AMOUNT_FIELDS
               ) -> tuple[dict[str, int], dict[str, dict[int, float]]]:
    outcomes = dict(Counter(d.outcome for d in decisions))
    amounts: dict[str, dict[int, float]] = {}
    for name in amount_fields:
        values = [float(getattr(d, name)) for d in decisions if getattr(d, name) is not None]
        if values:
            amounts[name] = {p: round(percentile(values, p), 2) for p in PERCENTILES}
    return outcomes, amounts


def check(decisions: list[Decision], draft_outcome: str | None,
          draft_amounts: dict[str, Decimal | float | None]) -> list[Flag]:
    flags: list[Flag] = []
    outcomes, amounts = statistics(decisions)
    if draft_outcome and len(decisions) >= MIN_FOR_MAJORITY:
        top, top_count = max(outcomes.items(), key=lambda kv: kv[1])
        if top != draft_outcome and top_count / len(decisions) >= MAJORITY:
            flags.append(Flag("outcome", _(
                "The draft outcome differs from %(share)s%% of %(n)s similar decisions, which "
                "went the other way.") % {"share": round(100 * top_count / len(decisions)),
                                           "n": len(decisions)},
                [d.pk for d in decisions if d.outcome == top]))
    for name, value in draft_amounts.items():
        if value is None or name not in amounts:
            continue
        low, high = amounts[name][10], amounts[name][90]
        if not low <= float(value) <= high:
            flags.append(Flag("amount", _(
                "The amount %(value)s is outside the range of similar decisions (P10 %(low)s – "
                "P90 %(high)s).") % {"value": value, "low": low, "high": high},
                [d.pk for d in decisions if getattr(d, name) is not None]))
    return flags


def consistency_for(user: User, features: Features, draft_outcome: str | None = None,
                    draft_amounts: dict[str, Decimal | float | None] | None = None,
                    amount_fields: tuple[str, ...] = AMOUNT_FIELDS,
                    on_the_merits: bool = False) -> Consistency:
    """The verdict on a draft among its comparable decisions: the similar decisions (the
    same kind of right, see :func:`similar_decisions`), and for a draft decided on the
    merits (``on_the_merits``, or a merits outcome) only those decided on the merits. The
    amounts' percentiles are read from every similar decision (a ruling's reference
    figures include settlements)."""
    neighbours = [d for d, _s in similar_decisions(user, features, k=NEIGHBOURS)]
    merits = on_the_merits or draft_outcome in MERITS
    comparable = [d for d in neighbours if d.outcome in MERITS] if merits else neighbours
    outcomes, _amounts = statistics(comparable)
    _outcomes, amounts = statistics(neighbours, amount_fields)
    flags: list[Flag] = []
    if len(comparable) >= MIN_COMPARABLE:
        flags = check(comparable, draft_outcome if merits else None, draft_amounts or {})
    return Consistency(count=len(comparable), outcomes=outcomes, amounts=amounts,
                       flags=flags, precedents=comparable)


def consistency_for_case(user: User, case: Case) -> Consistency:
    mapping = workflows.of(case).precedent
    ruling = mapping is not None and mapping.source == "ruling"
    return consistency_for(user, features_of_case(case),
                           draft_outcome=mapping.draft_outcome(case.flow) if mapping else None,
                           amount_fields=RULING_AMOUNT_FIELDS if ruling else AMOUNT_FIELDS,
                           on_the_merits=ruling)
