"""Celery tasks of the search app."""

from __future__ import annotations

from celery import shared_task

from search import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def drain_outbox() -> int:
    return services.drain_outbox()


@shared_task
def sweep_outbox() -> int:
    """Periodic: index whatever a lost or failed drain left in the outbox."""
    return services.drain_outbox()
