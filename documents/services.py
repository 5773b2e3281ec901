"""Writes to formal documents: generate, correct, issue (文号), void, serve, convert.

Every write checks that the actor may see the case (else 404) and is its officer or the
head (else 403), refuses what the document's state does not allow (409), and records a
``document`` event on the case timeline in the same transaction. Rendering and PDF
conversion run after commit as Celery tasks (``documents.tasks``); issuing renders in
the issuing transaction, because the number must be in the file whose hash is recorded.

Lifecycle: a draft may be regenerated or replaced by an uploaded, corrected .docx (every
version is kept); issuing takes the next gapless number for office, kind and year, renders
the final file with it, records its SHA-256 and plain text, and freezes the document;
voiding keeps the number used.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.archives import check_archive, document_limits
from cases.errors import TransitionNotAllowed
from cases.models.events import CaseEvent, EventKind
from cases.models.offices import DocumentKind
from cases.permissions import may_handle_documents
from cases.punctuation import full_width_values
from cases.selectors.cases import case_detail
from cases.services import outbox
from cases.services.evidence import check_case_quota
from cases.services.numbering import NumberPrefixMissing, allocate_number
from cases.services.runner import record_event
from cases.text_limits import check_typed_text
from cases.workflows import DocumentRule
from documents.context import DOCUMENT_TITLES, missing_fields
from documents.contract import check_context
from documents.isolation import describe
from documents.legal_basis import seed_legal_basis_rules
from documents.models import (
    Document,
    DocumentState,
    DocumentTemplate,
    DocumentVersion,
    PdfStatus,
    RenderStatus,
    ServiceRecord,
    VersionSource,
)
from documents.redaction import mask_docx, public_context, published_details
from documents.rendering import render_docx
from documents.selectors import written_date
from documents.text import extract_text

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from cases.models import Case, Party, User

logger = logging.getLogger(__name__)

DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "default_templates"
# What a draft shows where the 文号 and the date will stand: issuing stamps them into the
# reviewed draft (rendered or uploaded) instead of rendering the document again.
DRAFT_NUMBER = "（文号签发时生成）"
DRAFT_DATE = "（签发日期）"
# Internal forms: approved inside the office, never sent out, so they take no 文号.
# The 调解笔录 is a record of the case; the 司法确认申请书 and its materials list are the
# parties' joint application to a court, which the office prepares but does not number.
INTERNAL_KINDS = frozenset({DocumentKind.EXTENSION_APPROVAL, DocumentKind.CLOSING_REPORT,
                            DocumentKind.MEDIATION_RECORD,
                            DocumentKind.CONFIRMATION_APPLICATION,
                            DocumentKind.CONFIRMATION_MATERIALS})


class DocumentRenderFailed(TransitionNotAllowed):
    default_message = _("The document could not be rendered.")



def _max_upload_bytes() -> int:
    return settings.DOCUMENTS_MAX_UPLOAD_BYTES


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- templates ----------------------------------------------------------------------------


def seed_default_templates() -> int:
    """Load the shipped templates, and the legal-basis rules they cite; the number of
    template versions added. Idempotent.

    A shipped file already stored (same SHA-256) is skipped. A changed shipped file becomes
    a new version, active only when no administrator-uploaded template is active for the
    kind: administrators' own choices are never overwritten.
    """
    seed_legal_basis_rules()
    added = 0
    for path in sorted(DEFAULT_TEMPLATES.glob("*.docx")):
        kind = path.stem
        if kind not in DocumentKind.values:
            continue
        data = path.read_bytes()
        digest = sha256_hex(data)
        with transaction.atomic():
            existing = DocumentTemplate.objects.select_for_update().filter(kind=kind)
            if existing.filter(sha256=digest).exists():
                continue
            active = existing.filter(is_active=True).first()
            activate = active is None or active.uploaded_by_id is None
            if active is not None and activate:
                DocumentTemplate.objects.filter(pk=active.pk).update(is_active=False)
            version = max([t.version for t in existing] or [0]) + 1
            template = DocumentTemplate(
                kind=kind, name=DOCUMENT_TITLES.get(kind, kind), version=version,
                sha256=digest, is_active=activate,
                allowed_actions=workflows.document_steps().get(kind, []),
            )
            template.file.save(f"{kind}.docx", ContentFile(data), save=False)
            template.save()
            added += 1
    return added


def active_template(kind: str) -> DocumentTemplate:
    template = DocumentTemplate.objects.filter(kind=kind, is_active=True).first()
    if template is None:
        raise TransitionNotAllowed(
            gettext("There is no active template for this kind of document; an "
                    "administrator must upload or activate one.")
        )
    return template


# --- checks -------------------------------------------------------------------------------


def _check_actor(case: Case, actor: User) -> Case:
    """The case as the actor sees it: 404 outside their scope, 403 when not theirs."""
    case = case_detail(actor, case.pk)
    if not may_handle_documents(case, actor):
        raise PermissionDenied(
            gettext("Only the case's officers, its mediator and the head of office may "
                    "handle its documents."))
    return case


def check_may_handle(case: Case, actor: User) -> None:
    """404/403 before any input is looked at, for callers that validate input first
    (DESIGN.md's order: out of scope, then not permitted, then invalid)."""
    _check_actor(case, actor)


def _lock(document: Document) -> Document:
    return (Document.objects.select_for_update(of=("self",))
            .select_related("case", "case__office", "template").get(pk=document.pk))


def _refuse_unless_draft(document: Document) -> None:
    if document.state != DocumentState.DRAFT:
        raise TransitionNotAllowed(
            gettext("The document is %(state)s: it can no longer be changed.")
            % {"state": document.get_state_display()})


def _event(document: Document, actor: User | None, name: str, **payload: Any) -> None:
    record_event(document.case, actor=actor, kind=EventKind.DOCUMENT, name=name,
                 payload={"document": document.pk, "kind": document.kind, **payload})


# --- rendering ----------------------------------------------------------------------------


def _rule(case: Case, kind: str) -> DocumentRule:
    """The case's workflow's rule for documents of ``kind`` (400 when it has none)."""
    rule = workflows.document_rule(case.workflow, kind)
    if rule is None:
        raise ValidationError({"kind": [gettext("Unknown kind of document.")]})
    return rule


class MissingValues(TransitionNotAllowed):
    """A document would be printed with a blank: what is missing, in the user's words."""


def document_date(case: Case, rule: DocumentRule,
                  issued_on: datetime.date | None = None) -> datetime.date:
    """The day a document of the rule's kind is dated: that of the act it records, once
    recorded (``DocumentRule.dated``), else the day it is issued (today by default)."""
    recorded = rule.dated(case.flow) if rule.dated is not None else None
    return recorded or issued_on or timezone.localdate()


def _rule_context(case: Case, kind: str, party: Party | None, *,
                  number: str = DRAFT_NUMBER) -> dict[str, Any]:
    """The context the case's workflow builds for ``kind`` (for ``party``) as of the day
    the document is dated, checked against the rule's contract; the punctuation typed in
    half-width mode made full-width where it touches Chinese text (cases.punctuation)."""
    rule = _rule(case, kind)
    context = full_width_values(dict(rule.context(case.flow, kind=kind, number=number,
                                                  on=document_date(case, rule), party=party)))
    check_context(context, rule.context_type)
    return context


def _context(case: Case, kind: str, party: Party | None) -> dict[str, Any]:
    """The draft's context, refused (409, with the list) when a required value is empty."""
    context = _rule_context(case, kind, party)
    missing = missing_fields(kind, context)
    if missing:
        who = f"（{party.name}）" if party is not None else ""
        raise MissingValues(gettext(
            "The %(document)s%(party)s cannot be generated: these are missing: %(missing)s."
        ) % {"document": DocumentKind(kind).label, "party": who,
             "missing": "、".join(missing)})
    context["doc"]["date_cn"] = DRAFT_DATE
    return context


def _render(document: Document) -> tuple[bytes, bytes]:
    """The draft and its public copy (personal information masked: its text rendered from
    the masked context, its file's properties put through the same masking as an
    upload's)."""
    context = _context(document.case, document.kind, document.party)
    with document.template.file.open("rb") as handle:
        template_bytes = handle.read()
    public = render_docx(template_bytes, public_context(context))
    return (render_docx(template_bytes, context),
            mask_docx(public, keep=published_details(context), stories=False))


def _add_version(document: Document, data: bytes, *, source: str, actor: User | None,
                 public: bytes | None = None) -> DocumentVersion:
    n = (document.versions.order_by("-n").values_list("n", flat=True).first() or 0) + 1
    version = DocumentVersion(document=document, n=n, sha256=sha256_hex(data), source=source,
                              created_by=actor)
    version.file.save(f"{document.kind}.docx", ContentFile(data), save=False)
    if public is not None:
        version.public_file.save(f"{document.kind}-public.docx", ContentFile(public),
                                 save=False)
    version.save()
    return version


RENDER_TASK = "documents.tasks.render_document"
PDF_TASK = "documents.tasks.convert_pdf"


def _schedule_render(document: Document) -> None:
    outbox.enqueue(RENDER_TASK, document.pk)


def _schedule_pdf(version: DocumentVersion) -> None:
    outbox.enqueue(PDF_TASK, version.pk)


def requeue_stuck() -> int:
    """Queue again every render or PDF still waiting without open outbox work (a worker
    lost before this outbox existed, or an entry removed by hand). Returns how many."""
    queued = 0
    for pk in Document.objects.filter(state=DocumentState.DRAFT, render_status__in=[
            RenderStatus.PENDING, RenderStatus.RUNNING]).values_list("pk", flat=True):
        queued += outbox.ensure(RENDER_TASK, pk) is not None
    for pk in DocumentVersion.objects.filter(pdf_status=PdfStatus.PENDING).values_list(
            "pk", flat=True):
        queued += outbox.ensure(PDF_TASK, pk) is not None
    return queued


def generate_documents(*, case: Case, kind: str, actor: User) -> list[Document]:
    """Drafts of ``kind`` for the case, one per party it goes to (a notice to each party
    served, a 送达回证 for each), rendered after commit; open drafts are regenerated.
    Refused (409, with the list) when a value the document needs is missing."""
    with transaction.atomic():
        case = _check_actor(case, actor)
        if kind not in DocumentKind.values or kind not in workflows.document_steps():
            raise ValidationError({"kind": [gettext("Unknown kind of document.")]})
        rule = _rule(case, kind)
        template = active_template(kind)
        if rule.single_issued and Document.objects.filter(
                case=case, kind=kind, state=DocumentState.ISSUED).exists():
            raise TransitionNotAllowed(
                gettext("The %(kind)s of this case has been issued; void it before drafting "
                        "another.") % {"kind": DocumentKind(kind).label})
        addressees = rule.addressees(case.flow)
        if not addressees:
            raise MissingValues(gettext(
                "The %(document)s cannot be generated: the case has no party to send it to."
            ) % {"document": DocumentKind(kind).label})
        for party in addressees:
            _context(case, kind, party)  # every copy is complete, or none is made
        documents = []
        for party in addressees:
            document = (Document.objects.select_for_update()
                        .filter(case=case, kind=kind, state=DocumentState.DRAFT, party=party)
                        .order_by("-id").first())
            if document is None:
                document = Document(case=case, kind=kind, template=template,
                                    created_by=actor, party=party)
                name = "document_generated"
            else:
                document.template = template
                name = "document_regenerated"
            if rule.served_document is not None:
                document.served_document = rule.served_document(case.flow, party)
            document.render_status = RenderStatus.PENDING
            document.render_error = ""
            document.save()
            document.case = case
            _event(document, actor, name, party=party.pk if party else None)
            _schedule_render(document)
            documents.append(document)
    return documents


def generate_document(*, case: Case, kind: str, actor: User) -> Document:
    """The first of :func:`generate_documents` (the only one for a document of the case)."""
    return generate_documents(case=case, kind=kind, actor=actor)[0]


def render_draft(document_id: int) -> Document | None:
    """Render a draft that waits for it (the task's body). Idempotent: a draft that is not
    waiting, or a document no longer a draft, is left alone. A failure keeps the previous
    version and records the error."""
    claimed = (Document.objects.filter(
        pk=document_id, state=DocumentState.DRAFT,
        render_status__in=[RenderStatus.PENDING, RenderStatus.RUNNING])
        .update(render_status=RenderStatus.RUNNING))
    if not claimed:
        return None
    document = Document.objects.select_related("case", "case__office", "template").get(
        pk=document_id)
    try:
        data, public = _render(document)
    except (DatabaseError, OSError):
        raise  # a locked database or storage: the outbox retries, the draft stays waiting
    except Exception as exc:  # noqa: BLE001 - any template or data failure is reported
        logger.warning("render of document %s failed", document_id, exc_info=True)
        Document.objects.filter(pk=document_id, state=DocumentState.DRAFT).update(
            render_status=RenderStatus.FAILED, render_error=describe(exc))
        with transaction.atomic():
            _event(document, None, "document_render_failed", error=str(exc)[:500])
        return Document.objects.get(pk=document_id)
    with transaction.atomic():
        document = _lock(document)
        if document.state != DocumentState.DRAFT or document.render_status != RenderStatus.RUNNING:
            return document
        version = _add_version(document, data, source=VersionSource.RENDERED, actor=None,
                               public=public)
        document.render_status = RenderStatus.DONE
        document.render_error = ""
        document.save(update_fields=["render_status", "render_error"])
        _event(document, None, "document_rendered", version=version.n)
        _schedule_pdf(version)
    return document


def _read_upload(uploaded_file: UploadedFile) -> bytes:
    limit = _max_upload_bytes()
    if (uploaded_file.size or 0) > limit:
        raise ValidationError({"file": [gettext(
            "The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}]})
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:
        raise ValidationError({"file": [gettext(
            "The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}]})
    try:
        check_archive(data, document_limits())  # before python-docx unpacks anything
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    try:
        from docx import Document as DocxDocument

        DocxDocument(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - any failure to open means "not a .docx"
        raise ValidationError({"file": [gettext(
            "The file is not a valid Word document (.docx).")]}) from None
    return data


def _public_copy_of_upload(document: Document, data: bytes) -> bytes:
    """The public copy of a corrected upload: its own text put through the one masking
    function, keeping what legal persons and the office publish about themselves."""
    context = _rule_context(document.case, document.kind, document.party)
    return mask_docx(data, keep=published_details(context))


def upload_corrected_version(*, document: Document, uploaded_file: UploadedFile,
                             actor: User) -> DocumentVersion:
    """A corrected .docx of a draft, checked to open as a Word document."""
    data = _read_upload(uploaded_file)
    with transaction.atomic():
        document = _lock(document)
        _check_actor(document.case, actor)
        _refuse_unless_draft(document)
        check_case_quota(document.case, len(data))
        version = _add_version(document, data, source=VersionSource.UPLOADED, actor=actor,
                               public=_public_copy_of_upload(document, data))
        document.render_status = RenderStatus.DONE
        document.render_error = ""
        document.save(update_fields=["render_status", "render_error"])
        _event(document, actor, "document_uploaded", version=version.n,
               sha256=version.sha256)
        _schedule_pdf(version)
    return version


def _stamp(data: bytes, *, number: str | None, date_text: str) -> bytes:
    """The reviewed draft with the 文号 and the date in the places the draft kept for them.

    A document that takes a number must still show where it goes (a corrected upload that
    lost it is refused); the date is stamped where the draft shows it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    body = source.read("word/document.xml")
    number_place = escape(DRAFT_NUMBER).encode()
    if number is not None and number_place not in body:
        raise TransitionNotAllowed(gettext(
            "The corrected copy no longer contains the place for the document number "
            "(%(placeholder)s); upload a copy that keeps it.") % {"placeholder": DRAFT_NUMBER})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                if number is not None:
                    content = content.replace(number_place, escape(number).encode())
                content = content.replace(escape(DRAFT_DATE).encode(),
                                          escape(date_text).encode())
            target.writestr(info, content)
    return out.getvalue()


def _read(field: Any) -> bytes:
    with field.open("rb") as handle:
        return bytes(handle.read())


def _reviewed_at(case: Case, event_name: str) -> Any:
    """When the draft last passed the review its kind needs (the ruling's 法制审核)."""
    event = (CaseEvent.objects.filter(case=case, name=event_name)
             .order_by("-at", "-id").first())
    return event.at if event is not None else None


def issue_document(*, document: Document, actor: User,
                   on: datetime.date | None = None) -> Document:
    """签发: the reviewed draft with the next gapless 文号 (none for an internal form) and
    the issue date stamped in, its hash and text; then frozen. Nothing is rendered again
    from the case's current data. ``on``: the day it was issued when that was before
    today (the demo data's history, dated in the past); today by default.

    The case's workflow may add conditions for the kind (``DocumentRule.may_issue``),
    e.g. who may issue a ruling and when; a corrected copy uploaded after the review the
    kind needs (``DocumentRule.review_event``) needs a new review.
    """
    with transaction.atomic():
        document = _lock(document)
        case = _check_actor(document.case, actor)
        document.case = case
        _refuse_unless_draft(document)
        rule = _rule(case, document.kind)
        if rule.may_issue is not None:
            rule.may_issue(case.flow, actor)
        if on is not None and on > timezone.localdate():
            raise ValidationError({"on": [gettext("The date cannot be in the future.")]})
        latest = document.latest_version()
        if latest is None or document.render_status != RenderStatus.DONE:
            # Issued before its render task ran: the draft is rendered here, once.
            try:
                draft, draft_public = _render(document)
            except TransitionNotAllowed:
                raise
            except Exception as exc:  # noqa: BLE001 - nothing is issued, no number is taken
                logger.warning("issuing render of document %s failed", document.pk,
                               exc_info=True)
                raise DocumentRenderFailed(
                    gettext("The document could not be rendered: %(error)s") % {"error": exc}
                ) from exc
            latest = _add_version(document, draft, source=VersionSource.RENDERED, actor=actor,
                                  public=draft_public)
        if rule.review_event and latest.source == VersionSource.UPLOADED:
            reviewed_at = _reviewed_at(case, rule.review_event)
            if reviewed_at is None or latest.created_at > reviewed_at:
                raise TransitionNotAllowed(gettext(
                    "The draft was changed after its review: it needs a new review before "
                    "it can be issued."))
        today = on or timezone.localdate()
        number: str | None = None
        sequence: int | None = None
        if rule.number_of is not None:
            number = rule.number_of(case.flow) or None
            if number is None:
                raise TransitionNotAllowed(gettext(
                    "The document has no number yet: it takes the number of what it "
                    "records."))
            # The number is the record's own (an agreement's), not one of the office's
            # sequence: a copy voided and issued again takes it over from the voided copy,
            # whose text still shows it.
            Document.objects.filter(case=case, kind=document.kind, number=number,
                                    state=DocumentState.VOIDED).update(number=None)
        elif document.kind not in INTERNAL_KINDS:
            try:
                sequence, number = allocate_number(office=case.office, kind=document.kind,
                                                   year=today.year)
            except NumberPrefixMissing as exc:
                raise TransitionNotAllowed(str(exc)) from None
        # What is issued is the reviewed draft itself, plus its number and its date.
        date_text = written_date(document_date(case, rule, today))
        data = _stamp(_read(latest.file), number=number, date_text=date_text)
        public = (_stamp(_read(latest.public_file), number=number, date_text=date_text)
                  if latest.public_file else None)
        text = extract_text(data)
        version = _add_version(document, data, source=latest.source, actor=actor,
                               public=public)
        document.number = number
        document.year = today.year if number else None
        document.sequence = sequence
        document.sha256 = version.sha256
        document.text = text
        document.state = DocumentState.ISSUED
        document.issued_at = timezone.now() if on is None else timezone.make_aware(
            datetime.datetime.combine(on, datetime.time(9)))
        document.issued_by = actor
        document.render_status = RenderStatus.DONE
        document.render_error = ""
        document.save()
        _event(document, actor, "document_issued", number=number or "",
               version=version.n, reviewed_version=latest.n, sha256=version.sha256)
        _schedule_pdf(version)
    return document


def void_document(*, document: Document, actor: User, reason: str) -> Document:
    """作废: the document stays on file and its number stays used."""
    reason = (reason or "").strip()
    with transaction.atomic():
        document = _lock(document)
        case = _check_actor(document.case, actor)
        if not reason:
            raise ValidationError({"reason": [gettext("Give the reason for voiding.")]})
        check_typed_text("reason", reason)
        if document.state == DocumentState.VOIDED:
            raise TransitionNotAllowed(gettext("The document has already been voided."))
        rule = _rule(case, document.kind)
        if document.state == DocumentState.ISSUED and rule.may_void_issued is not None:
            rule.may_void_issued(case.flow)
        document.state = DocumentState.VOIDED
        document.voided_at = timezone.now()
        document.voided_by = actor
        document.void_reason = reason
        document.save(update_fields=["state", "voided_at", "voided_by", "void_reason"])
        _event(document, actor, "document_voided", number=document.number or "",
               reason=reason)
    return document


def record_service(*, document: Document, actor: User, served_on: Any, method: str,
                   party: Party | None = None, recipient: str = "",
                   signed: bool = True) -> ServiceRecord:
    """送达回证 of an issued document."""
    with transaction.atomic():
        document = _lock(document)
        _check_actor(document.case, actor)
        if document.state != DocumentState.ISSUED:
            raise TransitionNotAllowed(gettext("Only an issued document can be served."))
        if served_on > timezone.localdate():
            raise ValidationError({"served_on": [gettext("The date cannot be in the future.")]})
        issued_on = timezone.localdate(document.issued_at) if document.issued_at else None
        if issued_on is not None and served_on < issued_on:
            raise ValidationError({"served_on": [gettext(
                "Served on %(day)s is before the document was issued on %(issued)s: a "
                "document cannot be served before it exists.") % {
                "day": served_on, "issued": issued_on}]})
        if party is not None and not document.case.case_parties.filter(party=party).exists():
            raise ValidationError({"party": [gettext("The party is not a party to this case.")]})
        record = ServiceRecord(document=document, party=party, served_on=served_on,
                               method=method, recipient=recipient, signed=signed,
                               created_by=actor)
        record.full_clean()
        record.save()
        _event(document, actor, "document_served", number=document.number or "",
               served_on=served_on.isoformat(), method=method)
    return record


def convert_version_to_pdf(version_id: int) -> DocumentVersion | None:
    """The PDF of a version (the task's body). Idempotent; records why it failed."""
    from documents.pdf import LibreOfficeUnavailable, PdfConversionError, convert_to_pdf

    version = DocumentVersion.objects.select_related("document").filter(pk=version_id).first()
    if version is None or version.pdf_status == PdfStatus.DONE:
        return version
    with version.file.open("rb") as handle:
        data = handle.read()
    try:
        pdf = convert_to_pdf(data)
    except LibreOfficeUnavailable as exc:
        DocumentVersion.objects.filter(pk=version_id).update(
            pdf_status=PdfStatus.UNAVAILABLE, pdf_error=str(exc))
        return DocumentVersion.objects.get(pk=version_id)
    except PdfConversionError as exc:
        DocumentVersion.objects.filter(pk=version_id).update(
            pdf_status=PdfStatus.FAILED, pdf_error=str(exc))
        return DocumentVersion.objects.get(pk=version_id)
    version.pdf.save(f"{version.document.kind}.pdf", ContentFile(pdf), save=False)
    DocumentVersion.objects.filter(pk=version_id).update(
        pdf=version.pdf.name, pdf_status=PdfStatus.DONE, pdf_error="")
    return DocumentVersion.objects.get(pk=version_id)


def request_pdf(*, document: Document, actor: User) -> DocumentVersion:
    """Queue the PDF of the document's latest version."""
    with transaction.atomic():
        document = _lock(document)
        _check_actor(document.case, actor)
        version = document.latest_version()
        if version is None:
            raise TransitionNotAllowed(gettext("The document has not been rendered yet."))
        if version.pdf_status != PdfStatus.DONE:
            DocumentVersion.objects.filter(pk=version.pk).update(pdf_status=PdfStatus.PENDING,
                                                                 pdf_error="")
            _schedule_pdf(version)
    return version
