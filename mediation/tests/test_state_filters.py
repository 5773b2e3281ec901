"""Workflows share state names: a confirmation's ``filed`` is 已向法院申请, a referral's
公安机关已立案. The lists filter by the workflow's state, and name each by its own label."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from cases.models import Case
from documents.legal_basis import seed_legal_basis_rules
from mediation.tests.test_confirmation import confirmation  # noqa: F401 (fixture)
from tests.referral_driver import Driver

pytestmark = pytest.mark.django_db


@pytest.fixture
def both_filed(confirmation: Any, personas: Any, offices: Any, thresholds: int,  # noqa: F811
               time_machine: Any) -> tuple[Case, Case]:
    time_machine.move_to(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC), tick=False)
    seed_legal_basis_rules()
    referral = Driver(personas, offices).referral_in("filed")
    filed = confirmation("filed", filed_on=datetime.date(2026, 3, 2)).case
    return referral, filed


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_case_list_filters_each_workflows_filed_apart(both_filed: Any,
                                                         personas: Any) -> None:
    referral, confirmation_case = both_filed
    client = _client(personas.admin)
    page = client.get("/cases/")
    options = page.content.decode()
    assert 'value="confirmation:filed"' in options and ">已向法院申请<" in options
    assert 'value="referral:filed"' in options and ">公安机关已立案<" in options
    rows = client.get("/cases/", {"state": "confirmation:filed"}).context["page"].rows
    assert [c.pk for c in rows] == [confirmation_case.pk]
    rows = client.get("/cases/", {"state": "referral:filed"}).context["page"].rows
    assert [c.pk for c in rows] == [referral.pk]
    # A bare state (an older link) still filters every workflow having it.
    rows = client.get("/cases/", {"state": "filed"}).context["page"].rows
    assert {c.pk for c in rows} == {referral.pk, confirmation_case.pk}
    assert client.get("/cases/", {"state": "referral:nonsense"}).context[
        "form"].errors["state"]


def test_the_workbench_counts_each_workflows_state_under_its_own_label(
        both_filed: Any, personas: Any) -> None:
    referral, confirmation_case = both_filed
    client = _client(personas.officer)
    counts = {key: (label, n) for key, label, n in client.get("/").context["counts"]}
    assert counts.get("confirmation:filed") == ("已向法院申请", 1), counts
    assert counts.get("referral:filed") == ("公安机关已立案", 1), counts
    answer = client.get("/", {"state": "confirmation:filed"})
    assert [row["case"].pk for row in answer.context["items"]] == [confirmation_case.pk]
    assert answer.context["selected_states"] == {"confirmation:filed"}
    # A bare state (the head's approvals link) selects every workflow's chip of it.
    answer = client.get("/", {"state": "filed"})
    assert answer.context["selected_states"] == {"confirmation:filed", "referral:filed"}
    page = answer.content.decode()
    for key in ("confirmation:filed", "referral:filed"):
        chip = page[page.index(f'href="?state={key}&'):]
        assert chip.index('aria-current="true"') < chip.index("</a>"), key


def test_the_api_takes_a_state_key(both_filed: Any, personas: Any) -> None:
    referral, confirmation_case = both_filed
    client = _client(personas.admin)
    body = client.get("/api/v1/cases/", {"state": "confirmation:filed"}).json()
    assert [row["id"] for row in body["results"]] == [confirmation_case.pk]
    assert client.get("/api/v1/cases/", {"state": "ruling:nonsense"}).status_code == 400
