"""The mediator's workbench at scale: each list pages by keyset on its own, the page and
the API cost the same number of queries for N and 3N rows of every list, and the figures
count every row."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mediation.models import AgreementTerm
from mediation.tests.driver import MediationDriver

pytestmark = pytest.mark.django_db

API = "/api/v1/mediation/workbench/"
LISTS = ("to-take-up", "sessions", "agreements", "terms")


def _add(mediation_driver: MediationDriver, n: int) -> None:
    for _ in range(n):
        mediation_driver.new()  # to take up
        mediation_driver.to_state("in_session")  # a session to hold
        mediation_driver.to_state("performing")  # an agreement, two terms
    AgreementTerm.objects.update(due_on=datetime.date(2026, 4, 24))


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_workbench_costs_the_same_queries_for_n_and_3n_rows(
        mediation_driver: MediationDriver, personas: Any) -> None:
    client = Client()
    client.force_login(personas.mediator)
    urls = ["/mediation/?size=20", API, *[f"{API}{name}/" for name in LISTS]]
    _add(mediation_driver, 1)
    for url in urls:
        client.get(url)  # warm the caches
    before = {url: _queries(client, url) for url in urls}
    _add(mediation_driver, 2)
    assert {url: _queries(client, url) for url in urls} == before
    counts = client.get(API).json()["counts"]
    assert counts == {"to_take_up": 3, "sessions": 3, "agreements": 3, "terms": 6,
                      "confirmations": 0}, counts
    assert len(client.get(f"{API}terms/").json()["results"]) == 6


def test_each_list_pages_on_its_own(mediation_driver: MediationDriver, personas: Any) -> None:
    _add(mediation_driver, 2)
    client = Client()
    client.force_login(personas.mediator)
    seen: list[int] = []
    url: str | None = f"{API}terms/?page_size=1"
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(AgreementTerm.objects.values_list("pk", flat=True))
    page = client.get("/mediation/", {"size": 10})
    assert page.context["lists"]["terms"]["links"].next is None
    # Paging the terms keeps the other lists where they are.
    links = client.get("/mediation/", {"size": 10, "sessions_after": "x"}).context["lists"]
    assert links["terms"]["rows"] == page.context["lists"]["terms"]["rows"]


def test_a_mediator_with_nothing_sees_the_empty_states(personas: Any) -> None:
    client = Client()
    client.force_login(personas.mediator)
    text = client.get("/mediation/").content.decode()
    assert text.count('class="empty-state') == 4
    api = client.get(f"{API}sessions/").json()
    assert api == {"next": None, "previous": None, "results": []}


def test_the_respondents_answer_period_is_a_party_period(
        mediation_driver: MediationDriver, personas: Any) -> None:
    """The respondent's 15 days to say whether it mediates are its own time, shown as the
    ruling's answer period is: grey while they run, then the mediator's next step, never
    the office's overdue work."""
    case = mediation_driver.to_state("awaiting_response")  # served 2 April, ended 17 April
    for user in (personas.officer, personas.mediator):
        client = Client()
        client.force_login(user)
        html = client.get("/").content.decode()
        row = html[html.index(case.number):]
        row = row[:row.index("</tr>")]
        assert "答复期满" in row and "countdown-overdue" not in row, row
        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert "答复期满，记录被请求人是否同意调解" in page
        assert "超期" not in page
