"""Ruling cases in a spread of states, created through the workflow services.

Transitions check dates against the real today (no future dates, hearings at least three
working days ahead, the suit period over before a ruling becomes effective), so each
case's steps are dated in the past, working days after its receipt, and the receipt date
is moved back until every step fits today (a clock reaching a year without an official
calendar is computed provisionally, as in real use).

``bulk_cases`` is the cheap variant for benchmarks: rows only, no timeline, no clocks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from cases import workdays, workflows
from cases.demo.parties import OfficeDirectory
from cases.demo.people import OfficeStaff
from cases.demo.templates import PLACES
from cases.models import Case, CaseParty, DocumentKind, NumberSequence
from cases.models.participants import PartyRole
from cases.ruling.documents import competent_court
from cases.ruling.intake import PartyEntry, RulingRequest, file_ruling_request
from cases.ruling.models import (
    ACCEPTANCE_CHECKLIST_ITEMS,
    RULING,
    TERMINAL_STATES,
    CaseState,
    RulingCase,
)
from cases.services import approvals
from cases.services.numbering import prefix_for
from cases.services.runner import perform_transition
from documents.services import generate_document, issue_document, seed_default_templates

S = CaseState
_BEFORE_RULING = ["accept", "serve_respondent", "record_answer"]
_TO_DECISION = [*_BEFORE_RULING, "send_answer_copy", "deliberate_without_hearing",
                "submit_for_approval",
                "record_legal_review", "decide"]

PATHS: dict[str, list[str]] = {
    S.RECEIVED: [],
    S.ACCEPTED: ["accept"],
    S.AWAITING_ANSWER: ["accept", "serve_respondent"],
    # Suspended while the patent's validity was examined, then resumed.
    S.INVESTIGATION: [*_BEFORE_RULING, "suspend", "resume"],
    # The time limit extended by a month (the head approved), then a hearing fixed.
    S.HEARING_SCHEDULED: [*_BEFORE_RULING, "extend_time_limit", "schedule_hearing"],
    S.DELIBERATION: [*_BEFORE_RULING, "send_answer_copy", "deliberate_without_hearing"],
    S.PENDING_APPROVAL: [*_BEFORE_RULING, "send_answer_copy", "deliberate_without_hearing",
                         "submit_for_approval"],
    S.DECIDED: _TO_DECISION,
    S.SERVED: [*_TO_DECISION, "serve_ruling"],
    S.EFFECTIVE: [*_TO_DECISION, "serve_ruling", "become_effective"],
    S.CLOSED: [*_TO_DECISION, "serve_ruling", "become_effective", "close"],
    S.SUSPENDED: ["accept", "serve_respondent", "suspend"],
    S.CORRECTION_REQUESTED: ["request_correction"],
    S.REJECTED: ["reject"],
    S.ENFORCEMENT: [*_TO_DECISION, "serve_ruling", "become_effective", "serve_demand",
                    "apply_enforcement"],
    # The parties asked to mediate the damages: a mediation case waits for its mediator.
    S.MEDIATING: [*_BEFORE_RULING, "start_mediation"],
}

# Working days after receipt on which each dated step happened.
STEP_DAY = {"accept": 3, "serve_respondent": 6, "record_answer": 17, "send_answer_copy": 19,
            "decide": 40,
            "serve_ruling": 43, "serve_demand": 62, "apply_enforcement": 76, "reject": 3}

# How long ago each state's case was received, in 南宁 and in 柳州: a mix of clocks that
# are overdue, due soon and comfortable.
DAYS_AGO: dict[str, tuple[int, int]] = {
    S.RECEIVED: (1, 9), S.ACCEPTED: (5, 14), S.AWAITING_ANSWER: (10, 25),
    S.INVESTIGATION: (30, 45), S.HEARING_SCHEDULED: (35, 60), S.DELIBERATION: (50, 70),
    S.PENDING_APPROVAL: (60, 80), S.DECIDED: (65, 95), S.SERVED: (75, 110),
    S.EFFECTIVE: (150, 200), S.CLOSED: (200, 240), S.SUSPENDED: (20, 40),
    S.MEDIATING: (25, 35), S.CORRECTION_REQUESTED: (2, 4), S.REJECTED: (12, 18),
    S.ENFORCEMENT: (220, 260),
}

KIND_TITLES = {"invention_patent": "侵害发明专利权纠纷", "utility_model": "侵害实用新型专利权纠纷",
               "design_patent": "侵害外观设计专利权纠纷"}


def _previous_working_day(d: date) -> date:
    while not workdays.is_working_day(d):
        d -= timedelta(days=1)
    return d


def plan_dates(state: str, days_ago: int, today: date) -> dict[str, date]:
    """Received date and step dates of a case that ends in ``state``, valid today."""
    path = PATHS[state]
    received = _previous_working_day(today - timedelta(days=days_ago))
    while True:
        dates = {"received": received}
        dates.update({step: workdays.add_working_days(received, n)
                      for step, n in STEP_DAY.items() if step in path})
        overshoot = max((d - today).days for d in dates.values())
        if "become_effective" in path:
            suit_end = dates["serve_ruling"] + timedelta(days=20)
            overshoot = max(overshoot, (suit_end - today).days + 1)
        if overshoot <= 0:
            return dates
        received = _previous_working_day(received - timedelta(days=overshoot))


def _step_data(step: str, dates: dict[str, date], staff: OfficeStaff,
               today: date) -> dict[str, Any]:
    office = staff.office
    if step == "accept":
        data: dict[str, Any] = {
            "accepted_on": dates["accept"], "officer_in_charge": staff.officer.pk,
            "panel": [staff.officer.pk, staff.officer2.pk, staff.officer3.pk]}
        data.update({f"check_{key}": True for key, _label in ACCEPTANCE_CHECKLIST_ITEMS})
        return data
    if step == "schedule_hearing":
        hearing = timezone.make_aware(
            datetime.combine(workdays.add_working_days(today, 5), time(9, 30)))
        return {"hearing_at": hearing.isoformat(), "place": f"{office.name}第一审理庭"}
    steps: dict[str, dict[str, Any]] = {
        "serve_respondent": {"served_on": dates.get("serve_respondent"), "method": "direct"},
        "record_answer": {"received_on": dates.get("record_answer"),
                          "defence": "被控产品未落入涉案专利权的保护范围，"
                                     "且被请求人有现有技术抗辩。"},
        "send_answer_copy": {"sent_on": dates.get("send_answer_copy")},
        "deliberate_without_hearing": {"reason": "事实清楚，双方均同意书面审理。"},
        "submit_for_approval": {
            "draft_outcome": "infringement_found",
            "draft_order_text": "被请求人立即停止制造、销售侵犯涉案专利权的产品。",
            "evidence_examination": "请求人提交了专利证书、专利登记簿副本、公证购买的被控侵权"
                                    "产品及公证书；被请求人对上述证据的真实性无异议，但认为"
                                    "不能证明被控产品落入保护范围。\n被请求人提交了现有技术"
                                    "文献一份；请求人认为该文献未公开涉案专利的全部技术特征。",
            "disputed_issues": "被控侵权产品是否落入涉案专利权的保护范围；\n"
                               "被请求人的现有技术抗辩是否成立。",
            "findings": "被控侵权产品具备涉案专利权利要求1的全部技术特征。",
            "reasoning": "根据全面覆盖原则，被控侵权产品落入涉案专利权的保护范围，"
                         "现有技术抗辩不成立。"},
        "record_legal_review": {"passed": "yes", "opinion": "事实清楚，程序合法，适用法律正确。"},
        "decide": {"decided_on": dates.get("decide")},
        "serve_ruling": {"served_on": dates.get("serve_ruling"), "method": "direct"},
        "become_effective": {},
        "close": {"summary": "被请求人已停止侵权行为并销毁库存侵权产品，本案结案。"},
        "suspend": {"reason": "被请求人已向国家知识产权局提出无效宣告请求并被受理。"},
        "resume": {"reason": "国家知识产权局已作出维持涉案专利权有效的审查决定，中止审理的"
                             "原因消除。"},
        "extend_time_limit": {"reason": "案情复杂，被控产品的技术特征比对需要委托技术鉴定，"
                                        "申请延长审理期限一个月。"},
        "request_correction": {"items": "请求人的主体资格证明（营业执照副本）\n"
                                        "涉案专利的专利登记簿副本"},
        "reject": {"reason": "请求人就同一侵权纠纷已向人民法院起诉，不符合受理条件。",
                   "on": dates.get("reject")},
        "serve_demand": {"served_on": dates.get("serve_demand")},
        "apply_enforcement": {"court": competent_court(office),
                              "applied_on": dates.get("apply_enforcement")},
        "start_mediation": {"reason": "双方当事人请求就赔偿数额进行调解。"},
    }
    return steps[step]


def _actor(step: str, staff: OfficeStaff) -> Any:
    return {"decide": staff.head, "record_legal_review": staff.legal}.get(step, staff.officer)


@dataclass
class Scenario:
    state: str
    title: str
    request: RulingRequest


# One company of each office infringes again and again: the rulings of these states find
# it infringing (three findings), and the newest request is against it, so the list of
# repeat infringers, its warnings and the statistics' figure have something to show.
REPEAT_STATES = (S.RECEIVED, S.EFFECTIVE, S.CLOSED, S.ENFORCEMENT)


def _scenarios(staff: OfficeStaff, directory: OfficeDirectory) -> list[Scenario]:
    office = staff.office
    place, place_code = PLACES[office.region_code]
    holders = [p for p in directory.companies + directory.people if p.pk in directory.patents]
    others = [p for p in directory.companies + directory.people if p.pk not in directory.patents]
    # The repeat infringer is a company (it has a unified social credit code); the others
    # take the rest in turn, never it.
    repeat = next(p for p in others if p in directory.companies)
    rest = [p for p in others if p != repeat]
    result = []
    for i, state in enumerate(DAYS_AGO):
        requester = holders[i % len(holders)]
        respondent = repeat if state in REPEAT_STATES else rest[i % len(rest)]
        right = directory.patents[requester.pk][(i // len(holders)) % 3]
        title = f"{requester.name}与{respondent.name}{KIND_TITLES[right.kind]}"
        agent = directory.agents[i % len(directory.agents)] if i % 2 == 0 else None
        product = right.title.removeprefix("一种").split("及")[0]
        request = RulingRequest(
            office=office, title=title, received_on=date.min,
            requesters=[PartyEntry(requester, agent)], respondents=[PartyEntry(respondent)],
            rights=[right], accused_products=[product], infringing_acts=["make", "sell"],
            infringement_place=place, infringement_region_code=place_code,
            product_category=product,
            requester_claims="请求责令被请求人立即停止制造、销售侵权产品。",
            facts=f"被请求人未经许可，为生产经营目的制造、销售落入{right.display_number}号"
                  "专利保护范围的产品。",
        )
        result.append(Scenario(state=state, title=title, request=request))
    return result


def ensure_cases(staff: OfficeStaff, directory: OfficeDirectory, counts: dict[str, int], *,
                 office_index: int) -> None:
    """One case per state of ``DAYS_AGO``; a case with the same title is left alone."""
    today = timezone.localdate()
    for scenario in _scenarios(staff, directory):
        if Case.objects.filter(office=staff.office, title=scenario.title).exists():
            continue
        days_ago = DAYS_AGO[scenario.state][office_index % 2]
        dates = plan_dates(scenario.state, days_ago, today)
        scenario.request.received_on = dates["received"]
        with transaction.atomic():
            case = file_ruling_request(actor=staff.officer, request=scenario.request)
            for step in PATHS[scenario.state]:
                if step == "decide":
                    _issue_ruling(case, staff, on=dates["decide"])
                elif step == "serve_respondent":
                    _issue(case, DocumentKind.ANSWER_NOTICE, staff.officer,
                           on=dates["serve_respondent"])
                elif step == "serve_demand":
                    _issue(case, DocumentKind.REMINDER, staff.officer,
                           on=dates["serve_demand"])
                data = _step_data(step, dates, staff, today)
                action = workflows.of(case).actions[step]
                if action.needs_approval:
                    # Submitted by the officer, approved by the head on the step's day.
                    request = approvals.submit(case_id=case.pk, actor=staff.officer,
                                               name=step, data=data)
                    approvals.approve(request_id=request.pk, actor=staff.head,
                                      on=dates.get(step))
                    case = Case.objects.get(pk=case.pk)
                    continue
                case = perform_transition(case_id=case.pk, actor=_actor(step, staff),
                                          name=step, data=data)
        counts["cases"] += 1


def _issue_ruling(case: Case, staff: OfficeStaff, on: date) -> None:
    """Deciding requires the issued ruling document: draft it and have the head issue it
    (dated the day of the decision)."""
    _issue(case, DocumentKind.RULING, staff.head, on=on)


def _issue(case: Case, kind: str, actor: Any, on: date | None = None) -> None:
    """Draft a document and issue it (the ruling before deciding, the notice to answer
    before serving the respondent); ``on`` dates the issue back to the step's day, as the
    demo's steps are dated in the past."""
    seed_default_templates()
    issue_document(document=generate_document(case=case, kind=kind, actor=actor), actor=actor,
                   on=on)


BULK_STATES = [S.RECEIVED, S.ACCEPTED, S.AWAITING_ANSWER, S.INVESTIGATION, S.DELIBERATION,
               S.PENDING_APPROVAL, S.DECIDED, S.SERVED, S.EFFECTIVE, S.CLOSED]
BULK_TITLE = "批量演示案件"


@transaction.atomic
def bulk_cases(staff: OfficeStaff, directory: OfficeDirectory, n: int,
               counts: dict[str, int]) -> None:
    """Up to ``n`` extra cases in random states, as plain rows (no timeline, no clocks)."""
    office = staff.office
    have = Case.objects.filter(office=office, title__startswith=BULK_TITLE).count()
    missing = n - have
    if missing <= 0:
        return
    rng = random.Random(int(office.region_code) + have)  # noqa: S311 - demo data
    today = timezone.localdate()
    year = today.year
    seq, _created = NumberSequence.objects.get_or_create(
        office=office, kind=DocumentKind.CASE_NUMBER, year=year)
    seq = NumberSequence.objects.select_for_update().get(pk=seq.pk)
    prefix = prefix_for(office, DocumentKind.CASE_NUMBER).prefix
    first = seq.last_value + 1
    seq.last_value += missing
    seq.save(update_fields=["last_value"])
    holders = [p for p in directory.companies + directory.people if p.pk in directory.patents]
    others = [p for p in directory.companies + directory.people if p.pk not in directory.patents]
    rows, parties, plan = [], [], []
    for k in range(missing):
        state = rng.choice(BULK_STATES)
        received = date(year, 1, 1) + timedelta(days=rng.randrange(0, today.timetuple().tm_yday))
        accepted = None if state == S.RECEIVED else received + timedelta(days=3)
        requester, respondent = rng.choice(holders), rng.choice(others)
        right = rng.choice(directory.patents[requester.pk])
        sequence = first + k
        rows.append(Case(
            office=office, year=year, sequence=sequence,
            number=f"{prefix}〔{year}〕{sequence}号", workflow=RULING,
            title=f"{BULK_TITLE}{have + k + 1}：{KIND_TITLES[right.kind]}",
            received_on=received, officer_in_charge=staff.officer,
            closed_on=today if state in TERMINAL_STATES else None,
            created_by=staff.officer,
        ))
        plan.append((requester, respondent, right, RulingCase(
            state=state, accepted_on=accepted, accused_products=[right.title],
            infringing_acts=["make", "sell"])))
    Case.objects.bulk_create(rows, batch_size=500)
    created = Case.objects.filter(office=office, year=year, sequence__gte=first).order_by(
        "sequence")
    through = Case.rights.through
    links = []
    rulings = []
    for case, (requester, respondent, right, ruling) in zip(created, plan, strict=True):
        ruling.case = case
        rulings.append(ruling)
        parties += [CaseParty(case=case, party=requester, role=PartyRole.REQUESTER),
                    CaseParty(case=case, party=respondent, role=PartyRole.RESPONDENT)]
        links.append(through(case_id=case.pk, ipright_id=right.pk))
    RulingCase.objects.bulk_create(rulings, batch_size=500)
    CaseParty.objects.bulk_create(parties, batch_size=1000)
    through.objects.bulk_create(links, batch_size=1000)
    counts["bulk cases"] += missing
