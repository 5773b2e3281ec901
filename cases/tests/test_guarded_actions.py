"""An action its django-fsm guard (``conditions=``) refuses for now is shown disabled with
the guard's reason on the case page and as the API's ``blocked_reason``, and running it
anyway is refused (409) with the same words; what the kind of matter rules out is not
offered at all."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from cases.models import Case
from cases.ruling.models import CaseState
from tests.referral_driver import Driver
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
ANSWER_PENDING = "答辩期尚未届满。"
EXTENDED_ONCE = "审理期限已延长过一次。"


@pytest.fixture
def ruling(personas, offices, calendar_2026, deadline_rules, thresholds, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine)


def _disabled(page: str, name: str) -> str:
    """The reason shown under the disabled action ``name``, "" when it is not disabled."""
    marker = f'data-action="{name}" data-blocked="true"'
    if marker not in page:
        return ""
    return page.split(f'id="blocked-{name}">')[1].split("</span>")[0]


def _blocked(client, case: Case, name: str) -> str | None:
    offered = {t["name"]: t for t in
               client.get(f"/api/v1/cases/{case.pk}/").json()["available_transitions"]}
    return offered[name]["blocked_reason"] if name in offered else None


def test_the_officer_sees_why_the_case_cannot_proceed_without_an_answer(ruling, personas,
                                                                       client):
    case = ruling.bring_to(CaseState.AWAITING_ANSWER)
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert _disabled(page, "proceed_without_answer") == ANSWER_PENDING
    assert _blocked(client, case, "proceed_without_answer") == ANSWER_PENDING
    described = client.get(
        f"/api/v1/cases/{case.pk}/transitions/proceed_without_answer/").json()
    assert (described["available"], described["blocked_reason"]) == (True, ANSWER_PENDING)
    # Still refused, in the same words, by the page and by the API.
    response = client.post(f"/cases/{case.pk}/actions/proceed_without_answer/", {})
    assert response.status_code == 409 and ANSWER_PENDING in response.content.decode()
    response = client.post(f"/api/v1/cases/{case.pk}/transitions/proceed_without_answer/",
                           {}, content_type="application/json")
    assert response.status_code == 409 and ANSWER_PENDING in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == CaseState.AWAITING_ANSWER
    # Once the period is over, the same action is open.
    ruling.advance_days(30)
    client.force_login(personas.officer)  # the session of a month ago has expired
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-action="proceed_without_answer"' in page
    assert _disabled(page, "proceed_without_answer") == ""
    assert _blocked(client, case, "proceed_without_answer") == ""


def test_an_extension_made_once_is_shown_disabled_to_the_head_and_the_officer(ruling,
                                                                             personas, client):
    case = ruling.bring_to(CaseState.INVESTIGATION)
    ruling.act(case, "extend_time_limit", actor=personas.head)
    for user in (personas.head, personas.officer):  # decides / would submit for approval
        client.force_login(user)
        page = client.get(f"/cases/{case.pk}/").content.decode()
        assert _disabled(page, "extend_time_limit") == EXTENDED_ONCE, user
        assert _blocked(client, case, "extend_time_limit") == EXTENDED_ONCE
        response = client.post(f"/cases/{case.pk}/actions/extend_time_limit/",
                               {"reason": "案情复杂。"})
        assert response.status_code == 409 and EXTENDED_ONCE in response.content.decode()
    assert case.events.filter(name="extend_time_limit").count() == 1
    # No appraisal under way: its end is not offered, its start is.
    assert (_blocked(client, case, "end_appraisal"), _blocked(client, case, "start_appraisal")
            ) == (None, "")
    assert not case.approval_requests.filter(outcome="pending").exists()


def test_what_the_kind_of_matter_rules_out_is_not_offered(personas, offices, calendar_2026,
                                                          deadline_rules, thresholds,
                                                          time_machine, client):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    driver = Driver(personas, offices)
    anonymous = driver.complaint(kind="tip_off", anonymous=True)
    driver.act(anonymous, "not_accept")
    client.force_login(personas.head)
    assert _blocked(client, anonymous, "close") == ""
    assert _blocked(client, anonymous, "record_reply") is None
    complaint = driver.complaint()
    assert _blocked(client, complaint, "extend_verification") is None
    response = client.post(f"/api/v1/cases/{complaint.pk}/transitions/extend_verification/",
                           {"reason": "案情复杂。"}, content_type="application/json")
    assert response.status_code == 409
    assert "只有举报" in response.content.decode()
