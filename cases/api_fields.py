"""Serializer fields that read their input strictly (DESIGN.md, house style 6)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from cases.validators import MAX_ID


class StrictBooleanField(serializers.BooleanField):
    """Only JSON true or false: DRF's own field also reads "no", "off", 0 and "n", and a
    client that sends words is better told than guessed at."""

    TRUE_VALUES = {True}
    FALSE_VALUES = {False}
    default_error_messages = {"invalid": _("Must be true or false; “{input}” is neither.")}

    def to_internal_value(self, data: Any) -> bool:
        # 1 == True and 0 == False in a set lookup: tell them apart by type.
        if isinstance(data, bool):
            return data
        self.fail("invalid", input=data)


class PrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A record by its id: a JSON integer or a string of ASCII digits, and nothing else.

    DRF's own field hands any value to ``queryset.get``: 1.5 was rounded to the record 1,
    and 1e400 (infinity, as Python reads that JSON number) was an OverflowError, a 500. A
    number that is no whole number is the wrong type (400); a whole number no 64-bit key
    can be is a record that does not exist (400)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str):
            text = data.strip()
            digits = text[1:] if text[:1] in "+-" else text
            if not (digits.isascii() and digits.isdigit()):
                self.fail("incorrect_type", data_type=type(data).__name__)
            value = int(text)
        elif isinstance(data, int) and not isinstance(data, bool):
            value = data
        else:
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 1 <= value <= MAX_ID:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(value)


def allowed_values(choices: Iterable[tuple[Any, Any]]) -> str:
    """The values a choice takes, each with its label, for a message: 'make（制造）、…'."""
    return "、".join(f"{value}（{label}）" if str(label) != str(value) else str(value)
                    for value, label in choices)


class _NamesAllowedValues:
    """A refused value is answered with the values the field takes, so a client that sent
    "patent" for an IP type learns to send "invention_patent"."""

    choices: dict[Any, Any]

    def fail(self, key: str, **kwargs: Any) -> NoReturn:
        if key == "invalid_choice":
            kwargs["allowed"] = allowed_values(self.choices.items())
        super().fail(key, **kwargs)  # type: ignore[misc]
        raise AssertionError("unreachable")  # DRF's fail always raises


INVALID_CHOICE = _("“{input}” is not an allowed value. Allowed: {allowed}.")


class ChoiceField(_NamesAllowedValues, serializers.ChoiceField):
    default_error_messages = {"invalid_choice": INVALID_CHOICE}


class MultipleChoiceField(_NamesAllowedValues, serializers.MultipleChoiceField):
    """Several of the choices, as a list (a query string repeats the parameter); none when
    left out."""

    default_error_messages = {"invalid_choice": INVALID_CHOICE}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("default", list)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> list[Any]:  # type: ignore[override]
        return sorted(super().to_internal_value(data))
