"""The evidence catalogue (证据目录): added at any open stage with who and when, listed on
the case page and in the API, scoped and role-checked, refused on a closed case (409), and
read by the ruling's evidence and cross-examination section."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases import workflows
from cases.models import EvidenceItem
from cases.ruling.models import CaseState
from tests.ruling_driver import PATHS, RulingDriver

pytestmark = pytest.mark.django_db
S = CaseState


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    return RulingDriver(personas, time_machine)


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _entry(case, **overrides):
    requester = case.case_parties.get(role="requester")
    return {"submitted_by": str(requester.party_id), "name": "公证书（2026）桂南证字第1024号",
            "purpose": "被请求人销售了被诉侵权产品", "pages": 12, "form": "original",
            "submitted_on": "2026-03-02", **overrides}


def test_officer_adds_entries_numbered_in_order_with_who_and_when(driver, personas):
    case = driver.bring_to(S.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/evidence/"
    first = _api(personas.officer).post(url, _entry(case), format="json")
    assert first.status_code == 201, first.content
    second = _api(personas.officer).post(url, _entry(
        case, submitted_by="office", name="现场勘验笔录", form="copy", pages=3,
        examination="被请求人对其真实性无异议"), format="json")
    assert second.status_code == 201, second.content
    listed = _api(personas.head).get(url).json()
    assert [e["number"] for e in listed] == [1, 2]
    assert listed[0]["submitted_by"]["role"] == "requester"
    assert listed[0]["recorded_by"]["id"] == personas.officer.pk and listed[0]["recorded_at"]
    assert listed[1]["submitted_by"] is None and listed[1]["form"] == "copy"
    assert case.events.filter(name="add_evidence_item").count() == 2


@pytest.mark.parametrize(("overrides", "field"), [
    ({"pages": 0}, "pages"),
    ({"form": "scan"}, "form"),
    ({"submitted_by": "999999"}, "submitted_by"),
    ({"name": ""}, "name"),
    ({"submitted_on": "2026-03-09"}, "submitted_on"),  # in the future
    ({"submitted_on": "2026-02-01"}, "submitted_on"),  # before the request was received
])
def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(driver, personas, overrides,
                                                                 field):
    case = driver.bring_to(S.ACCEPTED)
    response = _api(personas.officer).post(f"/api/v1/cases/{case.pk}/evidence/",
                                           _entry(case, **overrides), format="json")
    assert response.status_code == 400 and field in response.json(), response.content
    assert not EvidenceItem.objects.filter(case=case).exists()


def test_scope_and_roles(driver, personas):
    case = driver.bring_to(S.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/evidence/"
    assert _api(personas.outsider).get(url).status_code == 404
    assert _api(personas.outsider).post(url, _entry(case), format="json").status_code == 404
    assert _api(personas.legal).get(url).status_code == 200
    assert _api(personas.legal).post(url, _entry(case), format="json").status_code == 403
    assert not EvidenceItem.objects.filter(case=case).exists()


def test_a_closed_case_refuses_new_evidence_with_409(driver, personas):
    case = driver.bring_to(S.ACCEPTED)
    case = driver.act(case, "withdraw")
    assert not case.is_open
    response = _api(personas.officer).post(f"/api/v1/cases/{case.pk}/evidence/",
                                           _entry(case), format="json")
    assert response.status_code == 409 and response.json()["code"] == "not_allowed"
    assert str(case.closed_on) in response.json()["detail"]
    assert not EvidenceItem.objects.filter(case=case).exists()


def test_the_case_page_lists_the_catalogue_and_adds_to_it(driver, personas, client):
    case = driver.bring_to(S.AWAITING_ANSWER)
    client.force_login(personas.officer)
    page = client.get(reverse("case-detail", args=[case.pk]))
    assert page.status_code == 200 and 'id="evidence-catalogue"' in page.content.decode()
    bad = client.post(reverse("case-evidence-add", args=[case.pk]), _entry(case, pages=""))
    assert bad.status_code == 400 and "evidence-add" in bad.content.decode()
    assert not EvidenceItem.objects.filter(case=case).exists()
    done = client.post(reverse("case-evidence-add", args=[case.pk]), _entry(case))
    assert done.status_code == 302
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "公证书（2026）桂南证字第1024号" in page and "被请求人销售了被诉侵权产品" in page
    client.force_login(personas.legal)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "公证书（2026）桂南证字第1024号" in page and 'id="evidence-add"' not in page


def test_the_evidence_form_speaks_to_the_officer_not_to_an_api_client(driver, personas,
                                                                       client):
    """The submitter's help read 「…（API 中为 office）」: the value an API client sends has
    no place on the page (the API's own field documents it)."""
    import re

    from django.utils import translation

    from cases.evidence_forms import EvidenceItemForm

    case = driver.bring_to(S.ACCEPTED)
    with translation.override("zh-hans"):
        form = EvidenceItemForm(case=case)
        shown = [str(text) for field in form.fields.values()
                 for text in (field.label, field.help_text) if text]
    assert [text for text in shown if re.search(r"[A-Za-z]", text)] == []
    client.force_login(personas.officer)
    page = client.get(reverse("case-detail", args=[case.pk]),
                      HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "本局依职权调取的证据选" in page and "API 中" not in page


def test_the_ruling_evidence_section_reads_the_catalogue(driver, personas):
    case = driver.bring_to(S.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/evidence/"
    respondent = case.case_parties.get(role="respondent")
    _api(personas.officer).post(url, _entry(
        case, examination="被请求人对其真实性无异议，但对关联性有异议"), format="json")
    _api(personas.officer).post(url, _entry(
        case, submitted_by=str(respondent.party_id), name="进货发票", form="copy", pages=2,
        purpose="被诉侵权产品有合法来源"), format="json")
    for name in PATHS[S.PENDING_APPROVAL][1:]:
        case = driver.act(case, name)
    rule = workflows.document_rule(case.workflow, "ruling")
    context = rule.context(case.flow, kind="ruling", number="南知裁字〔2026〕1号",
                           on=datetime(2026, 4, 1).date())
    text = "\n".join(context["evidence"])
    requester = case.case_parties.get(role="requester").party.name
    assert (f"请求人{requester}提交了以下证据：1．公证书（2026）桂南证字第1024号（原件，12页），"
            "证明被请求人销售了被诉侵权产品。") in text
    assert (f"对请求人{requester}提交的公证书（2026）桂南证字第1024号，"
            "被请求人对其真实性无异议") in text
    assert (f"被请求人{respondent.party.name}提交了以下证据：1．进货发票（复印件，2页），"
            "证明被诉侵权产品有合法来源。") in text
    assert context["headings"]["evidence"]


# --- corrections and removals (the timeline is their audit trail) ----------------------


def test_an_entry_is_corrected_through_the_api_with_who_and_when(driver, personas):
    case = driver.bring_to(S.AWAITING_ANSWER)
    url = f"/api/v1/cases/{case.pk}/evidence/"
    item = _api(personas.officer).post(url, _entry(case), format="json").json()
    driver.advance_days(1)
    changed = _api(personas.head).patch(f"{url}{item['id']}/", {
        "pages": 14, "examination": "被请求人对真实性无异议"}, format="json")
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert (body["pages"], body["name"], body["number"]) == (14, _entry(case)["name"], 1)
    assert body["changed"]["by"]["id"] == personas.head.pk and body["changed"]["at"]
    assert body["recorded_by"]["id"] == personas.officer.pk  # who recorded it stays
    event = case.events.get(name="change_evidence_item")
    assert event.actor == personas.head
    assert event.payload["changes"]["pages"] == {"before": 12, "after": 14}
    assert set(event.payload["changes"]) == {"pages", "examination"}
    listed = _api(personas.officer).get(url).json()
    assert listed[0]["changed"]["by"]["name"] == personas.head.display_name
    # The same checks as adding: 400 naming the field, nothing changed.
    for bad, field in (({"pages": 0}, "pages"), ({"submitted_on": "2026-02-01"},
                                                  "submitted_on"),
                       ({"number": 7}, "number"), ({"submitted_by": "999999"},
                                                   "submitted_by")):
        refused = _api(personas.officer).patch(f"{url}{item['id']}/", bad, format="json")
        assert refused.status_code == 400 and field in refused.json(), refused.content
    assert EvidenceItem.objects.get(pk=item["id"]).pages == 14
    assert case.events.filter(name="change_evidence_item").count() == 1
    # Sending the values it has changes nothing and writes nothing on the timeline.
    assert _api(personas.officer).patch(f"{url}{item['id']}/", {"pages": 14},
                                        format="json").status_code == 200
    assert case.events.filter(name="change_evidence_item").count() == 1


def test_an_entry_is_removed_with_a_reason_kept_on_the_timeline(driver, personas):
    case = driver.bring_to(S.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/evidence/"
    first = _api(personas.officer).post(url, _entry(case), format="json").json()
    second = _api(personas.officer).post(url, _entry(case, name="重复录入"),
                                         format="json").json()
    without = _api(personas.officer).delete(f"{url}{second['id']}/", {"reason": " "},
                                            format="json")
    assert without.status_code == 400 and "reason" in without.json()
    assert EvidenceItem.objects.filter(pk=second["id"]).exists()
    gone = _api(personas.officer).delete(f"{url}{second['id']}/", {"reason": "重复录入"},
                                         format="json")
    assert gone.status_code == 204
    event = case.events.get(name="remove_evidence_item")
    assert (event.actor, event.reason) == (personas.officer, "重复录入")
    assert event.payload["number"] == 2 and event.payload["entry"]["name"] == "重复录入"
    assert [e["id"] for e in _api(personas.officer).get(url).json()] == [first["id"]]
    # The removed number is not given again.
    third = _api(personas.officer).post(url, _entry(case, name="购买发票"), format="json")
    assert third.json()["number"] == 3
    assert _api(personas.officer).delete(f"{url}{second['id']}/", {"reason": "x"},
                                         format="json").status_code == 404


def test_who_may_correct_or_remove_and_when(driver, personas):
    case = driver.bring_to(S.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/evidence/"
    item = _api(personas.officer).post(url, _entry(case), format="json").json()
    target = f"{url}{item['id']}/"
    assert _api(personas.outsider).patch(target, {"pages": 3},
                                         format="json").status_code == 404
    assert _api(personas.legal).patch(target, {"pages": 3}, format="json").status_code == 403
    assert _api(personas.legal).delete(target, {"reason": "x"},
                                       format="json").status_code == 403
    case = driver.act(case, "withdraw")
    closed = _api(personas.officer).patch(target, {"pages": 3}, format="json")
    assert closed.status_code == 409 and str(case.closed_on) in closed.json()["detail"]
    assert _api(personas.officer).delete(target, {"reason": "x"},
                                         format="json").status_code == 409
    assert EvidenceItem.objects.get(pk=item["id"]).pages == 12


def test_the_case_page_corrects_and_removes_entries(driver, personas, client):
    case = driver.bring_to(S.AWAITING_ANSWER)
    client.force_login(personas.officer)
    client.post(reverse("case-evidence-add", args=[case.pk]), _entry(case))
    item = EvidenceItem.objects.get(case=case)
    edit = reverse("case-evidence-edit", args=[case.pk, item.pk])
    assert f'data-evidence-edit="{item.pk}"' in client.get(
        reverse("case-detail", args=[case.pk])).content.decode()
    page = client.get(edit)
    assert page.status_code == 200 and item.name in page.content.decode()
    bad = client.post(edit, {**_entry(case), "pages": "0"})
    assert bad.status_code == 400 and EvidenceItem.objects.get(pk=item.pk).pages == 12
    done = client.post(edit, {**_entry(case), "pages": "15"})
    assert done.status_code == 302
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert f'data-evidence-changed="{item.pk}"' in page
    remove = reverse("case-evidence-remove", args=[case.pk, item.pk])
    refused = client.post(remove, {"reason": ""})
    assert refused.status_code == 400 and 'id="remove-reason-error"' in refused.content.decode()
    assert client.post(remove, {"reason": "当事人撤回该证据"}).status_code == 302
    assert not EvidenceItem.objects.filter(case=case).exists()
    timeline = client.get(reverse("case-detail", args=[case.pk]),
                          HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "删除证据目录条目" in timeline.content.decode()
    client.force_login(personas.legal)
    assert client.get(edit).status_code in (403, 404)


def test_an_officer_of_the_office_not_on_the_case_changes_none_of_its_evidence(
        driver, personas, client):
    """Before: any officer of the office added files and catalogue entries to, and corrected
    or removed entries of, a case others were assigned to."""
    from django.core.exceptions import PermissionDenied
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.services.evidence import attach_evidence
    from tests.factories import UserFactory

    colleague = UserFactory(username="officer9", office=personas.officer.office,
                            roles=["officer"])
    case = driver.bring_to(S.ACCEPTED)
    url = f"/api/v1/cases/{case.pk}/evidence/"
    item = _api(personas.officer).post(url, _entry(case), format="json").json()
    assert _api(colleague).get(url).status_code == 200  # reading is the office's
    assert _api(colleague).post(url, _entry(case), format="json").status_code == 403
    target = f"{url}{item['id']}/"
    assert _api(colleague).patch(target, {"pages": 3}, format="json").status_code == 403
    assert _api(colleague).delete(target, {"reason": "x"}, format="json").status_code == 403
    client.force_login(colleague)
    assert client.get(reverse("case-detail", args=[case.pk])).context["can_add_evidence"] is False
    assert client.post(reverse("case-evidence-remove", args=[case.pk, item["id"]]),
                       {"reason": "x"}).status_code == 403
    assert EvidenceItem.objects.filter(case=case).count() == 1
    assert EvidenceItem.objects.get(pk=item["id"]).pages == 12

    with pytest.raises(PermissionDenied):
        attach_evidence(case_id=case.pk, actor=colleague, files=[
            (SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "application/pdf"), "application/pdf")])
    # Their own officers still do.
    assert _api(personas.officer2).patch(target, {"pages": 3}, format="json").status_code == 200


def test_the_submitter_is_named_as_the_workflow_names_its_parties(referral_driver,
                                                                  personas):
    """A complaint's evidence form offered 请求人… and 被请求人…: its parties are the
    complainant and the accused party."""
    from cases.evidence_forms import EvidenceItemForm
    from cases.models import CaseParty
    from cases.models.participants import PartyRole

    complaint = referral_driver.complaint()
    flow = complaint.complaint
    # Its parties, as sending it to mediation records them (complaints.actions).
    CaseParty.objects.create(case=complaint, party=flow.complainant_party,
                             role=PartyRole.REQUESTER)
    CaseParty.objects.create(case=complaint, party=flow.accused_party, role=PartyRole.RESPONDENT)
    labels = [str(label) for _key, label in
              EvidenceItemForm(case=complaint).fields["submitted_by"].choices]
    assert any(label.startswith("投诉举报人") for label in labels)
    assert any(label.startswith("被投诉举报人") for label in labels)
    assert not any(label.startswith(("请求人", "被请求人")) for label in labels)
