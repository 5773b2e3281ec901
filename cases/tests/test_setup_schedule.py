from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from celery.schedules import crontab
from django.core.management import CommandError, call_command
from django.utils import translation
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import ModelEntry

from cases.management.commands.setup_schedule import sync_periodic_tasks
from config.celery import app as celery_app

pytestmark = pytest.mark.django_db

SWEEP = {"sweep": {"task": "cases.tasks.sweep_deadlines", "schedule": crontab(minute="*/15")}}


def test_command_writes_the_configured_schedule_once(settings):
    settings.IPCASES_PERIODIC_TASKS = SWEEP
    out = StringIO()
    with translation.override("en"):
        call_command("setup_schedule", stdout=out)
        call_command("setup_schedule", stdout=out)

    task = PeriodicTask.objects.get(name="sweep")
    assert task.task == "cases.tasks.sweep_deadlines"
    assert task.enabled
    assert (task.crontab.minute, task.crontab.hour) == ("*/15", "*")
    assert str(task.crontab.timezone) == "Asia/Shanghai"
    assert PeriodicTask.objects.filter(task="cases.tasks.sweep_deadlines").count() == 1
    assert out.getvalue().splitlines() == [
        "Periodic tasks: 1 created, 0 updated, 0 unchanged.",
        "Periodic tasks: 0 created, 0 updated, 1 unchanged.",
    ]


def test_changed_schedule_is_updated_but_an_administrators_pause_is_kept():
    sync_periodic_tasks(SWEEP)
    PeriodicTask.objects.filter(name="sweep").update(enabled=False)

    result = sync_periodic_tasks(
        {
            "sweep": {
                "task": "cases.tasks.sweep_deadlines_v2",
                "schedule": crontab(minute="0", hour="7", day_of_week="1-5"),
                "kwargs": {"lead": 3},
            }
        }
    )

    assert result.updated == ["sweep"]
    task = PeriodicTask.objects.get(name="sweep")
    assert task.task == "cases.tasks.sweep_deadlines_v2"
    assert (task.crontab.minute, task.crontab.hour, task.crontab.day_of_week) == ("0", "7", "1-5")
    assert task.kwargs == '{"lead": 3}'
    assert task.enabled is False
    assert PeriodicTask.objects.filter(name="sweep").count() == 1


def test_tasks_added_by_an_administrator_are_left_alone():
    sync_periodic_tasks(SWEEP)
    own = PeriodicTask.objects.get(name="sweep")
    PeriodicTask.objects.create(name="admin-made", task="x.y", crontab=own.crontab)

    sync_periodic_tasks(SWEEP)

    assert PeriodicTask.objects.filter(name="admin-made", task="x.y").exists()


def test_a_schedule_that_is_not_a_crontab_is_refused():
    with pytest.raises(CommandError, match="must be a celery crontab"):
        sync_periodic_tasks({"bad": {"task": "a.b", "schedule": timedelta(minutes=5)}})
    assert not PeriodicTask.objects.filter(name="bad").exists()


def test_the_shipped_settings_schedule_the_deadline_sweep(settings):
    sync_periodic_tasks()
    names = set(PeriodicTask.objects.values_list("name", flat=True))
    assert set(settings.IPCASES_PERIODIC_TASKS) <= names


def test_a_shipped_run_not_started_before_the_next_is_due_is_dropped():
    """A worker back after hours down would first work through a run of each sweep per
    minute it missed, the after-commit work (documents, notifications) waiting behind."""
    sync_periodic_tasks()
    expires = {task.name: ModelEntry(task, app=celery_app).options.get("expires")
               for task in PeriodicTask.objects.select_related("crontab")}
    assert expires["outbox-sweep"] == expires["worker-heartbeat"] == 60
    assert expires["deadline-reminder-sweep"] == 15 * 60
    assert expires["breached-agreements"] == 24 * 3600


def test_an_expiry_that_is_not_a_positive_number_of_seconds_is_refused():
    with pytest.raises(CommandError, match="positive number of seconds"):
        sync_periodic_tasks({"bad": {**SWEEP["sweep"], "expire_seconds": "60"}})
    assert not PeriodicTask.objects.filter(name="bad").exists()
