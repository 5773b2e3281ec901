"""Workflow B's state machine on the model: every transition from every state it allows,
a state it refuses, its guards and who may run it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django_fsm import can_proceed, has_transition_perm

from mediation.models import MediationSession
from mediation.tests.conftest import signed_agreement

D = datetime.date(2026, 4, 1)
HELD = datetime.datetime(2026, 3, 30, 9, tzinfo=datetime.UTC)

# action: (allowed source states, target (None: unchanged), kwargs, a refused state)
TABLE: dict[str, tuple[tuple[str, ...], str | None, dict[str, Any], str]] = {
    "serve_request": (("requested",), "awaiting_response",
                      {"served_on": D, "service_method": "direct"}, "agreed_to_mediate"),
    "decline": (("awaiting_response",), "declined", {"reason": "refused", "on": D},
                "requested"),
    "accept_mediation": (("awaiting_response",), "agreed_to_mediate", {"on": D}, "requested"),
    "schedule_session": (("agreed_to_mediate", "in_session"), "in_session", {},
                         "awaiting_response"),
    "record_session": (("in_session",), None, {}, "agreed_to_mediate"),
    "extend_mediation": (("agreed_to_mediate", "in_session"), None, {"reason": "案情复杂"},
                         "agreed"),
    "fail": (("agreed_to_mediate", "in_session"), "unsuccessful",
             {"reason": "赔偿数额差距过大", "on": D},
             "agreed"),
    "withdraw_request": (("requested", "awaiting_response", "agreed_to_mediate", "in_session"),
                         "request_withdrawn",
                 {"reason": "双方已和解", "on": D}, "agreed"),
    "begin_performance": (("agreed",), "performing", {}, "in_session"),
    "record_performed": (("performing",), "performed", {"on": D}, "agreed"),
    "record_breach": (("performing",), "breached", {"note": "第1项未履行", "on": D}, "agreed"),
    "agree": (("in_session",), "agreed", {"on": D}, "agreed_to_mediate"),
}
CASES = [(action, state) for action, (sources, *_rest) in TABLE.items() for state in sources]


def _ready(action: str, m: Any, personas: Any) -> None:
    """Meet the action's guards."""
    mediation = m.mediation
    if action == "agree":
        MediationSession.objects.create(
            mediation=mediation, n=1, scheduled_at=HELD,
            place="第一调解室", held_at=HELD,
            attendees=["陈静"], minutes="双方就赔偿数额达成一致。",
        )
        signed_agreement(m, personas.mediator, on=D)
    elif action == "record_performed":
        agreement = signed_agreement(m, personas.mediator, on=D)
        agreement.terms.update(done_on=D, amount_paid=Decimal("50000"))
    elif action == "record_breach":
        agreement = signed_agreement(m, personas.mediator, on=D)
        agreement.terms.update(due_on=D)


def _actor(action: str, personas: Any) -> Any:
    return personas.head if action == "extend_mediation" else personas.mediator


@pytest.mark.parametrize("action, state", CASES)
def test_each_transition_from_each_allowed_state(
        action: str, state: str, make_mediation: Any, personas: Any,
        calendar_2026: Any) -> None:
    sources, target, kwargs, _refused = TABLE[action]
    m = make_mediation(state, accepted_on=datetime.date(2026, 3, 20))
    _ready(action, m, personas)
    method = getattr(m.mediation, action)
    assert has_transition_perm(method, _actor(action, personas))
    assert can_proceed(method)
    method(**kwargs)
    assert m.mediation.state == (target or state)


@pytest.mark.parametrize("action", TABLE)
def test_each_transition_is_refused_from_another_state(
        action: str, make_mediation: Any, personas: Any) -> None:
    refused = TABLE[action][3]
    m = make_mediation(refused)
    assert not can_proceed(getattr(m.mediation, action), check_conditions=False)


def test_the_request_cannot_be_served_before_a_mediator_is_assigned(
        make_mediation: Any) -> None:
    m = make_mediation("requested", mediator=None)
    assert can_proceed(m.mediation.serve_request, check_conditions=False)
    assert not can_proceed(m.mediation.serve_request)


def test_only_the_assigned_mediator_acts(make_mediation: Any, personas: Any,
                                         offices: Any) -> None:
    from cases.models import Role
    from tests.factories import UserFactory

    other_mediator = UserFactory(username="mediator2", office=offices.nanning,
                                 roles=[Role.MEDIATOR])
    m = make_mediation("awaiting_response")
    accept = m.mediation.accept_mediation
    assert has_transition_perm(accept, personas.mediator)
    for user in (other_mediator, personas.officer, personas.head, personas.legal,
                 personas.outsider):
        assert not has_transition_perm(accept, user), user.username


def test_a_mediator_moved_to_another_office_loses_the_case(
        make_mediation: Any, personas: Any, offices: Any) -> None:
    m = make_mediation("awaiting_response")
    personas.mediator.office = offices.liuzhou
    assert not has_transition_perm(m.mediation.accept_mediation, personas.mediator)


def test_only_a_head_of_the_office_tree_extends_once(
        make_mediation: Any, personas: Any) -> None:
    m = make_mediation("in_session")
    method = m.mediation.extend_mediation
    assert not has_transition_perm(method, personas.mediator)
    assert has_transition_perm(method, personas.head)
    method(reason="需要补充评估")
    assert not can_proceed(m.mediation.extend_mediation)


def test_agreement_needs_a_held_session_and_a_complete_signed_agreement(
        make_mediation: Any, personas: Any) -> None:
    m = make_mediation("in_session")
    assert not can_proceed(m.mediation.agree)
    MediationSession.objects.create(
        mediation=m.mediation, n=1, scheduled_at=HELD,
        place="第一调解室", held_at=HELD,
        attendees=["陈静"], minutes="双方陈述意见。",
    )
    agreement = signed_agreement(m, personas.mediator, on=D)
    agreement.signatures.filter(party=m.respondent).delete()
    assert agreement.problems() == ["调解协议须经各方当事人签名。"]
    assert not can_proceed(m.mediation.agree)
    agreement.signatures.create(party=m.respondent, signed_on=D, signatory="林海",
                                recorded_by=personas.mediator)
    assert agreement.problems() == []
    m.mediation.accepted_on = datetime.date(2026, 3, 20)
    m.mediation.agree(on=D)
    assert (m.mediation.outcome, m.mediation.days_to_agreement) == ("settled", 12)
    assert m.mediation.amount_agreed == Decimal("50000")


def test_performance_guards_follow_the_terms(make_mediation: Any, personas: Any) -> None:
    m = make_mediation("performing")
    agreement = signed_agreement(m, personas.mediator, on=D)
    term = agreement.terms.get()
    assert not can_proceed(m.mediation.record_performed)
    assert list(agreement.missed_terms(today=term.due_on)) == []
    assert list(agreement.missed_terms(today=term.due_on + datetime.timedelta(days=1))) == [term]
    term.done_on, term.amount_paid = term.due_on, Decimal("50000")
    term.save()
    assert can_proceed(m.mediation.record_performed)
    assert agreement.amount_paid() == Decimal("50000")


def test_declining_for_silence_records_no_answer_date(make_mediation: Any) -> None:
    m = make_mediation("awaiting_response")
    m.mediation.decline(reason="no_answer", on=D)
    assert m.mediation.response_on is None
    assert m.mediation.outcome == "declined"
