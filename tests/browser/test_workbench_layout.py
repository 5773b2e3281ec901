"""The workbench's table on a desktop screen: the cause of action stays readable.

A long next step (a party's period has ended: "收到答辩书后将副本送达请求人…") used to sit in a
cell that never wrapped, and the table squeezed the cause of action to one character per
line, so that twenty cases filled 8,600 pixels.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in_demo

pytestmark = pytest.mark.browser

QUEUE = "section[aria-labelledby=queue-title] tbody tr"


def test_the_cause_of_action_keeps_room_beside_a_long_next_step(
        page: Any, live_server: Any, demo_data: dict[str, Any], time_machine: Any) -> None:
    # Nine months after the demo data's day: deadlines passed, parties' periods ended.
    time_machine.move_to(datetime(2026, 12, 4, 9, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    page.set_viewport_size({"width": 1400, "height": 1000})
    log_in_demo(page, live_server, "nn_officer")
    rows = page.locator(QUEUE)
    assert rows.count() >= 10
    assert page.locator(f"{QUEUE} .countdown-next_step").count() >= 1
    for i in range(rows.count()):
        title = rows.nth(i).locator("td").nth(1)
        box = title.bounding_box()
        assert box is not None
        # At least 12rem wide, and a title of 60 characters takes at most 5 lines.
        assert box["width"] >= 180, (title.inner_text(), box)
        assert box["height"] <= 160, (title.inner_text(), box)
    step = page.locator(f"{QUEUE} .countdown-next_step").first.bounding_box()
    assert step is not None and step["width"] <= 16 * 16, step
