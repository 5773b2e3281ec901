"""Reads of mediation: the mediator's day (sessions, open agreements, terms falling due),
each scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from cases import workdays
from cases.models.participants import AssignmentRole
from cases.selectors.scope import office_scope_q
from mediation.models import AgreementTerm, ConfirmationCase, MediationCase, MediationSession
from mediation.models.confirmation import ConfirmationState
from mediation.models.mediation import MediationState
from mediation.permissions import is_assigned_mediator
from mediation.services.intake import CONFIRMABLE_STATES, ENDED_APPLICATIONS

if TYPE_CHECKING:
    from cases.models import User

# How far ahead the workbench lists sessions and terms falling due.
LOOKAHEAD_WORKING_DAYS = 10


def may_apply_for_confirmation(mediation: Any, user: Any) -> bool:
    """The mediator may prepare an application for an agreement in force without one."""
    agreement = getattr(mediation, "agreement", None)
    return bool(
        mediation.state in CONFIRMABLE_STATES and agreement is not None
        and agreement.effective_on is not None
        and not agreement.confirmations.exclude(state__in=ENDED_APPLICATIONS).exists()
        and is_assigned_mediator(mediation, user))


def _mine(user: User, prefix: str) -> dict[str, Any]:
    return {f"{prefix}case__assignments__user": user,
            f"{prefix}case__assignments__role": AssignmentRole.MEDIATOR}


# Open mediations before an agreement: the mediator's next step is his own (serve the
# request, record the answer, fix a session) unless a session is already fixed.
_TO_TAKE_UP = (MediationState.REQUESTED, MediationState.AWAITING_RESPONSE,
               MediationState.ACCEPTED, MediationState.IN_SESSION)


@dataclass
class MediatorDay:
    to_take_up: QuerySet[MediationCase]
    sessions: QuerySet[MediationSession]
    open_agreements: QuerySet[MediationCase]
    terms_due: QuerySet[AgreementTerm]
    confirmations_open: int


def mediator_day(user: User) -> MediatorDay:
    """What waits for a mediator: sessions to hold, agreements being performed, terms
    falling due within the next working days (and overdue ones)."""
    now = timezone.now()
    horizon = workdays.add_working_days(timezone.localdate(now), LOOKAHEAD_WORKING_DAYS)
    scope = office_scope_q(user, "mediation__case__office")
    sessions = (MediationSession.objects.filter(scope, held_at__isnull=True,
                                                **_mine(user, "mediation__"))
                .filter(scheduled_at__lt=timezone.make_aware(
                    datetime.combine(horizon + timedelta(days=1), time.min)))
                .select_related("mediation__case").order_by("scheduled_at"))
    open_agreements = (MediationCase.objects.filter(
        office_scope_q(user, "case__office"), **_mine(user, ""),
        state__in=[MediationState.AGREED, MediationState.PERFORMING])
        .select_related("case", "agreement").order_by("agreed_on"))
    terms_due = (AgreementTerm.objects.filter(
        office_scope_q(user, "agreement__mediation__case__office"),
        **_mine(user, "agreement__mediation__"), done_on__isnull=True, due_on__lte=horizon,
        agreement__mediation__state=MediationState.PERFORMING)
        .select_related("agreement__mediation__case", "obligor").order_by("due_on"))
    pending_session = MediationSession.objects.filter(mediation=OuterRef("pk"),
                                                      held_at__isnull=True)
    to_take_up = (MediationCase.objects.filter(
        office_scope_q(user, "case__office"), **_mine(user, ""), state__in=_TO_TAKE_UP)
        .filter(~Exists(pending_session))
        .select_related("case").order_by("case__received_on", "pk"))
    confirmations = ConfirmationCase.objects.filter(
        office_scope_q(user, "case__office"), **_mine(user, ""),
        state__in=[ConfirmationState.PREPARING, ConfirmationState.FILED,
                   ConfirmationState.ACCEPTED]).distinct().count()
    return MediatorDay(to_take_up.distinct(), sessions.distinct(), open_agreements.distinct(),
                       terms_due.distinct(), confirmations)
