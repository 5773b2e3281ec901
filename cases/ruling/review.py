"""The draft ruling between the panel and the reviewers (issue 15, item 5).

The panel edits the draft on its own page (saved as often as needed while deliberating,
each save on the timeline) and submits it for approval; legal staff and the head read it
on the review page with the answer, the hearing record and the evidence, and with the
differences since the last review: each legal review keeps a snapshot of the draft it
reviewed in its timeline entry (``payload["draft"]``), and the draft as it stands is
compared with the last review made before its latest submission.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from cases.errors import TransitionNotAllowed
from cases.models import CaseEvent
from cases.models.events import EventKind
from cases.permissions import is_case_officer_or_head, is_head, is_legal_reviewer
from cases.ruling.forms import SubmitForApprovalForm
from cases.ruling.models import CaseState, RulingCase
from cases.services import runner

if TYPE_CHECKING:
    from cases.models import Case, User

# The draft's fields, in the order a ruling reads them.
DRAFT_FIELDS = ("draft_outcome", "evidence_examination", "disputed_issues", "findings",
                "reasoning", "draft_order_text")
DRAFT_SAVED = "draft_saved"
# States in which the draft is being written or reviewed.
DRAFT_STATES = frozenset({CaseState.DELIBERATION, CaseState.PENDING_APPROVAL})
REVIEW = "record_legal_review"
SUBMIT = "submit_for_approval"


def draft_snapshot(ruling: RulingCase) -> dict[str, str]:
    return {name: str(getattr(ruling, name) or "") for name in DRAFT_FIELDS}


class DraftForm(SubmitForApprovalForm):
    """The draft page's form: the fields of the submission, none required to save."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in DRAFT_FIELDS:
            self.fields[name].required = False
        self.fields["draft_outcome"].choices = [("", "—"), *self.fields[  # type: ignore[attr-defined]
            "draft_outcome"].choices]


def may_edit_draft(case: Case, user: User) -> bool:
    return is_case_officer_or_head(case, user)


def may_review(case: Case, user: User) -> bool:
    return is_legal_reviewer(case, user) or is_head(case, user)


def save_draft(*, case_id: int, actor: User, data: Any) -> Case:
    """Save the draft while the panel deliberates (409 in another state, 403 for anybody
    but the case's officers and heads, 400 on invalid input); the timeline notes which
    parts changed."""
    with transaction.atomic():
        case = runner.lock_case(case_id, actor)
        ruling: RulingCase = runner.lock_flow(case)
        if ruling.state != CaseState.DELIBERATION:
            raise TransitionNotAllowed(gettext(
                "The draft can be edited while the panel deliberates; the case is %(state)s.")
                % {"state": case.get_state_display()})
        if not may_edit_draft(case, actor):
            raise PermissionDenied(gettext("Only the case's officers edit the draft."))
        form = DraftForm(data, case=case, actor=actor)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        before = draft_snapshot(ruling)
        for name in DRAFT_FIELDS:
            setattr(ruling, name, form.cleaned_data.get(name) or "")
        ruling.full_clean(exclude=["state"])
        changed = [name for name, value in draft_snapshot(ruling).items()
                   if value != before[name]]
        if changed:
            ruling.save(update_fields=changed)
            runner.record_event(case, actor=actor, kind=EventKind.CHANGE, name=DRAFT_SAVED,
                                payload={"changed": changed})
    return case


@dataclass(frozen=True)
class FieldDiff:
    name: str
    label: str
    text: str
    changed: bool
    # (op, text) pieces: "equal", "insert", "delete".
    pieces: list[tuple[str, str]]


def _pieces(old: str, new: str) -> list[tuple[str, str]]:
    """A character diff (Chinese has no spaces to split words on)."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    out: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", new[b1:b2]))
        else:
            if a2 > a1:
                out.append(("delete", old[a1:a2]))
            if b2 > b1:
                out.append(("insert", new[b1:b2]))
    return out


def last_review(case: Case) -> CaseEvent | None:
    return (CaseEvent.objects.filter(case=case, name=REVIEW).select_related("actor")
            .order_by("-at", "-id").first())


def previous_review(case: Case) -> CaseEvent | None:
    """The review the current draft is compared with: the last one before the draft was
    last submitted (so the head, reading after this round's review, still sees what
    changed since the round before)."""
    submitted = (CaseEvent.objects.filter(case=case, name=SUBMIT).order_by("-at", "-id")
                 .values_list("id", flat=True).first())
    reviews = CaseEvent.objects.filter(case=case, name=REVIEW)
    if submitted is not None:
        reviews = reviews.filter(id__lt=submitted)
    return reviews.select_related("actor").order_by("-at", "-id").first()


def draft_diff(ruling: RulingCase, review: CaseEvent | None) -> list[FieldDiff]:
    """Each draft field as it is now, with what changed since ``review``'s snapshot."""
    now = draft_snapshot(ruling)
    then = (review.payload or {}).get("draft") if review is not None else None
    rows = []
    for name in DRAFT_FIELDS:
        label = str(RulingCase._meta.get_field(name).verbose_name)
        text = now[name]
        if name == "draft_outcome":
            text = str(ruling.get_draft_outcome_display()) if text else ""
        if not isinstance(then, dict):
            rows.append(FieldDiff(name, label, text, False, [("equal", text)]))
            continue
        old = str(then.get(name) or "")
        if name == "draft_outcome":
            old_label = dict(RulingCase._meta.get_field(name).choices or []).get(old, old)
            old = str(old_label)
        rows.append(FieldDiff(name, label, text, old != text, _pieces(old, text)))
    return rows


def review_context(case: Case) -> dict[str, Any]:
    ruling: RulingCase = case.ruling
    review = last_review(case)
    earlier = previous_review(case)
    has_snapshot = earlier is not None and isinstance((earlier.payload or {}).get("draft"),
                                                      dict)
    diff = draft_diff(ruling, earlier if has_snapshot else None)
    return {
        "flow": ruling, "diff": diff, "review": review, "has_snapshot": has_snapshot,
        "compared_with": earlier,
        "changed": [d for d in diff if d.changed],
        "evidence": list(case.evidence.select_related("uploaded_by")
                         .order_by("uploaded_at", "id")),
        "has_draft": any(getattr(ruling, n) for n in DRAFT_FIELDS),
    }


