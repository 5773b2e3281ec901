"""After-commit work that must not be lost: written as an ``OutboxEntry`` in the
transaction of the change, handed to Celery after commit, and run again by a periodic
sweep whatever a broker outage, a lost message or a failed attempt left open.

Each attempt takes a lease (``next_attempt_at`` in the future) before it runs, so the task
and the sweep never run the same entry at once, and a worker that died mid-way gives the
entry back when its lease ends. A failed attempt is retried with exponential backoff and
jitter, indefinitely: the entry, its attempts and its last error stay visible in the
admin until the work succeeds. The work itself is a Celery task (by name) whose body is
idempotent, so running it again after an unclear end is harmless.
"""

from __future__ import annotations

import importlib
import logging
import random
from datetime import timedelta
from typing import Any

from celery import Task
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.models import OutboxEntry
from cases.services import fixed_writes

logger = logging.getLogger("ipcases.outbox")

RUN_TASK = "cases.tasks.run_outbox_entry"
# Longer than any single piece of work (LibreOffice runs under a shorter time limit).
LEASE = timedelta(minutes=15)
# A new entry is normally run by its own task within seconds; the sweep leaves it that long.
GRACE = timedelta(minutes=2)
BASE_DELAY = timedelta(seconds=10)
MAX_BACKOFF = timedelta(hours=1)
KEEP_PROCESSED = timedelta(days=30)


def backoff(attempts: int) -> timedelta:
    """The wait before retry number ``attempts``: doubling from 10 s up to an hour, with
    "equal jitter" (half fixed, half random) so that work failed by one outage does not
    come back all at the same moment."""
    ceiling = min(MAX_BACKOFF, BASE_DELAY * 2 ** min(attempts, 20))
    return ceiling / 2 + ceiling / 2 * random.random()  # noqa: S311 - not for security


def task_named(name: str) -> Task:
    """The Celery task of that dotted name, imported on demand (Celery's autodiscovery
    registers tasks only in a worker, and a web process may not have imported them)."""
    module, _dot, attr = name.rpartition(".")
    task = getattr(importlib.import_module(module), attr)
    if not isinstance(task, Task):
        raise TypeError(f"{name} is not a Celery task")
    return task


def send_after_commit(task_name: str, *args: Any) -> None:
    """Queue a Celery task after commit. A broker that cannot take it is logged, never
    raised: the change is committed and its outbox row is picked up by a sweep, so the
    user gets the answer for the change, not a 500 about the queue. Published once,
    without Celery's publish retries: with the broker down they held the request about
    two seconds per message, for work the sweep delivers anyway."""

    def send() -> None:
        try:
            task_named(task_name).apply_async(args, retry=False)
        except Exception:  # noqa: BLE001 - any broker failure; the sweep delivers later
            logger.warning("could not queue %s%r; the outbox sweep will run it", task_name,
                           args, exc_info=True)

    transaction.on_commit(send)


def key_of(task_name: str, args: list[Any] | tuple[Any, ...]) -> str:
    return f"{task_name}:{','.join(str(a) for a in args)}"[:200]


def enqueue(task_name: str, *args: Any) -> OutboxEntry:
    """Record work for after commit (call inside the transaction of the change)."""
    entry = OutboxEntry(task=task_name, args=list(args), key=key_of(task_name, args))
    fixed_writes.insert(entry)
    send_after_commit(RUN_TASK, entry.pk)
    return entry


def insert_and_enqueue(obj: Any, task_name: str) -> OutboxEntry:
    """Insert the new row ``obj`` and record ``task_name(obj.pk)`` for after commit (in
    the transaction of the change): on PostgreSQL the row and the outbox entry in one
    statement (``fixed_writes.insert_with_entry``), elsewhere one after the other."""
    entry = OutboxEntry(task=task_name, args=[], key="")
    if not fixed_writes.insert_with_entry(obj, entry, key_of(task_name, [""])):
        fixed_writes.insert(obj)
        return enqueue(task_name, obj.pk)
    send_after_commit(RUN_TASK, entry.pk)
    return entry


def ensure(task_name: str, *args: Any) -> OutboxEntry | None:
    """Enqueue the work unless an open entry for it exists (the stuck-work sweeps)."""
    with transaction.atomic():
        if OutboxEntry.objects.filter(key=key_of(task_name, args),
                                      processed_at__isnull=True).exists():
            return None
        return enqueue(task_name, *args)


def run_entry(entry_id: int) -> bool:
    """One attempt at an entry; True when its work is done (now or before)."""
    now = timezone.now()
    claimed = (OutboxEntry.objects.filter(pk=entry_id, processed_at__isnull=True)
               .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
               .update(next_attempt_at=now + LEASE))
    if not claimed:
        return False
    entry = OutboxEntry.objects.get(pk=entry_id)
    try:
        task_named(entry.task).run(*entry.args)
    except Exception as exc:  # noqa: BLE001 - any failure (a locked database too) is retried
        attempts = entry.attempts + 1
        logger.warning("outbox entry %s (%s) failed, attempt %s", entry.pk, entry.key,
                       attempts, exc_info=True)
        OutboxEntry.objects.filter(pk=entry_id).update(
            attempts=attempts, last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=timezone.now() + backoff(attempts))
        return False
    OutboxEntry.objects.filter(pk=entry_id).update(processed_at=timezone.now(), last_error="")
    return True


def sweep(limit: int = 200) -> int:
    """Run the open entries that are due: never attempted and older than the grace
    period, or whose retry time or lease has come. Returns how many succeeded."""
    now = timezone.now()
    due = (OutboxEntry.objects.filter(processed_at__isnull=True)
           .filter(Q(next_attempt_at__lte=now)
                   | Q(next_attempt_at__isnull=True, created_at__lte=now - GRACE))
           .order_by("id").values_list("pk", flat=True)[:limit])
    done = sum(run_entry(pk) for pk in list(due))
    OutboxEntry.objects.filter(processed_at__lt=now - KEEP_PROCESSED).delete()
    return done
