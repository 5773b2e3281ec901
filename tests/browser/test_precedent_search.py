"""Legal staff search precedents and open one, through the pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def precedents(transactional_db: None, personas: Any, offices: Any, settings: Any,
               tmp_path: Path) -> Any:
    from search.services import drain_outbox, save_decision

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    guiding = save_decision(
        source="office", external_id="p-1", title="南宁某灯饰公司与某网店侵害外观设计专利权纠纷案",
        office=offices.nanning, decided_on=date(2024, 5, 20), ip_type="design_patent",
        infringing_acts=["sell", "offer"], platform="拼多多", outcome="infringement_found",
        full_text="被请求人在拼多多平台许诺销售、销售的吊灯与涉案外观设计构成近似。",
        holding="网店许诺销售近似产品的，构成侵权。", is_guiding_case=True, is_public=True)
    save_decision(
        source="office", external_id="p-2", title="某机械公司侵害实用新型专利权纠纷案",
        office=offices.nanning, decided_on=date(2023, 9, 1), ip_type="utility_model",
        infringing_acts=["make"], platform="", outcome="dismissed",
        full_text="被控产品未落入实用新型专利权的保护范围。", is_public=True)
    drain_outbox()
    return guiding


def test_legal_staff_search_precedents_and_open_one(page: Any, live_server: Any,
                                                    precedents: Any) -> None:
    log_in(page, live_server, "legal")
    page.click("nav a[href='/precedents/']")
    page.fill("#id_q", "外观设计 拼多多 销售")
    with page.expect_navigation():
        page.press("#id_q", "Enter")
    hit = page.locator(".precedent-hit", has_text=precedents.title)
    assert hit.locator(".guiding-badge").count() == 1
    assert hit.locator("mark").count() >= 1
    assert page.locator(".precedent-hit", has_text="实用新型").count() == 0
    with page.expect_navigation():
        hit.locator("h2 a").click()
    assert precedents.title in page.locator("h1").inner_text()
    assert "网店许诺销售近似产品的，构成侵权。" in page.locator(".holding").inner_text()
