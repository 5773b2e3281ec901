"""Which court may confirm a mediation agreement (民事诉讼法 art. 205, decision 79): never a
high court; for an invention or utility-model patent only a court designated for them;
refused by name on the case page, in the service and in the filing action, and the
pages offer only the courts that may."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from cases.services.runner import perform_transition
from mediation.jurisdiction import competence_error, competent_courts
from mediation.models import Court
from mediation.models.confirmation import MATERIAL_CODES
from mediation.services.intake import start_confirmation
from mediation.tests.driver import MediationDriver
from tests.factories import PatentFactory


def _agreed(mediation_driver: MediationDriver, kind: str | None) -> Any:
    case = mediation_driver.to_state("agreed")
    if kind is not None:
        case.rights.add(PatentFactory(office=case.office, kind=kind))
    return case


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _court(name: str) -> Court:
    return Court.objects.get(name=name)


def _confirm_at(case: Any, mediator: Any, court: str) -> Any:
    """Opens the judicial confirmation of ``case`` at the court named."""
    return start_confirmation(mediation_case_id=case.pk, actor=mediator, court=_court(court))


def _file_with(confirmation: Any, mediator: Any, court: str) -> None:
    perform_transition(case_id=confirmation.pk, actor=mediator, name="file_application",
                       data={"filed_on": "2026-04-17", "court": _court(court).pk})


@pytest.mark.django_db
def test_which_courts_may_confirm_by_the_kind_of_right() -> None:
    technical = {c.name for c in competent_courts({"invention_patent"})}
    assert technical == {"南宁市中级人民法院", "南宁知识产权法庭"}
    assert {c.name for c in competent_courts({"utility_model", "trademark"})} == technical
    design = {c.name for c in competent_courts({"design_patent"})}
    assert "南宁市青秀区人民法院" in design and "柳州市中级人民法院" in design
    assert "广西壮族自治区高级人民法院" not in design | technical
    Court.objects.filter(name="南宁知识产权法庭").update(is_active=False)
    assert {c.name for c in competent_courts({"invention_patent"})} == {"南宁市中级人民法院"}


@pytest.mark.django_db
def test_the_reason_names_the_court() -> None:
    high = competence_error(_court("广西壮族自治区高级人民法院"), {"trademark"})
    assert high and "广西壮族自治区高级人民法院" in high
    assert "205" in high or "第二百零五条" in high
    basic = competence_error(_court("南宁市青秀区人民法院"), {"invention_patent"})
    assert basic and "南宁市青秀区人民法院" in basic
    assert competence_error(_court("南宁市青秀区人民法院"), {"design_patent"}) is None
    assert competence_error(_court("南宁知识产权法庭"), {"invention_patent"}) is None


def test_the_service_refuses_a_court_without_competence_and_opens_nothing(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = _agreed(mediation_driver, "invention_patent")
    for name in ("南宁市青秀区人民法院", "柳州市中级人民法院", "广西壮族自治区高级人民法院"):
        with pytest.raises(ValidationError) as err:
            _confirm_at(case, personas.mediator, name)
        assert name in err.value.message_dict["court"][0]
    assert not case.derived_cases.exists()
    opened = _confirm_at(case, personas.mediator, "南宁知识产权法庭")
    assert opened.confirmation.court.name == "南宁知识产权法庭"


def test_the_case_page_offers_only_competent_courts_and_says_why_one_is_refused(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = _agreed(mediation_driver, "utility_model")
    client = _client(personas.mediator)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    form = page[page.index('name="court"'):]
    form = form[:form.index("</select>")]
    assert "南宁知识产权法庭" in form and "南宁市中级人民法院" in form
    assert "青秀区" not in form and "高级人民法院" not in form
    response = client.post(f"/cases/{case.pk}/judicial-confirmation/",
                           {"court": _court("南宁市青秀区人民法院").pk}, follow=True)
    assert response.status_code == 200
    assert "南宁市青秀区人民法院" in response.content.decode()
    assert not case.derived_cases.exists()


def test_a_design_patent_agreement_may_go_to_a_basic_court(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = _agreed(mediation_driver, "design_patent")
    page = _client(personas.mediator).get(f"/cases/{case.pk}/").content.decode()
    assert "南宁市青秀区人民法院" in page
    opened = _confirm_at(case, personas.mediator, "南宁市青秀区人民法院")
    assert opened.confirmation.court.level == "basic"


def test_filing_with_another_court_is_checked_the_same_way(
        mediation_driver: MediationDriver, personas: Any) -> None:
    case = _agreed(mediation_driver, "invention_patent")
    confirmation = _confirm_at(case, personas.mediator, "南宁知识产权法庭")
    perform_transition(case_id=confirmation.pk, actor=personas.mediator,
                       name="check_materials",
                       data={f"material_{code}": "on" for code in MATERIAL_CODES})
    with pytest.raises(ValidationError) as err:
        _file_with(confirmation, personas.mediator, "柳州市中级人民法院")
    assert "柳州市中级人民法院" in err.value.message_dict["court"][0]
    confirmation.refresh_from_db()
    assert confirmation.confirmation.state == "preparing"
    _file_with(confirmation, personas.mediator, "南宁市中级人民法院")
    confirmation.confirmation.refresh_from_db()
    assert confirmation.confirmation.court.name == "南宁市中级人民法院"
