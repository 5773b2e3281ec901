"""The referral package's pages answer a refused step as the workflow pages do (decision
78): bad input is a 400 and a case not in a state for it a 409, each with the reason on
the case page as it now is, and without permission a 403; nothing changes. Not a redirect,
which a client (htmx, a test, a user's browser history) reads as done."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cases.referral.models import CaseFigures, ThresholdFlag
from cases.ruling.models import CaseState
from tests.referral_driver import Driver
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def moment(personas, offices, calendar_2026, deadline_rules, thresholds, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return time_machine


def _text(response) -> str:
    return response.content.decode()


def test_the_head_s_decision_not_to_refer_refused(client, personas, offices, moment):
    case = Driver(personas, offices).complaint(figures={"illegal_turnover": 80_000})
    url = reverse("threshold-waive", args=[case.pk])
    client.force_login(personas.head)
    no_reason = client.post(url, {"reason": "  "}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert no_reason.status_code == 400
    assert "请说明不移送的理由" in _text(no_reason)
    assert not ThresholdFlag.objects.get(case=case).is_waived
    assert client.post(url, {"reason": "经核实数额不足"}).status_code == 302
    again = client.post(url, {"reason": "再次"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert again.status_code == 409
    assert case.number in _text(again)  # the case page, with the reason
    assert ThresholdFlag.objects.get(case=case).waiver_reason == "经核实数额不足"
    client.force_login(personas.officer)
    assert client.post(url, {"reason": "x"}).status_code == 403


def test_figures_refused(client, personas, offices, moment):
    case = RulingDriver(personas, moment).bring_to(CaseState.INVESTIGATION)
    url = reverse("case-figures", args=[case.pk])
    client.force_login(personas.officer)
    bad = client.post(url, {"illegal_turnover": "abc", "marks_count": "1"},
                      HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert bad.status_code == 400
    assert case.number in _text(bad) and 'id="figures-form"' in _text(bad)
    assert not CaseFigures.objects.filter(case=case).exists()
    complaint = Driver(personas, offices).complaint()
    other = client.post(reverse("case-figures", args=[complaint.pk]),
                        {"illegal_turnover": "1"})
    assert other.status_code == 409
    assert complaint.number in _text(other)
