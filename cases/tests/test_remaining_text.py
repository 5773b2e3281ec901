"""How much time a clock has left, or how long it is overdue, in the user's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from cases.templatetags.ipc import remaining_text


@pytest.mark.parametrize(("remaining", "unit", "text"), [
    (3, "working_days", "剩余3个工作日"),
    (-2, "calendar_days", "已超期2个自然日"),
    (0, "hours", "今日到期"),
    (5, "hours", "剩余5小时"),
    (-47, "hours", "已超期47小时"),
    # Long overdue, an hour clock reads in days: 640 days, not 15,365 hours.
    (-15365, "hours", "已超期640个自然日"),
    (-48, "hours", "已超期2个自然日"),
])
def test_remaining_text(remaining, unit, text):
    with translation.override("zh-hans"):
        assert remaining_text(remaining, unit) == text


def test_no_clock_no_text():
    assert remaining_text(None, "hours") == ""
