"""The base of the forms that validate a workflow action's own fields, for the REST API
and the web pages alike, and the small field helpers they share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.api_fields import INVALID_CHOICE, allowed_values
from cases.models import Role, User
from cases.text_limits import CONTROL_CHARACTERS, REASON_MAX

if TYPE_CHECKING:
    from cases.models import Case


# What a ticked checkbox sends from a web form.
CHECKBOX_ON = "on"


class StrictCheckboxInput(forms.CheckboxInput):
    """Passes the submitted value through as it came: Django's checkbox turns any unknown
    word (such as "no") into True before the field can see it."""

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> Any:
        if name not in data:
            return False
        return data.get(name)


class StrictBooleanField(forms.BooleanField):
    """A yes/no answer: JSON true/false, or a web form's checkbox (ticked sends "on",
    unticked sends nothing). Anything else is an error naming the field (DESIGN.md, house
    style 6)."""

    widget = StrictCheckboxInput

    def to_python(self, value: Any) -> bool:
        if value is True or value == CHECKBOX_ON:
            return True
        if value is False or value is None or value == "":
            return False
        raise ValidationError(
            _("“%(field)s” must be true or false; “%(value)s” is neither."),
            code="invalid_boolean", params={"field": self.label, "value": value})


def not_future(value: date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


class ActionForm(forms.Form):
    """Base of every workflow action's form: knows the case (its header; ``flow`` is its
    workflow record) and the actor; subclasses add fields. ``to_kwargs`` gives the
    model transition its arguments; ``payload`` is what the timeline records."""

    reason_required = False

    reason = forms.CharField(label=_("Reason / note"), required=False, max_length=REASON_MAX,
                             widget=forms.Textarea(attrs={"rows": 2}))
    expected_state = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.flow = case.flow
        self.actor = actor
        self.fields["reason"].required = self.reason_required

    def full_clean(self) -> None:
        # Every field is in place now (subclasses add some in __init__): a refused choice
        # names the values the field takes, as the API's serializers do.
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField) and not isinstance(
                    field, forms.ModelChoiceField):
                field.error_messages["invalid_choice"] = invalid_choice_message(field)
        if self.is_bound and not isinstance(self.data, QueryDict):
            self.data = self._numbers_as_typed(self.data)
        super().full_clean()
        if self.is_bound:
            self._refuse_odd_values()

    def _numbers_as_typed(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A JSON number that is no whole number (1.5, or 1e400: infinity) sent for a
        record's id is the text it was, a choice no record has: Django's model choice
        fields hand it to the database, which rounded 1.5 to the record 1 and raised
        OverflowError on infinity (a 500)."""
        data = dict(data)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField) and name in data:
                raw = data[name]
                data[name] = ([str(v) if isinstance(v, float) else v for v in raw]
                              if isinstance(raw, list) else
                              str(raw) if isinstance(raw, float) else raw)
        return data

    def _refuse_odd_values(self) -> None:
        """A JSON list, object or true/false sent for a field that takes one text, number,
        date or choice, and control characters in a text, are errors naming the field:
        Django would store ``str(value)`` ("[1, 2]", "True", a choice's key 1 for true) and
        keep characters no-one can see or print."""
        json_body = not isinstance(self.data, QueryDict)
        for name, field in self.fields.items():
            if isinstance(field, forms.BooleanField):
                continue
            raw = self.data.get(name) if json_body else None
            if (isinstance(raw, list | tuple | dict | bool)
                    and not getattr(field.widget, "allow_multiple_selected", False)):
                # Said instead of what the field made of str(value) (true is "True", or
                # the key 1: a valid choice on one database, an invalid one on another).
                self.errors.pop(name, None)
                self.add_error(name, ValidationError(
                    _("“%(field)s” takes one value, not a list, an object or true/false."),
                    code="one_value", params={"field": field.label or name}))
            elif (name not in self.errors and isinstance(field, forms.CharField)
                  and CONTROL_CHARACTERS.search(str(self.cleaned_data.get(name) or ""))):
                self.add_error(name, ValidationError(
                    _("“%(field)s” contains control characters (invisible, usually pasted "
                      "from another program); remove them."),
                    code="control_characters", params={"field": field.label or name}))

    def to_kwargs(self) -> dict[str, Any]:
        return {}

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if name in {"reason", "expected_state"}:
                continue
            data[name] = jsonable(value)
        return data


def invalid_choice_message(field: forms.ChoiceField) -> str:
    """Django's "not one of the available choices" with the choices named (value and
    label); ``%(value)s`` is left for the field to fill in."""
    choices = [(v, label) for v, label in cast(Iterable[tuple[Any, Any]], field.choices)
               if v not in ("", None) and not isinstance(label, list | tuple)]
    return INVALID_CHOICE.format(input="%(value)s",
                                 allowed=allowed_values(choices).replace("%", "%%"))


def jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, User):
        return {"id": value.pk, "name": value.display_name}
    if hasattr(value, "__iter__") and not isinstance(value, (str, dict)):
        return [jsonable(v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    return value


def office_officers(case: Case) -> Any:
    return User.objects.filter(groups__name=Role.OFFICER, office_id=case.office_id,
                               is_active=True).distinct()


# The years an action's date can fall in: the Patent Law came into force in 1985, and a
# date decades ahead is a mistyped year. Year 1 or 9999 would not even survive the time
# zone's conversion (a 500 where the user deserves a message).
EARLIEST_YEAR = 1985
YEARS_AHEAD = 20


# The largest key a (big) integer column holds.
MAX_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Django's, with a number no key can be (beyond a bigint) refused like any unknown
    choice: the database's ``IN`` would fail on it (SQLite's OverflowError, PostgreSQL's
    out of range), a 500 for a tampered form."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            text = str(pk).strip()
            digits = text.lstrip("-")
            if digits.isascii() and digits.isdigit() and int(digits) > MAX_ID:
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice", params={"value": pk})
        return super().clean(value)


def plausible_year(value: date) -> None:
    latest = timezone.localdate().year + YEARS_AHEAD
    if not EARLIEST_YEAR <= value.year <= latest:
        raise ValidationError(
            _("Check the year: %(year)s is not between %(first)s and %(last)s."),
            code="year", params={"year": value.year, "first": EARLIEST_YEAR, "last": latest})


class _OneValue:
    """A date sent as a list or an object (a JSON body: ``"on": [null]``) is an invalid
    date (400), not a 500: Django's temporal fields read anything else as a string."""

    error_messages: dict[str, Any]

    def to_python(self, value: Any) -> Any:
        if value is not None and not isinstance(value, str | date):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)  # type: ignore[misc]


# A browser's date inputs take ISO values only: a date shown in the locale's format
# (2026/03/02) left the input empty, and an edit form saved without it.
class DateField(_OneValue, forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    default_validators = [plausible_year]


class DateTimeField(_OneValue, forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    default_validators = [plausible_year]
