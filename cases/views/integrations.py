"""Seams to the documents and search apps, which the case page embeds as panels.

Each panel is rendered by the owning app when it is installed and offers the hook;
otherwise the case page shows an informative empty state instead of failing.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from django.http import HttpRequest

    from cases.models import Case


log = logging.getLogger(__name__)


def _hook(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def documents_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """The ruling documents panel (generate, progress, download, issue, void)."""
    try:
        import documents.services  # noqa: F401  (the panel needs the app's services)
        from documents.views import documents_panel as render
    except ImportError:
        return None
    return render(request, case)


def similar_cases_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """Similar cases and consistency statistics, shown while a draft awaits approval."""
    if case.state != "pending_approval":
        return None
    try:
        from search.consistency import consistency_for_case
        from search.similarity import similar_to_case
    except ImportError:
        return None
    from django.template.loader import render_to_string

    user = request.user
    try:
        similar = similar_to_case(user, case, k=8)  # type: ignore[arg-type]
        consistency = consistency_for_case(user, case)  # type: ignore[arg-type]
    except Exception:  # the index is a separate service; the case page must still open
        log.exception("similar cases failed for case %s", case.pk)
        return render_to_string("search/similar_panel.html", {"error": True},
                                request=request)
    return render_to_string("search/similar_panel.html", {
        "similar": similar, "c": consistency, "case": case}, request=request)
