"""A choice-like value the system does not know (an IP type, an act, an outcome, a kind,
a method) is refused with a 400 naming the field and the values it takes (decision 57),
in the API's serializers and in the action forms it shares with the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Case, Party
from cases.ruling.models import CaseState
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    return RulingDriver(personas, time_machine)


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _refused(response, field: str, *allowed: str) -> str:
    body = response.json()
    assert response.status_code == 400 and body["code"] == "invalid", body
    message = str(body[field])
    assert all(value in message for value in allowed), message
    return message


@pytest.mark.parametrize(("param", "value", "allowed"), [
    ("ip_type", "patent", ["invention_patent", "trademark"]),
    ("act", "steal", ["make", "sell"]),
    ("outcome", "won", ["infringement_found"]),
])
def test_precedent_search_refuses_an_unknown_filter_value(personas, param, value, allowed):
    response = _api(personas.legal).get("/api/v1/precedents/", {param: ["design_patent"
                                        if param == "ip_type" else allowed[0], value]})
    assert value in _refused(response, param, *allowed)


def test_precedent_search_takes_known_values_and_any_platform(personas):
    response = _api(personas.legal).get("/api/v1/precedents/", {
        "ip_type": ["design_patent", "trademark"], "act": "sell",
        "outcome": "infringement_found", "platform": ["小红书", "offline"]})
    assert response.status_code == 200, response.content
    long = _api(personas.legal).get("/api/v1/precedents/", {"platform": "平" * 31})
    assert long.status_code == 400 and "platform" in long.json()


def test_the_precedent_page_says_which_filter_it_does_not_know(client, personas):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {"ip_type": "patent"})
    assert response.status_code == 400
    assert "patent" in response.content.decode()


def test_registering_with_an_unknown_kind_names_the_kinds(personas):
    response = _api(personas.officer).post("/api/v1/parties/", {"kind": "robot",
                                                                "name": "某公司"}, format="json")
    _refused(response, "kind", "legal", "natural")
    assert not Party.objects.exists()


def test_filing_with_an_unknown_ip_type_names_the_types(driver, personas):
    case = driver.file()
    before = Case.objects.count()
    response = _api(personas.officer).post("/api/v1/cases/", {
        "ip_type": "patent", "title": "侵害发明专利权纠纷", "received_on": "2026-03-02",
        "requesters": [{"party": case.case_parties.get(role="requester").party_id}],
        "respondents": [{"party": case.case_parties.get(role="respondent").party_id}],
        "rights": [case.rights.get().pk], "infringing_acts": ["sell"],
        "sales_channel": "offline"}, format="json")
    _refused(response, "ip_type", "invention_patent", "design_patent")
    assert Case.objects.count() == before


def test_an_action_refuses_an_unknown_choice_naming_the_choices(driver, personas):
    case = driver.bring_to(CaseState.ACCEPTED)
    driver.prepare("serve_respondent", case)
    response = _api(personas.officer).post(
        f"/api/v1/cases/{case.pk}/transitions/serve_respondent/",
        {"served_on": "2026-03-02", "method": "pigeon"}, format="json")
    assert "pigeon" in _refused(response, "method", "direct")
    assert Case.objects.get(pk=case.pk).state == CaseState.ACCEPTED
