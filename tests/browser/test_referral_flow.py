"""The demo's own accounts (``manage.py load_demo_data``'s loader, offices and logins as the
README lists them): ``nn_officer`` registers a complaint over a criminal threshold, the
flag shows on the case page, the workbench and the case list, the matter is triaged as a
suspected crime, ``nn_head`` approves the referral, and the police's receipt and filing
decision are recorded; a second complaint is transferred to 柳州 and accepted there by
``lz_officer``."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from cases.models import Case, IPRight, Party, User
from cases.models.parties import PartyKind
from cases.models.rights import RightKind
from tests.browser.conftest import log_in_demo
from tests.browser.test_ruling_flow import run_action, state_of

pytestmark = pytest.mark.browser


def register(page: Any, title: str, turnover: str, received_on: str) -> Case:
    officer = User.objects.get(username="nn_officer")
    accused = Party.objects.filter(office=officer.office, kind=PartyKind.LEGAL).first()
    right = IPRight.objects.filter(office=officer.office, kind=RightKind.TRADEMARK).first()
    assert accused is not None and right is not None
    page.click("nav a[href='/complaints/new/']")
    page.wait_for_url("**/complaints/new/")
    page.select_option("#id_kind", "complaint")
    page.select_option("#id_channel", "12345")
    page.fill("#id_received_on", received_on)
    page.fill("#id_title", title)
    page.select_option("#id_accused_party", str(accused.pk))
    page.select_option("#id_rights", [str(right.pk)])
    page.fill("#id_facts", "门店销售假冒注册商标的商品。")
    page.fill("#id_complainant_name", right.holder.name if right.holder else "权利人")
    page.fill("#id_illegal_turnover", turnover)
    with page.expect_navigation():
        page.click("#complaint-submit")
    return Case.objects.filter(workflow="complaint", title=title).get()


def now() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def timeline(page: Any) -> str:
    return page.locator("section[aria-labelledby=timeline-title]").inner_text()


def test_demo_users_refer_a_suspected_crime_and_transfer_a_complaint_to_liuzhou(
        page: Any, live_server: Any, demo_data: dict[str, Any]) -> None:
    officer, officer2 = demo_data["nn_officer"], demo_data["nn_officer2"]
    head = demo_data["nn_head"]
    lz_officer = demo_data["lz_officer"]
    assert officer.office.name == "南宁市知识产权局"
    assert lz_officer.office.name == "柳州市知识产权局"
    today = timezone.localdate().isoformat()

    log_in_demo(page, live_server, "nn_officer")
    # The demo's thresholds are the seeded ones (in force until 2025-04-25; the 2025
    # figures are entered once verified): a matter received in March 2025 is judged by them.
    complaint = register(page, "销售假冒注册商标白酒（演示账号）", "80000", "2025-03-03")
    assert page.url.endswith(f"/cases/{complaint.pk}/")
    flag = page.locator("section", has_text="涉嫌犯罪，应当移送").first.inner_text()
    assert "¥80,000" in flag and "¥50,000" in flag and "刑法第二百一十三条" in flag
    # The flag is where the officer looks: the workbench and the case list.
    page.goto(f"{live_server.url}/")
    assert "涉嫌犯罪，应当移送" in page.locator("tr", has_text=complaint.number).first.inner_text()
    page.goto(f"{live_server.url}/cases/?q={complaint.number}")
    assert "涉嫌犯罪，应当移送" in page.locator("tr", has_text=complaint.number).first.inner_text()

    page.goto(f"{live_server.url}/cases/{complaint.pk}/")
    run_action(page, "refer_to_police", {
        "on": today, "offence": "213", "suspicion": "非法经营数额八万元，超过追诉标准",
        "task_force": [str(officer.pk), str(officer2.pk)]})
    referral = Case.objects.get(origin=complaint, workflow="referral")
    page.goto(f"{live_server.url}/cases/{referral.pk}/")
    run_action(page, "submit_report", {"report": "当事人涉嫌假冒注册商标罪。", "on": today})
    assert state_of(page) == "待负责人审批"

    log_in_demo(page, live_server, "nn_head")
    page.goto(f"{live_server.url}/cases/{referral.pk}/")
    run_action(page, "approve", {"at": now()})
    assert state_of(page) == "已批准，24小时内移送"

    log_in_demo(page, live_server, "nn_officer")
    page.goto(f"{live_server.url}/cases/{referral.pk}/")
    # Sent with the 涉嫌犯罪案件移送书 issued first: the form shows its number.
    from cases.referral.models import ReferralCase
    from documents.services import generate_document, issue_document

    letter = issue_document(document=generate_document(
        case=referral, kind="referral_letter", actor=officer), actor=officer)
    page.reload()
    run_action(page, "send", {
        "at": now(), "police_bureau": "南宁市公安局", "package_investigation_report": "调查报告",
        "package_seized_items": "涉案物品清单"})
    assert ReferralCase.objects.get(pk=referral.pk).package["transfer_letter"] == letter.number
    run_action(page, "record_receipt", {"at": now(), "signed_by": "韦警官",
                                        "filing_period": "economic"})
    run_action(page, "record_filed", {"on": today, "police_case_number": "南公立字〔2026〕8号"})
    assert state_of(page) == "公安机关已立案"
    # Who did what, by the demo names: the officer wrote and sent, the head approved.
    steps = timeline(page)
    for line in ("报请负责人批准移送", "批准移送", "移送公安机关", "记录：公安机关已立案"):
        assert line in steps, line
    assert officer.display_name in steps and head.display_name in steps
    assert referral.events.get(name="approve").actor == head
    assert referral.events.get(name="send").actor == officer
    # Referred: the complaint no longer carries the flag in the list.
    page.goto(f"{live_server.url}/cases/?q={complaint.number}")
    assert "涉嫌犯罪，应当移送" not in page.locator(
        "tr", has_text=complaint.number).first.inner_text()

    # A second complaint: no jurisdiction here, transferred to 柳州, accepted there.
    page.goto(f"{live_server.url}/")
    other = register(page, "展会销售侵权商品（演示账号）", "1000", today)
    run_action(page, "transfer_matter", {
        "on": today, "target_office": str(lz_officer.office_id),
        "reason": "侵权行为地在柳州市"})
    transfer = Case.objects.get(origin=other, workflow="transfer")
    page.goto(f"{live_server.url}/cases/{transfer.pk}/")
    run_action(page, "send", {"on": today})

    log_in_demo(page, live_server, "lz_officer")
    page.goto(f"{live_server.url}/cases/{transfer.pk}/")
    run_action(page, "accept", {"on": today})
    assert state_of(page) == "接收机关已接收"
    assert transfer.events.get(name="accept").actor == lz_officer
    other.refresh_from_db()
    assert other.office_id == lz_officer.office_id
    page.goto(f"{live_server.url}/cases/{other.pk}/")
    assert "经移交接收本案" in page.content()
    assert lz_officer.display_name in timeline(page)
    # Two-way status: the sending officer is told that 柳州 accepted.
    log_in_demo(page, live_server, "nn_officer")
    notice = page.locator("#notification-list li.notification",
                          has_text=transfer.number).first.inner_text()
    assert "柳州市知识产权局" in notice and "接收移交案件" in notice
