"""The case page's timeline by keyset pages, newest first (the API's is oldest first,
decision 58): the case page shows the latest entries, and "更早的记录" loads the next older
page into the list (htmx) or shows it on a page of its own, so that a case with hundreds
of entries renders with the same few queries as one with three."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.models import AuditAction, Case, CaseEvent
from cases.selectors.cases import case_detail as select_case
from cases.selectors.cases import case_timeline
from cases.services import audit
from cases.views.errors import is_htmx, scoped
from cases.views.paging import SortSpec, decode_cursor, keyset_page

TIMELINE_ORDER = SortSpec("at", ("at", "pk"), (datetime, int))
# Entries per page: the latest on the case page, as many more per "更早的记录".
TIMELINE_PAGE = 30


def timeline_page(case: Case, older_than: str | None = None
                  ) -> tuple[list[CaseEvent], str | None]:
    """The entries before ``older_than`` (a cursor; None: the latest), newest first, and
    the cursor of the page older still (None: none left)."""
    found = keyset_page(case_timeline(case), TIMELINE_ORDER, descending=True,
                        size=TIMELINE_PAGE, after=older_than)
    return found.rows, found.next_cursor


@login_required
@require_GET
@scoped
def case_timeline_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The entries of a case's timeline older than ``?older=`` (without it, the latest):
    the list items and the link to the ones before them (htmx), or a page of their own."""
    case = select_case(request.user, pk)  # type: ignore[arg-type]
    cursor = request.GET.get("older") or None
    if cursor is not None and decode_cursor(cursor, TIMELINE_ORDER) is None:
        return HttpResponse(_("This link to earlier entries is not valid: open the case "
                              "page again."), status=400)
    audit.record(request, AuditAction.CASE_VIEWED, obj=case,
                 detail=f"timeline {case.number}")
    events, older = timeline_page(case, cursor)
    template = ("cases/partials/timeline_entries.html" if is_htmx(request)
                else "cases/timeline_page.html")
    return render(request, template, {"case": case, "timeline": events, "older": older})
