"""The case page (header, clocks, timeline, evidence) and its actions.

An action is a form (the same one the REST API validates with) opened in a modal by htmx,
or as its own page without JavaScript. Its POST runs the one service call, and every
domain error is mapped here: 400 re-renders the form with the field messages, 409 shows
why and reloads the case, 403 and 404 are Django's pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import permissions, workflows
from cases.errors import ConcurrentChange, TransitionNotAllowed
from cases.evidence_forms import OFFICE, EvidenceItemForm
from cases.models import AuditAction, Case, Evidence, EvidenceItem, User
from cases.models.participants import PartyRole
from cases.models.rights import rights_heading
from cases.selectors.approvals import case_approvals
from cases.selectors.cases import DeadlineView, deadline_views
from cases.selectors.cases import case_detail as select_case
from cases.selectors.scope import may_see_case
from cases.selectors.workbench import DUE_SOON_WORKING_DAYS
from cases.services import approvals, assignments, audit, runner
from cases.services import evidence as evidence_services
from cases.services.evidence import add_evidence_item, can_record_evidence
from cases.views.errors import is_htmx, scoped
from cases.views.timeline import timeline_page


def _level(d: DeadlineView) -> str:
    """The same urgency colours as the workbench: red overdue, amber within three working
    days (or three days / 72 hours for clocks in those units)."""
    if d.party_period:
        return "next_step" if d.next_step else "party"
    if d.overdue:
        return "overdue"
    if d.status == "paused" or d.remaining is None:
        return "paused"
    limit = 72 if d.remaining_unit == "hours" else DUE_SOON_WORKING_DAYS
    return "soon" if d.remaining <= limit else "ok"


def _case_context(request: HttpRequest, case: Case,
                  evidence_form: EvidenceItemForm | None = None) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    actions = runner.available_actions(case, user)
    parties = list(case.case_parties.all())
    spec = workflows.of(case)
    rights = list(case.rights.all())
    panels = []
    for panel in workflows.panels():
        html = panel.render(request, case)
        if html is not None:
            panels.append({"name": panel.name, "title": panel.title, "icon": panel.icon,
                           "html": html})
    clocks = list(deadline_views(case))
    timeline, older = timeline_page(case)
    return {
        "case": case,
        "flow": case.flow,
        "workflow_template": spec.detail_template,
        "requesters": [p for p in parties if p.role == PartyRole.REQUESTER],
        "respondents": [p for p in parties if p.role == PartyRole.RESPONDENT],
        "header_parties": spec.header_parties(case) if spec.header_parties else None,
        "assignments": [(m, spec.assignment_labels.get(m.role) or m.get_role_display())
                        for m in case.assignments.all()],
        "rights": rights,
        "rights_heading": rights_heading([r.kind for r in rights]),
        "deadlines": [(d, _level(d)) for d in clocks],
        # Said in words under the clocks: the "provisional" mark's reason is otherwise a
        # tooltip only, which a touch screen or a printout never shows.
        "provisional_years": sorted({d.due_on.year for d in clocks
                                     if d.provisional and d.due_on}),
        # Newest first: the last step is what a reader of the case page looks for; the
        # earlier ones a page at a time ("更早的记录").
        "timeline": timeline,
        "older": older,
        # (action, why it cannot be run yet or ""): a blocked one is shown disabled with
        # its reason rather than as a button that only answers with a refusal.
        "primary_actions": [(a, runner.blocked_reason(case, user, a))
                            for a in actions if not a.secondary],
        "secondary_actions": [(a, runner.blocked_reason(case, user, a))
                              for a in actions if a.secondary],
        "evidence": list(case.evidence.select_related("uploaded_by")),
        "catalogue": list(case.evidence_items.select_related("submitted_by__party",
                                                            "recorded_by")),
        "can_add_evidence": case.is_open and can_record_evidence(case, user),
        "catalogue_changes": evidence_services.last_changes(case),
        "evidence_form": evidence_form or EvidenceItemForm(
            case=case, initial={"submitted_on": timezone.localdate()}),
        "panels": panels,
        "approvals": case_approvals(case),
        "can_decide_approvals": permissions.is_head(case, user),
        "may_assign": assignments.may_assign(case, user),
        # A transfer is shared with the office it is sent to, its origin complaint is not:
        # the origin's number is named there, but only linked for whoever may open it.
        "origin_visible": case.origin is not None and may_see_case(user, case.origin),
    }


@login_required
@scoped
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = select_case(request.user, pk)  # type: ignore[arg-type]
    audit.record(request, AuditAction.CASE_VIEWED, obj=case, detail=case.number)
    return render(request, "cases/case_detail.html", _case_context(request, case))


def _form_response(request: HttpRequest, case: Case, name: str, form: Any,
                   status: int = 200) -> HttpResponse:
    spec = runner.action_of(case, name)
    context = {"case": case, "spec": spec, "form": form,
               "action_url": reverse("case-action", args=[case.pk, name]),
               "in_modal": is_htmx(request),
               "submits": spec is not None and runner.submits_for_approval(
                   case, request.user, spec)}  # type: ignore[arg-type]
    template = ("cases/partials/action_form.html" if is_htmx(request)
                else "cases/action_page.html")
    return render(request, template, context, status=status)


def reload_with(request: HttpRequest, case_id: int, message: str, status: int, *,
                panel_forms: Mapping[str, Any] | None = None) -> HttpResponse:
    """409: say why, and show the case as it is now. ``panel_forms``: a panel's form
    refused with 400, by panel name, which that panel shows again instead of a fresh one
    (what was typed and each field's message; :func:`panel_form`)."""
    messages.error(request, message)
    if panel_forms:
        request.panel_forms = dict(panel_forms)  # type: ignore[attr-defined]
    url = reverse("case-detail", args=[case_id])
    if is_htmx(request):
        response = HttpResponse(status=status)
        response["HX-Redirect"] = url
        return response
    case = select_case(request.user, case_id)  # type: ignore[arg-type]
    return render(request, "cases/case_detail.html", _case_context(request, case), status=status)


def panel_form(request: HttpRequest, name: str) -> Any | None:
    """The refused form :func:`reload_with` passed to the panel ``name``, if any."""
    return getattr(request, "panel_forms", {}).get(name)


def _form_data(case: Case, user: User, name: str, request: HttpRequest) -> dict[str, Any]:
    """The POST as the service expects it: one value per field, a list only for fields
    that take several (``dict(QueryDict)`` would make every value a list)."""
    form = runner.make_form(case, user, name)
    multi = {n for n, f in form.fields.items()
             if getattr(f.widget, "allow_multiple_selected", False)}
    return {key: values if key in multi else values[-1]
            for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}


@login_required
@scoped
def case_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case = select_case(user, pk)
    action = runner.action_of(case, name)
    if action is None:
        raise Http404(_("Unknown action."))
    if request.method != "POST":
        if not any(a.name == name for a in runner.available_actions(case, user)):
            return reload_with(request, pk, runner.unavailable_reason(case, user, action),
                                409)
        blocked = runner.blocked_reason(case, user, action)
        if blocked:
            return reload_with(request, pk, blocked, 409)
        form = runner.make_form(case, user, name, initial={"expected_state": case.state})
        return _form_response(request, case, name, form)
    submits = runner.submits_for_approval(case, user, action)
    try:
        if submits:
            expected = request.POST.get("expected_state") or None
            if expected and case.state != expected:
                raise ConcurrentChange()
            approvals.submit(case_id=pk, actor=user, name=name,
                             data=_form_data(case, user, name, request))
        else:
            runner.perform_transition(case_id=pk, actor=user, name=name,
                                      data=_form_data(case, user, name, request),
                                      expected_state=request.POST.get("expected_state")
                                      or None)
    except ValidationError as exc:
        form = runner.make_form(case, user, name, data=request.POST)
        if form.is_valid():  # the service refused on a rule beyond the form's own fields
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        return _form_response(request, case, name, form, status=400)
    except ConcurrentChange as exc:
        return reload_with(request, pk, str(exc.message), 409)
    except TransitionNotAllowed as exc:
        return reload_with(request, pk, str(exc.message), 409)
    except PermissionDenied:
        raise
    if submits:
        messages.success(request, _("Submitted for approval: %(action)s. The head of office "
                                    "decides; nothing changes until then.")
                         % {"action": action.label})
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": action.label})
    url = reverse("case-detail", args=[pk])
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


@login_required
@scoped
def evidence_item_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an entry to the evidence catalogue from the case page (POST only)."""
    user: User = request.user  # type: ignore[assignment]
    case = select_case(user, pk)
    if request.method != "POST":
        return redirect(reverse("case-detail", args=[pk]) + "#evidence-catalogue")
    try:
        item = add_evidence_item(case_id=pk, actor=user, data=request.POST)
    except ValidationError as exc:
        form = EvidenceItemForm(request.POST, case=case)
        form.is_valid()
        if not form.errors:  # pragma: no cover - the service's form is the same form
            form.add_error(None, exc.messages)
        return render(request, "cases/case_detail.html",
                      _case_context(request, case, evidence_form=form), status=400)
    except TransitionNotAllowed as exc:
        return reload_with(request, pk, str(exc.message), 409)
    messages.success(request, _("Evidence %(number)s added to the catalogue.")
                     % {"number": item.number})
    return redirect(reverse("case-detail", args=[pk]) + "#evidence-catalogue")


def _catalogue_item(case: Case, item_id: int) -> EvidenceItem:
    try:
        return case.evidence_items.select_related("submitted_by__party").get(pk=item_id)
    except EvidenceItem.DoesNotExist:
        raise Http404(_("No such entry in the evidence catalogue.")) from None


def _item_form(case: Case, item: EvidenceItem) -> EvidenceItemForm:
    """The entry as it is, for correcting it."""
    return EvidenceItemForm(case=case, initial={
        "submitted_by": str(item.submitted_by.party_id) if item.submitted_by else OFFICE,
        "name": item.name, "purpose": item.purpose, "pages": item.pages, "form": item.form,
        "submitted_on": item.submitted_on, "examination": item.examination})


@login_required
@scoped
def evidence_item_edit(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    """Correct an entry of the evidence catalogue (GET the page, POST the changes)."""
    user: User = request.user  # type: ignore[assignment]
    case = select_case(user, pk)
    item = _catalogue_item(case, item_id)
    if not (case.is_open and can_record_evidence(case, user)):
        raise PermissionDenied(_("You may not change the evidence catalogue of this case."))
    status = 200
    if request.method == "POST":
        # The page sends the whole entry: a field left out is a field emptied.
        data = {name: request.POST.get(name, "") for name in EvidenceItemForm.base_fields}
        try:
            evidence_services.change_evidence_item(case_id=pk, item_id=item_id, actor=user,
                                                   data=data)
        except ValidationError as exc:
            form = EvidenceItemForm(request.POST, case=case)
            if form.is_valid():  # pragma: no cover - the service's form is the same form
                form.add_error(None, exc.messages)
            status = 400
        except TransitionNotAllowed as exc:
            return reload_with(request, pk, str(exc.message), 409)
        else:
            messages.success(request, _("Evidence %(number)s corrected.")
                             % {"number": item.number})
            return redirect(reverse("case-detail", args=[pk]) + "#evidence-catalogue")
    else:
        form = _item_form(case, item)
    return render(request, "cases/evidence_item_edit.html",
                  {"case": case, "item": item, "form": form}, status=status)


@login_required
@scoped
def evidence_item_remove(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    """Remove an entry with the reason (POST; the edit page holds the form)."""
    user: User = request.user  # type: ignore[assignment]
    case = select_case(user, pk)
    item = _catalogue_item(case, item_id)
    if request.method != "POST":
        return redirect(reverse("case-evidence-edit", args=[pk, item_id]))
    try:
        evidence_services.remove_evidence_item(case_id=pk, item_id=item_id, actor=user,
                                               reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        form = _item_form(case, item)
        return render(request, "cases/evidence_item_edit.html",
                      {"case": case, "item": item, "form": form,
                       "remove_error": "；".join(exc.messages)}, status=400)
    except TransitionNotAllowed as exc:
        return reload_with(request, pk, str(exc.message), 409)
    messages.success(request, _("Evidence %(number)s removed from the catalogue.")
                     % {"number": item.number})
    return redirect(reverse("case-detail", args=[pk]) + "#evidence-catalogue")


@login_required
@scoped
def evidence_download(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    case = select_case(request.user, pk)  # type: ignore[arg-type]
    try:
        item = case.evidence.get(pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404(_("No such file.")) from None
    audit.record(request, AuditAction.EVIDENCE_DOWNLOADED, obj=item,
                 detail=f"{case.number} {item.original_name}")
    response = FileResponse(item.file.open("rb"), as_attachment=True,
                            filename=item.download_name, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
