"""Mediation cases in any state, with parties, for the mediation tests.

The case header is created directly here; the workflow's own services create it in use.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from cases.models import Case, CaseAssignment, CaseParty, Party
from cases.models.participants import AssignmentRole, PartyRole
from mediation.models import Agreement, DisputeType, MediationCase
from tests.factories import PartyFactory

_numbers = itertools.count(1)


@dataclass
class Mediation:
    mediation: MediationCase
    requester: Party
    respondent: Party


@pytest.fixture
def make_mediation(personas: Any, offices: Any) -> Callable[..., Mediation]:
    def make(state: str = "requested", *, office: Any = None, mediator: Any = "default",
             **fields: Any) -> Mediation:
        office = office or offices.nanning
        n = next(_numbers)
        header = Case.objects.create(
            office=office, year=2026, sequence=1000 + n, number=f"南知调字〔2026〕{n}号",
            workflow="mediation", title="专利侵权纠纷赔偿数额调解",
            received_on=datetime.date(2026, 3, 2),
            officer_in_charge=personas.officer,
        )
        requester = PartyFactory(office=office, name=f"南宁绿源科技有限公司{n}")
        respondent = PartyFactory(office=office, name=f"广西星河智能设备有限公司{n}")
        CaseParty.objects.create(case=header, party=requester, role=PartyRole.REQUESTER)
        CaseParty.objects.create(case=header, party=respondent, role=PartyRole.RESPONDENT)
        mediator = personas.mediator if mediator == "default" else mediator
        if mediator is not None:
            CaseAssignment.objects.create(case=header, user=mediator,
                                          role=AssignmentRole.MEDIATOR)
        mediation = MediationCase.objects.create(
            case=header, state=state, dispute_type=DisputeType.objects.get(code="patent_damages"),
            requested_on=datetime.date(2026, 3, 2), **fields,
        )
        return Mediation(mediation, requester, respondent)

    return make


def signed_agreement(m: Mediation, recorder: Any, *, on: datetime.date) -> Agreement:
    """An agreement with one payment term, signed by both parties and the mediator."""
    agreement = Agreement.objects.create(
        mediation=m.mediation, facts="被请求人销售了落入涉案专利保护范围的门锁。",
        issues="赔偿数额。", mediator_signed_on=on, effective_on=on,
    )
    agreement.terms.create(n=1, kind="payment", obligor=m.respondent,
                           description="被请求人向请求人支付赔偿金。", amount=50000,
                           due_on=on + datetime.timedelta(days=30))
    for party in (m.requester, m.respondent):
        agreement.signatures.create(party=party, signed_on=on, signatory=party.name,
                                    recorded_by=recorder)
    return agreement
