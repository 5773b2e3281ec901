"""One form per action of the referral (D1) and transfer (D2) workflows: the action's own
fields, validated at the edge, for the REST API and the web pages alike."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.action_forms import ActionForm, DateField, DateTimeField, jsonable, not_future
from cases.models import DocumentKind, Office
from cases.referral.models.figures import RECORDED_FIELDS, CaseFigures
from cases.referral.models.police import (
    REQUIRED_PACKAGE,
    FilingPeriod,
    PackageItem,
    ReconsiderationResult,
)
from cases.shown import shown
from cases.text_limits import REASON_MAX, STATEMENT_MAX
from cases.validators import normalize_document_number
from documents.models import DocumentState


def not_future_moment(value: datetime) -> None:
    if value > timezone.now():
        raise ValidationError(_("The time cannot be in the future."), code="future")


def _not_before(form: forms.Form, name: str, earliest: date | datetime | None,
                label: Any) -> None:
    value = form.cleaned_data.get(name)
    if value is None or earliest is None:
        return
    if isinstance(value, datetime) and not isinstance(earliest, datetime):
        value = timezone.localdate(value)
    if value < earliest:
        form.add_error(name, _("It cannot be before %(what)s (%(when)s).")
                       % {"what": label, "when": shown(earliest)})


class OnForm(ActionForm):
    on = DateField(label=_("Date"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"]}


# --- referral to public security -----------------------------------------------------------


class SubmitReportForm(ActionForm):
    report = forms.CharField(label=_("Referral report"), widget=forms.Textarea(
        attrs={"rows": 6}), help_text=_("The facts, the evidence, the figures and why a crime "
                                        "is suspected."), max_length=STATEMENT_MAX)
    on = DateField(label=_("Submitted on"), validators=[not_future])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", self.case.received_on, _("the referral was opened"))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"report": self.cleaned_data["report"], "on": self.cleaned_data["on"]}


class ApproveForm(ActionForm):
    at = DateTimeField(label=_("Approved at"), validators=[not_future_moment],
                       help_text=_("The 24 hours for sending run from this moment."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "at", self.flow.submitted_on, _("the report was submitted"))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"at": self.cleaned_data["at"]}


class RejectReferralForm(OnForm):
    reason_required = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"reasons": self.cleaned_data["reason"], "on": self.cleaned_data["on"]}


def issued_referral_letter(case: Any) -> Any:
    """The case's issued 涉嫌犯罪案件移送书, or None."""
    return (case.documents.filter(kind=DocumentKind.REFERRAL_LETTER,
                                  state=DocumentState.ISSUED).order_by("-issued_at").first())


class SendForm(ActionForm):
    at = DateTimeField(label=_("Sent at"), validators=[not_future_moment])
    police_bureau = forms.CharField(label=_("Public security bureau"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item, label in PackageItem.choices:
            self.fields[f"package_{item}"] = forms.CharField(
                label=label, required=False, max_length=200,
                help_text=_("The attachment or document sent (its number or file name)."))
        # The letter sent is the one issued: its number, shown and not typed.
        letter = issued_referral_letter(self.case)
        if letter is not None and letter.number:
            field = self.fields[f"package_{PackageItem.TRANSFER_LETTER}"]
            field.initial, field.disabled = letter.number, True
            field.help_text = _("The letter of referral issued in this case.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "at", self.flow.approved_at, _("the approval"))
        missing = [str(PackageItem(item).label) for item in REQUIRED_PACKAGE
                   if not (data.get(f"package_{item}") or "").strip()]
        if missing:
            raise ValidationError(
                _("The referral package is incomplete; missing: %(items)s.")
                % {"items": "、".join(missing)}, code="package")
        return data

    def package(self) -> dict[str, str]:
        return {item: self.cleaned_data[f"package_{item}"].strip()
                for item in PackageItem.values if self.cleaned_data.get(f"package_{item}")}

    def to_kwargs(self) -> dict[str, Any]:
        return {"at": self.cleaned_data["at"],
                "police_bureau": self.cleaned_data["police_bureau"]}

    def payload(self) -> dict[str, Any]:
        return {"at": jsonable(self.cleaned_data["at"]),
                "police_bureau": self.cleaned_data["police_bureau"],
                "package": self.package()}


class RecordReceiptForm(ActionForm):
    at = DateTimeField(label=_("Receipt signed at"), validators=[not_future_moment])
    signed_by = forms.CharField(label=_("Signed by"), max_length=100)
    filing_period = forms.ChoiceField(
        label=_("Time the police have to decide"), choices=FilingPeriod.choices,
        help_text=_("As the police state it for this case."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "at", self.flow.sent_at, _("the referral was sent"))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"at": self.cleaned_data["at"], "signed_by": self.cleaned_data["signed_by"],
                "filing_period": self.cleaned_data["filing_period"]}


class ExtendFilingForm(ActionForm):
    reason_required = True


class RecordFiledForm(OnForm):
    police_case_number = forms.CharField(label=_("Police case number"), max_length=60)

    def clean_police_case_number(self) -> str:
        return normalize_document_number(self.cleaned_data["police_case_number"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", self.flow.receipt_on, _("the police's receipt"))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"],
                "police_case_number": self.cleaned_data["police_case_number"]}


class RecordNotFiledForm(OnForm):
    reason_required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", self.flow.receipt_on, _("the police's receipt"))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "reasons": self.cleaned_data["reason"]}


class RequestReconsiderationForm(OnForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", self.flow.police_decided_on, _("the police's decision"))
        return data


class RecordReconsiderationForm(OnForm):
    result = forms.ChoiceField(label=_("Result"), choices=ReconsiderationResult.choices)
    police_case_number = forms.CharField(label=_("Police case number"), max_length=60,
                                         required=False)

    def clean_police_case_number(self) -> str:
        return normalize_document_number(self.cleaned_data["police_case_number"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", self.flow.reconsideration_requested_on,
                    _("the reconsideration request"))
        if (data.get("result") == ReconsiderationResult.FILED
                and not data.get("police_case_number")):
            self.add_error("police_case_number", _("Enter the police case number."))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "result": self.cleaned_data["result"],
                "police_case_number": self.cleaned_data.get("police_case_number", "")}


class RequestSupervisionForm(OnForm):
    procuratorate = forms.CharField(label=_("People's procuratorate"), max_length=200)

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"],
                "procuratorate": self.cleaned_data["procuratorate"]}


class RecordSupervisionDeclinedForm(ActionForm):
    result = forms.CharField(label=_("The procuratorate's answer"), widget=forms.Textarea(
        attrs={"rows": 3}), max_length=REASON_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {"result": self.cleaned_data["result"]}


class HandOverExhibitsForm(OnForm):
    items = forms.CharField(label=_("Exhibits handed over"), widget=forms.Textarea(
        attrs={"rows": 4}), help_text=_("One item per line, with its quantity."),
        max_length=STATEMENT_MAX)

    def clean_items(self) -> list[str]:
        items = [ln.strip() for ln in self.cleaned_data["items"].splitlines() if ln.strip()]
        if not items:
            raise ValidationError(_("List at least one item."), code="empty")
        return items

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", self.flow.police_decided_on, _("the police's decision"))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "items": self.cleaned_data["items"]}


class FinishForm(OnForm):
    summary = forms.CharField(label=_("How the administrative case is finished"),
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=REASON_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "summary": self.cleaned_data["summary"]}


# --- transfer to another authority ---------------------------------------------------------


class AcceptTransferForm(OnForm):
    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", self.flow.sent_on, _("the transfer was sent"))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "by": self.actor}


class ObjectForm(OnForm):
    objection = forms.CharField(label=_("Objection"), widget=forms.Textarea(
        attrs={"rows": 3}), help_text=_("Why this office is not competent either."),
        max_length=REASON_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "objection": self.cleaned_data["objection"]}


class DesignateForm(OnForm):
    reason_required = True
    office = forms.ModelChoiceField(label=_("Office that handles the case"),
                                    queryset=Office.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        superior = self.flow.common_superior
        self.fields["office"].queryset = (  # type: ignore[attr-defined]
            superior.subtree() if superior is not None else Office.objects.none())

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "office": self.cleaned_data["office"],
                "reasons": self.cleaned_data["reason"], "by": self.actor}


class RecordTransferReceiptForm(OnForm):
    signed_by = forms.CharField(label=_("Signed by"), max_length=100)

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "signed_by": self.cleaned_data["signed_by"]}


class _FigureBoundField(forms.BoundField):
    """A figure refused is marked beside its input (Bootstrap's ``is-invalid``, and the
    message below it named as its description)."""

    def build_widget_attrs(self, attrs: dict[str, Any],
                           widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            css = attrs.get("class", (widget or self.field.widget).attrs.get("class", ""))
            attrs["class"] = f"{css} is-invalid".strip()
            attrs["aria-describedby"] = f"{self.auto_id}_errors"
        return attrs


class FiguresForm(forms.ModelForm):
    """The figures of a ruling or mediation case (cases.referral.models.CaseFigures) that
    apply to its rights (``fields``: cases.referral.models.figures.case_fields). Refused,
    it is shown again on the case page with what was typed and each field's message."""

    bound_field_class = _FigureBoundField

    class Meta:
        model = CaseFigures
        fields = list(RECORDED_FIELDS)
        widgets = {name: forms.NumberInput(attrs={"class": "form-control form-control-sm"})
                   for name in fields}

    def __init__(self, *args: Any, fields: Collection[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in set(self.fields) - set(fields):
            del self.fields[name]
