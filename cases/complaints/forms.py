"""One form per action of the complaints workflow: the triage outcomes and the reply."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.action_forms import (
    ActionForm,
    DateField,
    ModelMultipleChoiceField,
    StrictBooleanField,
    not_future,
    office_officers,
)
from cases.complaints.models import Channel, ComplaintKind, ReplyMethod
from cases.complaints.services import ComplaintRequest
from cases.models import IPRight, Office, Party, User
from cases.referral.models.thresholds import Offence
from cases.selectors.scope import office_scope_q
from cases.text_limits import REASON_MAX, STATEMENT_MAX


class TriageForm(ActionForm):
    on = DateField(label=_("Decided on"), validators=[not_future])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on = data.get("on")
        if on is not None and on < self.case.received_on:
            self.add_error("on", _("The decision cannot be before the matter was received."))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "reasons": self.cleaned_data.get("reason", "")}


class ExtendVerificationForm(ActionForm):
    reason_required = True


class OpenRulingForm(TriageForm):
    requester = forms.ModelChoiceField(
        label=_("Requester (the right holder)"), queryset=Party.objects.all(),
        required=False, help_text=_("Empty: the complainant as a registered party."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("requester") is None:
            data["requester"] = self.flow.complainant_party
        if data["requester"] is None:
            self.add_error("requester", _("Name the right holder who files the request."))
        return data


class OpenMediationForm(OpenRulingForm):
    """The complainant (a registered party) and the accused party mediate."""


class TransferForm(TriageForm):
    reason_required = True
    target_office = forms.ModelChoiceField(
        label=_("Receiving office in this system"), queryset=Office.objects.all(),
        required=False)
    target_authority = forms.CharField(
        label=_("Or: authority outside this system"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        office, authority = data.get("target_office"), (data.get("target_authority") or "")
        if (office is None) == (not authority.strip()):
            self.add_error("target_office", _("Choose a receiving office or name an outside "
                                              "authority, not both."))
        elif office is not None and office.pk == self.case.office_id:
            self.add_error("target_office", _("A case cannot be transferred to its own "
                                              "office."))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        office = self.cleaned_data.get("target_office")
        return {"on": self.cleaned_data["on"], "reasons": self.cleaned_data["reason"],
                "internal": office is not None,
                "target": office.name if office else self.cleaned_data["target_authority"]}


class ReferToPoliceForm(TriageForm):
    offence = forms.ChoiceField(label=_("Suspected offence"), choices=Offence.choices)
    suspicion = forms.CharField(label=_("Grounds of suspicion"), widget=forms.Textarea(
        attrs={"rows": 3}), max_length=REASON_MAX)
    task_force = ModelMultipleChoiceField(
        label=_("Task force"), queryset=Party.objects.none(),
        help_text=_("At least two enforcement officers of the office."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task_force"].queryset = office_officers(self.case)  # type: ignore[attr-defined]

    def clean_task_force(self) -> Any:
        members = self.cleaned_data["task_force"]
        if len(members) < 2:
            raise forms.ValidationError(_("The task force needs at least two officers."),
                                        code="too_few")
        return members


class NotAcceptForm(TriageForm):
    reason_required = True


class RecordReplyForm(ActionForm):
    replied_on = DateField(label=_("Replied on"), validators=[not_future])
    method = forms.ChoiceField(label=_("Reply method"), choices=ReplyMethod.choices)
    summary = forms.CharField(label=_("What the complainant was told"),
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=REASON_MAX)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on, decided = data.get("replied_on"), self.flow.decided_on
        if on is not None and decided is not None and on < decided:
            self.add_error("replied_on", _("The reply cannot be before the decision."))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"replied_on": self.cleaned_data["replied_on"],
                "reply_method": self.cleaned_data["method"],
                "summary": self.cleaned_data["summary"]}


class CloseForm(ActionForm):
    on = DateField(label=_("Closed on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"]}


class RegisterComplaintForm(forms.Form):
    """The registration page: what was received, by whom, about whom."""

    kind = forms.ChoiceField(label=_("Kind"), choices=ComplaintKind.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    received_on = DateField(label=_("Received on"), validators=[not_future])
    title = forms.CharField(label=_("Subject"), max_length=200)
    accused_party = forms.ModelChoiceField(label=_("Accused party"),
                                           queryset=Party.objects.none())
    rights = ModelMultipleChoiceField(label=_("Rights concerned"),
                                            queryset=IPRight.objects.none(), required=False)
    facts = forms.CharField(label=_("Facts reported"), widget=forms.Textarea(attrs={"rows": 4}),
                            max_length=STATEMENT_MAX)
    anonymous = StrictBooleanField(label=_("Anonymous tip-off"), required=False)
    complainant_party = forms.ModelChoiceField(
        label=_("Complainant (registered party)"), queryset=Party.objects.none(),
        required=False)
    complainant_name = forms.CharField(label=_("Complainant"), max_length=200, required=False)
    complainant_phone = forms.CharField(label=_("Telephone"), max_length=40, required=False)
    source_authority = forms.CharField(label=_("Transferring authority"), max_length=200,
                                       required=False)
    illegal_turnover = forms.DecimalField(label=_("illegal turnover (yuan)"), min_value=0,
                                          max_digits=14, decimal_places=2, required=False)
    illegal_gain = forms.DecimalField(label=_("illegal gain (yuan)"), min_value=0,
                                      max_digits=14, decimal_places=2, required=False)
    copies = forms.IntegerField(label=_("number of copies"), min_value=0, required=False)
    labels = forms.IntegerField(label=_("number of labels"), min_value=0, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = office_scope_q(user)
        parties = Party.objects.filter(scope).order_by("name")
        self.fields["accused_party"].queryset = parties  # type: ignore[attr-defined]
        self.fields["complainant_party"].queryset = parties  # type: ignore[attr-defined]
        self.fields["rights"].queryset = (  # type: ignore[attr-defined]
            IPRight.objects.filter(scope).order_by("kind", "number"))

    def to_request(self) -> ComplaintRequest:
        d = self.cleaned_data
        figures = {k: d[k] for k in ("illegal_turnover", "illegal_gain", "copies", "labels")
                   if d.get(k) is not None}
        return ComplaintRequest(
            kind=d["kind"], channel=d["channel"], received_on=d["received_on"],
            title=d["title"], accused_party=d["accused_party"], facts=d["facts"],
            rights=list(d["rights"]), anonymous=bool(d["anonymous"]),
            complainant_name=d["complainant_name"], complainant_phone=d["complainant_phone"],
            complainant_party=d["complainant_party"], source_authority=d["source_authority"],
            figures=figures)
