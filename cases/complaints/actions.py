"""The actions of the complaints workflow and what each triage outcome opens: a ruling
case, a transfer or a referral with the complaint as its ``origin``. The kernel's runner
runs them; this table is registered in :mod:`cases.complaints.workflow`."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.complaints import forms as f
from cases.complaints.models import (
    ComplaintCase,
    has_named_complainant,
    is_anonymous,
    is_tip_off,
    not_in_transfer,
)
from cases.errors import TransitionNotAllowed
from cases.models import CaseParty
from cases.models.participants import PartyRole
from cases.referral.services import open_referral, open_transfer
from cases.ruling.intake import PartyEntry, RulingRequest, file_ruling_request
from cases.workflows import Action

MEDIATION = "mediation"


def _open_ruling(complaint: ComplaintCase, form: f.OpenRulingForm) -> None:
    """The right holder's request becomes a ruling case of this office (its own checks
    apply: patents only, parties, duplicates)."""
    case = complaint.case
    ruling = file_ruling_request(actor=form.actor, request=RulingRequest(
        office=case.office, title=case.title, received_on=form.cleaned_data["on"],
        requesters=[PartyEntry(form.cleaned_data["requester"])],
        respondents=[PartyEntry(complaint.accused_party)], rights=list(case.rights.all()),
        facts=complaint.facts))
    ruling.origin = case
    ruling.save(update_fields=["origin"])


def _open_mediation(complaint: ComplaintCase, form: f.OpenMediationForm) -> None:
    """Mediation between the complainant and the accused party: a mediation case with this
    complaint as its origin (the two become the complaint's parties, which the mediation
    takes over)."""
    case = complaint.case
    for role, party in ((PartyRole.REQUESTER, form.cleaned_data["requester"]),
                        (PartyRole.RESPONDENT, complaint.accused_party)):
        CaseParty.objects.get_or_create(case=case, party=party, role=role)
    workflows.start_derived(MEDIATION, case, form.actor,
                            {"reason": form.cleaned_data.get("reason") or complaint.facts})


def _no_transfer_under_way(complaint: ComplaintCase) -> None:
    if not not_in_transfer(complaint):
        raise TransitionNotAllowed(gettext("A transfer of this matter is already under way."))


def _open_transfer(complaint: ComplaintCase, form: f.TransferForm) -> None:
    open_transfer(origin=complaint.case, actor=form.actor, reasons=form.cleaned_data["reason"],
                  target_office=form.cleaned_data.get("target_office"),
                  target_authority=form.cleaned_data.get("target_authority") or "",
                  on=form.cleaned_data["on"])


def _open_referral(complaint: ComplaintCase, form: f.ReferToPoliceForm) -> None:
    open_referral(origin=complaint.case, actor=form.actor,
                  offence=form.cleaned_data["offence"],
                  suspicion=form.cleaned_data["suspicion"],
                  task_force=list(form.cleaned_data["task_force"]),
                  on=form.cleaned_data["on"])


# What the kind of matter rules out is not offered (a complaint's verification is not
# extended, an anonymous tip-off is not answered); the guards still refuse it.
ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("extend_verification", _("Extend the verification by 15 working days"),
           f.ExtendVerificationForm, secondary=True, offered=is_tip_off,
           guard_message=_("Only a tip-off's verification can be extended, and only once.")),
    Action("open_ruling", _("Right holder requests a ruling"), f.OpenRulingForm,
           precheck=_no_transfer_under_way, apply_form=_open_ruling),
    Action("open_mediation", _("Hand over to mediation"), f.OpenMediationForm,
           precheck=_no_transfer_under_way, apply_form=_open_mediation),
    Action("transfer_matter", _("Transfer to the competent authority"), f.TransferForm,
           precheck=_no_transfer_under_way, apply_form=_open_transfer, secondary=True),
    Action("refer_to_police", _("Refer to public security (suspected crime)"),
           f.ReferToPoliceForm, precheck=_no_transfer_under_way, apply_form=_open_referral,
           refers=lambda complaint: True),
    Action("not_accept", _("Do not accept"), f.NotAcceptForm, secondary=True,
           precheck=_no_transfer_under_way),
    Action("record_reply", _("Record the reply to the complainant"), f.RecordReplyForm,
           offered=has_named_complainant,
           guard_message=_("An anonymous tip-off has nobody to answer: close it.")),
    Action("close", _("Close (anonymous tip-off)"), f.CloseForm, offered=is_anonymous,
           guard_message=_("A named complainant must be answered first.")),
)}
