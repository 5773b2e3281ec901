"""The head's approvals: the queue (待审批), approving and returning with reasons.

The queue lists the pending requests of the head's office tree, oldest first, by page;
approving runs the submitted action with the head as its actor; returning asks for the
reasons on its own page (or the queue's inline form) and tells the officer.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases import permissions, workflows
from cases.errors import ConcurrentChange, OutOfScope, TransitionNotAllowed
from cases.models import ApprovalRequest, AuditAction, Role, User
from cases.selectors.approvals import approval_queue, approvals_for
from cases.services import approvals, audit
from cases.validators import parse_id
from cases.views.errors import scoped
from cases.views.redirects import next_page
from cases.views.workbench import MAX_PAGE, page_size


def _label(item: ApprovalRequest) -> str:
    return workflows.event_label(item.case.workflow, item.action) or item.action


def _back(request: HttpRequest) -> HttpResponse:
    return redirect(next_page(request, reverse("approval-queue")))


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not user.has_role(Role.HEAD):
        raise PermissionDenied(_("Only heads of office have an approvals queue."))
    size = page_size(request)
    page = parse_id(request.GET.get("page") or "1")
    if page is None or page > MAX_PAGE:
        return HttpResponseBadRequest(_("The page number must be a whole number from 1 to "
                                        "%(max)s.") % {"max": MAX_PAGE})
    start = (page - 1) * size
    rows = list(approval_queue(user)[start:start + size + 1])
    shown = rows[:size]
    if shown:
        audit.record(request, AuditAction.APPROVALS_READ,
                     detail=f"queue ?{audit.query_text(request.GET)} ({len(shown)})")
    return render(request, "cases/approvals.html", {
        "items": [{"request": r, "label": _label(r), "missing": missing}
                  for r, missing in zip(shown, approvals.missing_before_approvals(shown),
                                        strict=True)],
        "page": page, "has_next": len(rows) > size, "size": size,
    })


def _visible(user: User, pk: int) -> ApprovalRequest:
    try:
        return approvals_for(user).get(pk=pk)
    except ApprovalRequest.DoesNotExist:
        raise OutOfScope() from None


@login_required
@require_POST
@scoped
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    item = _visible(user, pk)
    try:
        approvals.approve(request_id=pk, actor=user)
    except (TransitionNotAllowed, ConcurrentChange) as exc:
        messages.error(request, str(exc.message))
        return _back(request)
    except ValidationError as exc:
        messages.error(request, _("The submitted input is no longer valid (%(errors)s); "
                                  "return it to the officer.")
                       % {"errors": "；".join(exc.messages)})
        return _back(request)
    messages.success(request, _("Approved: %(action)s, %(number)s.")
                     % {"action": _label(item), "number": item.case.number})
    return _back(request)


@login_required
@scoped
def return_request(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    item = _visible(user, pk)
    if not permissions.is_head(item.case, user):
        raise PermissionDenied(_("Only a head of the case's office or of a superior office "
                                 "decides on approvals."))
    error = ""
    if request.method == "POST":
        try:
            approvals.return_request(request_id=pk, actor=user,
                                     reasons=request.POST.get("reasons", ""))
        except ValidationError as exc:
            error = "；".join(exc.messages)
        except (TransitionNotAllowed, ConcurrentChange) as exc:
            messages.error(request, str(exc.message))
            return _back(request)
        else:
            messages.success(request, _("Returned to %(who)s: %(action)s, %(number)s.")
                             % {"who": item.requested_by.display_name,
                                "action": _label(item), "number": item.case.number})
            return _back(request)
    else:
        audit.record(request, AuditAction.APPROVALS_READ, obj=item,
                     detail=f"return {item.case.number}")
    return render(request, "cases/approval_return.html", {
        "item": item, "label": _label(item), "error": error,
        "reasons": request.POST.get("reasons", ""),
        "next": request.POST.get("next") or request.GET.get("next") or "",
    }, status=400 if error else 200)
