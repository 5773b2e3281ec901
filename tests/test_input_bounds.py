"""Free texts have a bound that fits what they hold (decision 57), the same on the web
form and in the API; over it, the field's message and nothing changed."""

from __future__ import annotations

import pytest
from django import forms
from django.conf import settings
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient

from cases import workflows
from cases.api_evidence import EvidenceCreateSerializer, EvidenceRemoveSerializer
from cases.api_parties import AgentInputSerializer, PartyInputSerializer, RightInputSerializer
from cases.complaints.api import ComplaintCreateSerializer
from cases.complaints.forms import RegisterComplaintForm
from cases.evidence_forms import EvidenceItemForm
from cases.models import Case, EvidenceItem
from cases.referral.api import WaiverSerializer
from cases.ruling.api import CaseCreateSerializer
from cases.ruling.intake_forms import IntakeForm, NewPartyForm, NewRightForm
from cases.ruling.models import CaseState
from cases.text_limits import (
    MINUTES_MAX,
    PRODUCT_MAX,
    PRODUCTS_MAX,
    REASON_MAX,
    STATEMENT_MAX,
)
from documents.api import ServiceRecordSerializer, VoidSerializer
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
S = CaseState


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    return RulingDriver(personas, time_machine)


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _unbounded_form_fields(form_class: type[forms.BaseForm]) -> list[str]:
    return [name for name, field in form_class.base_fields.items()
            if isinstance(field, forms.CharField) and not isinstance(field, forms.RegexField)
            and not field.widget.is_hidden and field.max_length is None]


def _unbounded_serializer_fields(serializer: serializers.Serializer) -> list[str]:
    found = []
    for name, field in serializer.fields.items():
        inner = field.child if isinstance(field, serializers.ListField) else field
        if (isinstance(inner, serializers.CharField) and not inner.read_only
                and inner.max_length is None and not isinstance(inner, serializers.RegexField)):
            found.append(name)
    return found


def test_every_text_field_of_every_form_has_a_bound():
    action_forms = {f"{flow.name}.{name}": action.form
                    for flow in workflows.all_workflows()
                    for name, action in flow.actions.items()}
    page_forms = {cls.__name__: cls for cls in (IntakeForm, NewPartyForm, NewRightForm,
                                                EvidenceItemForm, RegisterComplaintForm)}
    unbounded = {name: fields for name, form in {**action_forms, **page_forms}.items()
                 if (fields := _unbounded_form_fields(form))}
    assert unbounded == {}


def test_every_text_the_api_takes_has_a_bound():
    unbounded = {type(s).__name__: fields for s in (
        CaseCreateSerializer(), ComplaintCreateSerializer(), PartyInputSerializer(),
        AgentInputSerializer(), RightInputSerializer(), EvidenceCreateSerializer(),
        EvidenceRemoveSerializer(), VoidSerializer(), ServiceRecordSerializer(),
        WaiverSerializer()) if (fields := _unbounded_serializer_fields(s))}
    assert unbounded == {}


def test_the_bounds_fit_what_the_texts_hold():
    assert REASON_MAX < STATEMENT_MAX < MINUTES_MAX
    # The longest text still fits a web form's body, written out as %XX%XX%XX per character.
    assert MINUTES_MAX * 9 < settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_a_reason_over_the_bound_is_a_400_in_the_api_and_the_case_stays(driver, personas):
    case = driver.file()
    url = f"/api/v1/cases/{case.pk}/transitions/reject/"
    response = _api(personas.head).post(
        url, {"on": "2026-03-02", "reason": "不" * (REASON_MAX + 1)}, format="json")
    body = response.json()
    assert response.status_code == 400 and body["code"] == "invalid", body
    assert str(REASON_MAX) in body["reason"][0]
    assert Case.objects.get(pk=case.pk).state == S.RECEIVED
    fields = {f["name"]: f for f in _api(personas.head).get(url).json()["fields"]}
    assert fields["reason"]["max_length"] == REASON_MAX
    at_bound = _api(personas.head).post(
        url, {"on": "2026-03-02", "reason": "不" * REASON_MAX}, format="json")
    assert at_bound.status_code == 200, at_bound.content


def test_a_reason_over_the_bound_is_the_form_again_on_the_page(driver, personas, client):
    case = driver.file()
    client.force_login(personas.head)
    response = client.post(reverse("case-action", args=[case.pk, "reject"]),
                           {"on": "2026-03-02", "reason": "不" * (REASON_MAX + 1),
                            "expected_state": S.RECEIVED}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert str(REASON_MAX) in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == S.RECEIVED


def test_minutes_over_the_bound_are_refused(driver, personas):
    case = driver.bring_to(S.HEARING_SCHEDULED)
    driver.advance_days(7)
    data = driver.data_for("hold_hearing", case)
    data["minutes"] = "记" * (MINUTES_MAX + 1)
    response = _api(personas.officer).post(
        f"/api/v1/cases/{case.pk}/transitions/hold_hearing/",
        {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()},
        format="json")
    assert response.status_code == 400 and "minutes" in response.json(), response.content
    assert Case.objects.get(pk=case.pk).state == S.HEARING_SCHEDULED


def test_a_request_with_facts_over_the_bound_is_not_filed(driver, personas):
    case = driver.file()
    requester = case.case_parties.get(role="requester").party
    respondent = case.case_parties.get(role="respondent").party
    before = Case.objects.count()
    response = _api(personas.officer).post("/api/v1/cases/", {
        "title": "侵害发明专利权纠纷", "received_on": "2026-03-02",
        "requesters": [{"party": requester.pk}], "respondents": [{"party": respondent.pk}],
        "rights": [case.rights.get().pk], "facts": "事" * (STATEMENT_MAX + 1)}, format="json")
    assert response.status_code == 400 and "facts" in response.json(), response.content
    assert Case.objects.count() == before


def test_removing_evidence_with_a_reason_over_the_bound_keeps_the_entry(driver, personas):
    case = driver.bring_to(S.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/evidence/"
    requester = case.case_parties.get(role="requester")
    item = _api(personas.officer).post(url, {
        "submitted_by": str(requester.party_id), "name": "公证书", "purpose": "销售事实",
        "pages": 1, "form": "original", "submitted_on": "2026-03-02"}, format="json").json()
    response = _api(personas.officer).delete(f"{url}{item['id']}/",
                                             {"reason": "重" * (REASON_MAX + 1)}, format="json")
    assert response.status_code == 400 and "reason" in response.json(), response.content
    assert EvidenceItem.objects.filter(pk=item["id"]).exists()


def test_an_assignment_reason_has_the_same_bound_as_any_reason(driver, personas):
    case = driver.bring_to(S.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/assignment/"
    response = _api(personas.head).post(url, {"officer_in_charge": personas.officer2.pk,
                                              "reason": "调" * (REASON_MAX + 1)}, format="json")
    assert response.status_code == 400 and "reason" in response.json(), response.content
    assert _api(personas.head).post(url, {"officer_in_charge": personas.officer2.pk,
                                          "reason": "调" * REASON_MAX},
                                    format="json").status_code == 200


def test_a_web_form_body_over_the_limit_is_a_400_page(driver, personas, client):
    case = driver.file()
    client.force_login(personas.officer)
    response = client.post(reverse("case-action", args=[case.pk, "reject"]),
                           {"on": "2026-03-02",
                            "reason": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    assert response.status_code in (400, 413)
    assert Case.objects.get(pk=case.pk).state == S.RECEIVED


def test_accused_products_are_bounded_alike_on_the_form_and_in_the_api(driver, personas):
    too_many = "\n".join(f"产品{n}" for n in range(PRODUCTS_MAX + 1))
    form = IntakeForm({"accused_products": too_many}, user=personas.officer)
    assert str(PRODUCTS_MAX) in form.errors["accused_products"][0]
    form = IntakeForm({"accused_products": "甲\n" + "乙" * (PRODUCT_MAX + 1)},
                      user=personas.officer)
    assert "2" in form.errors["accused_products"][0]
    form = IntakeForm({"accused_products": "\n".join(["产品"] * PRODUCTS_MAX)},
                      user=personas.officer)
    form.is_valid()
    assert "accused_products" not in form.errors
    case = driver.file()
    response = _api(personas.officer).post("/api/v1/cases/intake-check/", {
        "title": "侵害发明专利权纠纷", "received_on": "2026-03-02",
        "requesters": [{"party": case.case_parties.get(role="requester").party_id}],
        "respondents": [{"party": case.case_parties.get(role="respondent").party_id}],
        "rights": [case.rights.get().pk],
        "accused_products": ["产品"] * (PRODUCTS_MAX + 1)}, format="json")
    assert response.status_code == 400 and "accused_products" in response.json()


@pytest.mark.parametrize("value", [[None, None], ["2026-03-02"], {"on": "2026-03-02"}])
def test_a_date_sent_as_a_list_or_an_object_is_a_400_not_a_500(driver, personas, value):
    """Found by the API fuzzer: ``"submitted_on": [null, null]`` on the evidence API was a
    500 (Django's date fields read any value as a string)."""
    case = driver.file()
    body = {"submitted_by": "office", "name": "公证书", "purpose": "证明购买事实", "pages": 1,
            "form": "original", "submitted_on": value}
    response = _api(personas.officer).post(f"/api/v1/cases/{case.pk}/evidence/", body,
                                           format="json")
    assert response.status_code == 400, response.content
    assert "submitted_on" in response.json()
    assert not case.evidence_items.exists()
    response = _api(personas.head).post(f"/api/v1/cases/{case.pk}/transitions/reject/",
                                        {"reason": "不符合受理条件。", "on": value},
                                        format="json")
    assert response.status_code == 400, response.content
    assert "on" in response.json()
    case.refresh_from_db()
    assert case.closed_on is None
