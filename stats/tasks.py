"""Celery tasks of the statistics: idempotent, a service call inside."""

from __future__ import annotations

import logging

from celery import shared_task

from stats import summary

logger = logging.getLogger("ipcases.tasks")


@shared_task
def drain_summary() -> int:
    """Periodic catch-up: count the cases marked as changed that no drain after an event
    took (a change without a timeline entry, such as a party's corrected identifier or a
    clock recomputed for a new calendar year; a worker that was down). Skipped while
    another drain runs."""
    counted = summary.drain(wait=False)
    if counted:
        logger.info("statistics summary drained", extra={"cases": counted})
    return counted
