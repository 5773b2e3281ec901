"""New mediation and confirmation cases: a party's request for mediation, a ruling case
handed over to mediation, and a joint application for judicial confirmation of an
agreement. Each is a new case (its own number, timeline and clocks) whose ``origin`` is
the case it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.errors import TransitionNotAllowed
from cases.models import Case, CaseAssignment, CaseParty, Role
from cases.models.participants import AssignmentRole, PartyRole
from cases.services.numbering import case_number
from cases.services.runner import create_case, lock_case
from mediation.jurisdiction import competence_error, right_kinds
from mediation.models import ConfirmationCase, Court, DisputeType, MediationCase
from mediation.models.confirmation import ConfirmationState
from mediation.models.mediation import MediationState
from mediation.permissions import assigned_mediator, is_assigned_mediator

if TYPE_CHECKING:
    from cases.models import IPRight, Office, Party, User

MEDIATION = "mediation"
CONFIRMATION = "confirmation"
# What a case handed over from a ruling mediates (seeded reference data).
DAMAGES_DISPUTE = "patent_damages"

# An agreement whose confirmation may be applied for: in force, performed or not.
CONFIRMABLE_STATES = (MediationState.AGREED, MediationState.PERFORMING,
                      MediationState.BREACHED)
# Applications after which the parties may apply again.
ENDED_APPLICATIONS = (ConfirmationState.WITHDRAWN, ConfirmationState.NOT_ACCEPTED,
                      ConfirmationState.REJECTED)


@dataclass
class MediationRequest:
    """调解请求: who asks whom to mediate what."""

    office: Office
    title: str
    dispute_type: DisputeType
    requested_on: date
    requesters: list[Party]
    respondents: list[Party]
    request_summary: str = ""
    amount_claimed: Decimal | None = None
    rights: list[IPRight] = field(default_factory=list)
    mediator: User | None = None


def _validate(request: MediationRequest) -> None:
    errors: dict[str, str] = {}
    if not request.requesters:
        errors["requesters"] = _("Name at least one requester.")
    if not request.respondents:
        errors["respondents"] = _("Name at least one respondent.")
    if set(request.requesters) & set(request.respondents):
        errors["respondents"] = _("A party cannot be both requester and respondent.")
    if request.requested_on > timezone.localdate():
        errors["requested_on"] = _("The date cannot be in the future.")
    if request.amount_claimed is not None and request.amount_claimed < 0:
        errors["amount_claimed"] = _("The amount cannot be negative.")
    mediator = request.mediator
    if mediator is not None and not (mediator.has_role(Role.MEDIATOR)
                                     and mediator.office_id == request.office.pk):
        errors["mediator"] = _("The mediator must be a mediator of the handling office.")
    if errors:
        raise ValidationError(errors)


def _new_header(*, office: Office, title: str, workflow: str, received_on: date,
                actor: User, officer: User | None, origin: Case | None) -> Case:
    year = received_on.year
    sequence, number = case_number(office, year)
    case = Case(office=office, year=year, sequence=sequence, number=number,
                workflow=workflow, title=title, received_on=received_on,
                officer_in_charge=officer, origin=origin, created_by=actor)
    case.full_clean()
    case.save()
    return case


def _assign(case: Case, mediator: User | None) -> None:
    if mediator is not None:
        CaseAssignment.objects.create(case=case, user=mediator, role=AssignmentRole.MEDIATOR)


def file_mediation_request(*, actor: User, request: MediationRequest,
                           origin: Case | None = None) -> Case:
    """Register a request for mediation; an officer or the head of the office files it
    (a case handed over from ``origin`` by whoever may act on that case)."""
    office = request.office
    if origin is None and not (actor.has_role(Role.OFFICER, Role.HEAD)
                               and actor.office_id == office.pk):
        raise PermissionDenied(_("Only an enforcement officer or the head of the office can "
                                 "file a request for mediation with it."))
    _validate(request)
    with transaction.atomic():
        case = _new_header(office=office, title=request.title, workflow=MEDIATION,
                           received_on=request.requested_on, actor=actor, origin=origin,
                           officer=origin.officer_in_charge if origin is not None
                           else actor if actor.has_role(Role.OFFICER) else None)
        case.rights.set(request.rights)
        CaseParty.objects.bulk_create(
            [CaseParty(case=case, party=p, role=PartyRole.REQUESTER, position=i)
             for i, p in enumerate(request.requesters)]
            + [CaseParty(case=case, party=p, role=PartyRole.RESPONDENT, position=i)
               for i, p in enumerate(request.respondents)])
        _assign(case, request.mediator)
        mediation = MediationCase(
            dispute_type=request.dispute_type, requested_on=request.requested_on,
            request_summary=request.request_summary, amount_claimed=request.amount_claimed)
        create_case(case=case, flow=mediation, actor=actor,
                    payload={"number": case.number,
                             "origin": origin.number if origin is not None else ""})
    return case


def start_from_origin(origin: Case, actor: User, data: Mapping[str, Any]) -> Case:
    """A case handed over to mediation (e.g. a ruling case whose parties asked to mediate
    the damages, 专利法 art. 65): the same parties and rights, the same officer in charge,
    a mediator to be assigned."""
    parties = list(origin.case_parties.all())
    request = MediationRequest(
        office=origin.office, title=origin.title,
        dispute_type=DisputeType.objects.get(code=DAMAGES_DISPUTE),
        requested_on=timezone.localdate(),
        requesters=[cp.party for cp in parties if cp.role == PartyRole.REQUESTER],
        respondents=[cp.party for cp in parties if cp.role == PartyRole.RESPONDENT],
        request_summary=str(data.get("reason", "")), rights=list(origin.rights.all()))
    return file_mediation_request(actor=actor, request=request, origin=origin)


def start_confirmation(*, mediation_case_id: int, actor: User, court: Court) -> Case:
    """Open the joint application for judicial confirmation of a mediation's agreement;
    the mediator of that mediation prepares it."""
    with transaction.atomic():
        origin = lock_case(mediation_case_id, actor)
        mediation = MediationCase.objects.select_for_update().filter(pk=origin.pk).first()
        if mediation is None:
            raise TransitionNotAllowed(_("Only a mediation agreement can be confirmed."))
        if not is_assigned_mediator(mediation, actor):
            raise PermissionDenied(_("Only the mediator of the case prepares the "
                                     "application for judicial confirmation."))
        agreement = getattr(mediation, "agreement", None)
        if (mediation.state not in CONFIRMABLE_STATES or agreement is None
                or agreement.effective_on is None):
            raise TransitionNotAllowed(_("Judicial confirmation needs an agreement in force."))
        if agreement.confirmations.exclude(state__in=ENDED_APPLICATIONS).exists():
            raise TransitionNotAllowed(_("An application for confirmation of this agreement "
                                         "is already open."))
        refused = competence_error(court, right_kinds(origin))
        if refused:
            raise ValidationError({"court": refused})
        case = _new_header(office=origin.office, title=_("Judicial confirmation: %(title)s")
                           % {"title": origin.title}, workflow=CONFIRMATION,
                           received_on=timezone.localdate(), actor=actor,
                           officer=origin.officer_in_charge, origin=origin)
        case.rights.set(origin.rights.all())
        CaseParty.objects.bulk_create(
            CaseParty(case=case, party_id=cp.party_id, agent_id=cp.agent_id, role=cp.role,
                      position=cp.position) for cp in origin.case_parties.all())
        _assign(case, assigned_mediator(origin))
        confirmation = ConfirmationCase(agreement=agreement, court=court)
        create_case(case=case, flow=confirmation, actor=actor,
                    payload={"number": case.number, "origin": origin.number,
                             "court": court.name})
    return case
