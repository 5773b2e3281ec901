"""Performance reminders reach the mediator once per term and lead, however often the
sweep runs, and a missed term tells the mediator what the parties may do."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from cases.models import Notification
from mediation.models import ConfirmationCase, Court
from mediation.services.reminders import remind_agreement_terms
from mediation.tests.conftest import signed_agreement

SIGNED = datetime.date(2026, 4, 1)


@pytest.fixture
def performing(make_mediation: Any, personas: Any, calendar_2026: Any) -> Any:
    m = make_mediation("performing")
    agreement = signed_agreement(m, personas.mediator, on=SIGNED)
    term = agreement.terms.get()
    term.due_on = datetime.date(2026, 5, 15)  # a Friday
    term.save()
    return m, term


def _mediator_notes(personas: Any) -> list[Notification]:
    return list(Notification.objects.filter(recipient=personas.mediator).order_by("id"))


def test_reminders_before_a_term_falls_due_are_sent_once(
        performing: Any, personas: Any, settings: Any) -> None:
    settings.DEADLINE_REMINDER_LEAD_WORKING_DAYS = [3, 1]
    m, term = performing
    assert remind_agreement_terms(datetime.date(2026, 5, 8)).due_soon == 0  # 5 days left
    remind_agreement_terms(datetime.date(2026, 5, 12))  # 3 working days left
    remind_agreement_terms(datetime.date(2026, 5, 12))
    remind_agreement_terms(datetime.date(2026, 5, 13))  # still inside the 3-day lead
    notes = _mediator_notes(personas)
    assert len(notes) == 1
    assert m.mediation.case.number in notes[0].message and "2026-05-15" in notes[0].message
    remind_agreement_terms(datetime.date(2026, 5, 14))  # 1 working day left
    remind_agreement_terms(datetime.date(2026, 5, 14))
    assert [n.lead_days for n in _mediator_notes(personas)] == [3, 1]


def test_a_missed_term_is_reported_once_with_the_parties_options(
        performing: Any, personas: Any) -> None:
    remind_agreement_terms(datetime.date(2026, 5, 18))
    remind_agreement_terms(datetime.date(2026, 5, 19))
    notes = [n for n in _mediator_notes(personas) if n.kind == "missed"]
    assert len(notes) == 1
    assert "共同向人民法院申请司法确认" in notes[0].message


def test_a_confirmed_agreement_points_to_enforcement(
        performing: Any, personas: Any) -> None:
    from cases.models import Case

    m, term = performing
    header = Case.objects.create(office=m.mediation.case.office, year=2026, sequence=9001,
                                 number="南知确字〔2026〕1号", title="申请司法确认",
                                 workflow="confirmation",
                                 received_on=SIGNED)
    ConfirmationCase.objects.create(case=header, agreement=term.agreement,
                                    state="agreement_confirmed",
                                    court=Court.objects.get(name="南宁知识产权法庭"))
    remind_agreement_terms(datetime.date(2026, 5, 18))
    (note,) = _mediator_notes(personas)
    assert "向该人民法院申请强制执行" in note.message


def test_performed_terms_and_other_states_are_left_alone(
        performing: Any, personas: Any) -> None:
    m, term = performing
    term.done_on = datetime.date(2026, 5, 10)
    term.save()
    remind_agreement_terms(datetime.date(2026, 5, 18))
    assert _mediator_notes(personas) == []


def test_the_mediator_is_warned_before_the_confirmation_window_closes(
        make_mediation: Any, personas: Any, calendar_2026: Any, deadline_rules: int,
        settings: Any) -> None:
    from cases.services.deadlines import start_clock

    settings.DEADLINE_REMINDER_LEAD_WORKING_DAYS = [3, 1]
    m = make_mediation("agreed")
    window = start_clock(m.mediation.case, "confirmation.filing", datetime.date(2026, 4, 15))
    assert window.due_on == datetime.date(2026, 5, 15)
    assert remind_agreement_terms(datetime.date(2026, 5, 8)).filing_windows == 0
    remind_agreement_terms(datetime.date(2026, 5, 12))
    remind_agreement_terms(datetime.date(2026, 5, 12))
    (note,) = _mediator_notes(personas)
    assert "司法确认" in note.message and "2026-05-15" in note.message
