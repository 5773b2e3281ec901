"""Judging a case's amounts against the criminal thresholds in force on its date.

:func:`judge` is pure: it takes the rules and the figures and says which offences' figures
are reached, with the rule and the numbers that triggered each, so that the case page can
show "涉嫌犯罪，应当移送" with its reasons. :func:`judge_amounts` reads the rules in force.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from cases.referral.models import Measure, Offence, ThresholdRule
from cases.referral.models.thresholds import MONEY_MEASURES, measure_name, offences_for
from cases.workflows import FigureRecord

Amounts = Mapping[str, Decimal | int | str | None]


@dataclass(frozen=True)
class Figure:
    """One figure of the case compared with one threshold."""

    rule: ThresholdRule
    value: Decimal

    @property
    def label(self) -> str:
        """The measure without its unit: the value and the threshold carry it (¥)."""
        return measure_name(self.rule.measure)

    def __str__(self) -> str:
        value = (f"¥{self.value:,.0f}" if self.rule.measure in MONEY_MEASURES
                 else f"{self.value:,.0f}")
        return f"{self.label} {value} ≥ {self.rule.amount_display}"


@dataclass(frozen=True)
class ThresholdHit:
    """An offence whose threshold the case reaches, with the figures that reached it."""

    offence: str
    article: str
    figures: tuple[Figure, ...]

    @property
    def offence_label(self) -> str:
        return str(Offence(self.offence).label)

    @property
    def legal_basis(self) -> str:
        return "；".join(dict.fromkeys(f.rule.legal_basis for f in self.figures))

    @property
    def needs_verification(self) -> bool:
        return any(f.rule.verify for f in self.figures)

    def __str__(self) -> str:
        return f"{self.article}：" + "，".join(str(f) for f in self.figures)


def _as_decimal(value: Decimal | int | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def judge(rules: Iterable[ThresholdRule], amounts: Amounts, *, on: date, marks: int = 1,
          offences: Collection[str] | None = None) -> list[ThresholdHit]:
    """The offences whose thresholds ``amounts`` reach under the rules in force on ``on``.

    ``amounts`` maps a :class:`Measure` to the case's figure (missing or empty: not
    known, never reached); ``marks`` is the number of registered trademarks involved;
    ``offences`` limits the judgement to those offences (e.g. by the right's kind).
    """
    groups: dict[tuple[str, str], list[ThresholdRule]] = defaultdict(list)
    for rule in rules:
        if not rule.is_in_force(on) or (offences is not None and rule.offence not in offences):
            continue
        if rule.min_marks is not None and marks < rule.min_marks:
            continue
        groups[(rule.offence, rule.group)].append(rule)
    hits: list[ThresholdHit] = []
    for (offence, _group), members in sorted(groups.items()):
        members.sort(key=lambda r: (list(Measure).index(Measure(r.measure)), r.code))
        reached = []
        for rule in members:
            value = _as_decimal(amounts.get(rule.measure))
            if value is not None and value >= rule.amount:
                reached.append(Figure(rule=rule, value=value))
        any_one = all(rule.any_one_suffices for rule in members)
        if reached and (any_one or len(reached) == len(members)):
            hits.append(ThresholdHit(offence=offence, article=members[0].article,
                                     figures=tuple(reached)))
    return hits


def judge_amounts(amounts: Amounts, *, on: date, marks: int = 1,
                  offences: Collection[str] | None = None) -> list[ThresholdHit]:
    """:func:`judge` against the rules stored in the database."""
    return judge(ThresholdRule.objects.in_force(on), amounts, on=on, marks=marks,
                 offences=offences)


def judge_records(records: Sequence[FigureRecord]) -> dict[int, list[ThresholdHit]]:
    """Each record's thresholds reached (by the rules in force on its own date), keyed by
    ``key``; records reaching none are left out. The rules are read once
    (:func:`cases.workflows.register_figures_judge`)."""
    records = list(records)
    if not records:
        return {}
    rules = list(ThresholdRule.objects.filter(is_active=True))
    judged = {r.key: judge(rules, r.amounts, on=r.on, offences=offences_for(r.right_kinds))
              for r in records}
    return {key: hits for key, hits in judged.items() if hits}
