"""After-commit work executed by a real Celery worker on a real broker (Redis in CI).

The unit tests run tasks eagerly; this proves the production path: a transition commits,
``transaction.on_commit`` publishes the task to the broker, a worker thread picks it up
on its own database connection and writes the notices.
"""

from __future__ import annotations

import os
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from cases.models import Notification
from cases.models.notifications import NotificationKind
from cases.ruling.models import CaseState
from config.celery import app
from tests.ruling_driver import RulingDriver

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Django tests SQLite in a shared-cache in-memory database. Shared cache locks whole tables
# and answers a conflicting write at once with "database table is locked" (SQLITE_LOCKED),
# which the busy timeout does not wait out, so the worker thread's writes (the notices,
# the task results) fail while the test's thread reads. A real installation's SQLite is a
# WAL file where the worker waits its turn; the worker path is proved on PostgreSQL.
ON_SQLITE = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


@pytest.fixture
def real_worker():
    """A worker thread consuming from the broker in CELERY_TEST_BROKER_URL. The autouse
    eager fixture restores the app's configuration afterwards."""
    app.conf.update(broker_url=os.environ["CELERY_TEST_BROKER_URL"], task_always_eager=False,
                    broker_connection_retry_on_startup=True)
    _drop_connection_pools()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield
    _drop_connection_pools()


def _drop_connection_pools() -> None:
    """Publishing reuses pooled connections: drop those made for another broker URL."""
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.celery_worker
@pytest.mark.skipif(ON_SQLITE, reason="a worker thread cannot write to SQLite's shared-cache "
                    "in-memory test database while the test reads it (table locks): run "
                    "with DATABASE_URL=postgres://...")
@pytest.mark.django_db(transaction=True)
def test_notices_after_commit_are_written_by_the_worker(personas, calendar_2026,
                                                         deadline_rules, time_machine,
                                                         real_worker):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI))
    driver = RulingDriver(personas, time_machine)
    case = driver.bring_to(CaseState.PENDING_APPROVAL)
    deadline = time.monotonic() + 30
    wanted = {personas.head, personas.legal}
    while time.monotonic() < deadline:
        got = {n.recipient for n in Notification.objects.filter(
            case=case, kind__in=[NotificationKind.APPROVAL_NEEDED,
                                 NotificationKind.REVIEW_NEEDED])}
        if got == wanted:
            break
        time.sleep(0.2)
    assert got == wanted
    assigned = Notification.objects.filter(case=case, kind=NotificationKind.ASSIGNED)
    assert {n.recipient for n in assigned} == {personas.officer, personas.officer2,
                                               personas.officer3}
