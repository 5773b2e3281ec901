"""A list of timeline entries costs the same queries for any number of rows: an entry's
name (``str``, the admin's inline row title) and its labels need its case's workflow, which
was loaded once per row (decision 111)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case, CaseEvent
from cases.models.events import EventKind
from tests.ruling_driver import RulingDriver


@pytest.fixture
def case(personas, calendar_2026, deadline_rules, time_machine) -> Case:
    return RulingDriver(personas, time_machine).bring_to("accepted")


def _add_events(case: Case, n: int, actor) -> None:
    start = case.events.count()
    for number in range(start, start + n):
        CaseEvent.objects.create(case=case, kind=EventKind.CHANGE, name="create",
                                 actor=actor, reason=f"第{number}条")


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["case", "events"])
def test_the_admins_timeline_costs_the_same_queries_for_3_and_9_more_rows(
        client, personas, case, page):
    client.force_login(personas.admin)
    url = (reverse("admin:cases_case_change", args=[case.pk]) if page == "case"
           else reverse("admin:cases_caseevent_changelist"))
    _add_events(case, 3, personas.officer)
    client.get(url)  # sessions, content types and caches warmed
    fewer = _queries(client, url)
    _add_events(case, 6, personas.officer2)
    html = client.get(url).content.decode()
    assert html.count('class="field-action"') == case.events.count() > 9  # every row
    assert _queries(client, url) == fewer
