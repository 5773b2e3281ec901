"""Consistency statistics over similar decisions (统一执法标准): are like cases decided
alike? Outcome distribution and amount percentiles, and flags for a draft decision.

Amounts are compared like with like: a draft is compared only on the amounts its own kind
of decision fixes, among the decisions its verdict rests on. The other amounts of the
similar decisions (a mediation's settlement, a court's damages, an office's fine beside a
draft ruling, which fixes none of them) are a reference, each row labelled with the kind
of decisions it is read from and how many, and never flagged."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from cases import workflows
from search.models import Decision, DecisionOutcome, DecisionSource
from search.similarity import Features, features_of_case, similar_decisions

if TYPE_CHECKING:
    from cases.models import Case, User

PERCENTILES = (10, 25, 50, 75, 90)
AMOUNT_FIELDS = ("damages_awarded", "settlement_amount", "fine")
# A ruling (行政裁决) orders the infringement to stop (or dismisses the request): it awards
# no damages, agrees no settlement and imposes no fine, so a draft ruling is compared on no
# amount; the similar decisions' amounts are shown beside it as a reference only.
RULING_AMOUNT_FIELDS: tuple[str, ...] = ()
# What a draft ruling is shown for reference: the settlements and fines of the similar
# decisions (kept since commit 84b912f), not the courts' damages (decision of c405916: a
# ruling's panel has no damages row, lest it read as an award the ruling could make).
RULING_REFERENCE_FIELDS = ("settlement_amount", "fine")
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
class AmountRow:
    """The percentiles of one amount, with what they are read from: how many decisions of
    which kinds (``sources``: DecisionSource value → count) hold it."""

    name: str  # a Decision amount field
    percentiles: dict[int, float]
    sources: dict[str, int]
    compared: bool  # like with like: the draft is compared with it

    @property
    def count(self) -> int:
        return sum(self.sources.values())

    def figures(self) -> list[str]:
        """P10 … P90 in whole yuan with thousands separators, as amounts are written."""
        return [f"{self.percentiles[p]:,.0f}" for p in PERCENTILES]

    def sources_display(self) -> list[tuple[str, int]]:
        return [(str(DecisionSource(source).label), n) for source, n in self.sources.items()]

    def as_dict(self) -> dict[str, Any]:
        return {**{f"p{p}": v for p, v in self.percentiles.items()},
                "count": self.count, "sources": self.sources}


def amount_rows(decisions: list[Decision], fields: tuple[str, ...], *, compared: bool
                ) -> list[AmountRow]:
    """A row for each of ``fields`` some of ``decisions`` hold."""
    rows = []
    for name in fields:
        held = [d for d in decisions if getattr(d, name) is not None]
        if held:
            values = [float(getattr(d, name)) for d in held]
            rows.append(AmountRow(
                name=name, compared=compared,
                percentiles={p: round(percentile(values, p), 2) for p in PERCENTILES},
                sources=dict(sorted(Counter(d.source for d in held).items()))))
    return rows


@dataclass
class Consistency:
    count: int
    outcomes: dict[str, int]
    # The amounts the draft is compared on, among the comparable decisions.
    amounts: dict[str, dict[int, float]]
    flags: list[Flag]
    precedents: list[Decision]
    compared_amounts: list[AmountRow] = field(default_factory=list)
    # The other amounts of the similar decisions, for reference (never flagged).
    reference_amounts: list[AmountRow] = field(default_factory=list)
    # Whether there is a draft to judge (an outcome or an amount): a case with none (a
    # complaint, a referral, a ruling before its draft) gets no verdict either way.
    drafted: bool = True

    @property
    def enough(self) -> bool:
        """Whether the verdict rests on enough truly comparable decisions."""
        return self.count >= MIN_COMPARABLE

    @property
    def verdict(self) -> str:
        if not self.enough:
            return "not_enough"
        if not self.drafted:
            return "no_draft"
        return "flagged" if self.flags else "consistent"

    def as_dict(self) -> dict[str, Any]:
        return {
            "count": self.count, "comparable": self.count, "verdict": self.verdict,
            "drafted": self.drafted,
            "minimum_comparable": MIN_COMPARABLE, "outcomes": self.outcomes,
            "amounts": {row.name: row.as_dict() for row in self.compared_amounts},
            "reference_amounts": {row.name: row.as_dict() for row in self.reference_amounts},
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
                    on_the_merits: bool = False,
                    reference_fields: tuple[str, ...] = AMOUNT_FIELDS) -> Consistency:
    """The verdict on a draft among its comparable decisions: the similar decisions (the
    same kind of right, see :func:`similar_decisions`), and for a draft decided on the
    merits (``on_the_merits``, or a merits outcome) only those decided on the merits.

    ``amount_fields`` are the amounts the draft's kind of decision fixes: their percentiles
    are read from the comparable decisions and the draft's amounts checked against them.
    The other amounts of ``reference_fields`` among the similar decisions (and those of
    the decisions left out of the comparable ones) are reference rows, labelled with what
    they are read from."""
    neighbours = [d for d, _s in similar_decisions(user, features, k=NEIGHBOURS)]
    merits = on_the_merits or draft_outcome in MERITS
    comparable = [d for d in neighbours if d.outcome in MERITS] if merits else neighbours
    outcomes, _amounts = statistics(comparable)
    compared = amount_rows(comparable, amount_fields, compared=True)
    counted = {d.pk for d in comparable}
    others = [d for d in neighbours if d.pk not in counted]
    reference = [row for name in reference_fields for row in amount_rows(
        others if name in amount_fields else neighbours, (name,), compared=False)]
    flags: list[Flag] = []
    drafted: dict[str, Decimal | float | None] = {
        k: v for k, v in (draft_amounts or {}).items() if k in amount_fields and v is not None}
    if len(comparable) >= MIN_COMPARABLE:
        flags = check(comparable, draft_outcome if merits else None, drafted)
    return Consistency(count=len(comparable), outcomes=outcomes,
                       amounts={row.name: row.percentiles for row in compared},
                       flags=flags, precedents=comparable, compared_amounts=compared,
                       reference_amounts=reference, drafted=bool(draft_outcome or drafted))


def consistency_for_case(user: User, case: Case) -> Consistency:
    """The comparable decisions of a case and the verdict on its draft. A workflow whose
    cases become no precedent (a complaint, a referral) drafts no decision to judge: its
    similar decisions' amounts are all for reference, and there is no verdict."""
    mapping = workflows.of(case).precedent
    if mapping is None:
        return consistency_for(user, features_of_case(case), amount_fields=())
    ruling = mapping.source == "ruling"
    return consistency_for(user, features_of_case(case),
                           draft_outcome=mapping.draft_outcome(case.flow),
                           amount_fields=RULING_AMOUNT_FIELDS if ruling else AMOUNT_FIELDS,
                           on_the_merits=ruling,
                           reference_fields=RULING_REFERENCE_FIELDS if ruling else AMOUNT_FIELDS)
