"""Performance reminders: the mediator hears of each agreed term before it falls due and
on the day after it was missed, with what the parties may do then.

Idempotent by construction: every notice has a dedupe key (term, lead) and the
notification table refuses a second one, so a sweep that runs twice, or two that
overlap, never notify twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import workdays
from cases.models import CaseAssignment, Deadline, Notification
from cases.models.deadlines import DeadlineStatus
from cases.models.notifications import NotificationKind
from cases.models.participants import AssignmentRole
from mediation.clocks import FILING
from mediation.models import AgreementTerm
from mediation.models.confirmation import ConfirmationState
from mediation.models.mediation import MediationState


@dataclass
class ReminderResult:
    due_soon: int = 0
    missed: int = 0
    filing_windows: int = 0


def _options(term: AgreementTerm) -> str:
    return breach_options(term.agreement)


def breach_options(agreement: Any) -> str:
    """What the parties may do about a missed term, given the agreement's confirmation."""
    if agreement.confirmations.filter(state=ConfirmationState.CONFIRMED).exists():
        return _("The agreement was confirmed by a court: the other party may apply to "
                 "that court for enforcement.")
    return _("The parties may jointly apply to a court for judicial confirmation of the "
             "agreement (within 30 days of it taking effect) and then for enforcement, or "
             "the requester may sue.")


def remind_agreement_terms(today: date | None = None) -> ReminderResult:
    """Notify each performing case's mediator of terms falling due within the reminder
    leads (working days, ``DEADLINE_REMINDER_LEAD_WORKING_DAYS``) and of terms missed."""
    today = today or timezone.localdate()
    leads = sorted(set(settings.DEADLINE_REMINDER_LEAD_WORKING_DAYS))
    horizon = workdays.add_working_days(today, max(leads, default=0))
    mediator = CaseAssignment.objects.filter(
        case_id=OuterRef("agreement__mediation__case_id"),
        role=AssignmentRole.MEDIATOR).values("user_id")[:1]
    terms = list(
        AgreementTerm.objects.filter(
            done_on__isnull=True, due_on__lte=horizon,
            agreement__mediation__state=MediationState.PERFORMING,
        ).annotate(mediator_id=Subquery(mediator)).filter(mediator_id__isnull=False)
        .select_related("agreement__mediation__case")
    )
    notes: list[Notification] = []
    result = ReminderResult()
    with translation.override(settings.LANGUAGE_CODE):
        for term in terms:
            mediation = term.agreement.mediation
            facts = {"case": mediation.case.number, "n": term.n, "due": term.due_on,
                     "what": term.description}
            if term.due_on < today:
                message = _("%(case)s: term %(n)s (“%(what)s”, due %(due)s) was not "
                            "performed.") % facts + " " + _options(term)
                notes.append(Notification(
                    recipient_id=term.mediator_id, case=mediation.case,
                    kind=NotificationKind.MISSED, dedupe_key=f"term-{term.pk}-missed",
                    message=message[:300]))
                result.missed += 1
                continue
            left = workdays.working_days_between(today, term.due_on)
            applicable = [lead for lead in leads if left <= lead]
            if not applicable:
                continue
            lead = min(applicable)
            message = _("%(case)s: term %(n)s (“%(what)s”) falls due on %(due)s "
                        "(%(left)s working days left).") % {**facts, "left": left}
            notes.append(Notification(
                recipient_id=term.mediator_id, case=mediation.case,
                kind=NotificationKind.DUE_SOON, lead_days=lead,
                dedupe_key=f"term-{term.pk}-due-{lead}", message=message[:300]))
            result.due_soon += 1
        notes += _filing_window_notes(today, leads, horizon, result)
    Notification.objects.bulk_create(notes, ignore_conflicts=True)
    return result


def _filing_window_notes(today: date, leads: list[int], horizon: date,
                         result: ReminderResult) -> list[Notification]:
    """The mediator is warned before the 30-day window for judicial confirmation closes
    on an agreement not yet filed (the clock's own reminders go to the officer in
    charge)."""
    mediator = CaseAssignment.objects.filter(
        case_id=OuterRef("case_id"), role=AssignmentRole.MEDIATOR).values("user_id")[:1]
    windows = (Deadline.objects.filter(code=FILING, status=DeadlineStatus.OPEN,
                                       due_on__gte=today, due_on__lte=horizon)
               .annotate(mediator_id=Subquery(mediator)).filter(mediator_id__isnull=False)
               .select_related("case"))
    notes = []
    for window in windows:
        left = workdays.working_days_between(today, window.due_on)
        applicable = [lead for lead in leads if left <= lead]
        if not applicable:
            continue
        lead = min(applicable)
        notes.append(Notification(
            recipient_id=window.mediator_id, case=window.case,
            kind=NotificationKind.DUE_SOON, lead_days=lead,
            dedupe_key=f"filing-{window.pk}-{lead}",
            message=_("%(case)s: the parties may apply for judicial confirmation of the "
                      "agreement until %(due)s (%(left)s working days left).")
            % {"case": window.case.number, "due": window.due_on, "left": left}))
        result.filing_windows += 1
    return notes
