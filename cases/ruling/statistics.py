"""What the statistics page reports of ruling cases (``Workflow.statistics``)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.ruling.models import CaseState, Outcome, ReferralKind
from cases.workflows import Label, StatFigure, WorkflowStatistics, dated_figure

S = CaseState


def _decided(value: str) -> StatFigure:
    """Rulings decided in the period with this outcome (the case closes later, once the
    ruling is performed or enforced)."""
    return dated_figure(value, Outcome(value).label,
                        ("ruling__decided_on", lambda: Q(ruling__outcome=value)))


def _closed_as(key: str, label: Label, condition: Callable[[], Q]) -> StatFigure:
    """Cases closed in the period in this way."""
    return dated_figure(key, label, ("closed_on", condition))


def infringement() -> Q:
    """A ruling that found infringement (the respondent is then an infringer)."""
    return Q(ruling__outcome=Outcome.INFRINGEMENT_FOUND)


STATISTICS = WorkflowStatistics(
    accepted_on="accepted_on",
    time_limit="ruling.overall_limit",
    suspend_actions=("suspend",),
    extend_actions=("extend_time_limit",),
    outcomes=(
        _decided(Outcome.INFRINGEMENT_FOUND),
        _decided(Outcome.DISMISSED),
        _closed_as(Outcome.SETTLED, Outcome.SETTLED.label,
                   lambda: Q(ruling__outcome=Outcome.SETTLED)),
        _closed_as("withdrawn", _("Withdrawn"), lambda: Q(ruling__state=S.WITHDRAWN)),
        _closed_as("rejected", _("Not accepted"), lambda: Q(ruling__state=S.REJECTED)),
        _closed_as("transferred", _("Transferred to another authority"),
                   lambda: Q(ruling__state=S.TRANSFERRED)
                   & ~Q(ruling__referral_kind=ReferralKind.CRIME)),
        _closed_as("referred", _("Referred to public security"),
                   lambda: Q(ruling__state=S.TRANSFERRED,
                             ruling__referral_kind=ReferralKind.CRIME)),
    ),
    dimensions=(("ruling__platform", _("Online platform")),),
    acts="ruling__infringing_acts",
    infringement=infringement,
    infringement_on="ruling__decided_on",
    infringement_effective="ruling__effective_on",
)
