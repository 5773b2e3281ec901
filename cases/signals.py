"""Keeps the working-day cache in step with the calendar tables."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from cases import workdays


def _clear_calendar_cache(**kwargs: Any) -> None:
    workdays.clear_cache()


def connect() -> None:
    from cases.models import CalendarDay, CalendarYear

    for model in (CalendarDay, CalendarYear):
        post_save.connect(_clear_calendar_cache, sender=model, dispatch_uid=f"cal-{model}")
        post_delete.connect(_clear_calendar_cache, sender=model, dispatch_uid=f"cald-{model}")
