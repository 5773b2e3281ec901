"""Work-queue notices of the ruling workflow, sent after commit for each timeline event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from cases.models import Role, User
from cases.models.notifications import NotificationKind
from cases.ruling.models import CaseState
from cases.workflows import Notice

if TYPE_CHECKING:
    from cases.models import Case, CaseEvent


def draft_awaits_approval(event: CaseEvent, case: Case) -> Iterator[Notice]:
    """A draft ruling entering approval: the heads and legal staff of the office."""
    if event.to_state != CaseState.PENDING_APPROVAL or event.from_state == event.to_state:
        return
    staff = User.objects.filter(office_id=case.office_id, is_active=True,
                                groups__name__in=[Role.HEAD, Role.LEGAL]).distinct()
    for user in staff:
        kind = (NotificationKind.APPROVAL_NEEDED if user.has_role(Role.HEAD)
                else NotificationKind.REVIEW_NEEDED)
        yield Notice(recipient=user, kind=kind,
                     message=_("%(case)s: a draft ruling awaits legal review and approval.")
                     % {"case": case.number})


def panel_assigned(event: CaseEvent, case: Case) -> Iterator[Notice]:
    """An accepted case: each member of its panel."""
    if event.name != "accept":
        return
    for seat in case.assignments.panel().select_related("user"):
        yield Notice(recipient=seat.user, kind=NotificationKind.ASSIGNED,
                     message=_("%(case)s was accepted and assigned to you.")
                     % {"case": case.number})


NOTIFICATION_RULES = (draft_awaits_approval, panel_assigned)
