"""Drive mediation and confirmation cases through the one transition runner, as the
pages and the API do: every step by its actor, with its own fields."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from cases.models import Case
from cases.services.assignments import change_assignment
from cases.services.runner import perform_transition
from mediation.models import Court, DisputeType
from mediation.services.intake import (
    MediationRequest,
    file_mediation_request,
    start_confirmation,
)
from tests.factories import PartyFactory

# Time is frozen on this day by the tests (a Monday).
TODAY = datetime.date(2026, 4, 20)


@dataclass
class MediationDriver:
    personas: Any
    office: Any

    def new(self, *, mediator: bool = True, origin: Case | None = None) -> Case:
        requester = PartyFactory(office=self.office, name="南宁绿源科技有限公司")
        respondent = PartyFactory(office=self.office, name="广西星河智能设备有限公司")
        request = MediationRequest(
            office=self.office, title="专利侵权纠纷赔偿数额",
            requested_on=datetime.date(2026, 4, 1),
            dispute_type=DisputeType.objects.get(code="patent_damages"),
            requesters=[requester], respondents=[respondent],
            request_summary="请求被请求人赔偿经济损失10万元。", amount_claimed=100000)
        case = file_mediation_request(actor=self.personas.officer, request=request,
                                      origin=origin)
        if mediator:
            change_assignment(case.pk, self.personas.head, mediator=self.personas.mediator,
                              reason="指定调解员。")
        return case

    def run(self, case: Case, name: str, *, actor: Any = None, **data: Any) -> Case:
        return perform_transition(case_id=case.pk, actor=actor or self.personas.mediator,
                                  name=name, data=data)

    def parties(self, case: Case) -> tuple[Any, Any]:
        roles = {cp.role: cp.party for cp in case.case_parties.all()}
        return roles["requester"], roles["respondent"]

    # --- walking to a state -------------------------------------------------------------

    def to_in_session(self, case: Case) -> Case:
        self.run(case, "serve_request", served_on="2026-04-02", service_method="direct")
        self.run(case, "accept_mediation", on="2026-04-08")
        self.run(case, "schedule_session", scheduled_at="2026-04-10T09:30", place="第一调解室")
        return case

    def hold_session(self, case: Case) -> Case:
        session = case.mediation.sessions.filter(held_at__isnull=True).first()
        assert session is not None
        return self.run(case, "record_session", session=session.pk,
                        held_at="2026-04-10T09:30", attendees="陈静（调解员）\n陈志远（请求人）",
                        minutes="双方就赔偿数额进行协商。", requester_position="要求赔偿10万元。",
                        respondent_position="同意赔偿5万元。", confirmed_by_parties="on")

    def draft(self, case: Case, *, terms: int = 2) -> Case:
        requester, respondent = self.parties(case)
        self.run(case, "draft_agreement", facts="被请求人销售了被诉侵权门锁。",
                 issues="赔偿数额。", other_terms="")
        for n in range(terms):
            self.run(case, "add_term", kind="payment", obligor=respondent.pk,
                     description=f"被请求人支付第{n + 1}期赔偿金。", amount="30000.00",
                     due_on=(TODAY + datetime.timedelta(days=30 * (n + 1))).isoformat())
        return case

    def sign(self, case: Case) -> Case:
        requester, respondent = self.parties(case)
        for party, who in ((requester, "陈志远"), (respondent, "林海")):
            self.run(case, "record_signature", party=party.pk, signatory=who,
                     signed_on="2026-04-15")
        return self.run(case, "sign_agreement", signed_on="2026-04-15")

    def to_agreed(self, case: Case) -> Case:
        self.to_in_session(case)
        self.hold_session(case)
        self.draft(case)
        self.sign(case)
        return self.run(case, "agree", on="2026-04-15")

    def to_state(self, state: str) -> Case:
        case = self.new()
        steps = {
            "requested": [],
            "awaiting_response": [("serve_request", {"served_on": "2026-04-02",
                                                     "service_method": "direct"})],
        }
        if state in steps:
            for name, data in steps[state]:
                self.run(case, name, **data)
            return case
        if state in ("agreed_to_mediate", "in_session"):
            self.run(case, "serve_request", served_on="2026-04-02", service_method="direct")
            self.run(case, "accept_mediation", on="2026-04-08")
            if state == "in_session":
                self.run(case, "schedule_session", scheduled_at="2026-04-10T09:30",
                         place="第一调解室")
            return case
        self.to_agreed(case)
        if state == "performing":
            self.run(case, "begin_performance")
        return case

    def confirmation(self, case: Case) -> Case:
        return start_confirmation(mediation_case_id=case.pk, actor=self.personas.mediator,
                                  court=Court.objects.get(name="南宁知识产权法庭"))
