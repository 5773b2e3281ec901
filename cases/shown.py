"""How a date or a moment reads inside a message: ``2026-12-06`` or, for a moment, the
local time to the minute (``2026-12-06 10:00``), never a UTC timestamp with its offset."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def shown(value: date) -> str:
    if isinstance(value, datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
