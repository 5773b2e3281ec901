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
