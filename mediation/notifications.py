"""Work-queue notices of mediation and confirmation, sent after commit for each event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from cases.models.notifications import NotificationKind
from cases.workflows import Notice
from mediation.permissions import assigned_mediator

if TYPE_CHECKING:
    from cases.models import Case, CaseEvent


def mediator_assigned(event: CaseEvent, case: Case) -> Iterator[Notice]:
    """The mediator named to a case hears of it (a new case started with one, too)."""
    if event.name not in {"assign_mediator", "create"}:
        return
    mediator = assigned_mediator(case)
    if mediator is not None and mediator.pk != event.actor_id:
        yield Notice(recipient=mediator, kind=NotificationKind.ASSIGNED,
                     message=_("%(case)s was assigned to you for mediation.")
                     % {"case": case.number})


NOTIFICATION_RULES = (mediator_assigned,)
