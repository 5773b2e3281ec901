"""Walks ruling cases through Workflow A for tests and benchmarks.

``RulingDriver`` files a request and brings the case to any state along the path an
officer would take, moving a time-machine clock forward where the law makes people wait
(the hearing notice, the answer period, the suit period, the demand's waiting time).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import time_machine
from django.utils import timezone

from cases import workdays, workflows
from cases.models import Case
from cases.ruling.intake import PartyEntry, RulingRequest, file_ruling_request
from cases.ruling.models import ACCEPTANCE_CHECKLIST_ITEMS, CaseState
from cases.services import approvals
from cases.services.runner import perform_transition

S = CaseState

# The path from a new request to each state: the actions, in order.
PATHS: dict[str, list[str]] = {
    S.RECEIVED: [],
    S.CORRECTION_REQUESTED: ["request_correction"],
    S.REJECTED: ["reject"],
    S.ACCEPTED: ["accept"],
    S.AWAITING_ANSWER: ["accept", "serve_respondent"],
    S.INVESTIGATION: ["accept", "serve_respondent", "record_answer"],
    S.HEARING_SCHEDULED: ["accept", "serve_respondent", "record_answer", "schedule_hearing"],
    S.DELIBERATION: ["accept", "serve_respondent", "record_answer", "schedule_hearing",
                     "hold_hearing"],
    S.PENDING_APPROVAL: ["accept", "serve_respondent", "record_answer", "schedule_hearing",
                         "hold_hearing", "submit_for_approval"],
    S.DECIDED: ["accept", "serve_respondent", "record_answer", "schedule_hearing",
                "hold_hearing", "submit_for_approval", "record_legal_review", "decide"],
    S.SERVED: ["accept", "serve_respondent", "record_answer", "schedule_hearing",
               "hold_hearing", "submit_for_approval", "record_legal_review", "decide",
               "serve_ruling"],
    S.IN_LITIGATION: ["accept", "serve_respondent", "record_answer", "schedule_hearing",
                      "hold_hearing", "submit_for_approval", "record_legal_review", "decide",
                      "serve_ruling", "record_suit"],
    S.EFFECTIVE: ["accept", "serve_respondent", "record_answer", "schedule_hearing",
                  "hold_hearing", "submit_for_approval", "record_legal_review", "decide",
                  "serve_ruling", "become_effective"],
    S.ENFORCEMENT: ["accept", "serve_respondent", "record_answer", "schedule_hearing",
                    "hold_hearing", "submit_for_approval", "record_legal_review", "decide",
                    "serve_ruling", "become_effective", "serve_demand", "apply_enforcement"],
    S.CLOSED: ["accept", "serve_respondent", "record_answer", "schedule_hearing",
               "hold_hearing", "submit_for_approval", "record_legal_review", "decide",
               "serve_ruling", "become_effective", "close"],
    S.SUSPENDED: ["accept", "suspend"],
    S.MEDIATING: ["accept", "serve_respondent", "record_answer", "start_mediation"],
    S.WITHDRAWN: ["withdraw"],
    S.TRANSFERRED: ["refer"],
}

HEAD_ACTIONS = {"return_draft"}
LEGAL_ACTIONS = {"record_legal_review"}


def hearing_attendance(case: Case, **status: str) -> dict[str, Any]:
    """hold_hearing's attendance fields: every party present unless ``status`` says
    otherwise (keyed by party name), and the whole panel sitting."""
    data: dict[str, Any] = {
        f"attendance_{cp.party_id}": status.get(cp.party.name, "present")
        for cp in case.case_parties.select_related("party")
        if cp.role in ("requester", "respondent")
    }
    data["panel"] = [a.user_id for a in case.assignments.panel()]
    return data


class RulingDriver:
    def __init__(self, personas: Any, traveller: time_machine.Coordinates | None = None,
                 ) -> None:
        self.p = personas
        self.traveller = traveller

    # --- the clock ------------------------------------------------------------------

    def advance_to(self, moment: datetime) -> None:
        if self.traveller is not None and moment > timezone.now():
            self.traveller.move_to(moment)

    def advance_days(self, days: int) -> None:
        self.advance_to(timezone.now() + timedelta(days=days))

    # --- filing and acting ----------------------------------------------------------

    def file(self, **overrides: Any) -> Case:
        from tests.factories import LegalPersonFactory, PatentFactory

        office = self.p.officer.office
        requester = overrides.pop("requester", None) or LegalPersonFactory(
            office=office, region_code="450103")
        respondent = overrides.pop("respondent", None) or LegalPersonFactory(
            office=office, region_code="450107")
        right = overrides.pop("right", None) or PatentFactory(office=office, holder=requester)
        req = RulingRequest(
            office=office, title=overrides.pop("title", "侵害发明专利权纠纷"),
            received_on=overrides.pop("received_on", timezone.localdate()),
            requesters=[PartyEntry(requester)], respondents=[PartyEntry(respondent)],
            rights=[right], accused_products=["一种新型电动车控制器"],
            infringing_acts=["make", "sell"], infringement_place="南宁市青秀区",
            infringement_region_code="450103",
            requester_claims="请求责令被请求人立即停止制造、销售侵权产品。",
            facts="被请求人未经许可制造、销售落入涉案专利保护范围的产品。",
            **overrides,
        )
        actor = self.p.officer
        return file_ruling_request(actor=actor, request=req)

    def actor_for(self, name: str) -> Any:
        if name in HEAD_ACTIONS:
            return self.p.head
        if name in LEGAL_ACTIONS:
            return self.p.legal
        return self.p.officer

    def data_for(self, name: str, case: Case) -> dict[str, Any]:
        today = timezone.localdate()
        p = self.p
        if name == "accept":
            data: dict[str, Any] = {
                "accepted_on": today, "officer_in_charge": p.officer.pk,
                "panel": [p.officer.pk, p.officer2.pk, p.officer3.pk],
            }
            data.update({f"check_{key}": True for key, _l in ACCEPTANCE_CHECKLIST_ITEMS})
            return data
        if name == "hold_hearing":
            return {"held_at": timezone.now().isoformat(),
                    "minutes": "双方到庭，进行了技术特征比对。", **hearing_attendance(case)}
        hearing = timezone.make_aware(
            datetime.combine(workdays.add_working_days(today, 5), time(9, 30)))
        return {
            "request_correction": {"items": "补充专利登记簿副本\n补充侵权比对材料"},
            "receive_correction": {"received_on": today},
            "reject": {"reason": "请求人不是专利权人或者利害关系人。", "on": today},
            "serve_respondent": {"served_on": today, "method": "direct"},
            "record_answer": {"received_on": today, "defence": "被控产品未落入保护范围。"},
            "proceed_without_answer": {},
            "send_answer_copy": {"sent_on": today},
            "schedule_hearing": {"hearing_at": hearing.isoformat(),
                                 "place": "南宁市知识产权局第一审理庭"},
            "reschedule_hearing": {"hearing_at": hearing.isoformat(),
                                   "place": "南宁市知识产权局第二审理庭"},
            "requester_absent": {"reason": "请求人经通知无正当理由拒不参加口头审理。"},
            "deliberate_without_hearing": {"reason": "事实清楚，书面审理。"},
            "submit_for_approval": {
                "draft_outcome": "infringement_found",
                "draft_order_text": "被请求人立即停止制造、销售侵权产品。",
                "evidence_examination": "请求人提交了专利证书、公证购买的被控产品及公证书；"
                                        "被请求人对其真实性无异议，对关联性有异议。",
                "disputed_issues": "被控产品是否落入涉案专利权的保护范围。",
                "findings": "被控产品具备权利要求1的全部技术特征。",
                "reasoning": "根据全面覆盖原则，被控产品落入保护范围。",
            },
            "record_legal_review": {"passed": "yes", "opinion": "程序合法，适用法律正确。"},
            "return_draft": {"reason": "请补充现有技术抗辩的评述。"},
            "decide": {"decided_on": today},
            "serve_ruling": {"served_on": today, "method": "direct"},
            "record_suit": {"court": "南宁市中级人民法院",
                            "court_case_number": "(2026)桂01行初1号"},
            "conclude_litigation": {"result": "upheld", "on": today},
            "become_effective": {},
            "serve_demand": {"served_on": today},
            "apply_enforcement": {"court": "南宁市中级人民法院", "applied_on": today},
            "close": {"summary": "被请求人已停止侵权，本案结案。"},
            "suspend": {"reason": "被请求人已向国家知识产权局提出无效宣告请求并被受理。"},
            "resume": {"reason": "无效宣告审查决定已作出，专利权维持有效。"},
            "extend_time_limit": {"reason": "案情复杂，经负责人批准延长一个月。"},
            "start_appraisal": {"on": today, "institution": "广西知识产权鉴定中心",
                                "matter": "被控产品是否具备权利要求1的全部技术特征。"},
            "end_appraisal": {"on": today, "conclusion": "被控产品具备权利要求1的全部技术特征。"},
            "start_mediation": {"reason": "双方请求就赔偿数额进行调解。"},
            "mediation_succeeded": {"summary": "双方达成调解协议。"},
            "mediation_failed": {"reason": "双方未能达成一致。"},
            "withdraw": {"reason": "请求人撤回处理请求。"},
            "refer": {"reason": "涉嫌假冒专利罪，达到刑事追诉标准。", "kind": "crime",
                      "target": "南宁市公安局"},
        }[name]

    def prepare(self, name: str, case: Case) -> None:
        """Wait where the law requires it before ``name`` may run."""
        case.refresh_from_db()
        if name == "hold_hearing" and case.ruling.hearing_at:
            self.advance_to(case.ruling.hearing_at + timedelta(hours=3))
        elif name == "proceed_without_answer" and case.ruling.answer_due_on:
            self.advance_to(timezone.make_aware(
                datetime.combine(case.ruling.answer_due_on + timedelta(days=1), time(9))))
        elif name == "become_effective" and case.ruling.suit_period_ends_on:
            self.advance_to(timezone.make_aware(
                datetime.combine(case.ruling.suit_period_ends_on + timedelta(days=1), time(9))))
        elif name == "decide":
            self.issue_ruling(case)
        elif name == "serve_respondent":
            self.issue_answer_notice(case)
        elif name == "apply_enforcement" and case.ruling.demand_wait_ends_on:
            self.advance_to(timezone.make_aware(
                datetime.combine(case.ruling.demand_wait_ends_on + timedelta(days=1), time(9))))

    def issue_ruling(self, case: Case) -> Any:
        """Generate and issue the ruling document (deciding requires it), once the draft has
        passed legal review; nothing when one is issued already or it is too early."""
        from cases.models import DocumentKind, DocumentNumberPrefix
        from documents.selectors import issued_ruling
        from documents.services import generate_document, issue_document, seed_default_templates

        case.refresh_from_db()
        if case.state != S.PENDING_APPROVAL or case.ruling.legal_review_passed is not True:
            return None
        existing = issued_ruling(case)
        if existing is not None:
            return existing
        seed_default_templates()
        DocumentNumberPrefix.objects.get_or_create(
            office=case.office, kind=DocumentKind.RULING,
            defaults={"prefix": f"{(case.office.short_name or case.office.name)[:1]}知裁字"})
        draft = generate_document(case=case, kind=DocumentKind.RULING, actor=self.p.head)
        return issue_document(document=draft, actor=self.p.head)

    def issue_answer_notice(self, case: Case) -> Any:
        """The respondent is served with the notice to answer (答辩通知书): issue it first,
        unless it already is."""
        from cases.models import DocumentKind, DocumentNumberPrefix
        from documents.services import (
            generate_documents,
            issue_document,
            seed_default_templates,
        )

        existing = case.documents.filter(kind=DocumentKind.ANSWER_NOTICE,
                                         state="issued").first()
        if existing is not None:
            return existing
        seed_default_templates()
        DocumentNumberPrefix.objects.get_or_create(
            office=case.office, kind=DocumentKind.ANSWER_NOTICE,
            defaults={"prefix": f"{(case.office.short_name or case.office.name)[:1]}知答字"})
        # One per respondent: each is served with his own.
        drafts = generate_documents(case=case, kind=DocumentKind.ANSWER_NOTICE,
                                    actor=self.p.officer)
        return [issue_document(document=d, actor=self.p.officer) for d in drafts][0]

    def act(self, case: Case, name: str, actor: Any = None, **extra: Any) -> Case:
        """Run ``name``; an action that needs approval is submitted by the officer and
        approved by the head, as in the office (unless ``actor`` is given: then that
        actor runs it directly, e.g. to test who may)."""
        self.prepare(name, case)
        data = self.data_for(name, case)
        data.update(extra)
        if actor is None and workflows.of(case).actions[name].needs_approval:
            request = self.submit(case, name, data=data)
            approvals.approve(request_id=request.pk, actor=self.p.head)
            case.refresh_from_db()
            return Case.objects.get(pk=case.pk)
        return perform_transition(case_id=case.pk, actor=actor or self.actor_for(name),
                                  name=name, data=data)

    def submit(self, case: Case, name: str, actor: Any = None,
               data: dict[str, Any] | None = None, **extra: Any) -> Any:
        """The officer submits ``name`` for the head's approval (an ApprovalRequest)."""
        if data is None:
            self.prepare(name, case)
            data = self.data_for(name, case)
        data = {**data, **extra}
        return approvals.submit(case_id=case.pk, actor=actor or self.p.officer, name=name,
                                data=data)

    def bring_to(self, state: str, case: Case | None = None) -> Case:
        case = case or self.file()
        for name in PATHS[state]:
            case = self.act(case, name)
        assert case.state == state, (case.state, state)
        return case
