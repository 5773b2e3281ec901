"""Demo mediation and judicial-confirmation cases: one in each stage, per demo office,
created through the intake services and the transition runner (timelines and clocks
included), with dates counted back from today so every step is valid today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases import workflows
from cases.demo.parties import OfficeDirectory
from cases.demo.people import OfficeStaff
from cases.models import Case
from cases.services.assignments import change_assignment
from cases.services.runner import perform_transition
from mediation.jurisdiction import competent_courts, right_kinds
from mediation.models import Court, DisputeType
from mediation.models.confirmation import MATERIAL_CODES
from mediation.services.intake import MediationRequest, file_mediation_request, start_confirmation

# The stages shown, in the order the steps are taken (a case stops at its stage).
STAGES = ("requested", "awaiting_response", "declined", "agreed_to_mediate", "in_session",
          "unsuccessful", "request_withdrawn", "agreed", "performing", "performed",
          "confirmation_filed", "agreement_confirmed", "breached", "confirmation_preparing",
          "confirmation_court_accepted", "confirmation_not_accepted", "confirmation_refused",
          "enforcement_applied")
# The confirmation stages: the state the judicial confirmation of the agreement reaches.
CONFIRMATION_STAGES = {
    "confirmation_preparing": "preparing", "confirmation_filed": "filed",
    "confirmation_court_accepted": "court_accepted",
    "confirmation_not_accepted": "not_accepted", "agreement_confirmed": "agreement_confirmed",
    "confirmation_refused": "confirmation_refused", "enforcement_applied": "enforcement_applied",
}
COURTS = {"450100": ("南宁知识产权法庭", "桂01"), "450200": ("柳州市中级人民法院", "桂02")}
COURT_CODES = {"450100": "桂01", "450200": "桂02", "450300": "桂03"}


def _attendee(party: Any, role: str) -> str:
    """Who attends for a party, by name and capacity: its legal representative, or the
    person himself."""
    if party.legal_representative:
        return f"{party.legal_representative}（{role}{party.name}的法定代表人）"
    return f"{party.name}（{role}）"


def _steps(stage: str, today: date, staff: OfficeStaff, parties: tuple[Any, Any],
           ) -> list[tuple[str, Any, dict[str, Any]]]:
    requester, respondent = parties
    d = lambda n: (today - timedelta(days=n)).isoformat()  # noqa: E731 - n days ago
    held = timezone.make_aware(datetime.combine(today - timedelta(days=21), time(9, 30)))
    m = staff.mediator
    steps: list[tuple[str, Any, dict[str, Any]]] = []
    order = ["serve_request", "accept_mediation", "schedule_session", "record_session",
             "agreement", "agree", "begin_performance", "performance"]
    plan = {"requested": 0, "awaiting_response": 1, "declined": 1, "agreed_to_mediate": 2,
            "in_session": 3, "unsuccessful": 4, "request_withdrawn": 3, "agreed": 6,
            "breached": 7}
    upto = plan.get(stage, 8)
    data: dict[str, list[tuple[str, dict[str, Any]]]] = {
        "serve_request": [("serve_request", {"served_on": d(33), "service_method": "mail"})],
        "accept_mediation": [("accept_mediation", {"on": d(28)})],
        "schedule_session": [("schedule_session", {
            "scheduled_at": held.isoformat(), "place": f"{staff.office.short_name}调解室"})],
        "record_session": [("record_session", {
            "session": "first", "held_at": held.isoformat(),
            # Each by name and capacity, as the record prints them.
            "attendees": f"{m.display_name}（调解员）\n{_attendee(requester, '请求人')}\n"
                         f"{_attendee(respondent, '被请求人')}",
            "minutes": "调解员告知当事人权利义务，双方陈述意见，就赔偿数额进行协商。",
            "requester_position": "请求赔偿经济损失及合理开支共计人民币10万元。",
            "respondent_position": "承认销售被诉产品，同意分期赔偿人民币6万元。",
            "confirmed_by_parties": "on"})],
        "agreement": [
            ("draft_agreement", {"facts": "被请求人销售了落入涉案专利保护范围的产品，"
                                          "双方就赔偿数额发生争议。",
                                 "issues": "被请求人应否赔偿以及赔偿数额。", "other_terms": ""}),
            ("add_term", {"kind": "payment", "obligor": respondent.pk,
                          "description": "被请求人向请求人支付第一期赔偿金。",
                          "amount": "30000.00", "due_on": (today + timedelta(days=3)).isoformat()}),
            ("add_term", {"kind": "payment", "obligor": respondent.pk,
                          "description": "被请求人向请求人支付第二期赔偿金。",
                          "amount": "30000.00",
                          "due_on": (today + timedelta(days=40)).isoformat()}),
            ("record_signature", {"party": requester.pk, "signatory": requester.name,
                                  "signed_on": d(14)}),
            ("record_signature", {"party": respondent.pk, "signatory": respondent.name,
                                  "signed_on": d(14)}),
            ("sign_agreement", {"signed_on": d(14)})],
        "agree": [("agree", {"on": d(14)})],
        "begin_performance": [("begin_performance", {})],
        "performance": [("record_performance", {
            "term": "first", "paid_on": d(2), "amount_paid": "30000.00",
            "evidence": "银行转账回单"})],
    }
    for key in order[:upto]:
        steps += [(name, m, values) for name, values in data[key]]
    if stage == "declined":
        steps.append(("decline", m, {"decline_reason": "refused", "on": d(25)}))
    elif stage == "unsuccessful":
        steps.append(("fail", m, {"reason": "双方对赔偿数额分歧较大，调解不成。", "on": d(7)}))
    elif stage == "request_withdrawn":
        steps.append(("withdraw_request", m, {"reason": "双方已自行和解。",
                                              "on": d(10)}))
    elif stage == "performed":
        steps.append(("record_performance", m, {"term": "open", "paid_on": d(1),
                                                "amount_paid": "30000.00",
                                                "evidence": "银行转账回单"}))
        steps.append(("record_performed", m, {"on": d(1)}))
    return steps


def _resolve(case: Case, values: dict[str, Any]) -> dict[str, Any]:
    """Sessions and terms are named by the step that made them."""
    flow = workflows.flow_of(case)
    if values.get("session") == "first":
        values = {**values, "session": flow.sessions.get(n=1).pk}
    if values.get("term") == "first":
        values = {**values, "term": flow.agreement.terms.get(n=1).pk}
    elif values.get("term") == "open":
        values = {**values, "term": flow.agreement.terms.filter(done_on__isnull=True)
                  .order_by("n").first().pk}
    return values


def _confirm(case: Case, stage: str, staff: OfficeStaff, today: date, n: int) -> None:
    name, code = COURTS.get(staff.office.region_code, COURTS["450100"])
    court = Court.objects.get(name=name)
    competent = list(competent_courts(right_kinds(case)))
    if court not in competent and competent:
        # An invention patent's agreement goes to the designated tribunal (decision 79).
        court = competent[0]
        code = COURT_CODES.get(court.region_code[:4] + "00", code)
    confirmation = start_confirmation(mediation_case_id=case.pk, actor=staff.mediator,
                                      court=court)

    def run(step: str, **data: Any) -> None:
        perform_transition(case_id=confirmation.pk, actor=staff.mediator, name=step, data=data)

    target = CONFIRMATION_STAGES[stage]
    if target == "preparing":
        # The mediator is still collecting the parties' papers.
        run("check_materials", material_application="on", material_agreement="on")
        return
    run("check_materials", **{f"material_{c}": "on" for c in MATERIAL_CODES})
    run("file_application", filed_on=(today - timedelta(days=10)).isoformat(), court=court.pk)
    if target == "filed":
        return
    if target == "not_accepted":
        run("record_not_accepted", on=(today - timedelta(days=8)).isoformat(),
            reason="调解协议内容涉及确认专利权归属，不属于司法确认案件受理范围。")
        return
    run("record_acceptance", on=(today - timedelta(days=8)).isoformat(),
        court_case_number=f"（{today.year}）{code}民特{n}号")
    if target == "confirmation_refused":
        run("record_rejection", on=(today - timedelta(days=3)).isoformat(),
            reason="调解协议约定的履行期限不明确，裁定驳回申请。")
    elif target in ("agreement_confirmed", "enforcement_applied"):
        run("record_confirmation", on=(today - timedelta(days=3)).isoformat())
        if target == "enforcement_applied":
            run("apply_for_enforcement", on=(today - timedelta(days=1)).isoformat(),
                court=court.pk)


def _breach(case: Case, today: date) -> None:
    """The demo's breached agreement: its first term is dated back as if the agreement
    had been made two months ago (a term cannot be entered with a past due date), then
    the daily sweep marks it breached as the system, as it would in use."""
    from mediation.models import AgreementTerm
    from mediation.services.breach import mark_breaches

    AgreementTerm.objects.filter(agreement__mediation_id=case.pk, n=1).update(
        due_on=today - timedelta(days=20))
    mark_breaches(today)


def ensure_mediation_cases(staff: OfficeStaff, directory: OfficeDirectory,
                           counts: dict[str, int]) -> None:
    """One mediation case per stage; a case with the same title is left alone."""
    today = timezone.localdate()
    companies = directory.companies
    damages = DisputeType.objects.get(code="patent_damages")
    # A patent-damages mediation is asked for by the patent's holder.
    holders = [c for c in companies if directory.patents.get(c.pk)] or companies
    for i, stage in enumerate(STAGES):
        n = len(companies)
        requester = holders[i % len(holders)]
        # Past the first n stages the pairs step further, so every title stays unique.
        respondent = companies[(i + 1 + i // n) % n]
        if respondent == requester:
            respondent = companies[(i + 2 + i // n) % n]
        title = f"{requester.name}与{respondent.name}专利侵权纠纷赔偿数额调解"
        if len(companies) < 2 or Case.objects.filter(office=staff.office, title=title).exists():
            continue
        request = MediationRequest(
            office=staff.office, title=title, dispute_type=damages,
            requested_on=today - timedelta(days=35), requesters=[requester],
            respondents=[respondent], request_summary="请求调解被请求人应支付的赔偿数额。",
            amount_claimed=Decimal("100000"), rights=directory.patents.get(requester.pk, [])[:1])
        with transaction.atomic():
            case = file_mediation_request(actor=staff.officer, request=request)
            change_assignment(case.pk, staff.head, mediator=staff.mediator,
                              reason="调解员由局负责人指定。")
            for name, actor, values in _steps(stage, today, staff, (requester, respondent)):
                case.refresh_from_db()
                perform_transition(case_id=case.pk, actor=actor, name=name,
                                   data=_resolve(case, values))
            if stage in CONFIRMATION_STAGES:
                _confirm(case, stage, staff, today, 100 + i)
            elif stage == "breached":
                _breach(case, today)
        counts["mediation cases"] += 1
