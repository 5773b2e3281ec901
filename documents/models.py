"""Formal documents (公文): the template library, documents with their 文号, every version,
and the proof-of-service records (送达回证) of issued documents.

Files live in Django's default storage under ``MEDIA_ROOT/documents/`` and
``MEDIA_ROOT/document_templates/``; ``MEDIA_URL`` is never served, so the only way to a
file is the permission-checked download endpoint.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models.offices import DocumentKind
from cases.models.service import ServiceMethod


class ImmutableDocument(Exception):
    """An issued or voided document gets no new version."""


def template_path(instance: DocumentTemplate, filename: str) -> str:
    return f"document_templates/{instance.kind}/{uuid.uuid4().hex}.docx"


def version_path(instance: DocumentVersion, filename: str) -> str:
    # Never the uploader's file name: no path tricks, no clashes.
    suffix = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return (
        f"documents/{instance.document.case_id}/{instance.document_id}/"
        f"v{instance.n}-{uuid.uuid4().hex}.{suffix}"
    )


class DocumentTemplate(models.Model):
    """A .docx template of one kind of document; one version per kind is active."""

    kind = models.CharField(_("document kind"), max_length=40, choices=DocumentKind.choices)
    name = models.CharField(_("name"), max_length=100)
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("template file"), upload_to=template_path, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=False)
    allowed_actions = models.JSONField(
        _("workflow steps that may use it"), default=list, blank=True,
        help_text=_("Names of the case actions this document belongs to, e.g. accept."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Empty for the templates shipped with the system."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="uniq_template_version"),
            models.UniqueConstraint(fields=["kind"], condition=Q(is_active=True),
                                    name="uniq_active_template_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    VOIDED = "voided", _("Voided")


class RenderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be rendered")
    RUNNING = "running", _("Rendering")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Rendering failed")


class PdfStatus(models.TextChoices):
    NONE = "", _("Not requested")
    PENDING = "pending", _("Waiting for conversion")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Conversion failed")
    UNAVAILABLE = "unavailable", _("PDF conversion is not installed")


class Document(models.Model):
    """One formal document of a case: a draft, then issued with its 文号, or voided."""

    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="documents")
    kind = models.CharField(_("document kind"), max_length=40, choices=DocumentKind.choices)
    template = models.ForeignKey(DocumentTemplate, verbose_name=_("template"),
                                 on_delete=models.PROTECT, related_name="documents")
    party = models.ForeignKey(
        "cases.Party", verbose_name=_("addressee"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The party a notice or proof of service is for; empty for a document "
                    "of the whole case."),
    )
    served_document = models.ForeignKey(
        "self", verbose_name=_("document served"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="receipts",
        help_text=_("For a proof of service: the document it records the service of."),
    )
    state = models.CharField(_("state"), max_length=10, choices=DocumentState.choices,
                             default=DocumentState.DRAFT, db_index=True)
    number = models.CharField(_("document number"), max_length=60, null=True, blank=True,
                              unique=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("sequence"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voided by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    sha256 = models.CharField(_("SHA-256 of the issued file"), max_length=64, blank=True)
    text = models.TextField(_("plain text"), blank=True)
    render_status = models.CharField(_("rendering"), max_length=10,
                                     choices=RenderStatus.choices, default=RenderStatus.PENDING)
    render_error = models.TextField(_("rendering error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "kind", "state"], name="document_case_kind")]

    def __str__(self) -> str:
        label = self.number or f"{self.get_kind_display()} ({self.get_state_display()})"
        return f"{label} → {self.party}" if self.party_id else label

    @property
    def is_draft(self) -> bool:
        return self.state == DocumentState.DRAFT

    def latest_version(self) -> DocumentVersion | None:
        return self.versions.order_by("-n").first()


class VersionSource(models.TextChoices):
    RENDERED = "rendered", _("Rendered from the template")
    UPLOADED = "uploaded", _("Corrected copy uploaded")


class DocumentVersion(models.Model):
    """One file of a document; every version is kept."""

    document = models.ForeignKey(Document, verbose_name=_("document"),
                                 on_delete=models.PROTECT, related_name="versions")
    n = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_path, max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    source = models.CharField(_("source"), max_length=10, choices=VersionSource.choices)
    pdf = models.FileField(_("PDF"), upload_to=version_path, max_length=200, blank=True)
    pdf_status = models.CharField(_("PDF"), max_length=12, choices=PdfStatus.choices,
                                  default=PdfStatus.NONE, blank=True)
    pdf_error = models.TextField(_("PDF error"), blank=True)
    public_file = models.FileField(_("public copy"), upload_to=version_path, max_length=200,
                                   blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "n"]
        constraints = [
            models.UniqueConstraint(fields=["document", "n"], name="uniq_document_version"),
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.n}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The last line of defence for immutability: services already refuse, but no code
        # path may add a file to a document once it carries its number. The issuing render
        # is created while the document is still a draft, inside the issuing transaction.
        if self.pk is None and self.document.state != DocumentState.DRAFT:
            raise ImmutableDocument(f"document {self.document_id} is {self.document.state}")
        super().save(*args, **kwargs)


class ServiceRecord(models.Model):
    """送达回证: an issued document was served on a party (the date the law counts from)."""

    document = models.ForeignKey(Document, verbose_name=_("document"),
                                 on_delete=models.PROTECT, related_name="service_records")
    party = models.ForeignKey("cases.Party", verbose_name=_("party served"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    served_on = models.DateField(_("served on"))
    method = models.CharField(_("service method"), max_length=20, choices=ServiceMethod.choices)
    recipient = models.CharField(_("received by"), max_length=100, blank=True,
                                 help_text=_("Who signed for it, when not the party itself."))
    signed = models.BooleanField(_("receipt signed"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proof of service")
        verbose_name_plural = _("proofs of service")
        ordering = ["served_on", "id"]

    def __str__(self) -> str:
        return f"{self.document} → {self.recipient or self.party}（{self.served_on}）"


class LegalBasisRuleQuerySet(models.QuerySet["LegalBasisRule"]):
    def in_force(self, *, kind: str, on: Any, outcome: str = "",
                 right_kind: str = "") -> LegalBasisRule | None:
        """The most specific active rule for the document on ``on``: one naming the outcome
        and the kind of right beats one that leaves either open; then the latest version."""
        rules = (self.filter(kind=kind, is_active=True, effective_from__lte=on)
                 .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on))
                 .filter(outcome__in=["", outcome], right_kind__in=["", right_kind]))
        return max(rules, key=lambda r: (bool(r.outcome), bool(r.right_kind),
                                         r.effective_from), default=None)


class LegalBasisRule(models.Model):
    """The legal basis a document cites (法律依据), as versioned, editable data: the
    statute, the judicial interpretation and the procedural rule, per kind of document,
    outcome and kind of right (an administrator enters a new version when the law changes)."""

    kind = models.CharField(_("document kind"), max_length=40, choices=DocumentKind.choices)
    outcome = models.CharField(_("outcome"), max_length=20, blank=True,
                               help_text=_("Empty: any outcome."))
    right_kind = models.CharField(_("kind of right"), max_length=30, blank=True,
                                  help_text=_("Empty: any kind of right."))
    text = models.TextField(_("legal basis as cited"))
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = LegalBasisRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal basis rule")
        verbose_name_plural = _("legal basis rules")
        ordering = ["kind", "outcome", "right_kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "outcome", "right_kind", "effective_from"],
                                    name="uniq_legal_basis_version"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.text[:40]}"
