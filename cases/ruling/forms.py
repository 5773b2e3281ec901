"""One form per ruling-case action: the action's own fields, validated at the edge.

The same forms serve the REST API (``POST .../transitions/<name>/``) and the web pages,
so a rule about an input (a panel of an odd number, a hearing notice period) is written
once. ``to_kwargs`` gives the model transition its arguments; ``payload`` is what the
timeline records.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import workdays
from cases.models import Role, User
from cases.ruling.models import (
    ACCEPTANCE_CHECKLIST_ITEMS,
    LitigationResult,
    Outcome,
    ReferralKind,
    ServiceMethod,
)

if TYPE_CHECKING:
    from cases.models import Case


def _not_future(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


class TransitionForm(forms.Form):
    """Base: knows the case and the actor; subclasses add fields."""

    reason_required = False
    needs_head_approval = False

    reason = forms.CharField(label=_("Reason / note"), required=False, widget=forms.Textarea(
        attrs={"rows": 2}))
    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.actor = actor
        self.fields["reason"].required = self.reason_required
        if self.needs_head_approval and not actor.has_role(Role.HEAD):
            self.fields["approved_by"] = forms.ModelChoiceField(
                label=_("Approved by (head of office)"),
                queryset=User.objects.filter(
                    Q(office=case.office) | Q(office__in=case.office.ancestors()),
                    groups__name=Role.HEAD,
                ).distinct(),
                help_text=_("The head of office who approved this decision."),
            )

    def to_kwargs(self) -> dict[str, Any]:
        return {}

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in {"reason", "expected_state"}:
                continue
            data[name] = _jsonable(value)
        return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, User):
        return {"id": value.pk, "name": value.display_name}
    if hasattr(value, "__iter__") and not isinstance(value, (str, dict)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    return value


def office_officers(case: Case) -> Any:
    return User.objects.filter(groups__name=Role.OFFICER, office_id=case.office_id,
                               is_active=True).distinct()


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"})


class DateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"})


# --- intake ---------------------------------------------------------------------------


class RequestCorrectionForm(TransitionForm):
    items = forms.CharField(
        label=_("Items to correct"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One missing item per line; list every missing item in one notice."),
    )

    def clean_items(self) -> list[str]:
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not items:
            raise ValidationError(_("List at least one item to correct."), code="empty")
        return items

    def to_kwargs(self) -> dict[str, Any]:
        return {"items": self.cleaned_data["items"]}


class ReceiveCorrectionForm(TransitionForm):
    received_on = DateField(label=_("Complete materials received on"),
                            validators=[_not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"]}


class AcceptForm(TransitionForm):
    needs_head_approval = True

    accepted_on = DateField(label=_("Accepted on"), validators=[_not_future])
    is_simple = forms.BooleanField(
        label=_("Simple case: one officer instead of a panel"), required=False
    )
    officer_in_charge = forms.ModelChoiceField(
        label=_("Officer in charge"), queryset=User.objects.none()
    )
    panel = forms.ModelMultipleChoiceField(
        label=_("Panel members"), queryset=User.objects.none(), required=False,
        help_text=_("An odd number of at least three officers, the officer in charge included."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        officers = office_officers(self.case)
        self.fields["officer_in_charge"].queryset = officers  # type: ignore[attr-defined]
        self.fields["panel"].queryset = officers  # type: ignore[attr-defined]
        for key, label in ACCEPTANCE_CHECKLIST_ITEMS:
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)

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
        if data.get("is_simple"):
            if len(panel) != 1:
                self.add_error("panel", _("A simple case is handled by the officer in charge "
                                          "alone: leave the panel empty."))
        elif len(panel) < 3 or len(panel) % 2 == 0:
            self.add_error("panel", _("A panel has an odd number of at least three officers "
                                      "(now %(n)s, the officer in charge included).")
                           % {"n": len(panel)})
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
            "officer_in_charge": _jsonable(self.cleaned_data["officer_in_charge"]),
            "panel": [_jsonable(u) for u in self.cleaned_data["panel_members"]],
            "approved_by": _jsonable(self.cleaned_data.get("approved_by") or self.actor),
        }


class RejectForm(TransitionForm):
    reason_required = True
    needs_head_approval = True
    on = DateField(label=_("Decided on"), validators=[_not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"reasons": self.cleaned_data["reason"], "on": self.cleaned_data["on"]}


# --- service and answer ---------------------------------------------------------------


class ServeRespondentForm(TransitionForm):
    served_on = DateField(
        label=_("Served on"), validators=[_not_future],
        help_text=_("For service by public notice: the publication date; the respondent counts "
                    "as served 30 days later."),
    )
    method = forms.ChoiceField(label=_("Service method"), choices=ServiceMethod.choices)

    def effective_service_date(self) -> date:
        from cases.services.deadlines import due_date

        served_on: date = self.cleaned_data["served_on"]
        if self.cleaned_data["method"] == ServiceMethod.PUBLIC_NOTICE:
            return due_date("general.public_notice_service", served_on)
        return served_on

    def to_kwargs(self) -> dict[str, Any]:
        from cases.services.deadlines import due_date

        served = self.effective_service_date()
        return {
            "served_on": served,
            "service_method": self.cleaned_data["method"],
            "answer_due_on": due_date("ruling.answer_period", served),
        }


class RecordAnswerForm(TransitionForm):
    received_on = DateField(label=_("Answer received on"), validators=[_not_future])
    defence = forms.CharField(label=_("Respondent's defence"), widget=forms.Textarea)

    def to_kwargs(self) -> dict[str, Any]:
        return {"received_on": self.cleaned_data["received_on"],
                "defence": self.cleaned_data["defence"]}


class ProceedWithoutAnswerForm(TransitionForm):
    pass


class SendAnswerCopyForm(TransitionForm):
    sent_on = DateField(label=_("Copy sent to the requester on"), validators=[_not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"sent_on": self.cleaned_data["sent_on"]}


# --- hearing and decision -------------------------------------------------------------


class ScheduleHearingForm(TransitionForm):
    hearing_at = DateTimeField(label=_("Hearing time"))
    place = forms.CharField(label=_("Hearing place"), max_length=200)

    def clean_hearing_at(self) -> datetime:
        from cases.models import DeadlineRule

        hearing_at: datetime = self.cleaned_data["hearing_at"]
        today = timezone.localdate()
        rule = DeadlineRule.objects.in_force("ruling.hearing_notice", today)
        earliest = workdays.add_working_days(today, rule.amount)
        if timezone.localdate(hearing_at) < earliest:
            raise ValidationError(
                _("The parties must be notified at least %(n)s working days ahead: the "
                  "earliest hearing date is %(date)s.") % {"n": rule.amount, "date": earliest},
                code="notice",
            )
        return hearing_at

    def to_kwargs(self) -> dict[str, Any]:
        return {"hearing_at": self.cleaned_data["hearing_at"], "place": self.cleaned_data["place"]}


class HoldHearingForm(TransitionForm):
    held_at = DateTimeField(label=_("Held at"))
    minutes = forms.CharField(label=_("Hearing minutes"), widget=forms.Textarea)
    respondent_absent = forms.BooleanField(
        label=_("The respondent was absent and was heard in absence"), required=False
    )

    def clean_held_at(self) -> datetime:
        held_at: datetime = self.cleaned_data["held_at"]
        if held_at > timezone.now():
            raise ValidationError(_("The hearing cannot be recorded before it is held."),
                                  code="future")
        return held_at

    def to_kwargs(self) -> dict[str, Any]:
        return {"held_at": self.cleaned_data["held_at"], "minutes": self.cleaned_data["minutes"],
                "respondent_absent": self.cleaned_data["respondent_absent"]}


class RequesterAbsentForm(TransitionForm):
    reason_required = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": timezone.localdate()}


class DeliberateWithoutHearingForm(TransitionForm):
    reason_required = True


class SubmitForApprovalForm(TransitionForm):
    draft_outcome = forms.ChoiceField(
        label=_("Proposed outcome"),
        choices=[(Outcome.INFRINGEMENT_FOUND, Outcome.INFRINGEMENT_FOUND.label),
                 (Outcome.DISMISSED, Outcome.DISMISSED.label)],
    )
    draft_order_text = forms.CharField(label=_("Proposed order"), widget=forms.Textarea)
    findings = forms.CharField(label=_("Facts found"), widget=forms.Textarea)
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea)

    def to_kwargs(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in
                ("draft_outcome", "draft_order_text", "findings", "reasoning")}


class RecordLegalReviewForm(TransitionForm):
    passed = forms.TypedChoiceField(
        label=_("Review conclusion"), coerce=lambda v: v == "yes",
        choices=[("yes", _("Approved")), ("no", _("Not approved"))],
    )
    opinion = forms.CharField(label=_("Review opinion"), widget=forms.Textarea)

    def to_kwargs(self) -> dict[str, Any]:
        return {"passed": self.cleaned_data["passed"], "opinion": self.cleaned_data["opinion"],
                "reviewer": self.actor}


class ReturnDraftForm(TransitionForm):
    reason_required = True


class DecideForm(TransitionForm):
    decided_on = DateField(label=_("Decided on"), validators=[_not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"decided_on": self.cleaned_data["decided_on"]}


# --- after the ruling -----------------------------------------------------------------


class ServeRulingForm(TransitionForm):
    served_on = DateField(label=_("Ruling received by the parties on"),
                          validators=[_not_future])
    method = forms.ChoiceField(label=_("Service method"), choices=ServiceMethod.choices)

    def to_kwargs(self) -> dict[str, Any]:
        from cases.services.deadlines import due_date

        served_on = self.cleaned_data["served_on"]
        if self.cleaned_data["method"] == ServiceMethod.PUBLIC_NOTICE:
            served_on = due_date("general.public_notice_service", served_on)
        return {"served_on": served_on,
                "suit_period_ends_on": due_date("ruling.suit_period", served_on)}


class RecordSuitForm(TransitionForm):
    court = forms.CharField(label=_("Court"), max_length=100)
    court_case_number = forms.CharField(label=_("Court case number"), max_length=60)

    def to_kwargs(self) -> dict[str, Any]:
        return {"court": self.cleaned_data["court"],
                "court_case_number": self.cleaned_data["court_case_number"]}


class ConcludeLitigationForm(TransitionForm):
    result = forms.ChoiceField(label=_("Result"), choices=LitigationResult.choices)
    on = DateField(label=_("Judgment effective on"), validators=[_not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"result": self.cleaned_data["result"], "on": self.cleaned_data["on"]}


class BecomeEffectiveForm(TransitionForm):
    def to_kwargs(self) -> dict[str, Any]:
        from datetime import timedelta

        ends = self.case.suit_period_ends_on
        return {"on": (ends + timedelta(days=1)) if ends else timezone.localdate()}


class ServeDemandForm(TransitionForm):
    served_on = DateField(label=_("Demand served on"), validators=[_not_future])

    def to_kwargs(self) -> dict[str, Any]:
        from cases.services.deadlines import due_date

        served_on = self.cleaned_data["served_on"]
        return {"served_on": served_on, "wait_ends_on": due_date("ruling.demand_wait", served_on)}


class ApplyEnforcementForm(TransitionForm):
    court = forms.CharField(label=_("Court"), max_length=100)
    applied_on = DateField(label=_("Applied on"), validators=[_not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"court": self.cleaned_data["court"], "applied_on": self.cleaned_data["applied_on"]}


class CloseForm(TransitionForm):
    summary = forms.CharField(label=_("Closing report"), widget=forms.Textarea)

    def to_kwargs(self) -> dict[str, Any]:
        return {"summary": self.cleaned_data["summary"], "on": timezone.localdate()}


# --- interruptions --------------------------------------------------------------------


class SuspendForm(TransitionForm):
    reason_required = True
    needs_head_approval = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


class ResumeForm(TransitionForm):
    reason_required = True


class ExtendTimeLimitForm(TransitionForm):
    reason_required = True


class StartMediationForm(TransitionForm):
    reason_required = True


class MediationSucceededForm(TransitionForm):
    summary = forms.CharField(label=_("Settlement summary"), widget=forms.Textarea)

    def to_kwargs(self) -> dict[str, Any]:
        return {"summary": self.cleaned_data["summary"], "on": timezone.localdate()}


class MediationFailedForm(TransitionForm):
    reason_required = True


class WithdrawForm(TransitionForm):
    reason_required = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"], "on": timezone.localdate()}


class ReferForm(TransitionForm):
    reason_required = True
    needs_head_approval = True
    kind = forms.ChoiceField(label=_("Referral kind"), choices=ReferralKind.choices)
    target = forms.CharField(label=_("Referred to"), max_length=200)

    def to_kwargs(self) -> dict[str, Any]:
        return {"kind": self.cleaned_data["kind"], "target": self.cleaned_data["target"],
                "on": timezone.localdate()}
