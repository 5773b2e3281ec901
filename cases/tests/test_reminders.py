"""The reminder sweep: who is told, when, and never twice."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cases.models import Notification
from cases.models.notifications import NotificationKind
from cases.services.notifications import sweep_deadlines
from cases.tasks import sweep_deadlines as sweep_task
from tests.ruling_driver import RulingDriver

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine, settings):
    settings.DEADLINE_REMINDER_LEAD_WORKING_DAYS = [3, 1]
    return RulingDriver(personas, time_machine)


def _at(m: int, d: int, hour: int = 9) -> datetime:
    return datetime(2026, m, d, hour, 0, tzinfo=SHANGHAI)


def test_officer_reminded_before_and_head_told_when_missed(driver, time_machine, personas):
    time_machine.move_to(_at(3, 2), tick=False)  # Monday; acceptance due Monday 9 March
    case = driver.file()
    sweep_deadlines()
    assert not Notification.objects.exists()  # 5 working days left: nothing yet
    time_machine.move_to(_at(3, 4), tick=False)  # 3 working days left
    sweep_deadlines()
    note = Notification.objects.get()
    assert (note.recipient, note.kind, note.lead_days) == (
        personas.officer, NotificationKind.DUE_SOON, 3)
    assert case.number in note.message
    time_machine.move_to(_at(3, 6), tick=False)  # 1 working day left
    sweep_deadlines()
    assert Notification.objects.filter(kind=NotificationKind.DUE_SOON).count() == 2
    time_machine.move_to(_at(3, 10), tick=False)  # the day after the due date
    sweep_deadlines()
    missed = Notification.objects.filter(kind=NotificationKind.MISSED)
    assert {n.recipient for n in missed} == {personas.officer, personas.head}


def test_sweep_is_idempotent(driver, time_machine):
    time_machine.move_to(_at(3, 2), tick=False)
    for _ in range(3):
        driver.file()
    time_machine.move_to(_at(3, 10), tick=False)
    first = sweep_deadlines()
    count = Notification.objects.count()
    assert first.created == count == 6  # three officers' and three heads' notices
    for _ in range(3):
        again = sweep_task.delay().get()
        assert again["created"] == 0
    assert Notification.objects.count() == count


def test_a_sweep_after_another_wrote_the_notices_writes_none(driver, time_machine, personas):
    """What another sweep wrote (officer, head) is not written again, and the head is not
    told apart from the officer (a head appointed later is not flooded with old misses)."""
    time_machine.move_to(_at(3, 2), tick=False)
    driver.file()
    time_machine.move_to(_at(3, 10), tick=False)
    assert sweep_deadlines().created == 2
    notes = list(Notification.objects.values_list("recipient", "kind", "deadline"))
    assert sweep_deadlines().created == 0
    new_head = type(personas.head).objects.create(username="new_head",
                                                  office=personas.head.office)
    new_head.groups.set(personas.head.groups.all())
    assert sweep_deadlines().created == 0
    assert list(Notification.objects.values_list("recipient", "kind", "deadline")) == notes


def test_sweep_is_two_statements(driver, time_machine, django_assert_max_num_queries):
    time_machine.move_to(_at(3, 2), tick=False)
    for _ in range(5):
        driver.file()
    time_machine.move_to(_at(3, 10), tick=False)
    sweep_deadlines()  # warm the calendar cache
    Notification.objects.all().delete()
    # One INSERT … SELECT for the overdue clocks, one for those due soon, whatever the
    # number of cases and clocks.
    with django_assert_max_num_queries(2):
        sweep_deadlines()


def test_missing_calendar_year_is_surfaced(driver, time_machine, personas):
    time_machine.move_to(_at(12, 29), tick=False)  # 3 working days ahead reach 2027
    result = sweep_deadlines()
    assert 2027 in result.missing_years
    note = Notification.objects.get(recipient=personas.admin)
    assert "2027" in note.message
    sweep_deadlines()
    assert Notification.objects.filter(recipient=personas.admin).count() == 1


def test_a_year_the_clocks_will_reach_is_announced_to_administrators_in_advance(
        driver, time_machine, personas, caplog):
    time_machine.move_to(_at(6, 1), tick=False)  # four months ahead: still 2026
    assert sweep_deadlines().missing_years == set()
    assert not Notification.objects.exists()
    time_machine.move_to(_at(10, 15), tick=False)  # a case accepted now ends in 2027
    assert sweep_deadlines().missing_years == {2027}
    note = Notification.objects.get()
    assert note.recipient == personas.admin and "2027" in note.message
    caplog.clear()  # the first sweep logged it
    with caplog.at_level(logging.ERROR, logger="ipcases.reminders"):
        sweep_deadlines()
    assert Notification.objects.count() == 1  # announced once, however often it sweeps
    assert not [r for r in caplog.records if "calendar" in r.getMessage()]  # logged once too


def test_notifications_are_emailed_once_where_configured(driver, time_machine, personas,
                                                         settings, mailoutbox):
    from cases.services.notifications import send_pending_emails

    settings.SEND_NOTIFICATION_EMAIL = True
    personas.officer.email = "liming@nanning-ip.gov.cn"
    personas.officer.save()
    time_machine.move_to(_at(3, 2), tick=False)
    driver.file()
    time_machine.move_to(_at(3, 10), tick=False)
    sweep_deadlines()
    assert send_pending_emails() == 1  # the head has no e-mail address: stored only
    assert mailoutbox[0].to == ["liming@nanning-ip.gov.cn"]
    assert send_pending_emails() == 0
    assert Notification.objects.get(recipient=personas.officer).emailed_at is not None


def test_no_email_unless_configured(driver, time_machine, personas, mailoutbox):
    from cases.services.notifications import send_pending_emails

    personas.officer.email = "liming@nanning-ip.gov.cn"
    personas.officer.save()
    time_machine.move_to(_at(3, 2), tick=False)
    driver.file()
    time_machine.move_to(_at(3, 10), tick=False)
    sweep_deadlines()
    assert send_pending_emails() == 0 and mailoutbox == []


def test_the_end_of_a_parties_period_names_the_next_step_and_blames_no_one(
        driver, time_machine, personas):
    time_machine.move_to(_at(3, 2), tick=False)
    case = driver.bring_to("served")  # the 15-day suit period runs
    Notification.objects.all().delete()
    time_machine.move_to(_at(3, 14), tick=False)  # days before its end: no reminder
    sweep_deadlines()
    assert not Notification.objects.exists()
    time_machine.move_to(_at(4, 30), tick=False)
    sweep_deadlines()
    sweep_deadlines()
    note = Notification.objects.get()
    assert (note.recipient, note.kind) == (personas.officer, NotificationKind.PERIOD_ENDED)
    assert note.message == f"{case.number}：起诉期满，确认生效"


def test_a_reminder_counts_in_the_clocks_own_unit(referral_driver, time_machine, settings):
    """A clock of calendar days is not reminded in working days, and one of hours says
    the hours left and the moment it ends."""
    settings.DEADLINE_REMINDER_LEAD_WORKING_DAYS = [3, 1]
    pending = referral_driver.referral_in("pending_approval")  # 3 calendar days: 5 March
    approved = referral_driver.referral_in("approved")  # 24 hours from 2 March 09:00
    time_machine.move_to(_at(3, 2, 10), tick=False)
    sweep_deadlines()
    notes = Notification.objects.filter(kind=NotificationKind.DUE_SOON)
    days = notes.get(deadline__case=pending, deadline__code="referral.approval").message
    assert "2026-03-05" in days and "剩余3个自然日" in days and "工作日" not in days, days
    hours = notes.get(deadline__case=approved, deadline__code="referral.send").message
    assert "2026-03-03 09:00" in hours and "剩余23小时" in hours, hours
