"""Locking a case for a step: only for those who may see it. A user of another office
who posts a step to a case's id gets the 404 without the case's row ever being locked,
so they cannot hold up the office's own work on it (nor time its existence)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import psycopg
import pytest
from django.db import connection, transaction

from cases.errors import OutOfScope
from cases.models import Case
from cases.services.runner import lock_case
from tests.factories import UserFactory
from tests.referral_driver import Driver
from tests.ruling_driver import RulingDriver

SHANGHAI = ZoneInfo("Asia/Shanghai")

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(personas, calendar_2026, deadline_rules, time_machine) -> Case:
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine).file()


def test_who_may_lock_a_case(case, personas, offices):
    assert lock_case(case.pk, personas.officer).pk == case.pk
    assert lock_case(case.pk, None).pk == case.pk  # a periodic task
    superuser = UserFactory(username="root", is_superuser=True, office=None)
    assert lock_case(case.pk, superuser).pk == case.pk
    # The region office sees its cities' cases; a county does not see its city's.
    assert lock_case(case.pk, personas.admin).pk == case.pk
    for outside in (personas.outsider, personas.county_officer,
                    UserFactory(username="nooffice", office=None)):
        with pytest.raises(OutOfScope):
            lock_case(case.pk, outside)
    with pytest.raises(OutOfScope):
        lock_case(case.pk + 1000, personas.officer)
    with pytest.raises(OutOfScope):
        lock_case(case.pk + 1000, superuser)


def test_a_transfer_is_locked_by_its_receiving_office(personas, offices, calendar_2026,
                                                       deadline_rules, thresholds,
                                                       time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI), tick=False)
    driver = Driver(personas, offices)
    transfer = driver.transfer()
    # Not sent yet: 柳州 (the receiving office) does not see it.
    with pytest.raises(OutOfScope):
        lock_case(transfer.pk, personas.outsider)
    driver.act(transfer, "send")
    assert lock_case(transfer.pk, personas.outsider).pk == transfer.pk
    assert lock_case(transfer.pk, personas.officer).pk == transfer.pk


def _locked_elsewhere(case_id: int) -> bool:
    """Whether another connection finds the case's row locked."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    with psycopg.connect(**params, autocommit=True) as other:
        try:
            other.execute("SELECT 1 FROM cases_case WHERE id = %s FOR UPDATE NOWAIT",
                          [case_id])
        except psycopg.errors.LockNotAvailable:
            return True
    return False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_out_of_scope_attempt_locks_nothing(case, personas):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks: run with DATABASE_URL=postgres://... "
                    "(.ci/run does)")
    with transaction.atomic():
        with pytest.raises(OutOfScope):
            lock_case(case.pk, personas.outsider)
        assert not _locked_elsewhere(case.pk)
    with transaction.atomic():
        lock_case(case.pk, personas.officer)
        assert _locked_elsewhere(case.pk)
    assert not _locked_elsewhere(case.pk)
