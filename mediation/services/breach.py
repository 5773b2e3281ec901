"""A missed agreement term marks the agreement breached (Workflow B: performing →
breached), by a periodic sweep acting as the system through the one transition runner.

A term counts as missed once its due date is more than ``MEDIATION_BREACH_GRACE_WORKING_DAYS``
working days past (default 3): a payment made on the due day is often recorded a day or
two later, and a breach cannot be undone. The sweep is idempotent: only cases still
performing are looked at, each moves once (``expected_state``), and a case changed
meanwhile by its mediator is left alone. The mediator is told what the parties may do
(:func:`mediation.notifications.breach_recorded`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import workdays
from cases.errors import DomainError
from cases.services.runner import perform_transition, system_user
from mediation.models import AgreementTerm
from mediation.models.mediation import MediationState

logger = logging.getLogger("ipcases.tasks")

DEFAULT_GRACE_WORKING_DAYS = 3


@dataclass
class BreachResult:
    breached: list[int] = field(default_factory=list)
    skipped: int = 0


def grace_working_days() -> int:
    return int(getattr(settings, "MEDIATION_BREACH_GRACE_WORKING_DAYS",
                       DEFAULT_GRACE_WORKING_DAYS))


def is_missed(term: AgreementTerm, today: date) -> bool:
    """Not performed and more than the grace period past its due date."""
    return term.done_on is None and workdays.add_working_days(
        term.due_on, grace_working_days()) < today


def _note(terms: list[AgreementTerm]) -> str:
    parts = [_("term %(n)s (%(what)s, due %(due)s)") % {
        "n": t.n, "what": t.description.strip().rstrip("。."), "due": t.due_on}
        for t in terms]
    return _("Not performed by the due date: %(terms)s.") % {"terms": "; ".join(parts)}


def mark_breaches(today: date | None = None) -> BreachResult:
    """Move every performing mediation with a missed term to breached; returns the cases
    moved and how many were skipped (changed meanwhile)."""
    today = today or timezone.localdate()
    result = BreachResult()
    overdue: dict[int, list[AgreementTerm]] = {}
    for term in AgreementTerm.objects.filter(
            agreement__mediation__state=MediationState.PERFORMING, done_on__isnull=True,
            due_on__lt=today).order_by("agreement_id", "n"):
        if is_missed(term, today):
            overdue.setdefault(term.agreement_id, []).append(term)
    case_ids = list(overdue)
    if not case_ids:
        return result
    actor = system_user()
    with translation.override(settings.LANGUAGE_CODE):
        for case_id in case_ids:
            terms = overdue[case_id]
            try:
                perform_transition(case_id=case_id, actor=actor, name="record_breach",
                                   data={"note": _note(terms)},
                                   expected_state=MediationState.PERFORMING, system=True)
            except DomainError:
                logger.info("breach sweep: case %s changed meanwhile", case_id)
                result.skipped += 1
                continue
            result.breached.append(case_id)
    return result
