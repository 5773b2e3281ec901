"""The workbench (我的待办) and notifications."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import workdays, workflows
from cases.models import AuditAction, Notification, Role
from cases.selectors.approvals import approval_queue
from cases.selectors.workbench import (
    countdown,
    state_counts,
    unread_notifications,
    urgency_counts,
    waiting_keys,
    workbench_page,
)
from cases.services import approvals as approval_services
from cases.services import audit
from cases.validators import parse_id
from cases.views.errors import is_htmx

PAGE_SIZES = (10, 20, 50, 100)
# The head's workbench shows this many of the approvals queue (all on /approvals/).
APPROVALS_SHOWN = 5
MAX_PAGE = 10_000


def page_size(request: HttpRequest, default: int = 20) -> int:
    try:
        size = int(request.GET.get("size", default))
    except ValueError:
        return default
    return size if size in PAGE_SIZES else default


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    size = page_size(request)
    state = request.GET.get("state") or None
    if state and not workflows.is_state_filter(state):
        state = None
    page = parse_id(request.GET.get("page") or "1")
    if page is None or page > MAX_PAGE:
        return HttpResponseBadRequest(_("The page number must be a whole number from 1 to "
                                        "%(max)s.") % {"max": MAX_PAGE})
    start = (page - 1) * size
    keys = waiting_keys(user)  # type: ignore[arg-type]
    # One row more than the page tells whether a next page exists without a COUNT.
    rows = workbench_page(user, state=state, keys=keys,  # type: ignore[arg-type]
                          start=start, size=size)
    has_next = len(rows) > size
    items: list[dict[str, Any]] = [
        {"case": c, "clock": countdown(
            getattr(c, "next_name", None), getattr(c, "next_due_at", None),
            getattr(c, "next_due_on", None), getattr(c, "next_unit", None),
            code=getattr(c, "next_code", None),
            provisional=getattr(c, "any_provisional", False)),
         # The row is marked for any provisional clock of the case; the mark says so
         # when the clock shown is not itself the provisional one.
         "provisional_elsewhere": bool(getattr(c, "any_provisional", False)
                                       and not getattr(c, "next_provisional", False))}
        for c in rows[:size]
    ]
    queue = approval_queue(user)  # type: ignore[arg-type]
    shown = list(queue[:APPROVALS_SHOWN])
    approvals = [{"request": r, "label": workflows.event_label(r.case.workflow, r.action),
                  "missing": missing}
                 for r, missing in zip(shown, approval_services.missing_before_approvals(shown),
                                       strict=True)]
    if shown:  # what was submitted for approval, as on the queue's page
        audit.record(request, AuditAction.APPROVALS_READ, detail=f"workbench ({len(shown)})")
    counts = state_counts(user, keys)  # type: ignore[arg-type]
    approval_states = [key for spec in workflows.all_workflows() if spec.approval_state
                       for key in (spec.approval_state,
                                   workflows.state_key(spec.name, spec.approval_state))]
    overdue, soon = urgency_counts(user, keys)  # type: ignore[arg-type]
    notes, unread = unread_notifications(user)  # type: ignore[arg-type]
    return render(request, "cases/workbench.html", {
        "items": items, "counts": counts, "total": sum(n for _s, _l, n in counts),
        "state": state,
        # The chips the filter selects: its own, or every workflow's chip of a bare state
        # (?state=pending_approval, the head's approvals link).
        "selected_states": {value for value, _label, _n in counts
                            if state in (value, value.partition(":")[2])},
        "approval_states": approval_states,
        # Cases waiting in a workflow's approval state (a draft ruling, a referral) for
        # the head's decision, whether or not a request was submitted for it: the card
        # must not say nothing waits while they do.
        "awaiting_decision": sum(n for key, _label, n in counts if key in approval_states),
        "page": page, "has_next": has_next, "size": size,
        "page_sizes": PAGE_SIZES, "notifications": notes, "unread": unread,
        "overdue": overdue, "soon": soon,
        "approvals": approvals,
        "approvals_total": len(approvals) if len(approvals) < APPROVALS_SHOWN
        else queue.count(),
        "is_head": user.has_role(Role.HEAD),  # type: ignore[union-attr]
        # Only those who can enter the calendar are told it is missing; officers see the
        # provisional marks on the clocks themselves.
        "calendar_gaps": (workdays.missing_years_ahead(timezone.localdate())
                          if user.has_perm("cases.add_calendaryear") else []),
    })


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    if is_htmx(request):
        return HttpResponse("")
    return redirect("home")


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(recipient_id=request.user.pk, read_at__isnull=True).update(
        read_at=timezone.now())
    return redirect("home")
