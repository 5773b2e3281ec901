"""One form per ruling-case action: the action's own fields, validated at the edge.

The same forms serve the REST API (``POST .../transitions/<name>/``) and the web pages,
so a rule about an input (a panel of an odd number, a hearing notice period) is written
once. ``to_kwargs`` gives the model transition its arguments; ``payload`` is what the
timeline records.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.action_forms import (
    ActionForm,
    DateField,
    DateTimeField,
    ModelMultipleChoiceField,
    StrictBooleanField,
    jsonable,
    not_future,
    office_officers,
)
from cases.models import User
from cases.models.participants import PartyRole
from cases.models.service import ServiceMethod
from cases.ruling.models import (
    ACCEPTANCE_CHECKLIST_ITEMS,
    Attendance,
    LitigationResult,
    Outcome,
    ReferralKind,
)
from cases.services.deadlines import due_on, notice_period
from cases.text_limits import MINUTES_MAX, REASON_MAX, STATEMENT_MAX
from cases.validators import normalize_court_case_number

if TYPE_CHECKING:
    pass


# --- intake ---------------------------------------------------------------------------


class RequestCorrectionForm(ActionForm):
    items = forms.CharField(
        label=_("Items to correct"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One missing item per line; list every missing item in one notice."),
        max_length=REASON_MAX,
    )

    def clean_items(self) -> list[str]:
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not items:
            raise ValidationError(_("List at least one item to correct."), code="empty")
        return items

    def to_kwargs(self) -> dict[str, Any]:
        return {"items": self.cleaned_data["items"]}


class ReceiveCorrectionForm(ActionForm):
    received_on = DateField(label=_("Complete materials received on"),
                            validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"]}


def panel_errors(is_simple: bool, size: int) -> str | None:
    """What is wrong with a panel of ``size`` officers (the officer in charge included)."""
    if is_simple:
        if size != 1:
            return str(_("A simple case is handled by the officer in charge alone: leave "
                         "the panel empty."))
    elif size < 3 or size % 2 == 0:
        return str(_("A panel has an odd number of at least three officers (now %(n)s, "
                     "the officer in charge included).") % {"n": size})
    return None


def check_panel(ruling: Any, officer: Any, panel: Any) -> None:
    """The ruling's rule on its panel (Workflow.check_panel), when it changes later."""
    members = {u.pk for u in panel} | {officer.pk}
    message = panel_errors(bool(ruling.is_simple), len(members))
    if message:
        raise ValidationError(message)


class AcceptForm(ActionForm):
    accepted_on = DateField(label=_("Accepted on"), validators=[not_future])
    is_simple = StrictBooleanField(
        label=_("Simple case: one officer instead of a panel"), required=False
    )
    officer_in_charge = forms.ModelChoiceField(
        label=_("Officer in charge"), queryset=User.objects.none()
    )
    panel = ModelMultipleChoiceField(
        label=_("Panel members"), queryset=User.objects.none(), required=False,
        help_text=_("An odd number of at least three officers, the officer in charge included."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officers = office_officers(self.case)
        self.fields["officer_in_charge"].queryset = officers  # type: ignore[attr-defined]
        self.fields["panel"].queryset = officers  # type: ignore[attr-defined]
        for key, label in ACCEPTANCE_CHECKLIST_ITEMS:
            self.fields[f"check_{key}"] = StrictBooleanField(label=label, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        unmet = [
            str(label) for key, label in ACCEPTANCE_CHECKLIST_ITEMS
            if not data.get(f"check_{key}")
        ]
        if unmet:
            raise ValidationError(
                _("Every acceptance condition must be met; not met: %(items)s. Request a "
                  "correction or decide not to accept instead.") % {"items": "；".join(unmet)},
                code="checklist",
            )
        officer = data.get("officer_in_charge")
        panel = set(data.get("panel") or [])
        if officer is not None:
            panel.add(officer)
        message = panel_errors(bool(data.get("is_simple")), len(panel))
        if message:
            self.add_error("panel", message)
        data["panel_members"] = sorted(panel, key=lambda u: u.pk)
        return data

    def checklist(self) -> dict[str, bool]:
        return {key: bool(self.cleaned_data.get(f"check_{key}"))
                for key, _label in ACCEPTANCE_CHECKLIST_ITEMS}

    def to_kwargs(self) -> dict[str, Any]:
        return {"accepted_on": self.cleaned_data["accepted_on"]}

    def payload(self) -> dict[str, Any]:
        return {
            "accepted_on": self.cleaned_data["accepted_on"].isoformat(),
            "checklist": self.checklist(),
            "is_simple": bool(self.cleaned_data.get("is_simple")),
            "officer_in_charge": jsonable(self.cleaned_data["officer_in_charge"]),
            "panel": [jsonable(u) for u in self.cleaned_data["panel_members"]],
        }


class RejectForm(ActionForm):
    reason_required = True
    on = DateField(label=_("Decided on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"reasons": self.cleaned_data["reason"], "on": self.cleaned_data["on"]}


# --- service and answer ---------------------------------------------------------------


class ServeRespondentForm(ActionForm):
    served_on = DateField(
        label=_("Served on"), validators=[not_future],
        help_text=_("For service by public notice: the publication date; the respondent counts "
                    "as served 30 days later."),
    )
    method = forms.ChoiceField(label=_("Service method"), choices=ServiceMethod.choices)

    def to_kwargs(self) -> dict[str, Any]:
        return {"served_on": self.cleaned_data["served_on"],
                "service_method": self.cleaned_data["method"]}


class RecordAnswerForm(ActionForm):
    received_on = DateField(label=_("Answer received on"), validators=[not_future])
    defence = forms.CharField(label=_("Respondent's defence"), widget=forms.Textarea,
                              max_length=STATEMENT_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"],
                "defence": self.cleaned_data["defence"]}


class ProceedWithoutAnswerForm(ActionForm):
    pass


class SendAnswerCopyForm(ActionForm):
    sent_on = DateField(label=_("Copy sent to the requester on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"sent_on": self.cleaned_data["sent_on"]}


# --- hearing and decision -------------------------------------------------------------


class ScheduleHearingForm(ActionForm):
    hearing_at = DateTimeField(label=_("Hearing time"))
    place = forms.CharField(label=_("Hearing place"), max_length=200)

    def clean_hearing_at(self) -> datetime:
        hearing_at: datetime = self.cleaned_data["hearing_at"]
        days, earliest = notice_period("ruling.hearing_notice", timezone.localdate())
        if timezone.localdate(hearing_at) < earliest:
            raise ValidationError(
                _("The parties must be notified at least %(n)s working days ahead: the "
                  "earliest hearing date is %(date)s.") % {"n": days, "date": earliest},
                code="notice",
            )
        return hearing_at

    def to_kwargs(self) -> dict[str, Any]:
        return {"hearing_at": self.cleaned_data["hearing_at"], "place": self.cleaned_data["place"]}


class HoldHearingForm(ActionForm):
    """The hearing as held: when, the minutes, who attended for each party (one field
    ``attendance_<party id>`` a party: present / agent / absent) and the panel members who
    sat (``panel``, user ids)."""

    held_at = DateTimeField(label=_("Held at"))
    minutes = forms.CharField(label=_("Hearing minutes"), widget=forms.Textarea,
                              max_length=MINUTES_MAX)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case_parties = [
            cp for cp in self.case.case_parties.select_related("party", "agent")
            if cp.role in (PartyRole.REQUESTER, PartyRole.RESPONDENT)
        ]
        for cp in self.case_parties:
            self.fields[f"attendance_{cp.party_id}"] = forms.ChoiceField(
                label=f"{cp.get_role_display()}{cp.party.name}",
                choices=Attendance.choices, initial=Attendance.PRESENT,
                help_text=(_("Agent: %(name)s") % {"name": cp.agent.name}) if cp.agent else "",
            )
        self.panel_members = list(self.case.assignments.panel().select_related("user"))
        self.fields["panel"] = ModelMultipleChoiceField(
            label=_("Panel members who sat"),
            queryset=User.objects.filter(pk__in=[m.user_id for m in self.panel_members]),
            initial=[m.user_id for m in self.panel_members],
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": _("Tick the panel members who sat at the hearing.")},
        )

    def clean_held_at(self) -> datetime:
        held_at: datetime = self.cleaned_data["held_at"]
        if held_at > timezone.now():
            raise ValidationError(_("The hearing cannot be recorded before it is held."),
                                  code="future")
        return held_at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        statuses = {cp.pk: data.get(f"attendance_{cp.party_id}") for cp in self.case_parties}
        for cp in self.case_parties:
            if statuses[cp.pk] == Attendance.AGENT and cp.agent is None:
                self.add_error(f"attendance_{cp.party_id}", ValidationError(
                    _("%(party)s has no agent on record: record the agent first, or choose "
                      "present or absent.") % {"party": cp.party.name}, code="no_agent"))
        requesters = [cp for cp in self.case_parties if cp.role == PartyRole.REQUESTER]
        if requesters and all(statuses[cp.pk] == Attendance.ABSENT for cp in requesters):
            raise ValidationError(
                _("No requester attended: a requester who stays away without good reason is "
                  "deemed to withdraw; use “Requester absent: deem withdrawn” instead."),
                code="requester_absent")
        sat = data.get("panel")
        if sat is not None and not self.flow.is_simple and (len(sat) < 3 or len(sat) % 2 == 0):
            self.add_error("panel", ValidationError(
                _("A collegiate panel sits with an odd number of members, at least three; "
                  "%(n)s ticked.") % {"n": len(sat)}, code="panel_size"))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        attendance = [
            {"party_id": cp.party_id, "role": cp.role, "name": cp.party.name,
             "status": data[f"attendance_{cp.party_id}"],
             "agent": cp.agent.name if cp.agent else ""}
            for cp in self.case_parties
        ]
        sat = {user.pk for user in data["panel"]}
        panel = [{"user_id": m.user_id, "name": m.user.display_name, "role": m.role}
                 for m in self.panel_members if m.user_id in sat]
        return {"held_at": data["held_at"], "minutes": data["minutes"],
                "attendance": attendance, "panel": panel}


class RequesterAbsentForm(ActionForm):
    reason_required = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": timezone.localdate()}


class DeliberateWithoutHearingForm(ActionForm):
    reason_required = True


class SubmitForApprovalForm(ActionForm):
    draft_outcome = forms.ChoiceField(
        label=_("Proposed outcome"),
        choices=[(Outcome.INFRINGEMENT_FOUND, Outcome.INFRINGEMENT_FOUND.label),
                 (Outcome.DISMISSED, Outcome.DISMISSED.label)],
    )
    draft_order_text = forms.CharField(label=_("Proposed order"), widget=forms.Textarea,
                                       max_length=STATEMENT_MAX)
    evidence_examination = forms.CharField(
        label=_("Evidence and cross-examination"), widget=forms.Textarea, required=False,
        help_text=_("The evidence each party submitted and the other party's opinion on it "
                    "(质证), one item a line."), max_length=STATEMENT_MAX)
    disputed_issues = forms.CharField(
        label=_("Issues in dispute"), widget=forms.Textarea, required=False,
        help_text=_("The points the parties disagree on (争议焦点), one a line."),
        max_length=STATEMENT_MAX)
    findings = forms.CharField(label=_("Facts found"), widget=forms.Textarea,
                               max_length=STATEMENT_MAX)
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea,
                                max_length=STATEMENT_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in
                ("draft_outcome", "draft_order_text", "evidence_examination", "disputed_issues",
                 "findings", "reasoning")}


class RecordLegalReviewForm(ActionForm):
    passed = forms.TypedChoiceField(
        label=_("Review conclusion"), coerce=lambda v: v == "yes",
        choices=[("yes", _("Approved")), ("no", _("Not approved"))],
    )
    opinion = forms.CharField(label=_("Review opinion"), widget=forms.Textarea,
                              max_length=REASON_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {"passed": self.cleaned_data["passed"], "opinion": self.cleaned_data["opinion"],
                "reviewer": self.actor}

    def payload(self) -> dict[str, Any]:
        """The review and the draft it reviewed: the next review shows what changed."""
        flow = self.flow
        return {**super().payload(), "draft": {name: str(getattr(flow, name) or "") for name in (
            "draft_outcome", "evidence_examination", "disputed_issues", "findings",
            "reasoning", "draft_order_text")}}


class ReturnDraftForm(ActionForm):
    reason_required = True


class DecideForm(ActionForm):
    decided_on = DateField(label=_("Decided on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"decided_on": self.cleaned_data["decided_on"]}


# --- after the ruling -----------------------------------------------------------------


class ServeRulingForm(ActionForm):
    served_on = DateField(label=_("Ruling received by the parties on"),
                          validators=[not_future])
    method = forms.ChoiceField(label=_("Service method"), choices=ServiceMethod.choices)

    def to_kwargs(self) -> dict[str, Any]:
        return {"served_on": self.cleaned_data["served_on"],
                "service_method": self.cleaned_data["method"]}


class RecordSuitForm(ActionForm):
    court = forms.CharField(label=_("Court"), max_length=100)
    court_case_number = forms.CharField(label=_("Court case number"), max_length=60)

    def clean_court_case_number(self) -> str:
        return normalize_court_case_number(self.cleaned_data["court_case_number"])

    def to_kwargs(self) -> dict[str, Any]:
        return {"court": self.cleaned_data["court"],
                "court_case_number": self.cleaned_data["court_case_number"]}


class ConcludeLitigationForm(ActionForm):
    result = forms.ChoiceField(label=_("Result"), choices=LitigationResult.choices)
    on = DateField(label=_("Judgment effective on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"result": self.cleaned_data["result"], "on": self.cleaned_data["on"]}


class BecomeEffectiveForm(ActionForm):
    def to_kwargs(self) -> dict[str, Any]:
        """Effective the day after the suit period ends, as its clock has it now."""
        ends = due_on(self.case, "ruling.suit_period")
        return {"on": (ends + timedelta(days=1)) if ends else timezone.localdate()}


class ServeDemandForm(ActionForm):
    served_on = DateField(label=_("Demand served on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"served_on": self.cleaned_data["served_on"]}


class ApplyEnforcementForm(ActionForm):
    court = forms.CharField(label=_("Court"), max_length=100)
    applied_on = DateField(label=_("Applied on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"court": self.cleaned_data["court"], "applied_on": self.cleaned_data["applied_on"]}


class CloseForm(ActionForm):
    summary = forms.CharField(label=_("Closing report"), widget=forms.Textarea,
                              max_length=STATEMENT_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {"summary": self.cleaned_data["summary"], "on": timezone.localdate()}


# --- interruptions --------------------------------------------------------------------


class SuspendForm(ActionForm):
    reason_required = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


class ResumeForm(ActionForm):
    reason_required = True


class ExtendTimeLimitForm(ActionForm):
    reason_required = True


class StartAppraisalForm(ActionForm):
    on = DateField(label=_("Commissioned on"), validators=[not_future])
    institution = forms.CharField(label=_("Appraisal institution"), max_length=200)
    matter = forms.CharField(label=_("Matter to appraise"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("e.g. whether the accused product has the "
                                         "technical features of claim 1"))

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"],
                "institution": self.cleaned_data["institution"].strip(),
                "matter": self.cleaned_data["matter"].strip()}


class EndAppraisalForm(ActionForm):
    on = DateField(label=_("Conclusion received on"), validators=[not_future])
    conclusion = forms.CharField(label=_("Appraisal conclusion"), max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 3}))


class StartMediationForm(ActionForm):
    reason_required = True


class MediationSucceededForm(ActionForm):
    summary = forms.CharField(label=_("Settlement summary"), widget=forms.Textarea,
                              max_length=STATEMENT_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {"summary": self.cleaned_data["summary"], "on": timezone.localdate()}


class MediationFailedForm(ActionForm):
    reason_required = True


class WithdrawForm(ActionForm):
    reason_required = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"], "on": timezone.localdate()}


class ReferForm(ActionForm):
    reason_required = True
    kind = forms.ChoiceField(label=_("Referral kind"), choices=ReferralKind.choices)
    target = forms.CharField(label=_("Referred to"), max_length=200)

    def to_kwargs(self) -> dict[str, Any]:
        return {"kind": self.cleaned_data["kind"], "target": self.cleaned_data["target"],
                "on": timezone.localdate()}
