"""Assignments (issue 15, item 6): the head changes the officer in charge, the panel or the
mediator with a reason, recorded on the timeline with old and new; batches are all or
nothing; the API answers 400/403/404/409 and changes nothing then."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework.test import APIClient

from cases.errors import TransitionNotAllowed
from cases.models import CaseEvent, Role
from cases.models.participants import AssignmentRole
from cases.ruling.models import CaseState
from cases.services import assignments
from tests.factories import UserFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    return RulingDriver(personas, time_machine)


@pytest.fixture
def fourth(personas):
    return UserFactory(username="officer4", name="孙丽", office=personas.officer.office,
                       roles=[Role.OFFICER])


def panel_ids(case):
    return sorted(case.assignments.panel().values_list("user_id", flat=True))


def presiding(case):
    return case.assignments.get(role=AssignmentRole.PRESIDING).user_id


def test_head_changes_the_officer_who_takes_the_seat_and_presides(driver, personas, fourth):
    p = personas
    case = driver.bring_to(CaseState.ACCEPTED)
    event = assignments.change_assignment(case.pk, p.head, officer=fourth,
                                          reason="原承办人调岗")
    case.refresh_from_db()
    assert case.officer_in_charge_id == fourth.pk
    assert panel_ids(case) == sorted([fourth.pk, p.officer2.pk, p.officer3.pk])
    assert presiding(case) == fourth.pk
    assert event.name == "assignment_changed" and event.actor_id == p.head.pk
    assert event.reason == "原承办人调岗"
    assert event.payload["officer_in_charge"] == {
        "old": {"id": p.officer.pk, "name": "李明"}, "new": {"id": fourth.pk, "name": "孙丽"}}
    assert [u["id"] for u in event.payload["panel"]["old"]][0] == p.officer.pk
    from cases.selectors.cases import event_detail
    assert "李明 → 孙丽" in event_detail(event)
    # The newcomer hears of it; those already on the case do not.
    from cases.models import Notification
    assert list(Notification.objects.filter(kind="assigned").values_list(
        "recipient_id", flat=True)) == [fourth.pk]


def test_the_panel_follows_the_workflows_rule(driver, personas, fourth):
    p = personas
    case = driver.bring_to(CaseState.ACCEPTED)
    with pytest.raises(ValidationError) as err:
        assignments.change_assignment(case.pk, p.head, panel=[p.officer, p.officer2],
                                      reason="调整合议组")
    assert "单数" in str(err.value)
    assert panel_ids(case) == sorted([p.officer.pk, p.officer2.pk, p.officer3.pk])
    # The officer in charge is added to a panel that leaves them out, and presides.
    assignments.change_assignment(case.pk, p.head, panel=[p.officer2, fourth],
                                  reason="张伟回避")
    assert panel_ids(case) == sorted([p.officer.pk, p.officer2.pk, fourth.pk])
    assert presiding(case) == p.officer.pk
    assert CaseEvent.objects.filter(case=case, name="assignment_changed").count() == 1


def test_only_the_head_of_the_cases_office_tree_and_only_its_officers(driver, personas):
    p = personas
    case = driver.bring_to(CaseState.ACCEPTED)
    with pytest.raises(PermissionDenied):
        assignments.change_assignment(case.pk, p.officer, officer=p.officer2, reason="x")
    with pytest.raises(ValidationError) as err:
        assignments.change_assignment(case.pk, p.head, officer=p.county_officer, reason="x")
    assert "officer_in_charge" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        assignments.change_assignment(case.pk, p.head, officer=p.mediator, reason="x")
    with pytest.raises(ValidationError) as err:
        assignments.change_assignment(case.pk, p.head, officer=p.officer2, reason="  ")
    assert "reason" in err.value.message_dict
    with pytest.raises(ValidationError):  # nothing changes
        assignments.change_assignment(case.pk, p.head, officer=p.officer, reason="x")
    case.refresh_from_db()
    assert case.officer_in_charge_id == p.officer.pk
    assert not CaseEvent.objects.filter(case=case, name="assignment_changed").exists()


def test_a_closed_case_keeps_its_assignees(driver, personas):
    case = driver.bring_to(CaseState.WITHDRAWN)
    with pytest.raises(TransitionNotAllowed):
        assignments.change_assignment(case.pk, personas.head, officer=personas.officer2,
                                      reason="x")


def test_batch_is_all_or_nothing(driver, personas):
    p = personas
    a = driver.file()
    b = driver.file(title="侵害实用新型专利权纠纷")
    closed = driver.bring_to(CaseState.WITHDRAWN)
    with pytest.raises(TransitionNotAllowed):
        assignments.reassign_cases([a.pk, closed.pk], p.head, officer=p.officer2,
                                   reason="分案")
    a.refresh_from_db()
    assert a.officer_in_charge_id == p.officer.pk
    result = assignments.reassign_cases([a.pk, b.pk], p.head, officer=p.officer2,
                                        reason="分案")
    assert {c.pk for c in result.changed} == {a.pk, b.pk}
    a.refresh_from_db()
    assert a.officer_in_charge_id == p.officer2.pk
    # Again: nothing to change, reported as unchanged.
    again = assignments.reassign_cases([a.pk], p.head, officer=p.officer2, reason="分案")
    assert again.changed == [] and [c.pk for c in again.unchanged] == [a.pk]


def test_api_change_and_errors(driver, personas):
    p = personas
    case = driver.bring_to(CaseState.ACCEPTED)
    client = APIClient()
    url = f"/api/v1/cases/{case.pk}/assignment/"
    client.force_authenticate(p.officer)
    got = client.get(url).json()
    assert got["roles"] == ["officer", "panel"] and got["may_change"] is False
    assert got["officer_in_charge"]["id"] == p.officer.pk and "eligible" not in got
    answer = client.post(url, {"officer_in_charge": p.officer2.pk, "reason": "x"},
                         format="json")
    assert answer.status_code == 403
    client.force_authenticate(p.head)
    assert client.get(url).json()["may_change"] is True
    bad = client.post(url, {"officer_in_charge": p.outsider.pk, "reason": "x"},
                      format="json")
    assert bad.status_code == 400 and "officer_in_charge" in bad.json()
    bad = client.post(url, {"officer_in_charge": "abc", "reason": "x"}, format="json")
    assert bad.status_code == 400
    bad = client.post(url, {"panel": [p.officer2.pk], "reason": "x"}, format="json")
    assert bad.status_code == 400 and "panel" in bad.json()
    bad = client.post(url, {"reason": "x"}, format="json")
    assert bad.status_code == 400
    ok = client.post(url, {"officer_in_charge": p.officer2.pk, "reason": "工作调整"},
                     format="json")
    assert ok.status_code == 200, ok.json()
    assert ok.json()["officer_in_charge"]["id"] == p.officer2.pk
    # A member of the panel becomes the officer in charge: the panel stays, they preside.
    assert ok.json()["panel"][0]["id"] == p.officer2.pk
    assert sorted(m["id"] for m in ok.json()["panel"]) == sorted(
        [p.officer.pk, p.officer2.pk, p.officer3.pk])
    timeline = client.get(f"/api/v1/cases/{case.pk}/timeline/").json()["results"]
    assert any(e["name"] == "assignment_changed" and e["reason"] == "工作调整"
               for e in timeline)
    # Out of scope: 404.
    client.force_authenticate(UserFactory(username="head_lz", office=p.outsider.office,
                                          roles=[Role.HEAD]))
    assert client.get(url).status_code == 404
    assert client.post(url, {"officer_in_charge": p.officer.pk, "reason": "x"},
                       format="json").status_code == 404


def test_api_batch(driver, personas):
    p = personas
    a, b = driver.file(), driver.file(title="侵害外观设计专利权纠纷")
    client = APIClient()
    client.force_authenticate(p.head)
    url = "/api/v1/cases/assignment/"
    assert client.post(url, {"cases": [], "officer_in_charge": p.officer2.pk,
                             "reason": "分案"}, format="json").status_code == 400
    assert client.post(url, {"cases": [a.pk, 999999], "officer_in_charge": p.officer2.pk,
                             "reason": "分案"}, format="json").status_code == 400
    assert client.post(url, {"cases": [a.pk], "officer_in_charge": p.outsider.pk,
                             "reason": "分案"}, format="json").status_code == 400
    ok = client.post(url, {"cases": [a.pk, b.pk], "officer_in_charge": p.officer3.pk,
                           "reason": "分案"}, format="json")
    assert ok.status_code == 200 and sorted(ok.json()["changed"]) == sorted([a.pk, b.pk])
    client.force_authenticate(p.officer)
    assert client.post(url, {"cases": [a.pk], "officer_in_charge": p.officer.pk,
                             "reason": "x"}, format="json").status_code == 403
    a.refresh_from_db()
    assert a.officer_in_charge_id == p.officer3.pk


# --- pages ----------------------------------------------------------------------------


def test_case_page_form_changes_the_officer(client, driver, personas, fourth):
    p = personas
    case = driver.bring_to(CaseState.ACCEPTED)
    url = f"/cases/{case.pk}/assignment/"
    client.force_login(p.officer)
    assert client.get(url).status_code == 403
    assert "change-assignment" not in client.get(f"/cases/{case.pk}/").content.decode()
    client.force_login(p.head)
    assert 'id="change-assignment"' in client.get(f"/cases/{case.pk}/").content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "孙丽" in page.content.decode()
    current = [p.officer.pk, p.officer2.pk, p.officer3.pk]
    # No reason: 400, nothing changes.
    bad = client.post(url, {"officer_in_charge": fourth.pk, "panel": current, "reason": ""})
    assert bad.status_code == 400
    case.refresh_from_db()
    assert case.officer_in_charge_id == p.officer.pk
    # Only the officer changed (the panel as it was): the new one takes the seat.
    ok = client.post(url, {"officer_in_charge": fourth.pk, "panel": current,
                           "reason": "李明休产假"})
    assert ok.status_code == 302
    case.refresh_from_db()
    assert case.officer_in_charge_id == fourth.pk
    assert panel_ids(case) == sorted([fourth.pk, p.officer2.pk, p.officer3.pk])
    timeline = client.get(f"/cases/{case.pk}/").content.decode()
    assert "李明休产假" in timeline and "李明 → 孙丽" in timeline


def test_case_page_form_refuses_a_panel_member_no_user_can_be(client, driver, personas):
    """A tampered panel with a number beyond any key: 400 naming the panel (it was a 500
    from the database's IN), nothing changed."""
    case = driver.bring_to(CaseState.ACCEPTED)
    client.force_login(personas.head)
    bad = client.post(f"/cases/{case.pk}/assignment/",
                      {"officer_in_charge": personas.officer.pk,
                       "panel": ["99999999999999999999"], "reason": "调整合议组"})
    assert bad.status_code == 400 and "panel" in bad.context["form"].errors
    assert panel_ids(case) == sorted([personas.officer.pk, personas.officer2.pk,
                                      personas.officer3.pk])


def test_distribution_page_and_case_list_batch(client, driver, personas):
    p = personas
    unassigned = driver.file()
    Case = type(unassigned)
    Case.objects.filter(pk=unassigned.pk).update(officer_in_charge=None)
    new = driver.file(title="侵害实用新型专利权纠纷")
    client.force_login(p.officer)
    assert client.get("/cases/distribute/").status_code == 403
    client.force_login(p.head)
    page = client.get("/cases/distribute/").content.decode()
    assert unassigned.number in page and new.number not in page
    page = client.get("/cases/distribute/?show=new").content.decode()
    assert unassigned.number in page and new.number in page
    # Not selected, or no officer: 400 with a summary, nothing changes.
    bad = client.post("/cases/distribute/", {"officer": p.officer2.pk, "reason": "分案"})
    assert bad.status_code == 400 and "form-errors" in bad.content.decode()
    bad = client.post("/cases/distribute/?show=new",
                      {"cases": [unassigned.pk], "officer": p.outsider.pk, "reason": "分案"})
    assert bad.status_code == 400
    ok = client.post("/cases/distribute/", {"cases": [unassigned.pk, new.pk],
                                            "officer": p.officer2.pk, "reason": "分案"})
    assert ok.status_code == 302
    assert set(Case.objects.filter(pk__in=[unassigned.pk, new.pk])
               .values_list("officer_in_charge_id", flat=True)) == {p.officer2.pk}
    # The empty state once everything is distributed.
    assert "每个未结案件都有承办人" in client.get("/cases/distribute/").content.decode() or \
        "Every open case has an officer in charge" in client.get(
            "/cases/distribute/").content.decode()
    # From the case list: back to the list, with its filters.
    listing = client.get("/cases/?q=").content.decode()
    assert 'id="reassign-form"' in listing
    back = client.post("/cases/distribute/", {"cases": [new.pk], "officer": p.officer3.pk,
                                              "reason": "均衡工作量", "next": "/cases/?q="})
    assert back.status_code == 302 and back["Location"] == "/cases/?q="
    new.refresh_from_db()
    assert new.officer_in_charge_id == p.officer3.pk
    refused = client.post("/cases/distribute/", {"cases": [new.pk], "officer": p.officer3.pk,
                                                 "reason": "", "next": "/cases/"})
    assert refused.status_code == 302  # the message says why on the list
    client.force_login(p.officer)
    assert 'id="reassign-form"' not in client.get("/cases/").content.decode()


@pytest.mark.parametrize("target", ["foo", "1", "NaN", "//evil.example/", "/\\evil.example/",
                                    "https://evil.example/cases/", "javascript:alert(1)"])
def test_a_next_that_is_no_path_of_the_site_falls_back_to_the_distribution_page(
        client, driver, personas, target):
    """``next=foo``: redirect() took the word for a view's name, NoReverseMatch (a 500).
    Only a path of this site is followed; anything else is the distribution page."""
    case = driver.file()
    client.force_login(personas.head)
    done = client.post("/cases/distribute/", {"cases": [case.pk], "officer": personas.officer2.pk,
                                              "reason": "分案", "next": target})
    assert done.status_code == 302 and done["Location"] == "/cases/distribute/"
    case.refresh_from_db()
    assert case.officer_in_charge_id == personas.officer2.pk
    # Refused (no reason): the distribution page with the errors, not a redirect.
    refused = client.post("/cases/distribute/", {"cases": [case.pk], "reason": "",
                                                 "officer": personas.officer3.pk,
                                                 "next": target})
    assert refused.status_code == 400 and "form-errors" in refused.content.decode()
    case.refresh_from_db()
    assert case.officer_in_charge_id == personas.officer2.pk
