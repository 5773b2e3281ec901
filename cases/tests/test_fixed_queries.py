"""The transition's fixed-shape reads (cases.services.fixed_queries): compiled once, they
give the same objects as the ORM would (every column, converted; the select-related
office; the annotations), and a query whose parameters do not match what the ORM
compiled is refused rather than run with its parameters in the wrong places."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.db.models import F
from django.db.transaction import TransactionManagementError

from cases.models import Case, Deadline
from cases.ruling.models import RulingCase
from cases.services.fixed_queries import FixedQuery
from cases.services.runner import lock_case, lock_flow
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


def _columns(obj: Any) -> dict[str, Any]:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def case(personas, calendar_2026, deadline_rules, time_machine) -> Case:
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    driver = RulingDriver(personas, time_machine)
    return driver.act(driver.file(), "accept", actor=personas.head)


def test_the_locks_give_what_the_orm_gives(case, personas, django_assert_num_queries):
    locked = lock_case(case.pk, personas.officer)
    assert _columns(locked) == _columns(Case.objects.get(pk=case.pk))
    with django_assert_num_queries(0):  # the office came with the lock
        assert locked.office.path == case.office.path
    flow = lock_flow(locked)
    stored = RulingCase.objects.get(pk=case.pk)
    assert _columns(flow) == _columns(stored)
    assert flow.acceptance_checklist and isinstance(flow.acceptance_checklist, dict)
    assert locked.flow is flow


def test_annotations_and_several_rows(case):
    query = FixedQuery(lambda model, case_id: model.objects.filter(case_id=case_id)
                       .annotate(rule_unit=F("rule__unit")).order_by("id"))
    expected = list(Deadline.objects.filter(case_id=case.pk).select_related("rule")
                    .order_by("id"))
    assert len(expected) > 1
    for _ in range(2):  # compiled, then reused
        got = query.rows(Deadline, case.pk)
        assert [_columns(d) for d in got] == [_columns(d) for d in expected]
        assert [d.rule_unit for d in got] == [d.rule.unit for d in expected]
    assert query.rows(Deadline, case.pk + 1000) == []


@pytest.mark.django_db(transaction=True)
def test_a_lock_outside_a_transaction_is_refused(case):
    query = FixedQuery(lambda model, pk: model.objects.select_for_update().filter(pk=pk))
    with transaction.atomic():
        assert [c.pk for c in query.rows(Case, case.pk)] == [case.pk]
    with pytest.raises(TransactionManagementError):
        query.rows(Case, case.pk)  # compiled already: refused all the same


def test_parameters_in_another_order_are_refused(case):
    query = FixedQuery(
        lambda model, pk, code: model.objects.filter(code=code).filter(case_id=pk),
        params=lambda pk, code: (pk, code))
    with pytest.raises(ValueError, match="the query takes"):
        query.rows(Deadline, case.pk, "ruling.overall_limit")
