"""Two drains of the statistics summary at the same moment on PostgreSQL, each on its own
connection, count each marked case once: they take turns (an advisory lock), so the
second finds the marks gone or counts from the inputs the first stored."""

from __future__ import annotations

import threading
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from stats import summary
from stats.models import PendingCase, SummaryCell
from tests.ruling_driver import RulingDriver

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _cells() -> dict[tuple[object, ...], tuple[object, ...]]:
    return {(c.office_id, c.workflow, c.month, c.figure, c.dim, c.value):
            (c.n, c.days, c.amount0, c.amount1)
            for c in SummaryCell.objects.all() if c.n or c.days or c.amount0 or c.amount1}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_drains_count_each_case_once(personas, calendar_2026, deadline_rules,
                                                    time_machine):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (.ci/run does)")
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI), tick=False)
    driver = RulingDriver(personas, time_machine)
    # The worker's drain after each event held back: the marks wait for the two below.
    with mock.patch("cases.tasks.workflows.after_event_work", return_value=[]):
        for _ in range(6):
            driver.act(driver.file(), "accept")
    assert PendingCase.objects.count() > 6
    barrier = threading.Barrier(2)
    counted: list[int] = []
    errors: list[BaseException] = []

    def drain() -> None:
        try:
            barrier.wait(timeout=10)
            counted.append(summary.drain(batch=2))
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(counted) == 2 and sum(counted) >= 6
    assert not PendingCase.objects.exists()
    drained = _cells()
    summary.rebuild()
    assert _cells() == drained
