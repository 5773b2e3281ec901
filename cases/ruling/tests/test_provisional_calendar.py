"""Issue 15 item 1: a year without an official calendar is computed provisionally, the
clocks that reach it are marked, and entering the official year recomputes them and tells
the officers whose due dates moved."""

from __future__ import annotations

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases import workdays
from cases.models import Notification
from cases.models.notifications import NotificationKind
from cases.ruling.models import CaseState
from cases.services.calendar import enter_calendar_year
from cases.tasks import sweep_deadlines
from tests.ruling_driver import RulingDriver

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = datetime(2026, 12, 2, 9, 0, tzinfo=SHANGHAI)  # no official 2027 calendar exists


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    workdays.clear_cache()
    time_machine.move_to(TODAY, tick=False)
    yield RulingDriver(personas, time_machine)
    workdays.clear_cache()


def test_a_case_accepted_today_has_provisional_deadlines_in_the_api(driver, personas):
    case = driver.bring_to(CaseState.ACCEPTED)
    client = APIClient()
    client.force_authenticate(personas.officer)
    body = client.get(f"/api/v1/cases/{case.pk}/").json()
    clocks = {d["code"]: d for d in body["deadlines"]}
    # Three months from 2 Dec 2026: Tue 2 Mar 2027, a provisional working day.
    assert clocks["ruling.overall_limit"]["due"] == "2027-03-02"
    assert clocks["ruling.overall_limit"]["provisional"] is True
    assert clocks["ruling.serve_respondent"]["provisional"] is False  # ends in December


def test_entering_the_official_year_recomputes_and_notifies_the_officer(driver, personas):
    case = driver.bring_to(CaseState.AWAITING_ANSWER)
    overall = case.deadlines.get(code="ruling.overall_limit")
    assert overall.provisional and overall.due_on == date(2027, 3, 2)
    # The State Council's notice turns out to give 2 Mar 2027 as a day off.
    enter_calendar_year(year=2027, holidays=[(date(2027, 1, 1), "元旦"),
                                             (date(2027, 3, 2), "调休")],
                        workdays=[], actor=personas.admin)
    overall.refresh_from_db()
    assert not overall.provisional and overall.due_on == date(2027, 3, 3)
    note = Notification.objects.get(kind=NotificationKind.DEADLINE_MOVED)
    assert note.recipient == personas.officer and note.case == case
    assert "2027-03-03" in note.message and "2027-03-02" in note.message
    # The answer period (15 days from 2 Dec) ends in 2026 and was never provisional.
    answer = case.deadlines.get(code="ruling.answer_period")
    assert not answer.provisional
    assert Notification.objects.filter(kind=NotificationKind.DEADLINE_MOVED).count() == 1


def test_an_unchanged_due_date_loses_its_mark_without_a_notice(driver, personas):
    case = driver.bring_to(CaseState.ACCEPTED)
    enter_calendar_year(year=2027, holidays=[(date(2027, 1, 1), "元旦")], workdays=[],
                        actor=personas.admin)
    overall = case.deadlines.get(code="ruling.overall_limit")
    assert not overall.provisional and overall.due_on == date(2027, 3, 2)
    assert not Notification.objects.filter(kind=NotificationKind.DEADLINE_MOVED).exists()


def test_a_paused_clock_is_recomputed_with_its_remaining_time(driver, personas,
                                                              time_machine):
    case = driver.bring_to(CaseState.SUSPENDED)
    paused = case.deadlines.get(code="ruling.overall_limit")
    assert paused.status == "paused" and paused.provisional
    before = paused.remaining
    enter_calendar_year(year=2027, holidays=[(date(2027, 3, 1), "假"),
                                             (date(2027, 3, 2), "假")],
                        workdays=[], actor=personas.admin)
    paused.refresh_from_db()
    # Mon 1 and Tue 2 Mar off: the limit rolls to Wed 3 Mar, one calendar day more.
    assert paused.due_on == date(2027, 3, 3) and paused.remaining == before + 1
    assert not paused.provisional


def test_the_admin_entry_of_the_year_recomputes_the_clocks(driver, personas, client):
    case = driver.bring_to(CaseState.ACCEPTED)
    client.force_login(personas.admin)
    response = client.post("/admin/cases/calendaryear/add/", {
        "year": "2027", "complete": "on", "note": "国办发明电",
        "days-TOTAL_FORMS": "1", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0",
        "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2027-03-02", "days-0-kind": "holiday", "days-0-name": "假"})
    assert response.status_code == 302
    overall = case.deadlines.get(code="ruling.overall_limit")
    assert overall.due_on == date(2027, 3, 3) and not overall.provisional
    assert Notification.objects.filter(kind=NotificationKind.DEADLINE_MOVED,
                                       recipient=personas.officer).exists()


def test_a_newer_chinesecalendar_seeded_by_seed_defaults_recomputes_too(driver, personas,
                                                                         monkeypatch):
    from cases.models.calendar import DayKind
    from cases.services import calendar as calendar_service

    case = driver.bring_to(CaseState.ACCEPTED)
    # A package release that covers 2027 and gives Tue 2 Mar 2027 off.
    monkeypatch.setattr(calendar_service, "package_years", lambda: [2025, 2026, 2027])
    monkeypatch.setattr(calendar_service, "_package_exceptions",
                        lambda year: [(date(2027, 3, 2), DayKind.HOLIDAY, "假")]
                        if year == 2027 else [])
    assert 2027 in calendar_service.seed_calendar_from_package([2027])
    overall = case.deadlines.get(code="ruling.overall_limit")
    assert overall.due_on == date(2027, 3, 3) and not overall.provisional
    assert Notification.objects.filter(kind=NotificationKind.DEADLINE_MOVED).count() == 1


def test_the_case_page_says_in_words_which_year_is_missing(driver, personas, client):
    """The mark's reason was a tooltip only: no touch screen or printout shows it."""
    case = driver.bring_to(CaseState.ACCEPTED)
    client.force_login(personas.officer)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "标注“暂定”的期限届满于2027年，该年度的官方节假日安排尚未录入" in page
    enter_calendar_year(year=2027, holidays=[(date(2027, 1, 1), "元旦")], workdays=[],
                        actor=personas.admin)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "尚未录入" not in page


def test_the_sweep_tells_administrators_and_the_log_which_year_is_missing(driver, personas,
                                                                         caplog):
    driver.bring_to(CaseState.ACCEPTED)
    with caplog.at_level(logging.ERROR, logger="ipcases.reminders"):
        assert sweep_deadlines()["missing_years"] == [2027]
    assert [r.getMessage() for r in caplog.records
            if r.name == "ipcases.reminders"] == ["calendar data missing for 2027"]
    note = Notification.objects.get(recipient=personas.admin, dedupe_key="calendar-missing-2027")
    assert note.message.startswith("2027年尚无官方节假日安排")
    assert note.get_kind_display() == "工作日历待录入"  # not 期限已逾期: no deadline was missed
    assert sweep_deadlines()["missing_years"] == [2027]  # told once, however often it runs
    assert Notification.objects.filter(dedupe_key="calendar-missing-2027").count() == 1


def test_earlier_calendar_notices_are_given_their_own_kind_by_the_migration(personas):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("cases.migrations.0025_notification_kind_calendar_missing")
    old = Notification.objects.create(recipient=personas.admin, kind="missed",
                                      dedupe_key="calendar-missing-2027", message="2027年…")
    other = Notification.objects.create(recipient=personas.admin, kind="missed",
                                        dedupe_key="term-1-missed", message="逾期")
    migration.calendar_notices_get_their_kind(apps, None)
    old.refresh_from_db()
    other.refresh_from_db()
    assert (old.kind, other.kind) == ("calendar_missing", "missed")
