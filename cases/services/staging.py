"""Files of a refused form, kept for their owner (cases.models.StagedUpload): an intake
with an error does not lose the evidence files chosen with it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.files import File
from django.utils import timezone

from cases.models import StagedUpload

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from cases.models import User

KEPT_FOR = timedelta(days=1)
# At most this many staged files per user at any time (older ones are dropped first).
MAX_PER_USER = 40


def purge_staged(now: datetime | None = None) -> int:
    """Remove staged files older than a day, their stored bytes included."""
    limit = (now or timezone.now()) - KEPT_FOR
    old = list(StagedUpload.objects.filter(created_at__lt=limit))
    for item in old:
        item.file.delete(save=False)
    StagedUpload.objects.filter(pk__in=[i.pk for i in old]).delete()
    return len(old)


def stage(owner: User, files: Iterable[tuple[UploadedFile, str]]) -> list[StagedUpload]:
    """Keep content-checked uploads (already within the size limits) for ``owner``."""
    staged = []
    for upload, content_type in files:
        item = StagedUpload(owner=owner, original_name=(upload.name or "file")[:200],
                            content_type=content_type, size=upload.size or 0)
        upload.seek(0)
        item.file.save("staged", upload, save=False)
        item.save()
        staged.append(item)
    surplus = list(StagedUpload.objects.filter(owner=owner)
                   .order_by("-created_at", "-id")[MAX_PER_USER:])
    for item in surplus:
        item.file.delete(save=False)
        item.delete()
    return staged


def staged_of(owner: User, ids: Iterable[object]) -> list[StagedUpload]:
    """The owner's own staged files among ``ids`` (anyone else's, or a purged one, is
    silently not there), oldest first."""
    wanted = {int(str(i)) for i in ids if str(i).isdigit() and len(str(i)) < 19}
    if not wanted:
        return []
    return list(StagedUpload.objects.filter(
        owner=owner, pk__in=wanted, created_at__gte=timezone.now() - KEPT_FOR))


def as_files(items: Iterable[StagedUpload]) -> list[tuple[File, str]]:
    """Staged files as the evidence service takes them: (file, checked content type)."""
    out: list[tuple[File, str]] = []
    for item in items:
        handle = File(item.file.open("rb"), name=item.original_name)
        out.append((handle, item.content_type))
    return out


def discard(items: Iterable[StagedUpload]) -> None:
    for item in items:
        item.file.delete(save=False)
        item.delete()
