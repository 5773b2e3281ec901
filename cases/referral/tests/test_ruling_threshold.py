"""A ruling case flagged over a criminal threshold is not closed before it is referred or
the head of office records why not (no closing instead of referring)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases.errors import TransitionNotAllowed
from cases.models import Case
from cases.referral.models import ThresholdFlag
from cases.referral.services import judge_case, waive_flag
from cases.ruling.models import CaseState
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, offices, calendar_2026, deadline_rules, thresholds, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    return RulingDriver(personas, time_machine)


def _flagged_effective_case(driver):
    case = driver.bring_to(CaseState.EFFECTIVE)
    flag = judge_case(case, {"loss": Decimal("600000")}, on=timezone.localdate())
    assert flag is not None and "刑法第二百一十六条" in flag.summary
    return case


def test_a_flagged_ruling_case_is_not_closed_until_the_head_decides(driver, personas):
    case = _flagged_effective_case(driver)
    with pytest.raises(TransitionNotAllowed, match="涉嫌犯罪，应当移送"):
        driver.act(case, "close")
    assert Case.objects.get(pk=case.pk).state == CaseState.EFFECTIVE
    # Only the head records why the case is not referred…
    with pytest.raises(PermissionDenied):
        waive_flag(case_id=case.pk, actor=personas.officer, reason="数额系请求人主张，未经查实")
    waive_flag(case_id=case.pk, actor=personas.head, reason="数额系请求人主张，未经查实")
    flag = ThresholdFlag.objects.get(case=case)
    assert flag.waived_by == personas.head and flag.waiver_reason
    assert case.events.filter(name="threshold_waived", actor=personas.head).exists()
    # …and then the officer may close it.
    driver.act(case, "close")
    assert Case.objects.get(pk=case.pk).state == CaseState.CLOSED


def test_an_unflagged_ruling_case_closes_as_before(driver):
    case = driver.bring_to(CaseState.EFFECTIVE)
    assert judge_case(case, {"loss": Decimal("1000")}, on=timezone.localdate()) is None
    driver.act(case, "close")
    assert Case.objects.get(pk=case.pk).state == CaseState.CLOSED
