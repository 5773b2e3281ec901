"""What the statistics page reports of mediation cases (``Workflow.statistics``): the
results, the success rate and the amounts agreed and paid, from the mediation's own
fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cases.workflows import StatFigure, StatRate, WorkflowStatistics
from mediation.models.agreement import AgreementTerm, TermKind
from mediation.models.mediation import MediationOutcome

MO = MediationOutcome


def _settled(start: date, end: date) -> Q:
    """Agreements reached in the period (the case stays open while it is performed)."""
    return Q(mediation__outcome=MO.SETTLED, mediation__agreed_on__gte=start,
             mediation__agreed_on__lte=end)


def _ended_without(value: str) -> Callable[[date, date], Q]:
    def cases(start: date, end: date) -> Q:
        return Q(mediation__outcome=value, closed_on__gte=start, closed_on__lte=end)
    return cases


def _ended(start: date, end: date) -> Q:
    """Mediations that ended in the period: an agreement, or a close without one."""
    return _settled(start, end) | (
        Q(closed_on__gte=start, closed_on__lte=end)
        & Q(mediation__outcome__in=(MO.FAILED, MO.DECLINED, MO.WITHDRAWN)))


def infringement() -> Q:
    """A settlement with an admission: the agreement binds the respondent to stop the
    infringing acts (a term of kind "cease")."""
    return Q(mediation__outcome=MO.SETTLED) & Q(Exists(AgreementTerm.objects.filter(
        agreement__mediation_id=OuterRef("pk"), kind=TermKind.CEASE)))


STATISTICS = WorkflowStatistics(
    accepted_on="accepted_on",
    time_limit="mediation.session_limit",
    extend_actions=("extend_mediation",),
    outcomes=(
        StatFigure(MO.SETTLED, MO.SETTLED.label, _settled,
                   amounts=(("mediation__amount_agreed", _("Amount agreed (yuan)")),
                            ("mediation__amount_performed", _("Amount paid (yuan)")))),
        StatFigure(MO.FAILED, MO.FAILED.label, _ended_without(MO.FAILED)),
        StatFigure(MO.DECLINED, MO.DECLINED.label, _ended_without(MO.DECLINED)),
        StatFigure(MO.WITHDRAWN, MO.WITHDRAWN.label, _ended_without(MO.WITHDRAWN)),
    ),
    figures=(StatFigure("ended", _("Mediations ended"), _ended),),
    rates=(StatRate("success", _("Mediation success rate"), MO.SETTLED, "ended"),),
    infringement=infringement,
    infringement_on="mediation__agreed_on",
)
