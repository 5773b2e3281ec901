"""Fixtures of the referral tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.ruling_driver import RulingDriver


@pytest.fixture
def ruling(personas: Any, offices: Any, calendar_2026: list[int], deadline_rules: int,
           thresholds: int, time_machine: Any) -> RulingDriver:
    """Ruling cases driven through their services, with the criminal thresholds, on Monday
    2 March 2026 at 09:00 in Nanning, the clock stopped."""
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    return RulingDriver(personas, time_machine)
