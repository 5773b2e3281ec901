"""Celery tasks of mediation: idempotent, a service call inside."""

from __future__ import annotations

import logging

from celery import shared_task

from mediation.services import breach, reminders

logger = logging.getLogger("ipcases.tasks")


@shared_task
def remind_agreement_terms() -> dict[str, int]:
    result = reminders.remind_agreement_terms()
    counts = {"due_soon": result.due_soon, "missed": result.missed,
              "filing_windows": result.filing_windows}
    logger.info("agreement term reminders", extra=counts)
    return counts


@shared_task
def mark_breached_agreements() -> dict[str, int]:
    """A missed term marks the agreement breached (idempotent: only performing cases)."""
    result = breach.mark_breaches()
    counts = {"breached": len(result.breached), "skipped": result.skipped}
    logger.info("breached agreements", extra=counts)
    return counts
