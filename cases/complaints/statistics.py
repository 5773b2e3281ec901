"""What the statistics page reports of complaints and tip-offs (``Workflow.statistics``):
the triage outcomes."""

from __future__ import annotations

from django.db.models import Q

from cases.complaints.models import TriageOutcome
from cases.workflows import StatFigure, WorkflowStatistics, dated_figure


def _triaged(value: str) -> StatFigure:
    return dated_figure(value, TriageOutcome(value).label,
                        ("complaint__decided_on", lambda: Q(complaint__outcome=value)))


STATISTICS = WorkflowStatistics(
    extend_actions=("extend_verification",),
    outcomes=tuple(_triaged(value) for value in TriageOutcome.values),
)
