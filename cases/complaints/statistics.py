"""What the statistics page reports of complaints and tip-offs (``Workflow.statistics``):
the triage outcomes."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from cases.complaints.models import TriageOutcome
from cases.workflows import StatFigure, WorkflowStatistics


def _triaged(value: str) -> StatFigure:
    def cases(start: date, end: date) -> Q:
        return Q(complaint__decided_on__gte=start, complaint__decided_on__lte=end,
                 complaint__outcome=value)
    return StatFigure(value, TriageOutcome(value).label, cases)


STATISTICS = WorkflowStatistics(
    extend_actions=("extend_verification",),
    outcomes=tuple(_triaged(value) for value in TriageOutcome.values),
)
