"""The statistics page (统计分析), its export, and the repeat-infringer list (重复侵权)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from cases.models import AuditAction, Role, User
from cases.services import audit
from stats import exports
from stats.forms import RepeatFilterForm, StatisticsForm
from stats.repeat import findings_of, repeat_list, window_start
from stats.selectors import build_report

PAGE_SIZE = 25


def may_see_statistics(user: Any) -> bool:
    """Heads of office, legal staff and administrators."""
    return bool(getattr(user, "is_authenticated", False)) and (
        user.has_role(Role.HEAD, Role.LEGAL) or user.is_system_admin)


def _user(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not may_see_statistics(user):
        raise PermissionDenied(_("The statistics are for heads of office, legal staff and "
                                 "administrators."))
    return user


def _report(request: HttpRequest) -> tuple[StatisticsForm, Any]:
    form = StatisticsForm(request.GET or None, user=_user(request))
    if form.is_bound and not form.is_valid():
        return form, None
    if not form.is_bound:
        form = StatisticsForm({}, user=request.user)  # type: ignore[arg-type]
        form.is_valid()
        if form.errors:
            return form, None
    data = form.cleaned_data
    return form, build_report(data["office"], data["start"], data["end"], data["workflow"])


@login_required
@require_safe
def statistics(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    return render(request, "stats/statistics.html", {
        "form": form, "report": report,
        "charts": exports.chart_data(report) if report else None,
        "query": request.GET.urlencode(),
    }, status=400 if report is None else 200)


@login_required
@require_safe
def statistics_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    form, report = _report(request)
    if report is None:
        return render(request, "stats/statistics.html", {"form": form, "report": None},
                      status=400)
    if fmt == "csv":
        response = exports.report_csv(report)
    else:
        response = exports.report_xlsx(report)
    audit.record(request, AuditAction.LIST_EXPORTED, office=report.office,
                 detail=f"statistics.{fmt} ?{audit.query_text(request.GET)}")
    return response


def _repeat(request: HttpRequest) -> tuple[RepeatFilterForm, Any, bool]:
    user = _user(request)
    form = RepeatFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    effective = bool(data.get("effective"))
    rows = repeat_list(user, effective_only=effective, text=(data.get("q") or "").strip())
    return form, rows, effective


@login_required
@require_safe
def repeat_infringers(request: HttpRequest) -> HttpResponse:
    form, rows, effective = _repeat(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    found = findings_of([r["party__id_number"] for r in page.object_list],
                        request.user, effective_only=effective)  # type: ignore[arg-type]
    items = [{**r, "findings_list": found.get(r["party__id_number"], [])}
             for r in page.object_list]
    if items:  # names with identity numbers, searchable by them: as the party list
        audit.record(request, AuditAction.PARTY_DATA_READ,
                     detail=f"repeat-infringers ?{audit.query_text(request.GET)} ({len(items)})")
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "stats/repeat_infringers.html", {
        "form": form, "page": page, "items": items, "query": params.urlencode(),
        "years": settings.REPEAT_INFRINGER_WINDOW_YEARS, "since": window_start(),
    }, status=400 if form.errors else 200)


@login_required
@require_safe
def repeat_infringers_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    form, rows, effective = _repeat(request)
    rows = list(rows[:exports.REPEAT_EXPORT_LIMIT])
    found = findings_of([r["party__id_number"] for r in rows], request.user,  # type: ignore[arg-type]
                        effective_only=effective)
    response = exports.repeat_export(rows, found, fmt)
    audit.record(request, AuditAction.LIST_EXPORTED,
                 detail=f"repeat-infringers.{fmt} ?{audit.query_text(request.GET)}")
    return response
