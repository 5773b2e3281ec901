"""Filing a request for an administrative ruling (请求书 received → case 已收件)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseParty, Role
from cases.models.events import EventKind
from cases.models.participants import PartyRole
from cases.models.rights import InfringingAct
from cases.ruling.models import RULING, RulingCase, SalesChannel, is_intake_officer_or_head
from cases.selectors.intake import find_duplicate, jurisdiction_check
from cases.services.numbering import case_number
from cases.services.runner import create_case, lock_case, lock_flow, record_event

if TYPE_CHECKING:
    from cases.models import Agent, IPRight, Office, Party, User


@dataclass
class PartyEntry:
    party: Party
    agent: Agent | None = None


@dataclass
class RulingRequest:
    """What a requester files (请求书), already resolved to parties and rights."""

    office: Office
    title: str
    received_on: date
    requesters: list[PartyEntry]
    respondents: list[PartyEntry]
    rights: list[IPRight]
    accused_products: list[str] = field(default_factory=list)
    infringing_acts: list[str] = field(default_factory=list)
    sales_channel: str = SalesChannel.OFFLINE
    platform: str = ""
    infringement_place: str = ""
    infringement_region_code: str = ""
    product_category: str = ""
    requester_claims: str = ""
    facts: str = ""
    court_suit_pending: bool = False
    officer_in_charge: User | None = None


def _validate(req: RulingRequest, actor: User) -> None:
    errors: dict[str, list[str]] = {}

    def err(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not req.requesters:
        err("requesters", _("Name at least one requester."))
    if not req.respondents:
        err("respondents", _("Name at least one respondent."))
    if not req.rights:
        err("rights", _("Name the patent(s) in dispute."))
    if any(not r.is_patent for r in req.rights):
        err("rights", _("An administrative ruling decides patent infringement disputes only; "
                        "other rights go to mediation or enforcement."))
    both = {e.party.pk for e in req.requesters} & {e.party.pk for e in req.respondents}
    if both:
        err("respondents", _("The same party cannot be requester and respondent."))
    unknown = set(req.infringing_acts) - set(InfringingAct.values)
    if unknown:
        err("infringing_acts", _("Unknown infringing act(s): %(acts)s.")
            % {"acts": ", ".join(sorted(unknown))})
    if req.sales_channel == SalesChannel.ONLINE and not req.platform.strip():
        err("platform", _("Name the online platform for online infringement."))
    if req.received_on > timezone.localdate():
        err("received_on", _("The date cannot be in the future."))
    if not req.title.strip():
        err("title", _("Enter the cause of action."))
    officer = req.officer_in_charge
    if officer is not None and (officer.office_id != req.office.pk
                                or not officer.has_role(Role.OFFICER)):
        err("officer_in_charge", _("The officer in charge must be an enforcement officer of "
                                   "the handling office."))
    if errors:
        raise ValidationError(errors)


def check_may_file(actor: User, office: Office | None) -> None:
    """Only an officer or the head of the office files requests with it (403)."""
    if office is None or not (actor.has_role(Role.OFFICER, Role.HEAD)
                              and actor.office_id == office.pk):
        raise PermissionDenied(_("Only an enforcement officer of the office can file a "
                                 "request with it."))


def file_ruling_request(*, actor: User, request: RulingRequest) -> Case:
    """Register a request: checks, case number, parties, the acceptance clock, timeline."""
    office = request.office
    check_may_file(actor, office)
    _validate(request, actor)
    respondents = [e.party for e in request.respondents]
    duplicate = find_duplicate(
        actor=actor, requesters=[e.party for e in request.requesters],
        respondents=respondents, rights=request.rights,
    )
    if duplicate is not None:
        raise ValidationError(
            {"__all__": [_("The same dispute is already open as case %(number)s (%(office)s); "
                           "a duplicate request is refused.")
                         % {"number": duplicate.number, "office": duplicate.office.name}]},
            code="duplicate",
        )
    jurisdiction = jurisdiction_check(office, respondents, request.infringement_region_code)
    with transaction.atomic():
        year = request.received_on.year
        sequence, number = case_number(office, year)
        case = Case(
            office=office, year=year, sequence=sequence, number=number, workflow=RULING,
            title=request.title, received_on=request.received_on,
            officer_in_charge=request.officer_in_charge or (
                actor if actor.has_role(Role.OFFICER) else None),
            created_by=actor,
        )
        case.full_clean()
        case.save()
        ruling = RulingCase(
            accused_products=list(request.accused_products),
            infringing_acts=list(request.infringing_acts),
            sales_channel=request.sales_channel, platform=request.platform,
            infringement_place=request.infringement_place,
            infringement_region_code=request.infringement_region_code,
            product_category=request.product_category,
            requester_claims=request.requester_claims, facts=request.facts,
            court_suit_pending=request.court_suit_pending,
            acceptance_checklist={"within_jurisdiction": jurisdiction.ok,
                                  "no_court_suit": not request.court_suit_pending},
        )
        case.rights.set(request.rights)
        CaseParty.objects.bulk_create(
            [CaseParty(case=case, party=e.party, agent=e.agent, role=PartyRole.REQUESTER,
                       position=i) for i, e in enumerate(request.requesters)]
            + [CaseParty(case=case, party=e.party, agent=e.agent, role=PartyRole.RESPONDENT,
                         position=i) for i, e in enumerate(request.respondents)]
        )
        create_case(case=case, flow=ruling, actor=actor,
                    payload={"number": number, "jurisdiction": jurisdiction.as_payload()})
    return case


HEADER_FIELDS = {"title"}


def update_case_details(*, case_id: int, actor: User, changes: dict[str, Any]) -> Case:
    """A significant change outside a transition (e.g. a court suit becomes known)."""
    allowed = {"title", "accused_products", "infringing_acts", "sales_channel", "platform",
               "infringement_place", "infringement_region_code", "product_category",
               "requester_claims", "facts", "court_suit_pending"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({k: [_("This field cannot be changed here.")] for k in unknown})
    with transaction.atomic():
        case = lock_case(case_id, actor)
        ruling = lock_flow(case)
        if not is_intake_officer_or_head(ruling, actor):
            raise PermissionDenied(_("You may not change this case."))
        if not case.is_open:
            raise ValidationError(_("A finished case cannot be changed."))
        before = {k: getattr(case if k in HEADER_FIELDS else ruling, k) for k in changes}
        for key, value in changes.items():
            setattr(case if key in HEADER_FIELDS else ruling, key, value)
        case.full_clean()
        ruling.full_clean(exclude=["state"])
        case.save(update_fields=[*(set(changes) & HEADER_FIELDS), "updated_at"])
        ruling.save(update_fields=[k for k in changes if k not in HEADER_FIELDS])
        record_event(
            case, actor=actor, kind=EventKind.CHANGE, name="update_details",
            from_state=ruling.state, to_state=ruling.state,
            payload={"before": _plain(before), "after": _plain(changes)},
        )
    return case


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, (Decimal, date)) else v) for k, v in values.items()}
