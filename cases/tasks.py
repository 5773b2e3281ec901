"""Celery tasks of the cases app: ids in, idempotent, a service call inside."""

from __future__ import annotations

import logging

from celery import shared_task
from django_celery_results.models import TaskResult

from cases import workflows
from cases.models import CaseEvent
from cases.services import notifications, outbox, staging

logger = logging.getLogger("ipcases.tasks")


@shared_task
def run_outbox_entry(entry_id: int) -> bool:
    """One attempt at an outbox entry (queued after the commit that wrote it)."""
    return outbox.run_entry(entry_id)


@shared_task
def sweep_outbox() -> int:
    """Periodic: run whatever a broker outage, a lost message or a failure left open."""
    return outbox.sweep()


@shared_task
def after_case_event(event_id: int) -> int:
    """After-commit work of a timeline event (through the outbox): notices for whoever
    must act next, then the apps' work after events (the statistics summary). Notices are
    deduplicated and that work is idempotent, so a second run adds nothing."""
    event = CaseEvent.objects.select_related("case").filter(pk=event_id).first()
    if event is None:
        return 0
    sent = notifications.notify_after_event(event)
    for work in workflows.after_event_work():
        work(event)
    return sent


@shared_task
def sweep_deadlines() -> dict[str, object]:
    result = notifications.sweep_deadlines()
    logger.info("deadline sweep", extra={"notifications_created": result.created,
                                         "missing_years": sorted(result.missing_years)})
    return {"created": result.created, "missing_years": sorted(result.missing_years)}


@shared_task
def purge_staged_uploads() -> int:
    """Periodic: files kept from refused intake forms go once older than a day, even when
    nobody files another request (their owner may never come back)."""
    return staging.purge_staged()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails() -> int:
    return notifications.send_pending_emails()


HEARTBEAT_TASK_ID = "worker-heartbeat"


@shared_task(ignore_result=True)
def worker_heartbeat() -> None:
    """Proof that a worker takes tasks, for /healthz: one row, its time refreshed."""
    TaskResult.objects.update_or_create(
        task_id=HEARTBEAT_TASK_ID,
        defaults={"task_name": "cases.tasks.worker_heartbeat", "status": "SUCCESS"},
    )
