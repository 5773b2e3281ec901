"""Keeps the working-day cache in step with the calendar tables; records failed logins."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_login_failed
from django.db.models.signals import post_delete, post_save

from cases import workdays
from cases.models import AuditAction, Office
from cases.services import audit


def _clear_calendar_cache(**kwargs: Any) -> None:
    workdays.clear_cache()


def _record_failed_login(sender: Any, credentials: dict[str, Any], request: Any = None,
                         **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    # The office of the account tried, so that office's administrators see the attempt.
    office = Office.objects.filter(staff__username=username).first() if username else None
    audit.record(request, AuditAction.LOGIN_FAILED, username=username, office=office)


def connect() -> None:
    from cases.models import CalendarDay, CalendarYear

    for model in (CalendarDay, CalendarYear):
        post_save.connect(_clear_calendar_cache, sender=model, dispatch_uid=f"cal-{model}")
        post_delete.connect(_clear_calendar_cache, sender=model, dispatch_uid=f"cald-{model}")
    user_login_failed.connect(_record_failed_login, dispatch_uid="audit-login-failed")
