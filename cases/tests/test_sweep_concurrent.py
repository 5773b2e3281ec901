"""Two reminder sweeps running at the same moment on PostgreSQL, each on its own
connection, notify once: the unique constraint on (deadline, recipient, kind, lead) makes
the bulk insert idempotent, whichever sweep writes first."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from cases.models import Notification
from cases.services.notifications import sweep_deadlines
from tests.ruling_driver import RulingDriver

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_notify_once(personas, calendar_2026, deadline_rules,
                                           time_machine, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (.ci/run does)")
    settings.DEADLINE_REMINDER_LEAD_WORKING_DAYS = [3, 1]
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI), tick=False)
    driver = RulingDriver(personas, time_machine)
    for _ in range(5):
        driver.file()
    # The day after the acceptance clocks ended: each is missed (officer and head told).
    time_machine.move_to(datetime(2026, 3, 10, 9, tzinfo=SHANGHAI), tick=False)
    barrier = threading.Barrier(2)
    created: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait(timeout=10)
            created.append(sweep_deadlines().created)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    notes = Notification.objects.filter(deadline__isnull=False)
    assert notes.count() == 10  # five officers' and five heads' notices, once each
    assert len(created) == 2  # both sweeps ran to the end
    assert notes.values("deadline", "recipient", "kind", "lead_days").distinct().count() == 10
