"""Serializer fields that read their input strictly (DESIGN.md, house style 6)."""

from __future__ import annotations

from typing import Any

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
