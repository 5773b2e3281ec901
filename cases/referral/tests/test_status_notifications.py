"""Two-way status: the sending office hears of every step the receiving office or the
police take, once however often the task runs; an overdue police answer prompts the
officer in charge (the deadline sweep), once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cases.models import Case, Deadline, Notification
from cases.models.notifications import NotificationKind
from cases.services import notifications

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Monday


def _notify(case: Case, name: str) -> int:
    event = case.events.filter(name=name).order_by("-id").first()
    return notifications.notify_after_event(event)


def _status(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user, kind="status_changed")
                .values_list("message", flat=True))


def test_the_sending_office_hears_that_the_receiving_office_accepted(referral_driver, personas):
    case = referral_driver.transfer(internal=True)
    referral_driver.act(case, "send")
    assert _notify(case, "send") == 0  # the sender's own step
    referral_driver.act(case, "accept")  # by 柳州's officer
    _notify(case, "accept")
    _notify(case, "accept")  # the task runs again: nothing more
    for user in (personas.officer, personas.head):
        [message] = _status(user)
        assert case.number in message and "柳州市知识产权局" in message
    assert _status(personas.outsider) == []  # the receiving officer did it himself


def test_an_objection_and_the_designation_are_reported_too(referral_driver, personas):
    case = referral_driver.transfer(internal=True)
    referral_driver.act(case, "send")
    referral_driver.act(case, "object")
    referral_driver.act(case, "designate")
    _notify(case, "object")
    _notify(case, "designate")
    assert len(_status(personas.officer)) == 2


def test_the_task_force_hears_of_each_police_step_once(referral_driver, personas):
    case = referral_driver.referral_in("sent")
    referral_driver.act(case, "record_receipt")  # recorded by 李明
    referral_driver.act(case, "record_not_filed")
    for name in ("record_receipt", "record_not_filed", "record_receipt"):
        _notify(case, name)
    assert _status(personas.officer) == []
    messages = _status(personas.officer2)
    assert len(messages) == 2 and all("南宁市公安局" in m for m in messages)
    assert len(_status(personas.head)) == 2
    # Steps of the office itself are not status changes.
    referral_driver.act(case, "request_reconsideration")
    assert _notify(case, "request_reconsideration") == 0


def test_an_overdue_police_answer_prompts_the_officer_once(referral_driver, personas, time_machine):
    case = referral_driver.referral_in("with_police")
    clock = Deadline.objects.get(case=case, code="referral.police_filing")
    time_machine.move_to(datetime.combine(clock.due_on + timedelta(days=1),
                                          START.timetz()), tick=False)
    notifications.sweep_deadlines()
    notifications.sweep_deadlines()
    prompts = Notification.objects.filter(deadline=clock)
    assert [(n.recipient, n.kind) for n in prompts] == [
        (personas.officer, NotificationKind.PERIOD_ENDED)]
    assert "公安机关" in prompts[0].message or "police" in prompts[0].message
    # The police's lateness is not the office's missed deadline: the head is not told.
    assert not Notification.objects.filter(recipient=personas.head, deadline=clock).exists()
