"""The statistics page on a tablet: a table of figures wider than its card scrolls inside
it, and its row labels stay in view (decision 121). At 768 px the region's tables were
up to 152 px wider than their card, their row labels were squeezed to one character a
line, and scrolling them hid which office or act a row counted."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_a_scrolled_table_of_figures_keeps_its_row_labels_in_view(
        page: Any, live_server: Any, transactional_db: None,
        offices: Any, personas: Any, calendar_2026: Any, deadline_rules: Any) -> None:
    from stats.tests.fixture import build

    build(offices, personas)
    page.set_viewport_size({"width": 768, "height": 1024})
    log_in(page, live_server, "sysadmin")
    page.goto(f"{live_server.url}/statistics/?office={offices.guangxi.pk}"
              "&start=2026-01-01&end=2026-06-30")
    wrappers = page.locator("section[data-table] .table-responsive")
    assert wrappers.count() >= 2
    wide = [wrappers.nth(i) for i in range(wrappers.count())
            if wrappers.nth(i).evaluate("w => w.scrollWidth - w.clientWidth") > 20]
    assert wide, "no table is wider than its card at 768 px: the test no longer tests"
    for wrapper in wide:
        label = wrapper.locator("tbody th[scope=row]").first
        name = label.inner_text()
        before = label.bounding_box()
        card = wrapper.bounding_box()
        assert before is not None and card is not None
        # A name of four characters on one line, not one character a line.
        assert before["width"] >= 80, (name, before)
        wrapper.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
        assert wrapper.evaluate("w => w.scrollLeft") > 20
        after = label.bounding_box()
        assert after is not None
        # The label is where it was, inside the card, and the figures pass under it.
        assert abs(after["x"] - before["x"]) <= 1, (name, before, after)
        assert after["x"] >= card["x"] - 1, (name, after, card)
        assert label.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
