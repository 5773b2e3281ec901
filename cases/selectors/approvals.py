"""Reads of approval requests, scoped like the cases they belong to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from cases.models import ApprovalOutcome, ApprovalRequest, Case, Role
from cases.selectors.scope import case_scope_q, office_scope_q

if TYPE_CHECKING:
    from cases.models import User


def approvals_for(user: User, *, outcome: str | None = None) -> QuerySet[ApprovalRequest]:
    """Requests of the cases the user may see, newest first."""
    qs = (ApprovalRequest.objects.filter(case__in=_visible_cases(user))
          .select_related("case", "case__office", "requested_by", "decided_by"))
    if outcome:
        qs = qs.filter(outcome=outcome)
    return qs


def approval_queue(user: User) -> QuerySet[ApprovalRequest]:
    """The head's queue: pending requests of the cases of the head's office tree, oldest
    first (who waits longest comes first). Nobody else has a queue."""
    if not user.is_authenticated or not user.has_role(Role.HEAD):
        return ApprovalRequest.objects.none()
    return (ApprovalRequest.objects
            .filter(office_scope_q(user, "case__office"), outcome=ApprovalOutcome.PENDING)
            .select_related("case", "case__office", "requested_by")
            .order_by("requested_at", "id"))


def case_approvals(case: Case, limit: int = 10) -> list[ApprovalRequest]:
    """The case's requests, pending first, then the latest decided ones."""
    qs = case.approval_requests.select_related("requested_by", "decided_by")
    pending = list(qs.filter(outcome=ApprovalOutcome.PENDING))
    decided = list(qs.exclude(outcome=ApprovalOutcome.PENDING)[:max(limit - len(pending), 0)])
    return pending + decided


def _visible_cases(user: User) -> QuerySet[Case]:
    return Case.objects.filter(case_scope_q(user))
