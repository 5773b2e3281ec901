"""Workflow C on the model: judicial confirmation of a mediation agreement."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_fsm import can_proceed, has_transition_perm

from cases.models import Case, CaseAssignment
from cases.models.participants import AssignmentRole
from cases.services.deadlines import due_date, start_clock
from mediation.models import ConfirmationCase, Court, DisputeType
from mediation.models.confirmation import MATERIAL_CODES
from mediation.tests.conftest import signed_agreement

D = datetime.date(2026, 9, 3)
ALL_MATERIALS = dict.fromkeys(MATERIAL_CODES, True)


@pytest.fixture
def confirmation(make_mediation: Any, personas: Any, deadline_rules: int,
                 calendar_2026: Any) -> Any:
    def make(state: str = "preparing", **fields: Any) -> ConfirmationCase:
        m = make_mediation("performing")
        agreement = signed_agreement(m, personas.mediator, on=D)
        start_clock(m.mediation.case, "confirmation.filing", D)  # as agreeing does
        header = Case.objects.create(
            office=m.mediation.case.office, year=2026, sequence=5000 + m.mediation.pk,
            number=f"南知确字〔2026〕{m.mediation.pk}号", title="申请司法确认调解协议",
            workflow="confirmation", received_on=D, officer_in_charge=personas.officer,
            origin=m.mediation.case,
        )
        CaseAssignment.objects.create(case=header, user=personas.mediator,
                                      role=AssignmentRole.MEDIATOR)
        return ConfirmationCase.objects.create(
            case=header, state=state, agreement=agreement,
            court=Court.objects.get(name="南宁知识产权法庭"), **fields)

    return make


TABLE: dict[str, tuple[tuple[str, ...], str | None, dict[str, Any], str]] = {
    "check_materials": (("preparing",), None, {"materials": ALL_MATERIALS}, "filed"),
    "file_application": (("preparing",), "filed", {"filed_on": D, "court": None},
                         "court_accepted"),
    "record_acceptance": (("filed",), "court_accepted",
                          {"on": D, "court_case_number": "（2026）桂01民特12号"}, "preparing"),
    "record_not_accepted": (("filed",), "not_accepted", {"on": D, "reason": "涉及确权"},
                            "court_accepted"),
    "record_confirmation": (("court_accepted",), "agreement_confirmed", {"on": D}, "filed"),
    "record_rejection": (("court_accepted",), "confirmation_refused",
                         {"on": D, "reason": "违反法律强制性规定"},
                         "filed"),
    "apply_for_enforcement": (("agreement_confirmed",), "enforcement_applied",
                              {"on": D, "court": None}, "court_accepted"),
    "withdraw_application": (("preparing", "filed"), "application_withdrawn",
                             {"reason": "当事人撤回申请", "on": D}, "agreement_confirmed"),
}
CASES = [(action, state) for action, (sources, *_rest) in TABLE.items() for state in sources]


@pytest.mark.parametrize("action, state", CASES)
def test_each_transition_from_each_allowed_state(
        action: str, state: str, confirmation: Any, personas: Any) -> None:
    _sources, target, kwargs, _refused = TABLE[action]
    c = confirmation(state, materials=ALL_MATERIALS)
    if "court" in kwargs:  # the court of the application
        kwargs = {**kwargs, "court": c.court}
    method = getattr(c, action)
    assert has_transition_perm(method, personas.mediator)
    assert not has_transition_perm(method, personas.officer)
    assert can_proceed(method)
    method(**kwargs)
    c.full_clean(exclude=["state"])
    assert c.state == (target or state)


@pytest.mark.parametrize("action", TABLE)
def test_each_transition_is_refused_from_another_state(
        action: str, confirmation: Any) -> None:
    c = confirmation(TABLE[action][3])
    assert not can_proceed(getattr(c, action), check_conditions=False)


def test_filing_needs_every_item_of_the_materials_checklist(confirmation: Any) -> None:
    c = confirmation(materials={**ALL_MATERIALS, "identity": False})
    assert not can_proceed(c.file_application)
    c.check_materials(materials=ALL_MATERIALS)
    assert can_proceed(c.file_application)


def test_the_30_day_window_ends_on_the_next_working_day_after_a_holiday(
        deadline_rules: int, calendar_2026: Any) -> None:
    # 3 September + 30 days is Saturday 3 October, inside the National Day holiday
    # (1–7 October 2026): the last day to apply is Thursday 8 October.
    assert due_date("confirmation.filing", datetime.date(2026, 9, 3)) == datetime.date(2026, 10, 8)
    # An ordinary working day stays as it is: 2 March + 30 days is Wednesday 1 April.
    assert due_date("confirmation.filing", datetime.date(2026, 3, 2)) == datetime.date(2026, 4, 1)


def test_an_application_after_the_window_is_refused(confirmation: Any) -> None:
    c = confirmation(materials=ALL_MATERIALS)
    c.file_application(filed_on=datetime.date(2026, 10, 8), court=c.court)
    c.full_clean(exclude=["state"])  # the last day still counts
    late = confirmation(materials=ALL_MATERIALS)
    late.file_application(filed_on=datetime.date(2026, 10, 9), court=late.court)
    with pytest.raises(ValidationError) as err:
        late.full_clean(exclude=["state"])
    assert "2026-10-08" in err.value.message_dict["filed_on"][0]


def test_an_application_before_the_agreement_took_effect_is_refused(
        confirmation: Any) -> None:
    c = confirmation(materials=ALL_MATERIALS)
    c.file_application(filed_on=D - datetime.timedelta(days=1), court=c.court)
    with pytest.raises(ValidationError):
        c.full_clean(exclude=["state"])


@pytest.mark.parametrize("number, ok", [
    ("（2026）桂01民特12号", True),
    ("（2015）南市民调确字第12号", True),
    ("2026-12", False),
    ("（2026）桂01民初12号", False),
])
def test_court_case_numbers_are_confirmation_numbers(
        number: str, ok: bool, confirmation: Any) -> None:
    c = confirmation("filed", filed_on=D)
    c.record_acceptance(on=D, court_case_number=number)
    if ok:
        c.full_clean(exclude=["state"])
    else:
        with pytest.raises(ValidationError) as err:
            c.full_clean(exclude=["state"])
        assert "court_case_number" in err.value.message_dict


def test_unknown_materials_are_refused(confirmation: Any) -> None:
    c = confirmation()
    c.check_materials(materials={"bribe": True})
    with pytest.raises(ValidationError):
        c.full_clean(exclude=["state"])


@pytest.mark.django_db
def test_reference_data_is_seeded_for_guangxi() -> None:
    tribunal = Court.objects.get(name="南宁知识产权法庭")
    assert tribunal.hears_technical_patents and tribunal.region_code == "450100"
    assert Court.objects.filter(name="柳州市中级人民法院").exists()
    assert DisputeType.objects.get(code="patent_damages").legal_basis == (
        "《中华人民共和国专利法》第六十五条")
    assert DisputeType.objects.count() == 4
