"""Serializer fields that read their input strictly (DESIGN.md, house style 6)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


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
