"""Precedent search (类案检索) pages: query box, facets with counts, highlighted snippets,
filters and sort; a precedent's own page with its text and similar decisions.

The index, its scoping and its queries belong to the ``search`` app; these views only turn
the request into its ``Filters`` and render what its selectors return. A backend that is
down gives a clear message, never a 500.
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import workflows
from cases.errors import OutOfScope
from cases.models import AuditAction, Case, Office, User
from cases.models.rights import InfringingAct, RightKind
from cases.regions import region_label
from cases.services import audit
from search.backends.base import (
    FACET_EXACT_LIMIT,
    FACET_SAMPLE,
    Filters,
    InvalidWindow,
    check_page,
)
from search.consistency import consistency_for_case
from search.models import DecisionOutcome
from search.query import understand
from search.selectors import decision_detail, search_precedents
from search.similarity import Features, similar_decisions, similar_to_case
from search.thresholds import decision_thresholds

log = logging.getLogger(__name__)
SORTS = ("relevance", "date", "amount")
PAGE_SIZE = 20


class BadFilter(ValueError):
    """A filter typed or edited into the address that cannot be applied (an input error)."""


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise BadFilter(_("Enter dates as YYYY-MM-DD, for example 2024-01-31.")) from None


def _amount(value: str | None) -> float | None:
    if not value:
        return None
    try:
        amount = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        amount = Decimal("NaN")
    if not amount.is_finite() or not 0 <= amount < 10**12:
        raise BadFilter(_("Enter amounts in yuan as a number from 0, for example 5000 or "
                          "12500.50."))
    return float(amount)


def _filters(g: QueryDict) -> Filters:
    """The filters of a search, or ``BadFilter`` saying what to correct: a filter that
    cannot be applied is not silently left out (the page would claim it was)."""
    year = g.get("year", "")
    if year and not (year.isascii() and year.isdigit() and len(year) == 4):
        raise BadFilter(_("The year must be four digits, for example 2024."))
    date_from = _date(g.get("date_from")) or (_date(f"{year}-01-01") if year else None)
    date_to = _date(g.get("date_to")) or (_date(f"{year}-12-31") if year else None)
    if date_from and date_to and date_from > date_to:
        raise BadFilter(_("The end date is before the start."))
    amount_min, amount_max = _amount(g.get("amount_min")), _amount(g.get("amount_max"))
    if amount_min is not None and amount_max is not None and amount_min > amount_max:
        raise BadFilter(_("The maximum amount is below the minimum."))
    for param, kinds in (("ip_type", RightKind), ("act", InfringingAct),
                         ("outcome", DecisionOutcome)):
        unknown = [v for v in g.getlist(param) if v not in kinds.values]
        if unknown:
            raise BadFilter(_("Unknown filter “%(value)s”: choose among the listed ones.")
                            % {"value": unknown[0]})
    return Filters(
        ip_types=g.getlist("ip_type"), acts=g.getlist("act"), platforms=g.getlist("platform"),
        outcomes=g.getlist("outcome"), region_prefix=g.get("region") or None,
        date_from=date_from, date_to=date_to, amount_min=amount_min, amount_max=amount_max,
        guiding_only=g.get("guiding") == "1",
    )


def facet_labels() -> dict[str, dict[str, str]]:
    return {
        "ip_type": {k: str(v) for k, v in RightKind.choices},
        "outcome": {k: str(v) for k, v in DecisionOutcome.choices},
        "acts": {k: str(v) for k, v in InfringingAct.choices},
        "platform": {"offline": str(gettext_lazy("Offline"))},
        "region": dict(Office.objects.values_list("region_code", "region_name")),
    }


def _facet_label(labels: dict[str, dict[str, str]], name: str, value: str) -> str:
    """A facet value's label; a region outside the office tree (a decision imported from
    another province) by its GB/T 2260 name, never its bare code."""
    label = labels.get(name, {}).get(value)
    if label:
        return label
    return region_label(value) if name == "region" else value


FACET_PARAMS = {"ip_type": "ip_type", "outcome": "outcome", "acts": "act",
                "platform": "platform", "region": "region", "year": "year"}
# gettext_lazy by its own name: makemessages does not know an alias, and left these out.
FACET_TITLES = {"ip_type": gettext_lazy("IP type"), "outcome": gettext_lazy("Outcome"),
                "acts": gettext_lazy("Infringing acts"),
                "platform": gettext_lazy("Online platform"),
                "region": gettext_lazy("Region"), "year": gettext_lazy("Year")}


@login_required
def precedent_search(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    g = request.GET
    q = g.get("q", "").strip()
    sort = g.get("sort") or "relevance"
    if sort not in SORTS:
        sort = "relevance"
    context: dict[str, Any] = {"q": q, "sort": sort, "sorts": [
        ("relevance", _("Relevance")), ("date", _("Newest first")),
        ("amount", _("Amount"))], "error": None, "page": None}
    raw_page = g.get("page", "1").strip() or "1"
    digits = raw_page.isascii() and raw_page.isdigit()
    # 20 digits already exceed any window; int() of thousands of digits is refused anyway.
    page_no = int(raw_page) if digits and len(raw_page) < 20 else (10**20 if digits else 0)
    try:
        check_page(page_no, PAGE_SIZE)
    except InvalidWindow as exc:
        context["error"] = str(exc)
        return render(request, "search/precedent_search.html", context, status=400)
    try:
        filters = _filters(g)
    except BadFilter as exc:
        context["error"] = str(exc)
        return render(request, "search/precedent_search.html", context, status=400)
    try:
        page = search_precedents(user, text=q, filters=filters, sort=sort, page=page_no,
                                 page_size=PAGE_SIZE)
    except Exception:  # the index is a separate service: say so instead of failing
        log.exception("precedent search failed")
        context["error"] = _("The precedent index cannot be reached right now; try again "
                             "later or tell the administrator.")
        return render(request, "search/precedent_search.html", context, status=503)
    audit.record(request, AuditAction.PRECEDENTS_SEARCHED, detail=audit.query_text(g))
    flagged = decision_thresholds(hit.decision for hit in page.hits)
    for hit in page.hits:
        hit.thresholds = flagged.get(hit.decision.pk, [])
    labels = facet_labels()
    selected = {param: g.getlist(param) for param in FACET_PARAMS.values()}
    facets = []
    for name, counts in (page.facets or {}).items():
        if not counts or name not in FACET_PARAMS:
            continue
        param = FACET_PARAMS[name]
        facets.append({
            "name": name, "param": param, "title": FACET_TITLES[name],
            "values": [(value, _facet_label(labels, name, value), n, value in selected[param])
                       for value, n in sorted(counts.items(), key=lambda kv: -kv[1])[:12]],
        })
    base = g.copy()
    base.pop("page", None)
    plan = understand(q)
    context.update({"page": page, "facets": facets, "filters": filters,
                    "facet_sample": FACET_SAMPLE, "facet_limit": f"{FACET_EXACT_LIMIT:,}",
                    # Typed, but only punctuation or symbols: the list is not a match.
                    "unsearchable": bool(q) and plan.empty and not plan.excluded,
                    "labels": labels, "base_query": base.urlencode(),
                    "any_filter": any(selected.values()) or filters.guiding_only})
    return render(request, "search/precedent_search.html", context)


@login_required
def precedent_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    try:
        decision = decision_detail(user, pk)
    except OutOfScope:
        raise Http404(_("No such precedent, or you may not see it.")) from None
    audit.record(request, AuditAction.PRECEDENT_VIEWED, obj=decision, detail=str(decision))
    try:
        similar = similar_decisions(user, Features(
            text=decision.full_text or decision.holding or decision.title,
            ip_type=decision.ip_type, acts=list(decision.infringing_acts or []),
            exclude_ids=[decision.pk]), k=8)
    except Exception:  # the page still shows the decision itself
        log.exception("similar decisions failed")
        similar = []
    return render(request, "search/precedent_detail.html", {
        "d": decision, "similar": similar, "labels": facet_labels(),
        "thresholds": decision_thresholds([decision]).get(decision.pk, [])})


def similar_cases_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """Similar decided cases and consistency statistics, shown in the states the case's
    workflow names (e.g. while a draft awaits approval)."""
    mapping = workflows.of(case).precedent
    if mapping is None or case.state not in mapping.compare_in:
        return None
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
