"""After-commit work on documents: rendering drafts and converting versions to PDF.

Both take ids only, are idempotent (a second delivery finds the work done and leaves it)
and call a service. They run through the outbox (``cases.services.outbox``), which
retries a failure with backoff; a periodic sweep queues again anything left waiting.
"""

from __future__ import annotations

from celery import shared_task, signals

from documents import services


@shared_task
def render_document(document_id: int) -> str:
    document = services.render_draft(document_id)
    return document.render_status if document is not None else "skipped"


@shared_task
def convert_pdf(version_id: int) -> str:
    version = services.convert_version_to_pdf(version_id)
    return version.pdf_status if version is not None else "missing"


@shared_task
def requeue_stuck_documents() -> int:
    """Periodic: renders and conversions still waiting without outbox work."""
    return services.requeue_stuck()


@signals.worker_process_shutdown.connect
def stop_converter(**_kwargs: object) -> None:
    """A pool process leaves through os._exit, so atexit would never stop its soffice."""
    from documents.pdf import shutdown_converter

    shutdown_converter()
