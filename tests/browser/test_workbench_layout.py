"""The workbench's table on a desktop screen: the cause of action stays readable.

A long next step (a party's period has ended: "收到答辩书后将副本送达请求人…") used to sit in a
cell that never wrapped, and the table squeezed the cause of action to one character per
line, so that twenty cases filled 8,600 pixels.
"""

from __future__ import annotations

import re
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


@pytest.mark.parametrize("width,height", [(768, 1024), (1024, 768)])
def test_on_a_tablet_the_table_fits_its_card_and_keeps_the_deadline(
        page: Any, live_server: Any, demo_data: dict[str, Any], time_machine: Any,
        width: int, height: int) -> None:
    # The table used to be wider than its card on a tablet, and the time left, its last
    # column, was the one scrolled out of sight.
    time_machine.move_to(datetime(2026, 12, 4, 9, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    page.set_viewport_size({"width": width, "height": height})
    log_in_demo(page, live_server, "nn_officer")
    rows = page.locator(QUEUE)
    assert rows.count() >= 10
    table = page.locator("section[aria-labelledby=queue-title] table")
    overflow = table.evaluate("t => t.parentElement.scrollWidth - t.parentElement.clientWidth")
    assert overflow <= 0, overflow
    first = rows.first
    remaining = first.locator("td.cell-remaining")
    assert remaining.is_visible()
    box = remaining.bounding_box()
    card = page.locator("section[aria-labelledby=queue-title]").bounding_box()
    assert box is not None and card is not None
    assert box["x"] + box["width"] <= card["x"] + card["width"] + 1, (box, card)
    # The deadline's name and day, in their own column on a wide screen, are in this cell.
    text = remaining.inner_text()
    assert re.search(r"\d{4}-\d{2}-\d{2}", text), text
    assert first.locator("td.cell-clock").is_hidden()


@pytest.mark.parametrize("username", ["nn_officer", "nn_head"])
def test_the_case_list_fits_a_tablet_and_names_the_officer_under_the_number(
        page: Any, live_server: Any, demo_data: dict[str, Any], username: str) -> None:
    # On a tablet the parties were squeezed to two characters a line, and the officer's
    # and office's columns were scrolled out of sight (a head's list has a column more).
    page.set_viewport_size({"width": 768, "height": 1024})
    log_in_demo(page, live_server, username)
    page.goto(f"{live_server.url}/cases/")
    table = page.locator("table.ipc-table")
    overflow = table.evaluate("t => t.parentElement.scrollWidth - t.parentElement.clientWidth")
    assert overflow <= 0, overflow
    rows = table.locator("tbody tr")
    assert rows.count() >= 10
    for i in range(rows.count()):
        parties = rows.nth(i).locator("td.cell-parties").bounding_box()
        assert parties is not None and parties["width"] >= 120, parties
    number_cell = rows.first.locator("td").filter(has=page.locator("a.fw-semibold"))
    assert "·" in number_cell.inner_text()
    assert table.locator("thead th", has_text="承办人").is_hidden()
    # On a desktop screen the officer and the office have their own sortable columns.
    page.set_viewport_size({"width": 1400, "height": 900})
    assert table.locator("thead th", has_text="承办人").is_visible()
    under_number = rows.first.locator("td .d-xl-none")
    assert under_number.count() == 1 and under_number.is_hidden()
