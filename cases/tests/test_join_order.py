"""Rows read by their keys are planned with their joins as written (decision 113): the
setting holds inside the block only, on every way out of it, and the pages that use it
leave the session as they found it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.selectors.join_order import joins_as_written
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


def _limit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        return str(cursor.fetchone()[0])


@pytest.fixture
def postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (.ci/run does)")


def test_the_limit_holds_inside_the_block_only(postgresql):
    before = _limit()
    assert before != "1"
    with joins_as_written():
        assert _limit() == "1"
    assert _limit() == before
    with pytest.raises(ZeroDivisionError), joins_as_written():
        1 / 0  # noqa: B018 - an error inside the block
    assert _limit() == before


def test_the_pages_read_their_rows_with_it_and_restore_the_session(
        postgresql, client, personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    driver = RulingDriver(personas, time_machine)
    for _ in range(3):
        driver.file()
    client.force_login(personas.officer)
    for url in (reverse("home"), reverse("case-list")):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        sql = [q["sql"] for q in ctx.captured_queries]
        assert "SET join_collapse_limit = 1" in sql, url
        assert sql.count("SET join_collapse_limit = 1") == sql.count("RESET join_collapse_limit")
        assert _limit() != "1"


def test_elsewhere_it_does_nothing():
    if connection.vendor == "postgresql":
        pytest.skip("on PostgreSQL the block sets the limit: tested above")
    with CaptureQueriesContext(connection) as ctx, joins_as_written():
        pass
    assert ctx.captured_queries == []
