"""Issue 15 item 1 (B): on 2 December 2026 no official 2027 calendar exists; an officer
accepts a case through the page, the three-month limit is computed provisionally and
marked so on the case page and the workbench, and nothing answers with a server error."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in
from tests.browser.test_ruling_flow import approve_in_queue, run_action, state_of
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.browser


@pytest.fixture
def filed(transactional_db: None, personas: Any, calendar_2026: Any, deadline_rules: Any,
          time_machine: Any, settings: Any, tmp_path: Path) -> Any:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to(datetime(2026, 12, 2, 9, 0, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    return RulingDriver(personas, time_machine).file()


def test_a_case_accepted_today_shows_provisional_deadlines(page: Any, live_server: Any,
                                                           filed: Any, personas: Any) -> None:
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{filed.pk}/")
    p = personas
    run_action(page, "accept", {
        "officer_in_charge": str(p.officer.pk),
        "panel": [str(p.officer.pk), str(p.officer2.pk), str(p.officer3.pk)],
        **{f"check_{k}": True for k in ("requester_qualified", "respondent_named",
                                        "claims_clear", "within_jurisdiction",
                                        "no_court_suit", "prima_facie_evidence")},
    })
    approve_in_queue(page, live_server, filed, then="officer")
    assert state_of(page) == "已立案"
    limit = page.locator("li.deadline", has_text="2027-03-02")
    assert limit.locator(".provisional-mark").inner_text() == "暂定"
    assert page.locator("li.deadline", has_text="2026-12-09").locator(
        ".provisional-mark").count() == 0  # 5 working days: still in 2026
    page.goto(f"{live_server.url}/")
    row = page.locator("tr", has_text=filed.number)
    assert row.locator(".provisional-mark").is_visible()
    assert page.locator("#calendar-gap").count() == 0  # the warning is for administrators
    assert errors == []
