"""The transition's writes with SQL built once (cases.services.fixed_writes) do what the
ORM's saves did: django-fsm's state check, the named columns only with ``auto_now``, the
signals (the statistics mark on a timeline entry), the instance's new state."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django_fsm import ConcurrentTransition

from cases.models import Case, CaseEvent, Deadline, OutboxEntry
from cases.models.events import EventKind
from cases.ruling.models import CaseState, RulingCase
from cases.services import fixed_writes, outbox
from stats.models import PendingCase
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine)


def test_a_stale_state_is_refused_and_nothing_written(driver):
    case = driver.file()
    first = RulingCase.objects.get(pk=case.pk)
    second = RulingCase.objects.get(pk=case.pk)
    first.request_correction(items=["补充证据"])
    fixed_writes.update(first, ["state", "correction_items"])
    assert RulingCase.objects.get(pk=case.pk).state == first.state != CaseState.RECEIVED
    second.reject(reasons="不符合受理条件", on=case.received_on)
    with pytest.raises(ConcurrentTransition):
        fixed_writes.update(second, ["state", "rejection_reasons"])
    stored = RulingCase.objects.get(pk=case.pk)
    assert stored.state == first.state
    assert stored.rejection_reasons == ""


def test_the_state_saved_is_the_next_check(driver):
    """After a write the instance's own state is what the next write checks against."""
    case = driver.file()
    flow = RulingCase.objects.get(pk=case.pk)
    flow.request_correction(items=["补充证据"])
    fixed_writes.update(flow, ["state", "correction_items"])
    flow.platform = "某电商平台"
    fixed_writes.update(flow, ["state", "platform"])  # state unchanged since the write
    assert RulingCase.objects.get(pk=case.pk).platform == "某电商平台"


def test_only_the_named_columns_and_auto_now_are_written(driver, time_machine):
    case = driver.file()
    header = Case.objects.get(pk=case.pk)
    before = header.updated_at
    time_machine.shift(timedelta(minutes=5))
    header.title = "改过的标题"
    header.closed_on = header.received_on  # not named: not written
    fixed_writes.update(header, ["title", "updated_at"])
    stored = Case.objects.get(pk=case.pk)
    assert stored.title == "改过的标题"
    assert stored.closed_on is None
    assert stored.updated_at == header.updated_at > before


def test_a_row_gone_is_an_error(driver):
    case = driver.file()
    header = Case.objects.get(pk=case.pk)
    header.pk = 10**12
    with pytest.raises(DatabaseError):
        fixed_writes.update(header, ["title"])


def test_a_timeline_entry_is_inserted_with_its_signals(driver, personas):
    case = driver.file()
    PendingCase.objects.all().delete()
    event = CaseEvent(case=case, actor=personas.officer, kind=EventKind.TRANSITION,
                      name="accept", from_state="a", to_state="b", payload={"x": [1, "二"]})
    fixed_writes.insert(event)
    assert event.pk is not None and not event._state.adding
    stored = CaseEvent.objects.get(pk=event.pk)
    assert (stored.case_id, stored.actor_id, stored.payload) == (
        case.pk, personas.officer.pk, {"x": [1, "二"]})
    assert stored.at == event.at is not None
    # The statistics summary's post_save receiver marked the case.
    assert list(PendingCase.objects.values_list("case_id", flat=True)) == [case.pk]
    with pytest.raises(ValueError):
        fixed_writes.insert(event)


def test_an_outbox_row_is_inserted(driver):
    entry = OutboxEntry(task="cases.tasks.after_case_event", args=[7], key="k:7")
    fixed_writes.insert(entry)
    stored = OutboxEntry.objects.get(pk=entry.pk)
    assert (stored.args, stored.attempts, stored.processed_at) == ([7], 0, None)


def test_update_rows_writes_the_rows_named_only(driver):
    case = driver.file()
    clocks = list(Deadline.objects.filter(case=case).order_by("pk"))
    other = driver.file()
    others = list(Deadline.objects.filter(case=other).values_list("pk", "remaining"))
    assert clocks and others
    written = fixed_writes.update_rows(Deadline, [d.pk for d in clocks], {"remaining": 3})
    assert written == len(clocks)
    assert set(Deadline.objects.filter(case=case).values_list("remaining", flat=True)) == {3}
    assert list(Deadline.objects.filter(case=other).values_list("pk", "remaining")) == others


def test_update_each_writes_each_rows_own_values_in_one_statement(driver):
    cases = [driver.file(), driver.file()]
    clocks = list(Deadline.objects.filter(case__in=cases).order_by("pk"))
    other = driver.file()
    others = list(Deadline.objects.filter(case=other).values_list(
        "pk", "remaining", "paused_at", "computation", "provisional"))
    assert len(clocks) >= 2 and others
    paused = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
    rows = {d.pk: {"remaining": 10 + i, "paused_at": paused if i else None,
                   "computation": [{"unit": "days", "amount": i}], "provisional": bool(i),
                   "remaining_unit": f"u{i}"}
            for i, d in enumerate(clocks)}
    with CaptureQueriesContext(connection) as ctx:
        written = fixed_writes.update_each(Deadline, rows)
    assert written == len(clocks)
    assert len(ctx.captured_queries) == 1
    stored = {d.pk: {"remaining": d.remaining, "paused_at": d.paused_at,
                     "computation": d.computation, "provisional": d.provisional,
                     "remaining_unit": d.remaining_unit}
              for d in Deadline.objects.filter(case__in=cases)}
    assert stored == rows
    assert list(Deadline.objects.filter(case=other).values_list(
        "pk", "remaining", "paused_at", "computation", "provisional")) == others


def test_update_each_refuses_rows_of_different_columns(driver):
    first, second = [Deadline.objects.get(case=driver.file()) for _ in range(2)]
    with pytest.raises(ValueError, match="same columns"):
        fixed_writes.update_each(Deadline, {first.pk: {"remaining": 1},
                                            second.pk: {"remaining_unit": "days"}})
    assert Deadline.objects.get(pk=first.pk).remaining == first.remaining


def test_a_timeline_entry_and_its_outbox_entry_in_one_statement(driver, personas):
    """On PostgreSQL one statement; elsewhere two, with the same rows and signals."""
    case = driver.file()
    PendingCase.objects.all().delete()
    event = CaseEvent(case=case, actor=personas.officer, kind=EventKind.TRANSITION,
                      name="accept", from_state="a", to_state="b", payload={"x": [1, "二"]})
    with CaptureQueriesContext(connection) as ctx:
        entry = outbox.insert_and_enqueue(event, "cases.tasks.after_case_event")
    # The event, the statistics summary's mark (its post_save receiver), the entry.
    assert len(ctx.captured_queries) == (2 if connection.vendor == "postgresql" else 3)
    assert event.pk is not None and not event._state.adding
    assert entry.pk is not None and not entry._state.adding
    stored = CaseEvent.objects.get(pk=event.pk)
    assert (stored.case_id, stored.actor_id, stored.payload, stored.at) == (
        case.pk, personas.officer.pk, {"x": [1, "二"]}, event.at)
    row = OutboxEntry.objects.get(pk=entry.pk)
    assert (row.task, row.args, row.key, row.attempts, row.processed_at, row.last_error) == (
        "cases.tasks.after_case_event", [event.pk],
        f"cases.tasks.after_case_event:{event.pk}", 0, None, "")
    assert (entry.args, entry.key, entry.created_at) == (row.args, row.key, row.created_at)
    assert list(PendingCase.objects.values_list("case_id", flat=True)) == [case.pk]
    with pytest.raises(ValueError):
        outbox.insert_and_enqueue(event, "cases.tasks.after_case_event")
