"""Issue 15 items 4 and 5 (B): approvals are real steps and legal review sees what it
reviews. The officer submits the acceptance, the head approves it in the approvals
queue; the officer writes the draft ruling on its own page; legal staff review it with
the draft, the answer, the hearing record and the evidence in front of them; the officer
submits the decision and the head approves it. No page answers with a server error."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from cases.models import ApprovalRequest, CaseEvent
from tests.browser.conftest import log_in
from tests.browser.test_ruling_flow import approve_in_queue, run_action, state_of, write_draft
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.browser


@pytest.fixture
def setup(transactional_db: None, personas: Any, calendar_2026: Any, deadline_rules: Any,
          time_machine: Any, settings: Any, tmp_path: Path, offices: Any) -> Any:
    from cases.models import DocumentNumberPrefix
    from documents.services import seed_default_templates

    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path
    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    seed_default_templates()
    for kind, prefix in (("ruling", "南知裁字"), ("answer_notice", "南知答字")):
        DocumentNumberPrefix.objects.create(office=offices.nanning, kind=kind, prefix=prefix)
    driver = RulingDriver(personas, time_machine)
    return driver, driver.file()


def test_submit_approve_draft_review_and_decide(page: Any, live_server: Any,
                                                setup: Any) -> None:
    driver, case = setup
    p = driver.p
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)

    # The officer submits the acceptance: nothing changes until the head approves.
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    run_action(page, "accept", {
        "officer_in_charge": str(p.officer.pk),
        "panel": [str(p.officer.pk), str(p.officer2.pk), str(p.officer3.pk)],
        **{f"check_{k}": True for k in ("requester_qualified", "respondent_named",
                                        "claims_clear", "within_jurisdiction",
                                        "no_court_suit", "prima_facie_evidence")},
    })
    assert state_of(page) == "已收件"
    assert page.locator("#case-approvals .approval-item", has_text="待审批").count() == 1
    assert page.locator("#case-actions [data-action=accept]").count() == 0

    # The head sees it on the workbench and in the queue, and approves it there.
    log_in(page, live_server, "head")
    assert page.locator("#workbench-approvals .approval-item",
                        has_text=case.number).count() == 1
    approve_in_queue(page, live_server, case, then="officer")
    assert state_of(page) == "已立案"
    accept = CaseEvent.objects.get(case=case, name="accept")
    assert accept.actor == p.head
    assert "黄强" in page.locator(".timeline").inner_text()

    # Served, answered, heard (the driver moves the clock as the law requires).
    for step in ("serve_respondent", "record_answer", "schedule_hearing", "hold_hearing"):
        case = driver.act(case, step)
    driver.advance_to(timezone.now() + timedelta(minutes=5))

    # The officer writes the draft on its own page: saved first, then submitted.
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    write_draft(page, {"draft_outcome": "infringement_found",
                       "findings": "被控产品具备权利要求1的全部技术特征。"}, submit=False)
    assert page.locator("#id_findings").input_value() == "被控产品具备权利要求1的全部技术特征。"
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    write_draft(page, {"draft_order_text": "被请求人立即停止制造、销售侵权产品。",
                       "reasoning": "根据全面覆盖原则，被控产品落入保护范围。"}, submit=True)
    assert state_of(page) == "待审批"

    # Legal staff review with the draft, the answer, the hearing record and the evidence.
    log_in(page, live_server, "legal")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#review-link")
    page.locator("#review-draft").wait_for()
    draft = page.locator("#review-draft").inner_text()
    assert "被控产品具备权利要求1的全部技术特征。" in draft
    assert "根据全面覆盖原则" in draft and "立即停止制造、销售侵权产品" in draft
    assert "被控产品未落入保护范围。" in page.locator("#review-answer").inner_text()
    assert "技术特征比对" in page.locator("#review-hearing").inner_text()
    page.locator("#review-evidence").wait_for()
    page.click("[data-action=record_legal_review]")
    form = page.locator("#action-form")
    form.locator("[name=passed]").select_option("yes")
    form.locator("[name=opinion]").fill("事实清楚，适用法律正确。")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    page.locator(".alert-success").wait_for()

    # The officer submits the decision; the head issues the ruling and approves it.
    log_in(page, live_server, "officer")
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    run_action(page, "decide", {})  # decided on the day the head approves
    assert state_of(page) == "待审批"
    driver.issue_ruling(case)
    approve_in_queue(page, live_server, case, then="head")
    assert state_of(page) == "已裁决"
    decided = CaseEvent.objects.get(case=case, name="decide")
    assert decided.actor == p.head
    assert decided.payload["approval"]["requested_by"]["id"] == p.officer.pk
    assert not ApprovalRequest.objects.filter(case=case, outcome="pending").exists()
    assert errors == []
