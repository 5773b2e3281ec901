"""A ruling case handed over to mediation: the mediation case is opened from it, the
ruling waits with its clocks stopped, then resumes with what was left or closes as
settled."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from cases import workdays
from cases.errors import TransitionNotAllowed
from cases.models import DocumentNumberPrefix
from cases.services.assignments import change_assignment
from mediation.tests.driver import MediationDriver
from tests.ruling_driver import RulingDriver


@pytest.fixture
def drivers(personas: Any, offices: Any, calendar_2026: Any, deadline_rules: int,
            time_machine: Any) -> tuple[RulingDriver, MediationDriver]:
    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    time_machine.move_to(datetime.fromisoformat("2026-03-02T09:00+08:00"), tick=False)
    return RulingDriver(personas, time_machine), MediationDriver(personas, offices.nanning)


def _hand_over(ruling_driver: RulingDriver, personas: Any) -> tuple[Any, Any]:
    ruling = ruling_driver.bring_to("investigation")
    ruling_driver.act(ruling, "start_mediation", reason="双方当事人请求就赔偿数额进行调解。")
    ruling.refresh_from_db()
    assert ruling.state == "mediating"
    mediation_case = ruling.derived_cases.get(workflow="mediation")
    # The officer in charge names the mediator.
    change_assignment(mediation_case.pk, personas.officer, mediator=personas.mediator,
                      reason="承办人指定调解员。")
    return ruling, mediation_case


def test_the_mediation_is_opened_from_the_ruling_case(drivers: Any, personas: Any) -> None:
    ruling_driver, _driver = drivers
    ruling, mediation_case = _hand_over(ruling_driver, personas)
    assert mediation_case.origin_id == ruling.pk
    assert mediation_case.officer_in_charge == ruling.officer_in_charge
    assert {(cp.party_id, cp.role) for cp in mediation_case.case_parties.all()} == {
        (cp.party_id, cp.role) for cp in ruling.case_parties.all()}
    assert mediation_case.mediation.dispute_type.code == "patent_damages"
    assert not ruling.deadlines.filter(status="open").exists()  # stopped while mediating


def test_failed_mediation_resumes_the_ruling_with_its_clock_continued(
        drivers: Any, personas: Any) -> None:
    ruling_driver, driver = drivers
    ruling, mediation_case = _hand_over(ruling_driver, personas)
    overall = ruling.deadlines.get(code="ruling.overall_limit")
    assert overall.status == "paused"
    left = overall.remaining
    ruling_driver.advance_to(datetime.fromisoformat("2026-04-20T10:00+08:00"))
    driver.to_in_session(mediation_case)
    driver.run(mediation_case, "fail", reason="赔偿数额差距过大", on="2026-04-20")
    ruling.refresh_from_db()
    assert ruling.state == "investigation"
    overall.refresh_from_db()
    assert overall.status == "open"
    # The time spent mediating does not count: the ruling goes on with what was left.
    assert overall.due_on == workdays.add_days(timezone.localdate(), left)
    event = ruling.events.get(name="mediation_failed")
    assert event.actor == personas.mediator and mediation_case.number in event.reason


def test_settled_mediation_closes_the_ruling_as_settled(drivers: Any, personas: Any) -> None:
    ruling_driver, driver = drivers
    ruling, mediation_case = _hand_over(ruling_driver, personas)
    ruling_driver.advance_to(datetime.fromisoformat("2026-04-20T10:00+08:00"))
    driver.to_agreed(mediation_case)
    ruling.refresh_from_db()
    assert (ruling.state, ruling.ruling.outcome) == ("closed", "settled")
    assert ruling.closed_on is not None
    assert mediation_case.mediation.agreement.number in ruling.ruling.closing_summary
    assert not ruling.deadlines.filter(status__in=["open", "paused"]).exists()


def test_a_ruling_that_moved_on_is_left_alone(drivers: Any, personas: Any) -> None:
    ruling_driver, driver = drivers
    ruling, mediation_case = _hand_over(ruling_driver, personas)
    ruling_driver.act(ruling, "refer")
    ruling_driver.advance_to(datetime.fromisoformat("2026-04-20T10:00+08:00"))
    driver.to_in_session(mediation_case)
    driver.run(mediation_case, "fail", reason="未达成协议", on="2026-04-20")
    ruling.refresh_from_db()
    assert ruling.state == "transferred"
    assert not ruling.events.filter(name="mediation_failed").exists()


@pytest.mark.parametrize("name", ["mediation_succeeded", "mediation_failed"])
def test_the_ruling_waits_for_its_mediations_result(drivers: Any, personas: Any,
                                                    name: str) -> None:
    """调解成功 / 调解失败 answer the mediation's result: while the mediation has none
    (only requested), the officer's own try is refused (409) and changes nothing."""
    ruling_driver, _driver = drivers
    ruling, mediation_case = _hand_over(ruling_driver, personas)
    events = ruling.events.count()
    with pytest.raises(TransitionNotAllowed, match=mediation_case.number):
        ruling_driver.act(ruling, name, actor=personas.officer)
    client = Client()
    client.force_login(personas.officer)
    response = client.post(f"/api/v1/cases/{ruling.pk}/transitions/{name}/",
                           {"summary": "双方达成和解", "reason": "双方达成和解"},
                           content_type="application/json")
    assert response.status_code == 409
    # The case page shows it disabled, with why.
    assert f'id="blocked-{name}"' in client.get(f"/cases/{ruling.pk}/").content.decode()
    assert "尚未" in response.json()["detail"] and mediation_case.number in str(
        response.json())
    ruling.refresh_from_db()
    assert ruling.state == "mediating" and ruling.closed_on is None
    assert ruling.events.count() == events
    assert mediation_case.state == "requested"
    assert ruling.deadlines.filter(status="paused").exists()
