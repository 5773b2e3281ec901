"""Precedent search (类案检索) pages: query, facets, highlighted snippets, a precedent's
own page with similar cases. The index and its queries belong to the ``search`` app;
these pages render what its selectors return, or say plainly that search is not there."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.views import integrations


@login_required
def precedent_search(request: HttpRequest) -> HttpResponse:
    results = integrations.search_precedents(request)
    return render(request, "cases/precedent_search.html", {
        "q": request.GET.get("q", ""), "available": results is not None,
        "results": results,
    })


@login_required
def precedent_detail(request: HttpRequest, pk: str) -> HttpResponse:
    precedent = integrations.precedent_detail(request, pk)
    if precedent is None:
        raise Http404(_("No such precedent, or you may not see it."))
    return render(request, "cases/precedent_detail.html", precedent)
