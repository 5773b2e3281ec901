"""Every document kind of the ruling builds the context its registered TypedDict says."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cases import workflows
from cases.ruling.models import CaseState
from documents.contract import problems
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


def test_every_kind_builds_its_contract(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    case = RulingDriver(personas, time_machine).bring_to(CaseState.PENDING_APPROVAL)
    rules = workflows.get("ruling").documents
    assert len(rules) == 13
    for kind, rule in rules.items():
        context = rule.context(case.flow, kind=kind, number="南知裁字〔2026〕1号",
                               on=datetime(2026, 4, 1).date())
        assert problems(context, rule.context_type) == [], kind
        assert context["doc"]["kind"] == kind and context["case"]["number"] == case.number


@pytest.mark.parametrize("holds", [True, False])
def test_the_ruling_says_whose_patent_was_infringed(personas, calendar_2026, deadline_rules,
                                                     time_machine, holds):
    """A requester who is not the holder (a licensee, an interested party) did not have
    his own patent infringed: the ruling names the holder and says 涉案专利权."""
    from cases.ruling.documents import document_context
    from tests.factories import LegalPersonFactory, PatentFactory

    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    office = personas.officer.office
    requester = LegalPersonFactory(office=office, name="南宁甲科技有限公司", region_code="450103")
    holder = requester if holds else LegalPersonFactory(office=office, name="深圳丙专利有限公司")
    case = RulingDriver(personas, time_machine).file(
        requester=requester, right=PatentFactory(office=office, holder=holder))
    flow = case.flow
    flow.outcome = "infringement_found"
    context = document_context(flow, kind="ruling", number="南知裁字〔2026〕1号")
    statement = context["requester_claims"][0]
    conclusion = context["reasoning"]["conclusion"]
    if holds:
        assert statement.startswith("请求人是专利号为")
        assert "侵犯了请求人的专利权" in conclusion
    else:
        assert statement.startswith("深圳丙专利有限公司是专利号为")
        assert "侵犯了涉案专利权" in conclusion and "请求人的专利权" not in conclusion
