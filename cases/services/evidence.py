"""Writes of evidence files (证据材料) attached to a case, and the case's upload quota."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from cases.errors import OutOfScope, TransitionNotAllowed
from cases.models import CaseEvent, Evidence, EvidenceItem
from cases.models.events import EventKind
from cases.permissions import is_case_officer_or_head, is_office_officer
from cases.services.runner import lock_case, record_event
from cases.text_limits import check_typed_text

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
    if not can_record_evidence(case, actor):
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
    """The officers of the case and heads; before anybody is put in charge or assigned (a
    case a head registered), any officer of the office. Once a case has its officers, a
    colleague of the office adds, corrects or removes nothing in its evidence."""
    if is_case_officer_or_head(case, user):
        return True
    return (is_office_officer(case, user) and case.officer_in_charge_id is None
            and not case.assignments.exists())


# Timeline entries of the catalogue (labelled in cases.apps); the timeline is its audit
# trail: who changed or removed which entry when, with the entry as it was.
ITEM_ADDED = "add_evidence_item"
ITEM_CHANGED = "change_evidence_item"
ITEM_REMOVED = "remove_evidence_item"


def _next_number(case: Case) -> int:
    """After the last number ever given: a removed entry's number is not given again, so
    "证据5" on the timeline and in the hearing record names one piece of evidence."""
    last = EvidenceItem.objects.filter(case=case).aggregate(n=Max("number"))["n"] or 0
    removed = [n for n in CaseEvent.objects.filter(case=case, name=ITEM_REMOVED)
               .values_list("payload__number", flat=True) if isinstance(n, int)]
    return max([last, *removed]) + 1


def _check_may_change(case: Case, actor: User) -> None:
    """The catalogue changes as adding does: an officer of the case or a head, open case."""
    if not can_record_evidence(case, actor):
        raise PermissionDenied(_("You may not change the evidence catalogue of this case."))
    if not case.is_open:
        raise TransitionNotAllowed(_(
            "The case was closed on %(date)s: its evidence catalogue can no longer be "
            "changed.") % {"date": case.closed_on})


def _lock_item(case: Case, item_id: int) -> EvidenceItem:
    try:
        return (EvidenceItem.objects.select_for_update(of=("self",))
                .select_related("submitted_by__party").get(case=case, pk=item_id))
    except EvidenceItem.DoesNotExist:
        raise OutOfScope() from None


def _snapshot(item: EvidenceItem) -> dict[str, Any]:
    return {"name": item.name, "submitted_by": item.submitter_label, "purpose": item.purpose,
            "pages": item.pages, "form": item.form, "submitted_on": item.submitted_on.isoformat(),
            "examination": item.examination}


@transaction.atomic
def change_evidence_item(*, case_id: int, item_id: int, actor: User,
                         data: Mapping[str, Any]) -> EvidenceItem:
    """Correct an entry of the catalogue. ``data`` may name only the fields that change
    (the API's PATCH); the rest stay. The timeline keeps who changed what, when, and the
    values before and after."""
    from cases.evidence_forms import OFFICE, EvidenceItemForm

    case = lock_case(case_id, actor)
    _check_may_change(case, actor)
    item = _lock_item(case, item_id)
    before = _snapshot(item)
    current = {**before, "submitted_by": (str(item.submitted_by.party_id)
                                          if item.submitted_by else OFFICE)}
    unknown = set(data) - set(current) - {"csrfmiddlewaretoken"}
    if unknown:
        raise ValidationError({k: [_("This field cannot be changed here.")]
                               for k in sorted(unknown)})
    merged = {**current, **{k: data[k] for k in data if k in current}}
    form = EvidenceItemForm(merged, case=case)
    if not form.is_valid():
        raise ValidationError(form.errors.as_data())
    for name, value in form.cleaned_item().items():
        setattr(item, name, value)
    after = _snapshot(item)
    changed = {k: {"before": before[k], "after": after[k]} for k in after
               if before[k] != after[k]}
    if not changed:
        return item
    item.save()
    record_event(case, actor=actor, kind=EventKind.CHANGE, name=ITEM_CHANGED,
                 from_state=case.state, to_state=case.state,
                 payload={"item": item.pk, "number": item.number, "name": item.name,
                          "changes": changed})
    return item


@transaction.atomic
def remove_evidence_item(*, case_id: int, item_id: int, actor: User,
                         reason: str) -> None:
    """Take an entry out of the catalogue with the reason (e.g. recorded twice, withdrawn
    by the party). The entry as it was and the reason stay on the timeline."""
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    case = lock_case(case_id, actor)
    _check_may_change(case, actor)
    item = _lock_item(case, item_id)
    if not reason:
        raise ValidationError({"reason": [_(
            "Give the reason for removing the entry: it stays on the timeline.")]})
    check_typed_text("reason", reason)
    record_event(case, actor=actor, kind=EventKind.CHANGE, name=ITEM_REMOVED,
                 from_state=case.state, to_state=case.state, reason=reason,
                 payload={"item": item.pk, "number": item.number, "entry": _snapshot(item),
                          "recorded_by": item.recorded_by.display_name,
                          "recorded_at": item.recorded_at.isoformat()})
    item.delete()


def last_changes(case: Case) -> dict[int, CaseEvent]:
    """The latest change of each catalogue entry (item id → timeline event): the
    catalogue shows who last changed an entry and when."""
    latest: dict[int, CaseEvent] = {}
    for event in (CaseEvent.objects.filter(case=case, name=ITEM_CHANGED)
                  .select_related("actor").order_by("at", "id")):
        item_id = event.payload.get("item") if isinstance(event.payload, dict) else None
        if isinstance(item_id, int):
            latest[item_id] = event
    return latest


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
    item = EvidenceItem.objects.create(case=case, number=_next_number(case),
                                       recorded_by=actor, **form.cleaned_item())
    record_event(case, actor=actor, kind=EventKind.CHANGE, name=ITEM_ADDED,
                 from_state=case.state, to_state=case.state,
                 payload={"number": item.number, "name": item.name,
                          "submitted_by": item.submitter_label})
    return item
