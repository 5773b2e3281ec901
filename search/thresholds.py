"""Imported enforcement decisions judged against the criminal thresholds (行刑衔接).

An office's own decision imported with an illegal turnover or gain (a penalty decision,
typically) whose figures reach a threshold in force on the decision's date was a
suspected crime: "涉嫌犯罪，应当移送". The precedent pages and the import report show it
with the rule and figures, so that legal staff see where a case was fined that should
have been referred. Court judgments are not the office's enforcement and are not judged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cases.workflows import FigureRecord, judge_figures
from search.models import Decision, DecisionSource

# A decision's figures, by threshold measure (the referral app judges them).
DECISION_FIGURES = {"turnover": "illegal_turnover", "gain": "illegal_gain"}


def figure_record(decision: Decision) -> FigureRecord | None:
    """What a decision gives the thresholds to judge; None for a court judgment or a
    decision recording neither figure."""
    amounts: dict[str, Any] = {m: getattr(decision, f) for m, f in DECISION_FIGURES.items()}
    if decision.source != DecisionSource.OFFICE or all(v is None for v in amounts.values()):
        return None
    return FigureRecord(key=decision.pk, on=decision.decided_on,
                        right_kinds=(decision.ip_type,), amounts=amounts)


def decision_thresholds(decisions: Iterable[Decision]) -> dict[int, list[Any]]:
    """Decision id → the thresholds its figures reach, for those reaching any."""
    return judge_figures(r for r in map(figure_record, decisions) if r is not None)
