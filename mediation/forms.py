"""One form per mediation or confirmation action: the action's own fields, validated at
the edge, for the REST API and the web pages alike. ``to_kwargs`` gives the model
transition its arguments; ``payload`` is what the timeline records."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.action_forms import ActionForm as BaseActionForm
from cases.action_forms import DateField, DateTimeField, StrictBooleanField, not_future
from cases.models import Party
from cases.services.deadlines import due_on
from cases.shown import shown
from cases.text_limits import MINUTES_MAX, REASON_MAX, STATEMENT_MAX
from cases.validators import normalize_court_case_number, parse_id
from mediation.guards import right_determination_message
from mediation.jurisdiction import competence_error, competent_courts, right_kinds
from mediation.models import AgreementTerm, Court, MediationSession
from mediation.models.agreement import TermKind
from mediation.models.confirmation import MATERIALS
from mediation.models.mediation import DeclineReason, ServiceMethod


def _case_parties(case: Any) -> Any:
    return Party.objects.filter(case_roles__case=case).distinct()


def _not_before(form: forms.Form, field: str, value: Any, earliest: Any, what: str) -> None:
    if value is not None and earliest is not None and value < earliest:
        form.add_error(field, _("The date cannot be before %(what)s (%(date)s).")
                       % {"what": what, "date": shown(earliest)})


class ActionForm(BaseActionForm):
    """The kernel's action form; amounts go to the timeline as text (JSON has no
    decimals)."""

    def payload(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, Decimal) else v
                for k, v in super().payload().items()}


# --- mediation --------------------------------------------------------------------------


class ServeRequestForm(ActionForm):
    served_on = DateField(label=_("Request copy served on"), validators=[not_future])
    service_method = forms.ChoiceField(label=_("Service method"),
                                       choices=ServiceMethod.choices)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "served_on", data.get("served_on"), self.flow.requested_on,
                    str(_("the request")))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"served_on": self.cleaned_data["served_on"],
                "service_method": self.cleaned_data["service_method"]}


class AcceptForm(ActionForm):
    on = DateField(label=_("The respondent agreed on"), validators=[not_future])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", data.get("on"), self.flow.request_served_on,
                    str(_("service of the request")))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"]}


class DeclineForm(ActionForm):
    decline_reason = forms.ChoiceField(label=_("Why mediation does not take place"),
                                       choices=DeclineReason.choices)
    on = DateField(label=_("Decided on"), validators=[not_future])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on = data.get("on")
        _not_before(self, "on", on, self.flow.request_served_on,
                    str(_("service of the request")))
        if data.get("decline_reason") == DeclineReason.NO_ANSWER and on is not None:
            due = due_on(self.case, "mediation.respondent_answer")
            if due is not None and on <= due:
                self.add_error("decline_reason", _(
                    "The respondent may still answer until %(due)s; silence counts as a "
                    "refusal only after that day.") % {"due": due})
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["decline_reason"], "on": self.cleaned_data["on"]}


class ScheduleSessionForm(ActionForm):
    scheduled_at = DateTimeField(label=_("Session time"))
    online = StrictBooleanField(label=_("Held online"), required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online_link = forms.CharField(label=_("Online meeting room"), max_length=200,
                                  required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("online") and not data.get("place"):
            self.add_error("place", _("Name where the session is held, or mark it as held "
                                      "online."))
        if data.get("online") and not data.get("online_link"):
            self.add_error("online_link", _("Give the online meeting room the parties "
                                            "join."))
        return data

    def session(self) -> MediationSession:
        n = self.flow.sessions.count() + 1
        return MediationSession(
            mediation=self.flow, n=n, scheduled_at=self.cleaned_data["scheduled_at"],
            online=bool(self.cleaned_data.get("online")),
            place=self.cleaned_data.get("place", ""),
            online_link=self.cleaned_data.get("online_link", ""))


class RecordSessionForm(ActionForm):
    session = forms.ModelChoiceField(label=_("Session"),
                                     queryset=MediationSession.objects.none())
    held_at = DateTimeField(label=_("Mediation held at"))
    attendees = forms.CharField(label=_("Attendees"), widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("One person per line, with their capacity."),
                                max_length=REASON_MAX)
    minutes = forms.CharField(label=_("Minutes (调解笔录)"),
                              widget=forms.Textarea(attrs={"rows": 6}), max_length=MINUTES_MAX)
    requester_position = forms.CharField(label=_("Requester's position"),
                                         widget=forms.Textarea(attrs={"rows": 3}),
                                         max_length=STATEMENT_MAX)
    respondent_position = forms.CharField(label=_("Respondent's position"),
                                          widget=forms.Textarea(attrs={"rows": 3}),
                                          max_length=STATEMENT_MAX)
    confirmed_by_parties = StrictBooleanField(
        label=_("The parties read the minutes and signed them"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = (  # type: ignore[attr-defined]
            self.flow.sessions.filter(held_at__isnull=True))

    def clean_attendees(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["attendees"].splitlines()]
        return [line for line in lines if line]

    def clean_held_at(self) -> Any:
        held_at = self.cleaned_data["held_at"]
        if held_at > timezone.now():
            raise ValidationError(_("A session cannot be recorded before it takes place."),
                                  code="future")
        return held_at

    def apply(self) -> None:
        session = self.cleaned_data["session"]
        for name in ("held_at", "attendees", "minutes", "requester_position",
                     "respondent_position"):
            setattr(session, name, self.cleaned_data[name])
        session.confirmed_by_parties = bool(self.cleaned_data.get("confirmed_by_parties"))
        session.recorded_by = self.actor
        session.full_clean()
        session.save()

    def payload(self) -> dict[str, Any]:
        data = super().payload()
        data["session"] = self.cleaned_data["session"].n
        return data


class ExtendTimeLimitForm(ActionForm):
    reason_required = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"]}


def _refuse_right_determination(value: str) -> str:
    message = right_determination_message(value)
    if message:
        raise ValidationError(message, code="right_determination")
    return value


class DraftAgreementForm(ActionForm):
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 4}),
                            max_length=STATEMENT_MAX)
    issues = forms.CharField(label=_("Issues in dispute"),
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=STATEMENT_MAX)
    other_terms = forms.CharField(label=_("Other agreed matters"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}),
                                  max_length=STATEMENT_MAX)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agreement = getattr(self.flow, "agreement", None)
        if agreement is not None:
            for name in ("facts", "issues", "other_terms"):
                self.fields[name].initial = getattr(agreement, name)

    def clean_other_terms(self) -> str:
        return _refuse_right_determination(self.cleaned_data["other_terms"])


class TermChoiceField(forms.ModelChoiceField):
    """A term of the agreement, chosen by what it says: its number, what is to be done,
    who does it, the amount and the day it is due."""

    def label_from_instance(self, obj: Any) -> str:
        values = {"n": obj.n, "description": Truncator(obj.description).chars(60),
                  "obligor": obj.obligor.name, "due": obj.due_on.isoformat()}
        if obj.amount is None:
            return gettext("Term %(n)s: %(description)s (%(obligor)s; due %(due)s)") % values
        return gettext("Term %(n)s: %(description)s (%(obligor)s; %(amount)s yuan; due "
                       "%(due)s)") % {**values, "amount": f"{obj.amount:,.2f}"}


def _terms(flow: Any, **filters: Any) -> Any:
    return AgreementTerm.objects.filter(agreement__mediation=flow, **filters) \
        .select_related("obligor")


class AddTermForm(ActionForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=TermKind.choices)
    obligor = forms.ModelChoiceField(label=_("Who performs"), queryset=Party.objects.none())
    description = forms.CharField(label=_("What is to be done"),
                                  widget=forms.Textarea(attrs={"rows": 2}), max_length=REASON_MAX)
    amount = forms.DecimalField(label=_("Amount (yuan)"), max_digits=14, decimal_places=2,
                                min_value=Decimal("0.01"), required=False,
                                error_messages={"min_value": _("The amount must be more "
                                                               "than zero.")})
    due_on = DateField(label=_("Due on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["obligor"].queryset = _case_parties(self.case)  # type: ignore[attr-defined]

    def clean_description(self) -> str:
        return _refuse_right_determination(self.cleaned_data["description"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # An amount entered but refused (zero, negative) has its own message already.
        if (data.get("kind") == TermKind.PAYMENT and not data.get("amount")
                and "amount" not in self.errors):
            self.add_error("amount", _("A payment term needs the amount to pay."))
        _not_before(self, "due_on", data.get("due_on"), timezone.localdate(),
                    str(_("today")))
        return data


class RemoveTermForm(ActionForm):
    term = TermChoiceField(label=_("Term"), queryset=AgreementTerm.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = _terms(self.flow)  # type: ignore[attr-defined]


class RecordSignatureForm(ActionForm):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())
    signatory = forms.CharField(label=_("Signed by"), max_length=100,
                                help_text=_("The party itself, its legal representative or "
                                            "its authorised agent."))
    signed_on = DateField(label=_("Signed on"), validators=[not_future])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = _case_parties(self.case)  # type: ignore[attr-defined]


class SignAgreementForm(ActionForm):
    signed_on = DateField(label=_("Signed on"), validators=[not_future])


class AgreeForm(ActionForm):
    on = DateField(label=_("The agreement takes effect on"), validators=[not_future],
                   help_text=_("The day the last of the parties and the mediator signed."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agreement = getattr(self.flow, "agreement", None)
        if agreement is not None:
            last = max([s.signed_on for s in agreement.signatures.all()]
                       + ([agreement.mediator_signed_on] if agreement.mediator_signed_on
                          else []), default=None)
            _not_before(self, "on", data.get("on"), last, str(_("the last signature")))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"]}


class EndForm(ActionForm):
    """Failure or withdrawal: a reason and the day."""

    reason_required = True
    on = DateField(label=_("Decided on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"], "on": self.cleaned_data["on"]}


class PlainForm(ActionForm):
    """An action without fields of its own."""


class RecordPerformanceForm(ActionForm):
    term = TermChoiceField(label=_("Term"), queryset=AgreementTerm.objects.none())
    paid_on = DateField(label=_("Performed or paid on"), validators=[not_future])
    amount_paid = forms.DecimalField(label=_("Amount paid now (yuan)"), max_digits=14,
                                     decimal_places=2, min_value=Decimal("0"), required=False)
    term_done = StrictBooleanField(label=_("The term is now fully performed"), required=False)
    evidence = forms.CharField(label=_("Evidence"), max_length=500,
                               help_text=_("e.g. bank transfer receipt no. 2026…"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = _terms(  # type: ignore[attr-defined]
            self.flow, done_on__isnull=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        term = data.get("term")
        paid = data.get("amount_paid") or Decimal("0")
        if term is None:
            return data
        if term.amount is not None and term.amount_paid + paid > term.amount:
            self.add_error("amount_paid", _(
                "%(paid)s would bring the payments to more than the %(amount)s the term "
                "requires (%(before)s paid so far).")
                % {"paid": paid, "amount": term.amount, "before": term.amount_paid})
        if not paid and not data.get("term_done"):
            self.add_error("amount_paid", _("Record an amount paid, or mark the term as "
                                            "fully performed."))
        _not_before(self, "paid_on", data.get("paid_on"), self.flow.agreed_on,
                    str(_("the agreement")))
        return data

    def apply(self) -> None:
        term = self.cleaned_data["term"]
        term.amount_paid += self.cleaned_data.get("amount_paid") or Decimal("0")
        evidence = self.cleaned_data["evidence"]
        term.evidence = f"{term.evidence}\n{evidence}".strip()
        fully_paid = term.amount is not None and term.amount_paid == term.amount
        if self.cleaned_data.get("term_done") or fully_paid:
            term.done_on = self.cleaned_data["paid_on"]
        term.full_clean()
        term.save()
        self.flow.amount_performed = term.agreement.amount_paid()

    def payload(self) -> dict[str, Any]:
        data = super().payload()
        data["term"] = self.cleaned_data["term"].n
        return data


class RecordPerformedForm(ActionForm):
    on = DateField(label=_("Performed on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"]}


class RecordBreachForm(ActionForm):
    note = forms.CharField(label=_("What was not performed"),
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=REASON_MAX)

    def to_kwargs(self) -> dict[str, Any]:
        return {"note": self.cleaned_data["note"], "on": timezone.localdate()}


# --- judicial confirmation ---------------------------------------------------------------


class CheckMaterialsForm(ActionForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in MATERIALS:
            self.fields[f"material_{code}"] = StrictBooleanField(
                label=label, required=False, initial=self.flow.materials.get(code, False))

    def materials(self) -> dict[str, bool]:
        return {code: bool(self.cleaned_data.get(f"material_{code}"))
                for code, _label in MATERIALS}

    def to_kwargs(self) -> dict[str, Any]:
        return {"materials": self.materials()}

    def payload(self) -> dict[str, Any]:
        return {"materials": self.materials()}


def _courts() -> Any:
    return Court.objects.filter(is_active=True)


class CompetentCourtField(forms.ModelChoiceField):
    """Offers the courts that may confirm the agreement (its queryset) but takes any
    active court as input, so that one without competence is refused by name with the
    reason (the form's ``clean_court``), not as "not one of the available choices"."""

    def to_python(self, value: Any) -> Court | None:
        if value in self.empty_values:
            return None
        pk = parse_id(value)
        court = _courts().filter(pk=pk).first() if pk is not None else None
        if court is None:
            raise ValidationError(self.error_messages["invalid_choice"],
                                  code="invalid_choice", params={"value": value})
        return court


class FileForm(ActionForm):
    filed_on = DateField(label=_("Filed on"), validators=[not_future])
    court = CompetentCourtField(label=_("Court"), queryset=Court.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = competent_courts(  # type: ignore[attr-defined]
            right_kinds(self.case))
        self.fields["court"].initial = self.flow.court_id

    def clean_court(self) -> Court:
        court: Court = self.cleaned_data["court"]
        refused = competence_error(court, right_kinds(self.case))
        if refused:
            raise ValidationError(refused)
        return court

    def to_kwargs(self) -> dict[str, Any]:
        return {"filed_on": self.cleaned_data["filed_on"], "court": self.cleaned_data["court"]}


class CourtAcceptanceForm(ActionForm):
    on = DateField(label=_("Accepted by the court on"), validators=[not_future])
    court_case_number = forms.CharField(label=_("Court case number"), max_length=60,
                                        help_text=_("e.g. （2026）桂01民特12号"))

    def clean_court_case_number(self) -> str:
        return normalize_court_case_number(self.cleaned_data["court_case_number"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", data.get("on"), self.flow.filed_on,
                    str(_("the application")))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"],
                "court_case_number": self.cleaned_data["court_case_number"]}


class CourtDecisionForm(ActionForm):
    """The court's decision: the day, and the reason when it refuses."""

    reason_required = True
    on = DateField(label=_("Decided on"), validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "reason": self.cleaned_data["reason"]}


class ConfirmedForm(ActionForm):
    on = DateField(label=_("Confirmed by the court on"), validators=[not_future])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _not_before(self, "on", data.get("on"), self.flow.court_accepted_on,
                    str(_("the court's acceptance")))
        return data

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"]}


class ApplyEnforcementForm(ActionForm):
    on = DateField(label=_("Applied on"), validators=[not_future])
    court = forms.ModelChoiceField(label=_("Enforcement court"), queryset=Court.objects.none(),
                                   help_text=_("The confirming court, or a court of the same "
                                               "level where the assets are."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["court"].queryset = _courts()  # type: ignore[attr-defined]
        self.fields["court"].initial = self.flow.court_id

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"], "court": self.cleaned_data["court"]}


class WithdrawApplicationForm(ActionForm):
    reason_required = True

    def to_kwargs(self) -> dict[str, Any]:
        return {"reason": self.cleaned_data["reason"], "on": timezone.localdate()}
