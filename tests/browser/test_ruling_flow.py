"""Officers, legal staff and the head take a request from intake to a served ruling
through the pages alone; an outsider cannot reach the case by URL.

The clock is frozen-then-ticking with time-machine, which patches time process-wide, so
the live server's thread sees the same day as the test (the hearing must be announced
three working days ahead and recorded after it took place). Session cookies end with the
browser session because Chromium keeps its own, real clock.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from cases import workdays
from cases.models import Case
from tests.browser.conftest import log_in
from tests.factories import LegalPersonFactory, PatentFactory

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def world(transactional_db: None, personas: Any, calendar_2026: Any, deadline_rules: Any,
          time_machine: Any, settings: Any, tmp_path: Path) -> Any:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path
    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    office = personas.officer.office
    # What an administrator sets up once: the document templates and the ruling's 文号 code.
    from cases.models import DocumentNumberPrefix
    from documents.services import seed_default_templates

    seed_default_templates()
    DocumentNumberPrefix.objects.create(office=office, kind="ruling", prefix="南知裁字")
    DocumentNumberPrefix.objects.create(office=office, kind="answer_notice", prefix="南知答字")
    requester = LegalPersonFactory(office=office, name="南宁市甲科技有限公司",
                                   region_code="450103")
    LegalPersonFactory(office=office, name="南宁市乙电子有限公司",
                                    region_code="450107")
    PatentFactory(office=office, holder=requester, title="一种电动车控制器")
    return personas


def run_action(page: Any, name: str, fields: dict[str, Any]) -> None:
    """Open the action's form in the modal, fill it, confirm, and wait for the reload."""
    button = page.locator(f"#case-actions [data-action={name}]")
    if not button.is_visible():
        page.click("#case-actions .dropdown-toggle")
    button.click()
    form = page.locator(f"#action-form[data-action={name}]")
    form.wait_for()
    for field, value in fields.items():
        target = form.locator(f"[name={field}]")
        tag = target.first.evaluate("e => e.tagName + ':' + (e.type || '')")
        if tag.startswith("SELECT"):
            target.select_option(value)
        elif tag.endswith(":checkbox"):
            for box in target.all():
                box.check()
        else:
            target.fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.locator(".alert-success").wait_for()


def approve_in_queue(page: Any, live_server: Any, case: Any, then: str) -> None:
    """The head approves the case's pending request in the approvals queue, then ``then``
    logs in again and opens the case."""
    log_in(page, live_server, "head")
    page.goto(f"{live_server.url}/approvals/")
    card = page.locator("#approval-queue .approval-item", has_text=case.number)
    with page.expect_navigation():
        card.locator("[data-approve]").click()
    page.locator(".alert-success").wait_for()
    log_in(page, live_server, then)
    page.goto(f"{live_server.url}/cases/{case.pk}/")


def write_draft(page: Any, fields: dict[str, str], *, submit: bool) -> None:
    """On the draft ruling's own page: fill the parts, save or submit."""
    page.locator("#case-actions [data-action=submit_for_approval]").click()
    page.locator("#draft-form").wait_for()
    for field, value in fields.items():
        target = page.locator(f"#draft-form [name={field}]")
        if field == "draft_outcome":
            target.select_option(value)
        else:
            target.fill(value)
    with page.expect_navigation():
        page.click("#submit-draft" if submit else "#save-draft")
    page.locator(".alert-success").wait_for()


def state_of(page: Any) -> str:
    return page.locator("#case-title .state-badge").inner_text()


def choose(page: Any, box: str, text: str) -> None:
    page.fill(f"#search-{box}", text)
    page.locator(f"#results-{box} button", has_text=text).first.click()
    page.locator(f"#chosen-{box} .chip", has_text=text).wait_for()


def test_request_to_served_ruling_through_the_pages(page: Any, live_server: Any,
                                                     world: Any, tmp_path: Path) -> None:
    p = world
    today = timezone.localdate().isoformat()

    # Intake: the officer registers the request with its evidence.
    log_in(page, live_server, "officer")
    page.click("nav a[href='/cases/new/']")
    page.wait_for_url("**/cases/new/")
    choose(page, "requesters", "南宁市甲科技")
    choose(page, "respondents", "南宁市乙电子")
    choose(page, "rights", "电动车控制器")
    page.fill("#id_accused_products", "XK-200型电动车控制器")
    page.check("input[name=infringing_acts][value=make]")
    page.check("input[name=infringing_acts][value=sell]")
    page.fill("#id_infringement_place", "南宁市青秀区")
    page.select_option("#id_infringement_region_code_level0", "450000")
    page.select_option("#id_infringement_region_code_level1", "450100")
    page.select_option("#id_infringement_region_code_level2", "450103")
    page.fill("#id_requester_claims", "请求责令被请求人停止制造、销售侵权产品。")
    page.fill("#id_facts", "被请求人未经许可制造、销售落入专利保护范围的产品。")
    page.locator("#intake-checks [data-check=duplicate].check-ok").wait_for()
    page.locator("#intake-checks [data-check=jurisdiction].check-ok").wait_for()
    evidence = tmp_path / "请求书.pdf"
    evidence.write_bytes(PDF)
    page.set_input_files("#id_evidence", str(evidence))
    with page.expect_navigation():
        page.click("#intake-submit")
    case = Case.objects.get()
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert case.number in page.locator("#case-title").inner_text()
    assert page.locator("a", has_text="请求书.pdf").count() == 1

    # Acceptance with a panel of three, submitted to and approved by the head.
    # The day of acceptance is the day the head approves: shown, not asked (decision 124).
    page.locator("#case-actions [data-action=accept]").click()
    date_input = page.locator("#action-form[data-action=accept] [name=accepted_on]")
    assert date_input.is_disabled() and date_input.input_value() == today
    page.reload()
    run_action(page, "accept", {
        "officer_in_charge": str(p.officer.pk),
        "panel": [str(p.officer.pk), str(p.officer2.pk), str(p.officer3.pk)],
        **{f"check_{k}": True for k in ("requester_qualified", "respondent_named",
                                        "claims_clear", "within_jurisdiction",
                                        "no_court_suit", "prima_facie_evidence")},
    })
    assert state_of(page) == "已收件"
    approve_in_queue(page, live_server, case, then="officer")
    assert state_of(page) == "已立案"
    # The notice to answer is issued before the respondent can be served with it: the step
    # is shown disabled with what it waits for (decision 128).
    waiting = page.locator("#case-actions [data-action=serve_respondent]")
    assert waiting.get_attribute("data-blocked") == "true"
    assert "答辩通知书" in page.locator("#blocked-serve_respondent").inner_text()
    page.select_option("#doc-kind", "answer_notice")
    page.click("[data-doc-action=generate]")
    notice_row = page.locator("#documents-panel tr[data-document=answer_notice]")
    notice_row.locator(".dl-docx").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    notice_row.locator("[data-doc-action=issue]").click()
    page.locator("#documents-panel tr[data-document=answer_notice][data-state=issued]"
                 ).wait_for()
    page.reload()
    run_action(page, "serve_respondent", {"served_on": today, "method": "direct"})
    run_action(page, "record_answer", {"received_on": today, "defence": "被控产品未落入保护范围。"})
    hearing = datetime.combine(workdays.add_working_days(timezone.localdate(), 5), time(9, 30))
    run_action(page, "schedule_hearing", {"hearing_at": hearing.strftime("%Y-%m-%dT%H:%M"),
                                          "place": "第一审理庭"})
    assert state_of(page) == "待口审"

    # The hearing takes place; the record is made afterwards.
    # A working week later (sessions last eight hours, so the officer logs in again).
    _travel(hearing + timedelta(hours=3))
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    run_action(page, "hold_hearing", {"held_at": hearing.strftime("%Y-%m-%dT%H:%M"),
                                      "minutes": "双方到庭，进行了技术特征比对。"})
    write_draft(page, {
        "draft_outcome": "infringement_found", "draft_order_text": "被请求人立即停止侵权。",
        "findings": "被控产品具备权利要求1的全部技术特征。", "reasoning": "落入保护范围。"},
        submit=True)
    assert state_of(page) == "待审批"

    # Legal review, then the head's approval, each logged in as themselves.
    log_in(page, live_server, "legal")
    page.click(f"text={case.number}")
    run_action(page, "record_legal_review",
               {"passed": "yes", "opinion": "事实清楚，适用法律正确。"})
    log_in(page, live_server, "head")
    page.goto(f"{live_server.url}/?state=pending_approval")
    page.click(f"text={case.number}")
    # The head drafts and issues the ruling in the documents panel, then decides.
    page.select_option("#doc-kind", "ruling")
    page.click("[data-doc-action=generate]")
    ruling_row = page.locator("#documents-panel tr[data-document=ruling]")
    ruling_row.locator(".dl-docx").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    ruling_row.locator("[data-doc-action=issue]").click()
    page.locator("#documents-panel tr[data-document=ruling][data-state=issued]").wait_for()
    assert "南知裁字〔2026〕1号" in page.locator("#documents-panel").inner_text()
    with page.expect_download() as download:
        ruling_row.locator(".dl-docx").click()
    assert download.value.suggested_filename.endswith(".docx")
    page.reload()
    day = timezone.localdate().isoformat()
    run_action(page, "decide", {"decided_on": day})
    assert state_of(page) == "已裁决"

    # The officer serves the ruling.
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    run_action(page, "serve_ruling", {"served_on": day, "method": "direct"})
    assert state_of(page) == "已送达"
    case.refresh_from_db()
    assert case.state == "served"
    timeline = page.locator(".timeline").inner_text()
    assert "审批" in timeline or "裁决" in timeline


_TRAVELLER: list[Any] = []


@pytest.fixture(autouse=True)
def _keep_traveller(time_machine: Any) -> None:
    _TRAVELLER[:] = [time_machine]


def _travel(moment: datetime) -> None:
    _TRAVELLER[0].move_to(timezone.make_aware(moment), tick=True)


def test_an_outsider_cannot_open_another_offices_case(page: Any, live_server: Any,
                                                       world: Any) -> None:
    from tests.ruling_driver import RulingDriver

    case = RulingDriver(world).file()
    log_in(page, live_server, "outsider")
    response = page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert response is not None and response.status == 404
    assert case.number not in page.content()
    page.goto(f"{live_server.url}/cases/")
    assert case.number not in page.content()
