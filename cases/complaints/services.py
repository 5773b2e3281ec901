"""Registering a complaint or tip-off and changing its figures; every triage action goes
through the kernel's runner (``cases.services.runner``) with the actions of
:mod:`cases.complaints.actions`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.complaints.models import (
    COMPLAINT,
    Channel,
    ComplaintCase,
    ComplaintKind,
    is_office_officer_or_head,
)
from cases.models import Case, Role
from cases.models.events import EventKind
from cases.referral.models import ThresholdFlag
from cases.referral.models.figures import case_fields, fields_for
from cases.referral.models.thresholds import case_offences
from cases.referral.services import (
    check_figure_fields,
    check_figures_open,
    judge_case,
    record_figures,
)
from cases.services.numbering import case_number
from cases.services.runner import create_case, lock_case, lock_flow, record_event

if TYPE_CHECKING:
    from cases.models import IPRight, Party, User


@dataclass
class ComplaintRequest:
    """What was received (by phone, letter, online, at the desk or from an authority)."""

    kind: str
    channel: str
    received_on: date
    title: str
    accused_party: Party
    facts: str
    rights: list[IPRight] = field(default_factory=list)
    anonymous: bool = False
    complainant_name: str = ""
    complainant_phone: str = ""
    complainant_address: str = ""
    complainant_party: Party | None = None
    source_authority: str = ""
    figures: dict[str, Decimal | int | None] = field(default_factory=dict)
    marks_count: int | None = None


def judge_complaint(complaint: ComplaintCase, actor: User | None) -> ThresholdFlag | None:
    """Judge the figures against the thresholds in force on the day it was received,
    for the offences its rights can give rise to (all of them without a right)."""
    case = complaint.case
    return judge_case(case, complaint.amounts(), on=case.received_on,
                      marks=complaint.marks_judged(),
                      offences=case_offences([r.kind for r in case.rights.all()]),
                      actor=actor)


def register_complaint(*, actor: User, request: ComplaintRequest) -> Case:
    """Register a complaint or tip-off in the actor's office and start its clock."""
    office = actor.office
    if office is None or not actor.has_role(Role.OFFICER, Role.HEAD):
        raise PermissionDenied(_("Only an enforcement officer or the head of an office can "
                                 "register a complaint."))
    check_figure_fields({**request.figures, "marks_count": request.marks_count},
                        fields_for(case_offences([r.kind for r in request.rights])))
    errors: dict[str, list[str]] = {}
    if request.received_on > timezone.localdate():
        errors["received_on"] = [_("The date cannot be in the future.")]
    if request.kind not in ComplaintKind.values:
        errors["kind"] = [_("Choose complaint or tip-off.")]
    if request.channel not in Channel.values:
        errors["channel"] = [_("Choose the channel.")]
    if not request.title.strip():
        errors["title"] = [_("Enter what the matter is about.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        year = request.received_on.year
        sequence, number = case_number(office, year)
        case = Case(office=office, year=year, sequence=sequence, number=number,
                    workflow=COMPLAINT, title=request.title.strip(),
                    received_on=request.received_on,
                    officer_in_charge=actor if actor.has_role(Role.OFFICER) else None,
                    created_by=actor)
        case.full_clean()
        case.save()
        case.rights.set(request.rights)
        complaint = ComplaintCase(
            kind=request.kind, channel=request.channel,
            source_authority=request.source_authority.strip(),
            anonymous=request.anonymous, complainant_name=request.complainant_name.strip(),
            complainant_phone=request.complainant_phone.strip(),
            complainant_address=request.complainant_address.strip(),
            complainant_party=request.complainant_party, accused_party=request.accused_party,
            facts=request.facts.strip(), marks_count=request.marks_count,
            **request.figures)
        complaint.case = case
        complaint.full_clean(exclude=["state", "case"])
        create_case(case=case, flow=complaint, actor=actor,
                    payload={"number": number, "kind": request.kind,
                             "channel": request.channel})
        judge_complaint(complaint, actor)
    return case


def update_figures(*, case_id: int, actor: User, figures: dict[str, Any]) -> Case:
    """Record the figures the verification found; the thresholds are judged again. A case
    of another workflow records them as the figures of its case (a ruling or mediation
    case; cases.referral.services.record_figures)."""
    with transaction.atomic():
        case = lock_case(case_id, actor)
        complaint = lock_flow(case)
        if not isinstance(complaint, ComplaintCase):
            record_figures(case=case, actor=actor, figures=figures)
            return case
        if not is_office_officer_or_head(complaint, actor):
            raise PermissionDenied(_("You may not change this case."))
        check_figures_open(case)
        check_figure_fields(figures, case_fields(case))
        before = {k: getattr(complaint, k) for k in figures}
        for key, value in figures.items():
            setattr(complaint, key, value)
        complaint.full_clean(exclude=["state", "case"])
        complaint.save(update_fields=list(figures))
        record_event(case, actor=actor, kind=EventKind.CHANGE, name="update_figures",
                     from_state=complaint.state, to_state=complaint.state,
                     payload={"before": _plain(before), "after": _plain(figures)})
        judge_complaint(complaint, actor)
    return case


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if v is not None else None) for k, v in values.items()}
