"""The referral dashboard of a superior office covers its subordinates office by office,
and the 够罪不移 risk list keeps a case finished over a threshold without a referral or
the head's decision."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from cases.referral.selectors import dashboard, flagged_cases
from cases.referral.services import judge_case

pytestmark = pytest.mark.django_db


def test_a_superior_office_sees_each_subordinate_office(referral_driver, personas, offices, client):
    nanning = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    liuzhou = referral_driver.complaint(figures={"illegal_turnover": 90_000},
                                        actor=personas.outsider,
                                        office=offices.liuzhou)
    referral_driver.referral_in("approved")
    rows = {r.office.name: r for r in dashboard(referral_driver.superior_head).by_office}
    # The referred complaint is no longer a risk.
    assert rows["南宁市知识产权局"].flagged == 1 and rows["南宁市知识产权局"].referrals == 1
    assert rows["柳州市知识产权局"].flagged == 1 and rows["柳州市知识产权局"].referrals == 0
    client.force_login(referral_driver.superior_head)
    page = client.get(reverse("referral-dashboard")).content.decode()
    table = page.split('id="board-by-office"')[1].split("</table>")[0]
    assert "南宁市知识产权局" in table and "柳州市知识产权局" in table
    assert nanning.number in page and liuzhou.number in page
    # A city head sees its own office only, and no per-office table.
    assert [r.office for r in dashboard(personas.head).by_office] == [offices.nanning]
    client.force_login(personas.head)
    page = client.get(reverse("referral-dashboard")).content.decode()
    assert "board-by-office" not in page and liuzhou.number not in page


def test_a_case_finished_over_a_threshold_without_referral_stays_on_the_risk_list(
        referral_driver, personas, client):
    case = referral_driver.complaint(figures={"illegal_turnover": 1_000})
    referral_driver.act(case, "not_accept")
    referral_driver.act(case, "record_reply")
    # Figures found afterwards reach a threshold: closed, neither referred nor excused.
    judge_case(case, {"turnover": Decimal("80000")}, on=case.received_on)
    assert case in flagged_cases(personas.head)
    client.force_login(personas.head)
    page = client.get(reverse("referral-dashboard")).content.decode()
    assert case.number in page and "结案未移送" in page
