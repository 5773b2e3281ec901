"""After-commit work on documents: rendering drafts and converting versions to PDF.

Both take ids only, are idempotent (a second delivery finds the work done and leaves it)
and call a service.
"""

from __future__ import annotations

from celery import shared_task

from documents import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_document(document_id: int) -> str:
    document = services.render_draft(document_id)
    return document.render_status if document is not None else "skipped"


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def convert_pdf(version_id: int) -> str:
    version = services.convert_version_to_pdf(version_id)
    return version.pdf_status if version is not None else "missing"
