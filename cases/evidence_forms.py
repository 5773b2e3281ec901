"""The form of an entry of the evidence catalogue (证据目录), for the API and the case page."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.action_forms import DateField, not_future
from cases.models import EvidenceForm
from cases.models.participants import PartyRole
from cases.text_limits import REASON_MAX

if TYPE_CHECKING:
    from cases.models import Case, CaseParty

OFFICE = "office"


class EvidenceItemForm(forms.Form):
    submitted_by = forms.ChoiceField(label=_("Submitted by"))
    name = forms.CharField(label=_("Evidence name"), max_length=200)
    purpose = forms.CharField(label=_("What it proves"), widget=forms.Textarea(attrs={"rows": 2}),
                              max_length=REASON_MAX)
    pages = forms.IntegerField(label=_("Number of pages"), min_value=1, max_value=9999)
    form = forms.ChoiceField(label=_("Original or copy"), choices=EvidenceForm.choices)
    submitted_on = DateField(label=_("Date submitted"), validators=[not_future])
    examination = forms.CharField(
        label=_("Cross-examination opinion"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The other party's opinion on authenticity, legality and relevance "
                    "(质证意见), if already heard."), max_length=REASON_MAX)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.case_parties: dict[str, CaseParty] = {
            str(cp.party_id): cp for cp in case.case_parties.select_related("party")
            if cp.role in (PartyRole.REQUESTER, PartyRole.RESPONDENT, PartyRole.THIRD_PARTY)
        }
        field = self.fields["submitted_by"]
        assert isinstance(field, forms.ChoiceField)
        labels = workflows.get(case.workflow).party_labels
        field.choices = [
            *((key, f"{labels.get(cp.role) or cp.get_role_display()}{cp.party.name}")
              for key, cp in self.case_parties.items()),
            (OFFICE, _("Collected by the office")),
        ]
        field.help_text = _("The party who submitted it; for evidence the office collected, "
                            "choose “Collected by the office”.")

    def clean_submitted_on(self) -> date:
        value: date = self.cleaned_data["submitted_on"]
        if self.case.received_on and value < self.case.received_on:
            raise ValidationError(
                _("Evidence cannot be submitted on %(date)s, before the request was received "
                  "on %(received_on)s.") % {"date": value, "received_on": self.case.received_on},
                code="before_received")
        return value

    def cleaned_item(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        key = data.pop("submitted_by")
        data["submitted_by"] = None if key == OFFICE else self.case_parties[key]
        return data
