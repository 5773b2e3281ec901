"""Names as careless users and attackers type them (decision 57): invisible characters and
stray spaces are taken out, a name of nothing visible is refused, and markup in a name is
shown as text on the page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Agent, Party
from cases.validators import clean_name
from tests.factories import LegalPersonFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(("typed", "meant"), [
    ("广西南宁\u200b星河电子有限公司", "广西南宁星河电子有限公司"),
    ("\ufeff 广西 南宁星河电子有限公司\u3000", "广西南宁星河电子有限公司"),
    ("Acme   Trading\u00a0Ltd", "Acme Trading Ltd"),
    ("广西星河（南宁）电子有限公司", "广西星河（南宁）电子有限公司"),
    ("买买提·艾力", "买买提·艾力"),
])
def test_a_name_is_kept_as_it_is_meant(typed, meant):
    assert clean_name(typed) == meant


def test_the_api_registers_the_name_without_invisible_characters(personas):
    response = _api(personas.officer).post("/api/v1/parties/", {
        "kind": "legal", "name": "南宁\u200b宏达 电器有限公司",
        "legal_representative": "韦\u200d明"}, format="json")
    assert response.status_code == 201, response.content
    party = Party.objects.get()
    assert (party.name, party.legal_representative) == ("南宁宏达电器有限公司", "韦明")


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u200e\ufeff"])
def test_a_name_of_nothing_visible_is_refused(personas, name):
    response = _api(personas.officer).post("/api/v1/parties/", {"kind": "legal",
                                                                "name": name}, format="json")
    assert response.status_code == 400 and "name" in response.json(), response.content
    assert not Party.objects.exists()
    response = _api(personas.officer).post("/api/v1/agents/", {"kind": "lawyer",
                                                               "name": name}, format="json")
    assert response.status_code == 400 and "name" in response.json(), response.content
    assert not Agent.objects.exists()


def test_markup_in_a_name_is_text_on_the_case_page(personas, calendar_2026, deadline_rules,
                                                   time_machine, client):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    evil = LegalPersonFactory(office=personas.officer.office, region_code="450103",
                              name="<script>alert(1)</script><b>星河</b>公司")
    case = RulingDriver(personas, time_machine).file(requester=evil)
    client.force_login(personas.officer)
    html = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html and "<b>星河</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
