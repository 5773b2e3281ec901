"""The draft ruling's own page (the panel edits it) and the review page (legal staff and
the head read the draft with the answer, the hearing record, the evidence and the
differences since the last review)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases.errors import ConcurrentChange, TransitionNotAllowed
from cases.models import AuditAction, User
from cases.ruling import review as r
from cases.ruling.models import CaseState
from cases.selectors.approvals import case_approvals
from cases.selectors.cases import case_detail as select_case
from cases.services import audit, runner
from cases.views.errors import scoped

SUBMIT = "submit_for_approval"


@login_required
@scoped
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case = select_case(user, pk)
    if case.workflow != "ruling":
        raise PermissionDenied(_("This case has no draft ruling."))
    if not r.may_edit_draft(case, user):
        raise PermissionDenied(_("Only the case's officers edit the draft."))
    editable = case.ruling.state == CaseState.DELIBERATION
    status = 200
    if request.method == "POST":
        if not editable:
            messages.error(request, _("The draft can be edited while the panel deliberates."))
            form = r.DraftForm(initial=r.draft_snapshot(case.ruling),
                               case=case, actor=user)
            return render(request, "ruling/draft.html",
                          {"case": case, "form": form, "editable": False,
                           "review": r.last_review(case)}, status=409)
        submitting = "submit" in request.POST
        try:
            if submitting:
                runner.perform_transition(case_id=pk, actor=user, name=SUBMIT,
                                          data=request.POST)
            else:
                r.save_draft(case_id=pk, actor=user, data=request.POST)
        except ValidationError as exc:
            form = r.DraftForm(request.POST, case=case, actor=user)
            form.is_valid()
            for field, errors in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                for error in errors:
                    if error not in form.errors.get(field if field in form.fields else
                                                    "__all__", []):
                        form.add_error(field if field in form.fields else None, error)
            status = 400
        except (TransitionNotAllowed, ConcurrentChange) as exc:
            messages.error(request, str(exc.message))
            return redirect("case-detail", pk=pk)
        else:
            if submitting:
                messages.success(request, _("The draft has been submitted for legal review "
                                            "and approval."))
                return redirect("case-detail", pk=pk)
            messages.success(request, _("Draft saved."))
            return redirect("ruling-draft", pk=pk)
    else:
        audit.record(request, AuditAction.CASE_VIEWED, obj=case,
                     detail=f"draft {case.number}")
        initial = r.draft_snapshot(case.ruling)
        form = r.DraftForm(initial=initial, case=case, actor=user)
    context = {"case": case, "form": form, "editable": editable,
               "review": r.last_review(case)}
    return render(request, "ruling/draft.html", context, status=status)


@login_required
@require_GET
@scoped
def review(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case = select_case(user, pk)
    if case.workflow != "ruling":
        raise PermissionDenied(_("This case has no draft ruling."))
    if not r.may_review(case, user):
        raise PermissionDenied(_("The review page is for legal staff and the head of office."))
    audit.record(request, AuditAction.CASE_VIEWED, obj=case, detail=f"review {case.number}")
    actions = {a.name: a for a in runner.available_actions(case, user)}
    context = {"case": case, **r.review_context(case),
               "review_action": actions.get("record_legal_review"),
               "return_action": actions.get("return_draft"),
               "approvals": [a for a in case_approvals(case) if a.pending],
               "can_decide_approvals": r.is_head(case, user),
               "here": reverse("ruling-review", args=[pk])}
    return render(request, "ruling/review.html", context)
