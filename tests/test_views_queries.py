"""The workbench and the case list cost the same number of SQL queries whatever the page
size: nothing is loaded per row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_cases(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    driver = RulingDriver(personas, time_machine)
    for _ in range(55):
        driver.file()
    return personas


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["home", "case-list"])
def test_query_count_does_not_grow_with_the_page_size(client, many_cases, name,
                                                      django_assert_num_queries):
    client.force_login(many_cases.officer)
    url = reverse(name)
    client.get(f"{url}?size=10")  # warm the working-day calendar cache
    small = queries(client, f"{url}?size=10")
    response = client.get(f"{url}?size=50")
    rows = response.context["items"] if name == "home" else response.context["page"].rows
    assert len(rows) == 50
    with django_assert_num_queries(small):
        client.get(f"{url}?size=50")
