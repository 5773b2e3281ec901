"""Identifiers as people type them (decision 57): a case number with the brackets on their
keyboard, a patent number in full width."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from cases.validators import normalize_patent_application_number, patent_number_part
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("brackets", ["(%s)", "（%s）", "[%s]", "【%s】", "［%s］", "〔 %s 〕"])
def test_a_case_number_is_found_with_any_brackets(personas, calendar_2026, deadline_rules,
                                                   time_machine, client, brackets):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    case = RulingDriver(personas, time_machine).file()
    typed = case.number.replace("〔2026〕", brackets % "2026")
    assert typed != case.number
    api = APIClient()
    api.force_authenticate(personas.officer)
    found = api.get("/api/v1/cases/", {"q": typed}).json()["results"]
    assert [c["id"] for c in found] == [case.pk]
    client.force_login(personas.officer)
    assert case.number in client.get(reverse("case-list"), {"q": typed}).content.decode()


def test_a_patent_number_typed_in_full_width_is_read():
    for typed in ("ＺＬ２０２０１０１２３４５６．７", "ZL２０２０ １ ０１２３４５６.７"):
        assert normalize_patent_application_number(typed) == "202010123456.7"


@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/parties/", "/api/v1/rights/",
                                 "/api/v1/agents/"])
def test_a_search_text_with_control_characters_is_searched_without_them(personas, url):
    """A NUL in ``q`` was a 500 on PostgreSQL (no text may hold one)."""
    api = APIClient()
    api.force_authenticate(personas.officer)
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url, {"q": "星河\x00\u200b电子"})
    assert response.status_code == 200, response.content
    assert not any("\x00" in str(q["sql"]) for q in queries.captured_queries)
    assert any("星河电子" in str(q["sql"]) for q in queries.captured_queries)
    if url == "/api/v1/cases/":  # recorded in the audit log as typed, the NUL kept encoded
        from cases.models import AuditEntry
        assert AuditEntry.objects.get().detail.startswith("API ?q=星河%00\u200b电子")


@pytest.mark.parametrize("typed", ["ZL{part}", "zl {part}", "ＺＬ{part}"])
def test_a_part_of_a_patent_number_typed_with_its_prefix_finds_the_case(
        personas, calendar_2026, deadline_rules, time_machine, client, typed):
    """"ZL2020101" (the start of ZL2020 1 0123456.7) found nothing: no stored number holds
    its ZL."""
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    case = RulingDriver(personas, time_machine).file()
    number = case.rights.get().number
    text = typed.format(part=number[:9])
    client.force_login(personas.officer)
    assert case.number in client.get(reverse("case-list"), {"q": text}).content.decode()
    api = APIClient()
    api.force_authenticate(personas.officer)
    found = api.get("/api/v1/cases/", {"q": text}).json()["results"]
    assert [c["id"] for c in found] == [case.pk]


def test_a_text_that_is_not_a_patent_number_part_is_kept():
    assert patent_number_part("ZL 2020 1") == "20201"
    assert patent_number_part("ZLX20") == "ZLX20"
    assert patent_number_part("中兴2020") == "中兴2020"
