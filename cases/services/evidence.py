"""Writes of evidence files (证据材料) attached to a case, and the case's upload quota."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from cases.errors import TransitionNotAllowed
from cases.models import Evidence, EvidenceItem
from cases.models.events import EventKind
from cases.permissions import is_intake_officer_or_head
from cases.services.runner import lock_case, record_event

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from cases.models import Case, User

# Other apps that store uploads of a case (corrected documents) add their bytes here.
_upload_counters: list[Callable[[Case], int]] = []


def register_upload_counter(counter: Callable[[Case], int]) -> None:
    if counter not in _upload_counters:
        _upload_counters.append(counter)


def case_upload_bytes(case: Case) -> int:
    evidence = Evidence.objects.filter(case=case).aggregate(n=Sum("size"))["n"] or 0
    return int(evidence) + sum(counter(case) for counter in _upload_counters)


def check_case_quota(case: Case, incoming: int) -> None:
    """Refuse an upload that would take the case past ``CASE_UPLOAD_QUOTA_MB``."""
    quota = int(settings.CASE_UPLOAD_QUOTA_MB) * 1024 * 1024
    used = case_upload_bytes(case)
    if used + incoming > quota:
        raise ValidationError(_(
            "This case already holds %(used)s MB of uploaded files; with this upload it "
            "would exceed its %(quota)s MB. Remove files or ask an administrator.")
            % {"used": used // (1024 * 1024), "quota": quota // (1024 * 1024)})


@transaction.atomic
def attach_evidence(*, case_id: int, actor: User,
                    files: list[tuple[UploadedFile, str]]) -> list[Evidence]:
    """Store already content-checked files with the case and note them on the timeline."""
    case = lock_case(case_id, actor)
    if not is_intake_officer_or_head(case, actor):
        raise PermissionDenied(_("You may not add evidence to this case."))
    check_case_quota(case, sum(upload.size or 0 for upload, _type in files))
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


def can_record_evidence(case: Case, user: User) -> bool:
    """The officers of the case (before assignment any officer of the office) and heads."""
    return is_intake_officer_or_head(case, user)


@transaction.atomic
def add_evidence_item(*, case_id: int, actor: User, data: Any) -> EvidenceItem:
    """Add an entry to the case's evidence catalogue (证据目录) at any open stage.

    403 for a user who may not record evidence, 409 on a closed case, 400 (ValidationError
    per field) for bad input; the entry is numbered after the last one and noted on the
    timeline.
    """
    from cases.evidence_forms import EvidenceItemForm

    case = lock_case(case_id, actor)
    if not can_record_evidence(case, actor):
        raise PermissionDenied(_("You may not add evidence to this case."))
    if not case.is_open:
        raise TransitionNotAllowed(_(
            "The case was closed on %(date)s: no evidence can be added to it.")
            % {"date": case.closed_on})
    form = EvidenceItemForm(data, case=case)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    last = EvidenceItem.objects.filter(case=case).aggregate(n=Max("number"))["n"] or 0
    item = EvidenceItem.objects.create(case=case, number=last + 1, recorded_by=actor,
                                       **form.cleaned_item())
    record_event(case, actor=actor, kind=EventKind.CHANGE, name="add_evidence_item",
                 from_state=case.state, to_state=case.state,
                 payload={"number": item.number, "name": item.name,
                          "submitted_by": item.submitter_label})
    return item
