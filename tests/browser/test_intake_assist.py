"""Issue 15 item 10 on Chromium: the region is chosen province → city → county, the cause
of action follows the IP type, a party already registered is used with one click, and a
refused request keeps its evidence file and lists the errors at the top."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Case, Evidence, Party
from tests.browser.conftest import log_in
from tests.browser.test_ruling_flow import PDF, choose
from tests.factories import LegalPersonFactory, PatentFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, personas: Any, calendar_2026: Any, deadline_rules: Any,
          time_machine: Any, settings: Any, tmp_path: Path) -> Any:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    office = personas.officer.office
    requester = LegalPersonFactory(office=office, name="南宁市甲科技有限公司",
                                   region_code="450103")
    LegalPersonFactory(office=office, name="南宁市乙电子有限公司", region_code="450107")
    PatentFactory(office=office, holder=requester, title="一种电动车控制器")
    return personas


def test_intake_assist(page: Any, live_server: Any, world: Any, tmp_path: Path) -> None:
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/new/")

    # The causes of action follow the IP type.
    page.select_option("#id_ip_type", "trademark")
    assert page.locator("#id_title option").all_inner_texts() == ["侵害商标权纠纷"]
    page.select_option("#id_ip_type", "invention_patent")
    assert "侵害发明专利权纠纷" in page.locator("#id_title option").all_inner_texts()
    assert "侵害商标权纠纷" not in page.locator("#id_title option").all_inner_texts()

    # Region: province, then city, then county; the six digits are the county's.
    assert page.locator("#id_infringement_region_code_level1").is_disabled()
    page.select_option("#id_infringement_region_code_level0", label="广西壮族自治区")
    page.select_option("#id_infringement_region_code_level1", label="南宁市")
    page.select_option("#id_infringement_region_code_level2", label="青秀区")
    assert page.input_value("#id_infringement_region_code") == "450103"

    # A party registered already: offered, used with one click.
    choose(page, "requesters", "南宁市甲科技")
    page.click("#new-party-details summary")
    page.fill("#id_np-name", "南宁市乙电子有限公司")
    page.click("#new-party-box button:has-text('添加为被请求人')")
    page.locator("#party-already-registered").wait_for()
    page.click("#party-already-registered button:has-text('作为被请求人')")
    page.locator("#chosen-respondents .chip", has_text="南宁市乙电子有限公司").wait_for()
    assert Party.objects.filter(name="南宁市乙电子有限公司").count() == 1

    # Refused (no patent chosen): errors at the top, the evidence file kept.
    evidence = tmp_path / "专利证书.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("#id_evidence", str(evidence))
    page.fill("#id_requester_claims", "请求责令被请求人停止制造、销售侵权产品。")
    with page.expect_navigation():
        page.click("#intake-submit")
    summary = page.locator("#intake-errors")
    assert summary.is_visible() and "涉案专利" in summary.inner_text()
    assert page.locator("#staged-files", has_text="专利证书.pdf").is_visible()
    # The region and the parties survive the error too.
    assert page.input_value("#id_infringement_region_code") == "450103"
    assert page.input_value("#id_infringement_region_code_level2") == "450103"

    choose(page, "rights", "电动车控制器")
    with page.expect_navigation():
        page.click("#intake-submit")
    case = Case.objects.get()
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert case.ruling.infringement_region_code == "450103"
    assert list(Evidence.objects.filter(case=case).values_list("original_name", flat=True)) \
        == ["专利证书.pdf"]
    assert errors == []
