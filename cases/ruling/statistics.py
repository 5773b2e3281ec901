"""What the statistics page reports of ruling cases (``Workflow.statistics``)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.ruling.models import CaseState, Outcome, ReferralKind
from cases.workflows import StatFigure, WorkflowStatistics

S = CaseState


def _closed(start: date, end: date) -> Q:
    return Q(closed_on__gte=start, closed_on__lte=end)


def _decided(value: str) -> StatFigure:
    """Rulings decided in the period with this outcome (the case closes later, once the
    ruling is performed or enforced)."""
    def cases(start: date, end: date) -> Q:
        return Q(ruling__decided_on__gte=start, ruling__decided_on__lte=end,
                 ruling__outcome=value)
    return StatFigure(value, Outcome(value).label, cases)


def _referred(start: date, end: date) -> Q:
    return _closed(start, end) & Q(ruling__state=S.TRANSFERRED,
                                   ruling__referral_kind=ReferralKind.CRIME)


def _transferred(start: date, end: date) -> Q:
    return _closed(start, end) & Q(ruling__state=S.TRANSFERRED) & ~Q(
        ruling__referral_kind=ReferralKind.CRIME)


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
        StatFigure(Outcome.SETTLED, Outcome.SETTLED.label,
                   lambda start, end: _closed(start, end) & Q(ruling__outcome=Outcome.SETTLED)),
        StatFigure("withdrawn", _("Withdrawn"),
                   lambda start, end: _closed(start, end) & Q(ruling__state=S.WITHDRAWN)),
        StatFigure("rejected", _("Not accepted"),
                   lambda start, end: _closed(start, end) & Q(ruling__state=S.REJECTED)),
        StatFigure("transferred", _("Transferred to another authority"), _transferred),
        StatFigure("referred", _("Referred to public security"), _referred),
    ),
    dimensions=(("ruling__platform", _("Online platform")),),
    infringement=infringement,
    infringement_on="ruling__decided_on",
    infringement_effective="ruling__effective_on",
)
