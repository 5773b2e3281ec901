"""Writes of evidence files (证据材料) attached to a case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Evidence
from cases.models.events import EventKind
from cases.permissions import is_intake_officer_or_head
from cases.services.runner import lock_case, record_event

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from cases.models import User


@transaction.atomic
def attach_evidence(*, case_id: int, actor: User,
                    files: list[tuple[UploadedFile, str]]) -> list[Evidence]:
    """Store already content-checked files with the case and note them on the timeline."""
    case = lock_case(case_id, actor)
    if not is_intake_officer_or_head(case, actor):
        raise PermissionDenied(_("You may not add evidence to this case."))
    stored = []
    for upload, content_type in files:
        item = Evidence(case=case, original_name=(upload.name or "file")[:200],
                        content_type=content_type, size=upload.size or 0, uploaded_by=actor)
        item.file.save("evidence", upload, save=False)
        item.save()
        stored.append(item)
    if stored:
        record_event(case, actor=actor, kind=EventKind.CHANGE, name="attach_evidence",
                     from_state=case.state, to_state=case.state,
                     payload={"files": [e.original_name for e in stored]})
    return stored
