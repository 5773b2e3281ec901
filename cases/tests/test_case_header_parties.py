"""The case page's header names who the case is between in each workflow's own terms: a
complaint's complainant and accused party, a referral's or a transfer's suspect — not an
empty 请求人 and 被请求人, which only rulings and mediations have."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _header(client, user, case) -> dict[str, str]:
    client.force_login(user)
    page = client.get(reverse("case-detail", args=[case.pk]),
                      HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    facts = page[page.index('class="row case-facts'):]
    facts = facts[:facts.index("</dl>")]
    return {dt: re.sub(r"<[^>]+>", " ", dd).strip() for dt, dd in
            re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", facts, re.S)}


def test_a_complaint_names_its_complainant_and_accused_party(client, personas, referral_driver):
    header = _header(client, personas.officer, referral_driver.complaint())
    assert header["投诉举报人"] == "广西壮乡食品有限公司"
    assert header["被投诉举报人"] == "南宁市某某商贸有限公司"
    assert "请求人" not in header and "被请求人" not in header


def test_an_anonymous_tip_off_says_so(client, personas, referral_driver):
    header = _header(client, personas.officer, referral_driver.complaint(kind="tip_off",
                                                                         anonymous=True))
    assert header["投诉举报人"] == "匿名"


def test_a_referral_names_the_suspect_of_the_case_it_comes_from(client, personas, referral_driver):
    header = _header(client, personas.officer, referral_driver.referral())
    assert header["当事人"] == "南宁市某某商贸有限公司"
    # Its officers are a task force (专案组), not a ruling's panel (合议组).
    assert "专案组成员" in header["办案人员"] and "合议组" not in header["办案人员"]
    assert "请求人" not in header and "被请求人" not in header


def test_a_transfer_names_the_party_of_the_matter_it_passes_on(client, personas, referral_driver):
    header = _header(client, personas.officer, referral_driver.transfer())
    assert header["当事人"] == "南宁市某某商贸有限公司"


def test_a_ruling_keeps_its_requesters_and_respondents(client, personas, offices,
                                                       calendar_2026, deadline_rules,
                                                       time_machine):
    from tests.ruling_driver import RulingDriver

    case = RulingDriver(personas, time_machine).bring_to("accepted")
    header = _header(client, personas.officer, case)
    names = {cp.role: cp.party.name for cp in case.case_parties.select_related("party")}
    assert header["请求人"].startswith(names["requester"])
    assert header["被请求人"].startswith(names["respondent"])


def test_the_case_list_finds_a_complaint_by_its_accused_or_complainant(client, personas,
                                                                        referral_driver):
    complaint = referral_driver.complaint()
    client.force_login(personas.officer)
    for text in ("某某商贸", "壮乡食品"):
        page = client.get(reverse("case-list"), {"q": text}).content.decode()
        assert complaint.number in page, text
