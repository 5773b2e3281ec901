"""The referral dashboard at a province's scale: its lists are paged by keyset (every case
once, cases without a running clock last), the page and the API cost the same number of
queries for N and 3N cases, and the figures count every case, not the page's."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.models import Case
from cases.referral.models import ThresholdFlag
from tests.referral_driver import Driver

pytestmark = pytest.mark.django_db

API = "/api/v1/referrals/dashboard/"


def _add(referral_driver: Driver, n: int) -> None:
    for _ in range(n):
        referral_driver.referral_in("approved")
        referral_driver.transfer()
        referral_driver.complaint(figures={"illegal_turnover": 80_000})


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_dashboard_costs_the_same_queries_for_n_and_3n_cases(referral_driver, personas, client):
    client.force_login(personas.head)
    urls = [reverse("referral-dashboard"), API, f"{API}referrals/", f"{API}transfers/",
            f"{API}flagged/"]
    _add(referral_driver, 2)
    for url in urls:
        client.get(url)  # warm the caches
    before = {url: _queries(client, url) for url in urls}
    _add(referral_driver, 4)
    assert {url: _queries(client, url) for url in urls} == before
    board = client.get(API).json()
    assert board["counts"] == {"referrals": 6, "transfers": 6, "overdue": 0,
                               "flagged_not_referred": 6}, board
    assert len(client.get(f"{API}referrals/").json()["results"]) == 6


def _walk(client: Any, url: str) -> list[int]:
    seen: list[int] = []
    while url:
        page = client.get(url).json()
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    return seen


def test_every_open_referral_is_on_one_page_nearest_clock_first_none_last(
        referral_driver, personas, client):
    _add(referral_driver, 3)
    referrals = list(Case.objects.filter(workflow="referral").order_by("pk"))
    # One without a running clock, two with the same due time.
    Case.objects.filter(pk=referrals[0].pk).update(next_deadline=None, next_deadline_at=None)
    Case.objects.filter(pk=referrals[2].pk).update(
        next_deadline_at=Case.objects.get(pk=referrals[1].pk).next_deadline_at)
    client.force_login(personas.head)
    forward = _walk(client, f"{API}referrals/?page_size=1")
    assert sorted(forward) == [c.pk for c in referrals]
    assert forward[-1] == referrals[0].pk  # no running clock: last
    # Back from the last page by the previous links gives the same order.
    page = client.get(f"{API}referrals/?page_size=1").json()
    while page["next"]:
        page = client.get(page["next"]).json()
    back = [page["results"][0]["id"]]
    while page["previous"]:
        page = client.get(page["previous"]).json()
        back.insert(0, page["results"][0]["id"])
    assert back == forward


def test_the_page_pages_each_list_on_its_own_and_says_when_one_is_empty(
        referral_driver, personas, client):
    _add(referral_driver, 3)
    ThresholdFlag.objects.update(waived_at=referral_driver.superior_head.date_joined)
    client.force_login(personas.head)
    first = client.get(reverse("referral-dashboard"), {"size": 10})
    assert first.context["referral_links"].next is None
    page = client.get(reverse("referral-dashboard"), {"size": 10, "referrals_after": "x"})
    assert page.status_code == 200  # a cursor nobody made: the first page
    text = first.content.decode()
    assert "没有等待移送的涉嫌犯罪案件" in text
    cases = sorted(Case.objects.filter(workflow="transfer").values_list("number", flat=True))
    assert all(number in text for number in cases)


def test_the_offences_without_thresholds_end_in_chinese_punctuation(personas, client):
    from cases.referral.models import ThresholdRule

    ThresholdRule.objects.all().delete()  # none in force: every offence is listed
    client.force_login(personas.head)
    text = client.get("/referrals/").content.decode()
    assert "侵犯商业秘密罪（第二百一十九条）。" in text
    assert "）." not in text


def test_a_flagged_case_names_each_threshold_with_its_legal_basis(referral_driver, personas,
                                                                  client):
    complaint = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    hits = ThresholdFlag.objects.get(case=complaint).hits
    assert hits and all(hit["legal_basis"] for hit in hits)
    client.force_login(personas.head)
    text = client.get(reverse("referral-dashboard"), HTTP_ACCEPT_LANGUAGE="zh-hans"
                      ).content.decode()
    row = next(r for r in text.split("<tr") if complaint.number in r)
    for hit in hits:
        assert f"{hit['text']}（依据：{hit['legal_basis']}）" in row
    listed = client.get(f"{API}flagged/").json()["results"]
    assert [row["thresholds"] for row in listed if row["id"] == complaint.pk] == [[
        {"offence": hit["offence"], "article": hit["article"], "text": hit["text"],
         "legal_basis": hit["legal_basis"]} for hit in hits]]
