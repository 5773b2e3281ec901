"""Two people acting on the same case at once: exactly one wins, the other gets 409."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django_fsm import ConcurrentTransition

from cases.errors import ConcurrentChange, TransitionNotAllowed
from cases.models import CaseEvent
from cases.ruling.models import CaseState, RulingCase
from cases.services.runner import perform_transition
from tests.ruling_driver import RulingDriver

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine)


def _attempt(barrier: threading.Barrier, outcomes: dict[str, str], label: str, case_id: int,
             actor, name: str, data: dict) -> None:
    """One person's click, on its own database connection."""
    try:
        barrier.wait(timeout=10)
        perform_transition(case_id=case_id, actor=actor, name=name, data=data,
                           expected_state=CaseState.RECEIVED)
        outcomes[label] = "ok"
    except (ConcurrentChange, TransitionNotAllowed) as exc:
        outcomes[label] = f"409: {exc}"
    finally:
        connection.close()


@pytest.mark.django_db
def test_state_check_on_save_refuses_a_stale_instance(driver):
    case = driver.file()
    first = RulingCase.objects.get(pk=case.pk)
    second = RulingCase.objects.get(pk=case.pk)
    first.request_correction(items=["补充证据"])
    first.save()
    second.reject(reasons="不符合受理条件", on=first.case.received_on)
    with pytest.raises(ConcurrentTransition):
        second.save()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_transitions_on_postgres_exactly_one_wins(driver, personas):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (.ci/run does)")
    rounds = 5
    for _ in range(rounds):
        case = driver.file()
        accept = driver.data_for("accept", case)
        reject = driver.data_for("reject", case)
        barrier = threading.Barrier(2)
        # Both steps need the head's approval: two heads' clicks (or a head's approval of a
        # submission racing another's) meet at the row lock.
        outcomes: dict[str, str] = {}
        threads = [
            threading.Thread(target=_attempt, args=(
                barrier, outcomes, "accept", case.pk, personas.head, "accept", accept)),
            threading.Thread(target=_attempt, args=(
                barrier, outcomes, "reject", case.pk, personas.head, "reject", reject)),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        assert sorted(v == "ok" for v in outcomes.values()) == [False, True], outcomes
        loser = next(v for v in outcomes.values() if v != "ok")
        assert "刷新" in loser or "reload" in loser
        case.refresh_from_db()
        winner = next(k for k, v in outcomes.items() if v == "ok")
        assert case.state == {"accept": CaseState.ACCEPTED, "reject": CaseState.REJECTED}[winner]
        assert CaseEvent.objects.filter(case=case).exclude(name="create").count() == 1
