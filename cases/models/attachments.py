"""Evidence files attached to a case (证据材料), kept outside the web root.

Files live in Django's default storage under ``MEDIA_ROOT/evidence/``; ``MEDIA_URL`` is
never served, so the only way to a file is the permission-checked download view.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The extension a download gets, from the type the file's content proved at upload (never
# the uploader's own name: "证据.html" holding a PDF is served as "证据.pdf").
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "application/zip": ".zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


def evidence_path(instance: Evidence, filename: str) -> str:
    # The stored name never reuses the uploader's file name: no path tricks, no clashes.
    import uuid

    return f"evidence/{instance.case_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def download_name(self) -> str:
        stem = PurePosixPath(self.original_name.replace("\\", "/")).stem or "evidence"
        return stem + EXTENSIONS.get(self.content_type, ".bin")


class EvidenceForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")


class EvidenceItem(models.Model):
    """One entry of a case's evidence catalogue (证据目录): who submitted what, to prove
    what, on how many pages, original or copy, and who recorded it when. The ruling's
    evidence and cross-examination section (证据及质证) reads the catalogue."""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE,
        related_name="evidence_items",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    # The party that submitted it; empty when the office collected it (本局调取).
    submitted_by = models.ForeignKey(
        "cases.CaseParty", verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="evidence_items",
    )
    name = models.CharField(_("evidence"), max_length=200)
    purpose = models.TextField(_("what it proves"))
    pages = models.PositiveSmallIntegerField(_("pages"))
    form = models.CharField(_("original or copy"), max_length=10, choices=EvidenceForm.choices)
    submitted_on = models.DateField(_("submitted on"))
    examination = models.TextField(_("cross-examination opinion"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence catalogue entry")
        verbose_name_plural = _("evidence catalogue")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="uniq_evidence_item_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def submitter_label(self) -> str:
        if self.submitted_by is None:
            return str(_("Collected by the office"))
        return f"{self.submitted_by.get_role_display()}{self.submitted_by.party.name}"


def staged_path(instance: StagedUpload, filename: str) -> str:
    import uuid

    return f"staged/{instance.owner_id}/{uuid.uuid4().hex}"


class StagedUpload(models.Model):
    """A file uploaded with a form that was refused (an intake with an error): kept for
    its owner so the form can be sent again without choosing the files anew. Only its
    owner uses it; it is purged a day after upload (cases.services.staging)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"),
                              on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("file"), upload_to=staged_path, max_length=200)
    original_name = models.CharField(_("original name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("staged upload")
        verbose_name_plural = _("staged uploads")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
