"""The documents panel of the case page (文书): generate, rendering progress, download
(.docx, .pdf, public copy), issue with a number, void. Every action calls one service of
the ``documents`` app; errors map as everywhere: 409 refused now, 403 not theirs, 400 bad
input (a message in the panel), 404 out of scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cases import workflows
from cases.errors import DomainError, TransitionNotAllowed
from cases.models import AuditAction, Case, User
from cases.models.offices import DocumentKind
from cases.permissions import may_handle_documents
from cases.selectors.cases import case_detail
from cases.services import audit
from cases.views.errors import is_htmx, scoped
from documents.models import Document, PdfStatus, RenderStatus
from documents.pdf import missing_official_fonts
from documents.selectors import case_documents, document_detail
from documents.services import generate_documents, issue_document, request_pdf, void_document

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _may_issue(case: Case, document: Document, user: User) -> bool:
    """Whether the issue button is offered: the workflow's rule does not refuse the user
    (a refusal for the case's state is explained when they try)."""
    rule = workflows.document_rule(case.workflow, document.kind)
    if rule is None or rule.may_issue is None:
        return True
    try:
        rule.may_issue(case.flow, user)
    except PermissionDenied:
        return False
    except DomainError:
        return True
    return True


def _offered(rule: Any, case: Case, issued: set[str]) -> bool:
    """Whether the documents menu offers a kind now: it fits the case's state and facts,
    and is not issued already (unless the case needs it more than once)."""
    if rule.offered_in and case.state not in rule.offered_in:
        return False
    if rule.kind in issued and not rule.repeatable:
        return False
    return rule.offered_if is None or bool(rule.offered_if(case.flow))


def panel_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    documents = list(case_documents(user, case.pk))
    rows = []
    for d in documents:
        versions = sorted(d.versions.all(), key=lambda v: v.n)
        latest = versions[-1] if versions else None
        rows.append({"d": d, "v": latest, "n_versions": len(versions),
                     "busy": d.render_status in (RenderStatus.PENDING, RenderStatus.RUNNING),
                     "pdf_busy": bool(latest and latest.pdf_status == PdfStatus.PENDING),
                     "may_issue": _may_issue(case, d, user)})
    may_handle = may_handle_documents(case, user)
    rules = workflows.of(case).documents
    issued = {d.kind for d in documents if d.state == "issued"}
    kinds = [(k, label) for k, label in DocumentKind.choices
             if k in rules and _offered(rules[k], case, issued)]
    suggested = next((k for k, rule in rules.items() if case.state in rule.suggested_in), "")
    return {"case": case, "rows": rows, "may_handle": may_handle,
            "kinds": kinds, "suggested": suggested, "font_fallback": missing_official_fonts(),
            "polling": any(r["busy"] or r["pdf_busy"] for r in rows)}


def render_panel(request: HttpRequest, case: Case, status: int = 200,
                 error: str | None = None) -> HttpResponse:
    context = panel_context(request, case)
    context["error"] = error
    return HttpResponse(render_to_string("documents/panel.html", context,
                                         request=request), status=status)


def documents_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """The panel as embedded in the case page."""
    return render_to_string("documents/panel.html",
                            panel_context(request, case), request=request)


def _answer(request: HttpRequest, case_id: int, action: Any,
            done: str | Callable[[Any], str]) -> HttpResponse:
    """Run one document service and answer the panel (htmx) or the case page; ``done`` is
    the success message, or makes it from what the service returned."""
    user: User = request.user  # type: ignore[assignment]
    error, status, message = None, 200, done if isinstance(done, str) else ""
    try:
        result = action()
        if callable(done):
            message = done(result)
    except ValidationError as exc:
        error, status = " ".join(exc.messages), 400
    except PermissionDenied as exc:
        if not is_htmx(request):
            raise
        error, status = str(exc) or _("You are not permitted to do this."), 403
    except (TransitionNotAllowed, DomainError) as exc:
        error, status = str(exc.message), 409
    case = case_detail(user, case_id)
    if is_htmx(request):
        return render_panel(request, case, status=status, error=error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect("case-detail", pk=case_id)


@login_required
@scoped
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The panel alone: polled by htmx while a document is being rendered. A read of the
    case's documents, recorded as the case page is (once while it polls)."""
    case = case_detail(request.user, pk)  # type: ignore[arg-type]
    response = render_panel(request, case)
    audit.record_read(request, AuditAction.CASE_VIEWED, obj=case,
                      detail=f"documents {case.number}")
    return response


@login_required
@require_POST
@scoped
def generate(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_detail(request.user, pk)  # type: ignore[arg-type]
    kind = request.POST.get("kind", "")
    return _answer(
        request, pk, lambda: generate_documents(case=case, kind=kind, actor=_user(request)),
        lambda made: ngettext("The document is being generated.",
                              "%(n)s documents are being generated, one for each party.",
                              len(made)) % {"n": len(made)})


def _document(request: HttpRequest, case_pk: int, doc_pk: int) -> Any:
    document = document_detail(request.user, doc_pk)  # type: ignore[arg-type]
    if document.case_id != case_pk:
        raise Http404(_("No such document."))
    return document


@login_required
@require_POST
@scoped
def issue(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    document = _document(request, pk, doc)
    return _answer(request, pk, lambda: issue_document(document=document, actor=_user(request)),
                   _("The document has been issued with its number."))


@login_required
@require_POST
@scoped
def void(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    document = _document(request, pk, doc)
    reason = request.POST.get("reason", "")
    return _answer(request, pk, lambda: void_document(document=document, actor=_user(request),
                                                      reason=reason),
                   _("The document has been voided."))


@login_required
@require_POST
@scoped
def pdf(request: HttpRequest, pk: int, doc: int) -> HttpResponse:
    document = _document(request, pk, doc)
    return _answer(request, pk, lambda: request_pdf(document=document, actor=_user(request)),
                   _("The PDF is being prepared."))


@login_required
@scoped
def download(request: HttpRequest, pk: int, doc: int, fmt: str) -> FileResponse:
    document = _document(request, pk, doc)
    version = document.latest_version()
    if version is None:
        raise Http404(_("The document has not been rendered yet."))
    base = document.number or f"{document.get_kind_display()}-{document.pk}"
    if fmt == "pdf":
        if version.pdf_status != PdfStatus.DONE or not version.pdf:
            raise Http404(_("The PDF is not ready yet."))
        field, name, content_type = version.pdf, f"{base}.pdf", "application/pdf"
    elif fmt == "public":
        if not version.public_file:
            raise Http404(_("This version has no public copy."))
        field, name, content_type = version.public_file, f"{base}-公开版.docx", DOCX
    elif fmt == "docx":
        field, name, content_type = version.file, f"{base}.docx", DOCX
    else:
        raise Http404(_("Unknown format."))
    audit.record(request, AuditAction.DOCUMENT_DOWNLOADED, obj=document, detail=name)
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name,
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
