"""Issue 11 through the pages alone, with the demo data's accounts: ``nn_officer`` hands a
ruling case over to mediation and assigns ``nn_mediator``; the mediator records two
sessions, an agreement with two payment terms and the parties' signatures, generates and
issues the 调解协议书, records a payment, files for judicial confirmation and records the
court's confirmation. The timelines show every step with its actor."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone

from cases.models import Case
from mediation.models import AgreementTerm, Court, MediationSession
from tests.browser.conftest import log_in_demo
from tests.browser.test_ruling_flow import run_action, state_of

pytestmark = pytest.mark.browser

_TRAVELLER: list[Any] = []


def _travel(day: int, hour: int = 12) -> None:
    _TRAVELLER[0].move_to(datetime(2026, 3, day, hour, 0,
                                   tzinfo=timezone.get_current_timezone()), tick=True)


@pytest.fixture
def world(demo_data: dict[str, Any], time_machine: Any) -> Any:
    """The demo, loaded on 2 March 2026; the ruling case nn_officer has under
    investigation is the one the parties ask to mediate, a week later."""
    _TRAVELLER[:] = [time_machine]
    officer = demo_data["nn_officer"]
    ruling = Case.objects.get(workflow="ruling", office=officer.office,
                              officer_in_charge=officer, ruling__state="investigation")
    _travel(9, 9)
    return demo_data, ruling


def _timeline(page: Any) -> str:
    return str(page.locator(".timeline").inner_text())


def test_a_ruling_case_mediated_settled_and_confirmed_through_the_pages(
        page: Any, live_server: Any, world: Any) -> None:
    users, ruling = world
    officer, mediator = users["nn_officer"], users["nn_mediator"]
    # The officer hands the case over to mediation and names the mediator.
    log_in_demo(page, live_server, "nn_officer")
    page.goto(f"{live_server.url}/cases/{ruling.pk}/")
    run_action(page, "start_mediation", {"reason": "双方当事人请求就赔偿数额进行调解。"})
    mediation = Case.objects.get(origin=ruling, workflow="mediation")
    page.goto(f"{live_server.url}/cases/{mediation.pk}/")
    # The one assignment page: the officer in charge names the mediator, with a reason.
    page.click("#assign-mediator")
    page.select_option("#assignment-form [name=mediator]", str(mediator.pk))
    page.fill("#assignment-form [name=reason]", "调解员熟悉专利赔偿纠纷。")
    with page.expect_navigation():
        page.click("#assignment-form button[type=submit]")
    page.locator(".alert-success").wait_for()

    # The mediator serves the request, the respondent agrees, a session is fixed.
    log_in_demo(page, live_server, "nn_mediator")
    # The newly assigned case waits in 我的待办.
    page.locator("a", has_text=mediation.number).first.click()
    run_action(page, "serve_request", {"served_on": "2026-03-09", "service_method": "direct"})
    run_action(page, "accept_mediation", {"on": "2026-03-09"})
    run_action(page, "schedule_session", {"scheduled_at": "2026-03-10T09:30",
                                          "place": "第一调解室"})
    assert state_of(page) == "调解中"

    # Two sessions, each recorded after it took place.
    for n, (day, minutes) in enumerate(((10, "双方陈述意见，分歧在赔偿数额。"),
                                        (12, "双方同意分两期赔偿六万元。")), start=1):
        _travel(day)
        log_in_demo(page, live_server, "nn_mediator")
        page.goto(f"{live_server.url}/cases/{mediation.pk}/")
        session = MediationSession.objects.get(mediation_id=mediation.pk, n=n)
        run_action(page, "record_session", {
            "session": str(session.pk), "held_at": f"2026-03-{day:02d}T09:30",
            "attendees": "陈静（调解员）\n张三（请求人委托代理人）\n李四（被请求人法定代表人）",
            "minutes": minutes, "requester_position": "要求赔偿十万元。",
            "respondent_position": "同意赔偿六万元。", "confirmed_by_parties": True})
        if n == 1:
            run_action(page, "schedule_session", {"scheduled_at": "2026-03-12T09:30",
                                                  "place": "第一调解室"})

    # The agreement: facts and issues, two payment terms, the signatures.
    respondent = mediation.case_parties.get(role="respondent").party
    requester = mediation.case_parties.get(role="requester").party
    run_action(page, "draft_agreement", {"facts": "被请求人销售了落入涉案专利保护范围的控制器。",
                                         "issues": "赔偿数额及支付方式。"})
    for n, due in ((1, "2026-04-10"), (2, "2026-05-11")):
        run_action(page, "add_term", {
            "kind": "payment", "obligor": str(respondent.pk), "amount": "30000.00",
            "description": f"被请求人向请求人支付第{n}期赔偿金。", "due_on": due})
    for party, who in ((requester, "张三"), (respondent, "李四")):
        run_action(page, "record_signature", {"party": str(party.pk), "signatory": who,
                                              "signed_on": "2026-03-12"})
    run_action(page, "sign_agreement", {"signed_on": "2026-03-12"})
    run_action(page, "agree", {"on": "2026-03-12"})
    assert state_of(page) == "达成协议"
    ruling.refresh_from_db()
    assert ruling.state == "closed"  # settled: the ruling case closes with the result
    mediation.refresh_from_db()
    number = mediation.mediation.agreement.number
    assert number

    # The 调解协议书, generated in the documents panel and issued with the agreement's number.
    page.select_option("#doc-kind", "mediation_agreement")
    page.click("[data-doc-action=generate]")
    row = page.locator("#documents-panel tr[data-document=mediation_agreement]")
    row.locator(".dl-docx").wait_for()
    page.once("dialog", lambda dialog: dialog.accept())
    row.locator("[data-doc-action=issue]").click()
    page.locator("#documents-panel tr[data-document=mediation_agreement][data-state=issued]"
                 ).wait_for()
    assert number in page.locator("#documents-panel").inner_text()
    page.reload()

    # Performance: the first payment.
    run_action(page, "begin_performance", {})
    first = AgreementTerm.objects.get(agreement__mediation_id=mediation.pk, n=1)
    run_action(page, "record_performance", {
        "term": str(first.pk), "paid_on": "2026-03-12", "amount_paid": "30000.00",
        "term_done": True, "evidence": "银行转账回单 No. 20260312001"})
    assert state_of(page) == "协议履行中"

    # Judicial confirmation: the joint application, filed, accepted and confirmed.
    court = Court.objects.get(name="南宁知识产权法庭")
    page.select_option("select[name=court]", str(court.pk))
    with page.expect_navigation():
        page.click("button:has-text('准备司法确认申请')")
    confirmation = Case.objects.get(origin=mediation, workflow="confirmation")
    page.goto(f"{live_server.url}/cases/{confirmation.pk}/")
    run_action(page, "check_materials", {
        f"material_{code}": True for code in
        ("application", "agreement", "identity", "mediation_proof", "contact")})
    run_action(page, "file_application", {"filed_on": "2026-03-12", "court": str(court.pk)})
    run_action(page, "record_acceptance", {"on": "2026-03-12",
                                           "court_case_number": "（2026）桂01民特12号"})
    run_action(page, "record_confirmation", {"on": "2026-03-12"})
    assert state_of(page) == "裁定协议有效"
    timeline = _timeline(page)
    for label in ("记录法院裁定协议有效", "记录法院受理", "记录共同申请司法确认"):
        assert label in timeline
    assert timeline.count(mediator.display_name) >= 4

    # The mediation's timeline: each step with its actor.
    page.goto(f"{live_server.url}/cases/{mediation.pk}/")
    timeline = _timeline(page)
    items = page.locator(".timeline-item").all_inner_texts()
    by_actor = {text.splitlines()[0].split(" · ")[-1] for text in items}
    assert {officer.display_name, mediator.display_name} <= by_actor
    assert sum(mediator.display_name in text for text in items) >= 15
    assert f"调解员：无 → {mediator.display_name}" in timeline
    for step in ("调解员熟悉专利赔偿纠纷。", "向被请求人送达调解请求书",
                 "记录调解（调解笔录）", "达成调解协议", "记录履行情况"):
        assert step in timeline
    # The ruling case it came from records the hand-over and the settlement.
    page.goto(f"{live_server.url}/cases/{ruling.pk}/")
    assert "转入调解" in _timeline(page)
