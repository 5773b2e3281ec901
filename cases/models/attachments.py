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
