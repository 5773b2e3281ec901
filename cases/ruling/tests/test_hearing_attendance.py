"""hold_hearing records who attended for each party and the panel members who sat; the
ruling's procedure paragraph narrates that hearing (缺席审理 for an absent respondent)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cases import workflows
from cases.ruling.documents import cn_date
from cases.ruling.models import Attendance, CaseState
from tests.factories import AgentFactory, NaturalPersonFactory
from tests.ruling_driver import RulingDriver, hearing_attendance

pytestmark = pytest.mark.django_db
S = CaseState


@pytest.fixture
def scheduled(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    driver = RulingDriver(personas, time_machine)
    respondent = NaturalPersonFactory(office=personas.officer.office, name="黄丽华")
    case = driver.file(respondent=respondent)
    case = driver.bring_to(S.HEARING_SCHEDULED, case)
    driver.prepare("hold_hearing", case)
    return driver, case


def _names(case):
    requester = case.case_parties.get(role="requester")
    respondent = case.case_parties.get(role="respondent")
    return requester, respondent


def _procedure(case) -> str:
    case.refresh_from_db()
    rule = workflows.document_rule(case.workflow, "ruling")
    context = rule.context(case.flow, kind="ruling", number="南知裁字〔2026〕1号",
                           on=case.flow.hearing_held_at.date())
    return "\n".join(context["procedure"])


def test_attendance_per_party_and_the_panel_are_recorded(scheduled):
    driver, case = scheduled
    requester, respondent = _names(case)
    agent = AgentFactory(office=case.office, name="陆明")
    requester.agent = agent
    requester.save()
    panel = [a.user for a in case.assignments.panel().order_by("id")]
    case = driver.act(case, "hold_hearing", **hearing_attendance(
        case, **{requester.party.name: "agent", "黄丽华": "absent"}))
    flow = case.flow
    assert case.state == S.DELIBERATION
    by_party = {a["party_id"]: a for a in flow.hearing_attendance}
    assert by_party[requester.party_id]["status"] == "agent"
    assert by_party[requester.party_id]["agent"] == "陆明"
    assert by_party[respondent.party_id]["status"] == "absent"
    assert flow.respondent_absent is True
    assert {m["user_id"] for m in flow.hearing_panel} == {u.pk for u in panel}
    text = _procedure(case)
    held = timezone.localdate(flow.hearing_held_at)
    assert f"本局于{cn_date(held)}依法进行了口头审理" in text
    assert f"合议组成员{'、'.join(u.display_name for u in panel)}出席" in text
    assert f"请求人{requester.party.name}的委托代理人陆明到庭参加了口头审理" in text
    assert "被请求人黄丽华经本局依法通知，无正当理由拒不到庭，本局依法缺席审理" in text
    # The case page shows the record.
    assert f"被请求人黄丽华：{Attendance.ABSENT.label}" in flow.attendance_lines
    lines = flow.attendance_lines
    assert f"请求人{requester.party.name}：{Attendance.AGENT.label}（陆明）" in lines
    # The timeline keeps the record as entered.
    event = case.events.filter(name="hold_hearing").latest("at")
    assert event.payload[f"attendance_{respondent.party_id}"] == "absent"


def test_everyone_present_is_not_a_hearing_in_absence(scheduled):
    driver, case = scheduled
    requester, respondent = _names(case)
    case = driver.act(case, "hold_hearing", **hearing_attendance(case))
    assert case.flow.respondent_absent is False
    text = _procedure(case)
    assert (f"请求人{requester.party.name}、被请求人{respondent.party.name}到庭参加了口头审理"
            in text)
    assert "缺席" not in text


@pytest.mark.parametrize(("status", "change", "field", "code"), [
    ({"requester": "agent"}, None, "attendance_requester", "no_agent"),
    ({"requester": "absent"}, None, "__all__", "requester_absent"),
    ({}, "two_judges", "panel", "panel_size"),
    ({}, "no_panel", "panel", "required"),
    ({}, "missing", "attendance_respondent", "required"),
])
def test_a_wrong_attendance_record_is_refused(scheduled, status, change, field, code):
    driver, case = scheduled
    requester, respondent = _names(case)
    ids = {"requester": requester.party_id, "respondent": respondent.party_id}
    data = hearing_attendance(case, **{
        (requester if who == "requester" else respondent).party.name: value
        for who, value in status.items()})
    if change == "two_judges":
        data["panel"] = data["panel"][:2]
    elif change == "no_panel":
        data["panel"] = []
    elif change == "missing":
        data[f"attendance_{respondent.party_id}"] = ""  # the driver fills omitted ones
    with pytest.raises(ValidationError) as exc:
        driver.act(case, "hold_hearing", **data)
    key = field
    for who, pk in ids.items():
        key = key.replace(f"attendance_{who}", f"attendance_{pk}")
    errors = exc.value.error_dict
    assert key in errors and code in [e.code for e in errors[key]], exc.value.message_dict
    case.refresh_from_db()
    assert case.state == S.HEARING_SCHEDULED and case.flow.hearing_attendance == []
