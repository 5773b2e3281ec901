"""Write the periodic tasks named in ``settings.IPCASES_PERIODIC_TASKS`` to django-celery-beat.

Run by ``scripts/serve`` at every start and by deployments after ``migrate``. Settings
decide *what* runs and *when*; an administrator who disables a task in the admin keeps
it disabled, because ``enabled`` is never written for an existing row.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from celery.schedules import crontab
from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from config.commands import OperatorCommand


@dataclass
class ScheduleSyncResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _crontab_row(schedule: crontab, tz: ZoneInfo) -> CrontabSchedule:
    # The fields as written (e.g. "*/15"), the same private attributes
    # django-celery-beat's own CrontabSchedule.from_schedule reads; not in the stubs.
    fields: Any = schedule
    row, _created = CrontabSchedule.objects.get_or_create(
        minute=str(fields._orig_minute),
        hour=str(fields._orig_hour),
        day_of_week=str(fields._orig_day_of_week),
        day_of_month=str(fields._orig_day_of_month),
        month_of_year=str(fields._orig_month_of_year),
        timezone=tz,
    )
    return row


@transaction.atomic
def sync_periodic_tasks(
    specs: Mapping[str, Mapping[str, Any]] | None = None,
) -> ScheduleSyncResult:
    """Create or update one ``PeriodicTask`` per entry of ``specs`` (default: the settings).

    An entry is ``{"task": dotted name, "schedule": crontab(...)}`` with optional
    ``args`` (list), ``kwargs`` (dict), ``description`` and ``expire_seconds`` (a run not
    started by then is dropped). Tasks not named in ``specs`` are left alone:
    administrators may have added their own.
    """
    task_specs: Mapping[str, Mapping[str, Any]] = (
        settings.IPCASES_PERIODIC_TASKS if specs is None else specs
    )
    tz = ZoneInfo(getattr(settings, "CELERY_TIMEZONE", None) or settings.TIME_ZONE)
    result = ScheduleSyncResult()
    for name, spec in task_specs.items():
        schedule = spec.get("schedule")
        if not isinstance(schedule, crontab):
            raise CommandError(
                f"IPCASES_PERIODIC_TASKS[{name!r}]['schedule'] must be a celery crontab, "
                f"not {type(schedule).__name__}"
            )
        expire_seconds = spec.get("expire_seconds")
        if expire_seconds is not None and not (
                isinstance(expire_seconds, int) and expire_seconds > 0):
            raise CommandError(f"IPCASES_PERIODIC_TASKS[{name!r}]['expire_seconds'] must be "
                               f"a positive number of seconds")
        task_name = spec.get("task")
        if not isinstance(task_name, str) or not task_name:
            raise CommandError(f"IPCASES_PERIODIC_TASKS[{name!r}]['task'] must name a task")
        wanted: dict[str, Any] = {
            "task": task_name,
            "crontab": _crontab_row(schedule, tz),
            "interval": None,
            "solar": None,
            "clocked": None,
            "args": json.dumps(list(spec.get("args", []))),
            "kwargs": json.dumps(dict(spec.get("kwargs", {})), sort_keys=True),
            "description": str(spec.get("description", "")),
            "expire_seconds": expire_seconds,
        }
        existing = PeriodicTask.objects.select_for_update().filter(name=name).first()
        if existing is None:
            PeriodicTask.objects.create(name=name, enabled=True, **wanted)
            result.created.append(name)
            continue
        changed = [key for key, value in wanted.items() if getattr(existing, key) != value]
        if changed:
            for key in changed:
                setattr(existing, key, wanted[key])
            existing.save()
            result.updated.append(name)
        else:
            result.unchanged.append(name)
    return result


class Command(OperatorCommand):
    help = gettext_lazy("Write the periodic tasks from settings.IPCASES_PERIODIC_TASKS to the "
                        "beat schedule.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_periodic_tasks()
        self.stdout.write(
            _("Periodic tasks: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "created": len(result.created),
                "updated": len(result.updated),
                "unchanged": len(result.unchanged),
            }
        )
