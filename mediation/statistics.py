"""What the statistics page reports of mediation cases (``Workflow.statistics``): the
results, the success rate and the amounts agreed and paid, from the mediation's own
fields."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cases.workflows import StatFigure, StatRate, WorkflowStatistics, dated_figure
from mediation.models.agreement import AgreementTerm, TermKind
from mediation.models.mediation import MediationOutcome

MO = MediationOutcome


# Agreements reached in the period (the case stays open while it is performed).
SETTLED_ON = ("mediation__agreed_on", lambda: Q(mediation__outcome=MO.SETTLED))


def _ended_without(value: str) -> StatFigure:
    """Mediations closed in the period without an agreement, in this way."""
    return dated_figure(value, MO(value).label,
                        ("closed_on", lambda: Q(mediation__outcome=value)))


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
        dated_figure(MO.SETTLED, MO.SETTLED.label, SETTLED_ON,
                     amounts=(("mediation__amount_agreed", _("Amount agreed (yuan)")),
                              ("mediation__amount_performed", _("Amount paid (yuan)")))),
        _ended_without(MO.FAILED),
        _ended_without(MO.DECLINED),
        _ended_without(MO.WITHDRAWN),
    ),
    # Mediations that ended in the period: an agreement, or a close without one.
    figures=(dated_figure("ended", _("Mediations ended"), SETTLED_ON,
                          ("closed_on", lambda: Q(mediation__outcome__in=(
                              MO.FAILED, MO.DECLINED, MO.WITHDRAWN)))),),
    rates=(StatRate("success", _("Mediation success rate"), MO.SETTLED, "ended"),),
    infringement=infringement,
    infringement_on="mediation__agreed_on",
)
