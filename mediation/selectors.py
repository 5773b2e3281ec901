"""Reads of mediation: the mediator's workbench (mediations to take up, sessions, open
agreements, terms falling due), each list scoped to what the user may see and paged by
keyset (its order is part of it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from cases import workdays
from cases.models import CaseAssignment
from cases.models.participants import AssignmentRole
from cases.selectors.scope import office_scope_q
from cases.views.paging import SortSpec
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


def _mine(user: User, case_field: str) -> Q:
    """Rows of the cases where ``user`` is the assigned mediator (an ``EXISTS`` on the
    assignments' index, so a case is listed once)."""
    return Q(Exists(CaseAssignment.objects.filter(
        case_id=OuterRef(case_field), user_id=user.pk, role=AssignmentRole.MEDIATOR)))


# Open mediations before an agreement: the mediator's next step is his own (serve the
# request, record the answer, fix a session) unless a session is already fixed.
_TO_TAKE_UP = (MediationState.REQUESTED, MediationState.AWAITING_RESPONSE,
               MediationState.ACCEPTED, MediationState.IN_SESSION)


@dataclass(frozen=True)
class WorkbenchList:
    """One list of the mediator's workbench: which rows (``rows``, a page's keys are read
    from it), in which order (``order``), and a page's rows by their keys (``page_rows``:
    with what a row shows, in one query)."""

    name: str
    rows: Callable[[User], QuerySet[Any]]
    order: SortSpec
    page_rows: Callable[[User, list[int]], QuerySet[Any]]


def _horizon() -> date:
    return workdays.add_working_days(timezone.localdate(), LOOKAHEAD_WORKING_DAYS)


def to_take_up(user: User) -> QuerySet[MediationCase]:
    """The mediator's mediations before an agreement with no session fixed, oldest first."""
    pending_session = MediationSession.objects.filter(mediation=OuterRef("pk"),
                                                      held_at__isnull=True)
    return (MediationCase.objects.filter(office_scope_q(user, "case__office"),
                                         _mine(user, "pk"), state__in=_TO_TAKE_UP)
            .filter(~Exists(pending_session)).annotate(case_received_on=F("case__received_on")))


def sessions(user: User) -> QuerySet[MediationSession]:
    """Sessions not yet held, scheduled up to the horizon (overdue ones included)."""
    until = timezone.make_aware(datetime.combine(_horizon() + timedelta(days=1), time.min))
    return MediationSession.objects.filter(
        office_scope_q(user, "mediation__case__office"), _mine(user, "mediation_id"),
        held_at__isnull=True, scheduled_at__lt=until)


def open_agreements(user: User) -> QuerySet[MediationCase]:
    """The mediator's agreements reached and being performed."""
    return MediationCase.objects.filter(
        office_scope_q(user, "case__office"), _mine(user, "pk"),
        state__in=[MediationState.AGREED, MediationState.PERFORMING])


def terms_due(user: User) -> QuerySet[AgreementTerm]:
    """Terms of agreements being performed, not done, due up to the horizon."""
    return AgreementTerm.objects.filter(
        office_scope_q(user, "agreement__mediation__case__office"),
        _mine(user, "agreement_id"), done_on__isnull=True, due_on__lte=_horizon(),
        agreement__mediation__state=MediationState.PERFORMING)


LISTS = {spec.name: spec for spec in (
    WorkbenchList("to_take_up", to_take_up,
                  SortSpec("received", ("case_received_on", "pk"), (date, int)),
                  lambda user, keys: to_take_up(user).filter(pk__in=keys)
                  .select_related("case")),
    WorkbenchList("sessions", sessions,
                  SortSpec("scheduled", ("scheduled_at", "pk"), (datetime, int)),
                  lambda user, keys: sessions(user).filter(pk__in=keys)
                  .select_related("mediation__case")),
    WorkbenchList("agreements", open_agreements,
                  SortSpec("agreed", ("agreed_on", "pk"), (date, int),
                           nullable=frozenset({"agreed_on"})),
                  lambda user, keys: open_agreements(user).filter(pk__in=keys)
                  .select_related("case")),
    WorkbenchList("terms", terms_due, SortSpec("due", ("due_on", "pk"), (date, int)),
                  lambda user, keys: terms_due(user).filter(pk__in=keys)
                  .select_related("agreement__mediation__case", "obligor")),
)}


@dataclass(frozen=True)
class MediatorCounts:
    to_take_up: int
    sessions: int
    agreements: int
    terms: int
    confirmations: int


def mediator_counts(user: User) -> MediatorCounts:
    """How many rows each list of the workbench has, and the open applications for
    judicial confirmation: one count each."""
    confirmations = ConfirmationCase.objects.filter(
        office_scope_q(user, "case__office"), _mine(user, "pk"),
        state__in=[ConfirmationState.PREPARING, ConfirmationState.FILED,
                   ConfirmationState.ACCEPTED]).count()
    return MediatorCounts(**{name: spec.rows(user).count() for name, spec in LISTS.items()},
                          confirmations=confirmations)
