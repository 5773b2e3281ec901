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
    """The mediator named when a case is started hears of it (a mediator named later is
    told by the assignment service, cases.services.assignments)."""
    if event.name != "create":
        return
    mediator = assigned_mediator(case)
    if mediator is not None and mediator.pk != event.actor_id:
        yield Notice(recipient=mediator, kind=NotificationKind.ASSIGNED,
                     message=_("%(case)s was assigned to you for mediation.")
                     % {"case": case.number})


def breach_recorded(event: CaseEvent, case: Case) -> Iterator[Notice]:
    """The agreement was marked breached (by the sweep, or by someone else than the
    mediator): the mediator hears what was missed and what the parties may do now."""
    if event.name != "record_breach":
        return
    mediator = assigned_mediator(case)
    if mediator is None or mediator.pk == event.actor_id:
        return
    from mediation.services.reminders import breach_options

    flow = case.mediation
    agreement = flow.agreement_or_none
    options = breach_options(agreement) if agreement is not None else ""
    note = flow.breach_note.strip()
    yield Notice(recipient=mediator, kind=NotificationKind.MISSED,
                 message=(_("%(case)s: the agreement was marked breached.") % {
                     "case": case.number} + f" {note} {options}").strip())


NOTIFICATION_RULES = (mediator_assigned, breach_recorded)
