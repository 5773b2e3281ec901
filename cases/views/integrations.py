"""Seams to the documents and search apps, which the case page embeds as panels.

Each panel is rendered by the owning app when it is installed and offers the hook;
otherwise the case page shows an informative empty state instead of failing.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from django.http import HttpRequest

    from cases.models import Case


def _hook(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def documents_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """The ruling documents panel (generate, progress, download, issue, void)."""
    render = _hook("documents.views", "case_documents_panel")
    return render(request, case) if render else None


def similar_cases_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """Similar cases and consistency statistics, shown while a draft awaits approval."""
    if case.state != "pending_approval":
        return None
    render = _hook("search.views", "similar_cases_panel")
    return render(request, case) if render else None


def search_available() -> bool:
    return _hook("search.views", "precedent_search") is not None
