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


def search_precedents(request: HttpRequest) -> dict[str, Any] | None:
    """Results, facets and paging for the query in ``request.GET``, or None when the search
    app offers no search yet."""
    run = _hook("search.ui", "search_page_context")
    return run(request) if run else None


def precedent_detail(request: HttpRequest, pk: str) -> dict[str, Any] | None:
    load = _hook("search.ui", "precedent_page_context")
    return load(request, pk) if load else None
