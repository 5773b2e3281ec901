"""A missed agreement term marks the agreement breached: a periodic sweep acting as the
system through the one transition runner, idempotent, after a grace period; the
mediator hears what the parties may do."""

from __future__ import annotations

import datetime
from typing import Any

from cases.models import Notification
from cases.services.runner import SYSTEM_USERNAME
from mediation.models import AgreementTerm
from mediation.services.breach import mark_breaches
from mediation.tasks import mark_breached_agreements
from mediation.tests.driver import MediationDriver


def _performing(mediation_driver: MediationDriver) -> Any:
    case = mediation_driver.new()
    mediation_driver.to_agreed(case)  # two payment terms, due 2026-05-20 and 2026-06-19
    return mediation_driver.run(case, "begin_performance")


def _at(time_machine: Any, day: str) -> None:
    time_machine.move_to(datetime.datetime.fromisoformat(f"{day}T10:00:00+08:00"))


def test_a_missed_term_marks_the_agreement_breached_once_as_the_system(
        mediation_driver: MediationDriver, personas: Any, time_machine: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    case = _performing(mediation_driver)
    # Due Wednesday 20 May; three working days' grace end on Monday 25 May.
    _at(time_machine, "2026-05-25")
    assert mark_breaches().breached == []
    _at(time_machine, "2026-05-26")
    with django_capture_on_commit_callbacks(execute=True):
        result = mark_breached_agreements()
    assert result == {"breached": 1, "skipped": 0}
    case.refresh_from_db()
    flow = case.mediation
    assert flow.state == "breached"
    assert case.closed_on == datetime.date(2026, 5, 26)
    event = case.events.get(name="record_breach")
    assert event.actor.username == SYSTEM_USERNAME
    assert not event.actor.is_active and not event.actor.has_usable_password()
    assert "1" in flow.breach_note and "2026-05-20" in flow.breach_note
    notice = Notification.objects.get(recipient=personas.mediator, case=case,
                                      kind="missed", message__contains=case.number)
    assert "司法确认" in notice.message or "judicial confirmation" in notice.message
    # Idempotent: a second run, or the next day's, finds nothing to do.
    assert mark_breaches().breached == []
    _at(time_machine, "2026-05-27")
    assert mark_breached_agreements() == {"breached": 0, "skipped": 0}
    assert case.events.filter(name="record_breach").count() == 1


def test_a_term_performed_in_time_or_a_case_not_performing_is_left_alone(
        mediation_driver: MediationDriver, time_machine: Any) -> None:
    paid = _performing(mediation_driver)
    term = AgreementTerm.objects.get(agreement__mediation=paid.mediation, n=1)
    _at(time_machine, "2026-05-20")
    mediation_driver.run(paid, "record_performance", term=term.pk, paid_on="2026-05-20",
                         amount_paid="30000.00", term_done="on", evidence="银行转账回单")
    agreed_only = mediation_driver.new()
    mediation_driver.to_agreed(agreed_only)  # agreed, performance not followed yet
    _at(time_machine, "2026-05-26")
    assert mark_breaches().breached == []
    paid.refresh_from_db()
    assert paid.mediation.state == "performing"
    # The second term is missed in its turn.
    _at(time_machine, "2026-06-25")
    assert mark_breaches().breached == [paid.pk]
