"""An officer registers a tip-off over a criminal threshold, triages it as a suspected
crime and, with the head's approval, refers it to the police through the pages alone; a
second complaint is transferred to 柳州 and accepted there."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Case
from tests.browser.conftest import log_in
from tests.browser.test_ruling_flow import run_action, state_of
from tests.factories import LegalPersonFactory, TrademarkFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, personas: Any, offices: Any, calendar_2026: Any,
          deadline_rules: Any, thresholds: Any, time_machine: Any, settings: Any) -> Any:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    office = personas.officer.office
    LegalPersonFactory(office=office, name="南宁市假冒商贸有限公司")
    TrademarkFactory(office=office, title="壮乡")
    return personas


def register(page: Any, live_server: Any, title: str, turnover: str) -> Case:
    page.click("nav a[href='/complaints/new/']")
    page.wait_for_url("**/complaints/new/")
    page.select_option("#id_kind", "complaint")
    page.select_option("#id_channel", "12345")
    page.fill("#id_received_on", timezone.localdate().isoformat())
    page.fill("#id_title", title)
    page.select_option("#id_accused_party", label="南宁市假冒商贸有限公司")
    page.locator("#id_rights option").first.evaluate("o => o.selected = true")
    page.fill("#id_facts", "门店销售假冒“壮乡”注册商标的白酒。")
    page.fill("#id_complainant_name", "广西壮乡酒业有限公司")
    page.fill("#id_illegal_turnover", turnover)
    with page.expect_navigation():
        page.click("#complaint-submit")
    return Case.objects.filter(workflow="complaint").latest("pk")


def now() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def test_a_suspected_crime_referred_and_a_transfer_accepted(page: Any, live_server: Any,
                                                            world: Any) -> None:
    p = world
    today = timezone.localdate().isoformat()
    log_in(page, live_server, "officer")
    complaint = register(page, live_server, "销售假冒注册商标白酒", "80000")
    assert page.url.endswith(f"/cases/{complaint.pk}/")
    flag = page.locator("section", has_text="涉嫌犯罪，应当移送").first.inner_text()
    assert "¥80,000" in flag and "¥50,000" in flag
    # The flag shows in the case list too, until the matter is referred.
    page.goto(f"{live_server.url}/cases/")
    row = page.locator("tr", has_text=complaint.number).first.inner_text()
    assert "涉嫌犯罪，应当移送" in row
    page.goto(f"{live_server.url}/cases/{complaint.pk}/")
    run_action(page, "refer_to_police", {
        "on": today, "offence": "213", "suspicion": "非法经营数额八万元，超过追诉标准",
        "task_force": [str(p.officer.pk), str(p.officer2.pk)]})
    referral = Case.objects.get(origin=complaint, workflow="referral")
    page.goto(f"{live_server.url}/cases/{referral.pk}/")
    run_action(page, "submit_report", {"report": "当事人涉嫌假冒注册商标罪。", "on": today})
    assert state_of(page) == "待负责人审批"

    log_in(page, live_server, "head")
    page.goto(f"{live_server.url}/cases/{referral.pk}/")
    run_action(page, "approve", {"at": now()})
    assert state_of(page) == "已批准，24小时内移送"

    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{referral.pk}/")
    run_action(page, "send", {
        "at": now(), "police_bureau": "南宁市公安局",
        "package_transfer_letter": "涉嫌犯罪案件移送书", "package_investigation_report": "调查报告",
        "package_seized_items": "涉案物品清单"})
    run_action(page, "record_receipt", {"at": now(), "signed_by": "韦警官",
                                        "filing_period": "economic"})
    run_action(page, "record_filed", {"on": today, "police_case_number": "南公立字〔2026〕8号"})
    assert state_of(page) == "公安机关已立案"
    assert "南公立字〔2026〕8号" in page.content()
    # The other member of the task force hears of each step of the police.
    log_in(page, live_server, "officer2")
    notices = page.locator("#notification-list").inner_text()
    assert "南宁市公安局" in notices and referral.number in notices
    log_in(page, live_server, "officer")

    # A second complaint: no jurisdiction here, transferred to 柳州, accepted there.
    page.goto(f"{live_server.url}/")
    other = register(page, live_server, "展会销售侵权商品", "1000")
    run_action(page, "transfer_matter", {
        "on": today, "target_office": str(p.outsider.office_id),
        "reason": "侵权行为地在柳州市"})
    transfer = Case.objects.get(origin=other, workflow="transfer")
    page.goto(f"{live_server.url}/cases/{transfer.pk}/")
    run_action(page, "send", {"on": today})

    log_in(page, live_server, "outsider")
    page.locator("a", has_text=transfer.number).first.click()
    run_action(page, "accept", {"on": today})
    assert state_of(page) == "接收机关已接收"
    other.refresh_from_db()
    assert other.office_id == p.outsider.office_id
    page.goto(f"{live_server.url}/cases/{other.pk}/")
    assert "经移交接收本案" in page.content()
    # Two-way status: the sending officer is told that 柳州 accepted.
    log_in(page, live_server, "officer")
    notice = page.locator("#notification-list li.notification",
                          has_text=transfer.number).first.inner_text()
    assert "柳州市知识产权局" in notice and "接收移交案件" in notice
