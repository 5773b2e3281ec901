"""Approvals are real steps (issue 15, item 4): the officer submits, a head of the case's
office (or above) approves (the step runs with the head as actor) or returns it with
reasons; one pending request of an action per case; pages and API."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from cases.errors import OutOfScope, TransitionNotAllowed
from cases.models import ApprovalRequest, CaseEvent, Notification, Role
from cases.models.notifications import NotificationKind
from cases.services import approvals
from tests.factories import UserFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


def _today() -> str:
    return timezone.localdate().isoformat()
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine, offices):
    from cases.models import DocumentNumberPrefix

    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine)


def test_submitting_changes_nothing_until_the_head_approves(driver, personas):
    case = driver.file()
    request = driver.submit(case, "accept")
    case.refresh_from_db()
    assert case.state == "received" and request.pending
    assert request.requested_by == personas.officer
    assert ["李明、王芳、张伟"] == [v for _label, v in request.summary if "、" in v]
    # The heads of the office are told.
    assert Notification.objects.filter(recipient=personas.head, case=case,
                                       kind=NotificationKind.APPROVAL_NEEDED).exists()
    driver.advance_days(1)
    approvals.approve(request_id=request.pk, actor=personas.head)
    case.refresh_from_db()
    request.refresh_from_db()
    assert case.state == "accepted"
    assert (request.outcome, request.decided_by) == ("approved", personas.head)
    # Accepted on the day the head approved, with the head as the actor.
    assert case.ruling.accepted_on.isoformat() == "2026-03-03"
    event = CaseEvent.objects.filter(case=case, name="accept").get()
    assert event.actor == personas.head
    assert event.payload["approval"]["requested_by"]["id"] == personas.officer.pk
    assert case.assignments.count() == 3


def test_a_second_submission_while_one_is_pending_is_refused(driver):
    case = driver.file()
    driver.submit(case, "accept")
    with pytest.raises(TransitionNotAllowed):
        driver.submit(case, "accept")
    assert ApprovalRequest.objects.filter(case=case).count() == 1


def test_bad_input_is_refused_at_submission_and_nothing_is_kept(driver):
    case = driver.file()
    with pytest.raises(ValidationError) as exc:
        driver.submit(case, "accept", panel=[])
    assert "panel" in exc.value.message_dict
    assert not ApprovalRequest.objects.exists()
    assert not case.assignments.exists()  # the dry run's panel was rolled back


def test_only_a_head_of_the_case_office_or_above_decides(driver, personas, offices):
    case = driver.file()
    request = driver.submit(case, "accept")
    for user in (personas.officer, personas.legal, personas.officer2):
        with pytest.raises(PermissionDenied):
            approvals.approve(request_id=request.pk, actor=user)
    county_head = UserFactory(username="qxhead", office=offices.qingxiu, roles=[Role.HEAD])
    with pytest.raises(OutOfScope):  # a head below the case's office does not see it
        approvals.approve(request_id=request.pk, actor=county_head)
    province_head = UserFactory(username="gxhead", office=offices.guangxi, roles=[Role.HEAD])
    approvals.approve(request_id=request.pk, actor=province_head)
    case.refresh_from_db()
    assert case.state == "accepted"
    with pytest.raises(TransitionNotAllowed):  # decided already
        approvals.approve(request_id=request.pk, actor=personas.head)


def test_return_needs_reasons_and_tells_the_officer(driver, personas):
    case = driver.file()
    request = driver.submit(case, "accept")
    with pytest.raises(ValidationError):
        approvals.return_request(request_id=request.pk, actor=personas.head, reasons="  ")
    with pytest.raises(ValidationError, match="控制字符"):  # as typed on the page
        approvals.return_request(request_id=request.pk, actor=personas.head,
                                 reasons="合议组成员\x00请重新确定。")
    assert ApprovalRequest.objects.get(pk=request.pk).outcome == "pending"
    approvals.return_request(request_id=request.pk, actor=personas.head,
                             reasons="合议组成员请重新确定。")
    request.refresh_from_db()
    case.refresh_from_db()
    assert (request.outcome, request.reasons) == ("returned", "合议组成员请重新确定。")
    assert case.state == "received"
    assert Notification.objects.filter(recipient=personas.officer,
                                       kind=NotificationKind.APPROVAL_RETURNED).exists()
    assert CaseEvent.objects.filter(case=case, name="approval_returned",
                                    actor=personas.head).exists()
    # Returned: it may be submitted again.
    assert driver.submit(case, "accept").pending


def test_the_decision_is_submitted_and_returning_it_returns_the_draft(driver, personas):
    case = driver.bring_to("pending_approval")
    driver.act(case, "record_legal_review")
    # Only the head issues the ruling: submitting does not need it, approving does.
    request = driver.submit(case, "decide", data={"decided_on": _today()})
    with pytest.raises(TransitionNotAllowed):
        approvals.approve(request_id=request.pk, actor=personas.head)
    request.refresh_from_db()
    assert request.pending
    approvals.return_request(request_id=request.pk, actor=personas.head,
                             reasons="请补充现有技术抗辩的评述。")
    case.refresh_from_db()
    assert case.state == "deliberation"


def test_the_decision_approved_by_the_head(driver, personas):
    case = driver.bring_to("pending_approval")
    driver.act(case, "record_legal_review")
    driver.issue_ruling(case)
    request = driver.submit(case, "decide", data={"decided_on": _today()})
    approvals.approve(request_id=request.pk, actor=personas.head)
    case.refresh_from_db()
    assert case.state == "decided"
    assert CaseEvent.objects.get(case=case, name="decide").actor == personas.head


def test_an_officer_cannot_decide_directly_nor_submit_before_review(driver, personas):
    case = driver.bring_to("pending_approval")
    with pytest.raises(TransitionNotAllowed):  # the legal review has not passed
        driver.submit(case, "decide", data={"decided_on": _today()})
    with pytest.raises(PermissionDenied):
        driver.act(case, "extend_time_limit", actor=personas.officer)
    request = driver.submit(case, "extend_time_limit")
    approvals.approve(request_id=request.pk, actor=personas.head)
    case.refresh_from_db()
    assert case.ruling.time_limit_extended


# --- pages ------------------------------------------------------------------------------


def test_officer_submits_in_the_page_and_head_approves_in_the_queue(client, driver,
                                                                    personas):
    case = driver.file()
    client.force_login(personas.officer)
    form = client.get(reverse("case-action", args=[case.pk, "accept"]))
    assert "submits-for-approval" in form.content.decode()
    data = {k: v for k, v in driver.data_for("accept", case).items() if k != "panel"}
    data = {k: ("on" if v is True else str(v)) for k, v in data.items()}
    data["panel"] = [str(personas.officer.pk), str(personas.officer2.pk),
                     str(personas.officer3.pk)]
    resp = client.post(reverse("case-action", args=[case.pk, "accept"]), data)
    assert resp.status_code == 302, resp.content.decode()[:2000]
    request = ApprovalRequest.objects.get(case=case)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "case-approvals" in page and 'data-approve=' not in page  # officer: no buttons
    # The action waits: it is no longer offered to the officer.
    assert 'data-action="accept"' not in page
    again = client.post(reverse("case-action", args=[case.pk, "accept"]), data)
    assert again.status_code == 409

    client.force_login(personas.head)
    queue = client.get(reverse("approval-queue"))
    assert queue.status_code == 200 and case.number in queue.content.decode()
    assert f'data-approve="{request.pk}"' in client.get("/").content.decode()
    resp = client.post(reverse("approval-approve", args=[request.pk]))
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted"
    assert "empty-state" in client.get(reverse("approval-queue")).content.decode()


def test_the_date_set_by_approval_is_shown_not_asked(client, driver, personas):
    # The officer's form asked for the acceptance date, and approval replaced it with the
    # day the head approved, without a word: notices then carried a date nobody typed.
    case = driver.file()
    client.force_login(personas.officer)
    form = client.get(reverse("case-action", args=[case.pk, "accept"])).content.decode()
    field = re.search(r"<input[^>]*name=\"accepted_on\"[^>]*>", form)
    assert field is not None and "disabled" in field.group() and _today() in field.group()
    assert "以负责人批准之日为准" in form
    request = driver.submit(case, "accept", accepted_on="2026-02-27")
    assert ["立案日期", "负责人批准之日"] in request.summary, request.summary
    assert "2026-02-27" not in str(request.summary)
    driver.advance_days(1)
    approvals.approve(request_id=request.pk, actor=personas.head)
    case.refresh_from_db()
    assert case.ruling.accepted_on.isoformat() == "2026-03-03"
    # The head's own form still asks for the date: he decides it.
    client.force_login(personas.head)
    other = driver.file()
    form = client.get(reverse("case-action", args=[other.pk, "accept"])).content.decode()
    field = re.search(r"<input[^>]*name=\"accepted_on\"[^>]*>", form)
    assert field is not None and "disabled" not in field.group()


def test_queue_is_for_heads_only_and_paginated(client, driver, personas):
    for _ in range(3):
        driver.submit(driver.file(), "accept")
    client.force_login(personas.officer)
    assert client.get(reverse("approval-queue")).status_code == 403
    client.force_login(personas.head)
    first = client.get(reverse("approval-queue") + "?size=10").content.decode()
    assert first.count("data-approve=") == 3
    assert client.get(reverse("approval-queue") + "?page=x").status_code == 400


def test_return_page_requires_reasons(client, driver, personas):
    case = driver.file()
    request = driver.submit(case, "accept")
    client.force_login(personas.head)
    url = reverse("approval-return", args=[request.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"reasons": ""}).status_code == 400
    assert client.post(url, {"reasons": "材料不全。"}).status_code == 302
    request.refresh_from_db()
    assert request.outcome == "returned"



@pytest.mark.parametrize("target", ["foo", "1", "NaN", "//evil.example/",
                                    "https://evil.example/approvals/"])
def test_a_next_that_is_no_path_of_the_site_goes_back_to_the_queue(client, driver, personas,
                                                                     target):
    """``next=foo`` was taken by redirect() for a view's name (NoReverseMatch, a 500)."""
    request = driver.submit(driver.file(), "accept")
    client.force_login(personas.head)
    resp = client.post(reverse("approval-return", args=[request.pk]),
                       {"reasons": "材料不全。", "next": target})
    assert resp.status_code == 302 and resp["Location"] == reverse("approval-queue")
    request.refresh_from_db()
    assert request.outcome == "returned"


def test_a_next_path_of_the_site_is_followed(client, driver, personas):
    case = driver.file()
    request = driver.submit(case, "accept")
    client.force_login(personas.head)
    back = reverse("case-detail", args=[case.pk])
    resp = client.post(reverse("approval-return", args=[request.pk]),
                       {"reasons": "材料不全。", "next": back})
    assert resp.status_code == 302 and resp["Location"] == back


# --- API --------------------------------------------------------------------------------


def test_the_api_advertises_where_each_caller_posts_an_action(driver, personas):
    # The officer was given the transition's URL, which then answered 403 ("submit it for
    # approval"); the head runs it there himself.
    case = driver.file()
    api = APIClient()
    api.force_authenticate(personas.officer)
    offered = {t["name"]: t for t in api.get(f"/api/v1/cases/{case.pk}/").json()[
        "available_transitions"]}
    accept = offered["accept"]
    assert accept["submits_for_approval"] is True
    assert accept["url"] == f"/api/v1/cases/{case.pk}/transitions/accept/submit/"
    assert offered["request_correction"]["submits_for_approval"] is False
    assert offered["request_correction"]["url"].endswith("/transitions/request_correction/")
    body = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in driver.data_for("accept", case).items()}
    assert api.post(accept["url"], body, format="json").status_code == 201
    api.force_authenticate(personas.head)
    other = driver.file()
    offered = {t["name"]: t for t in api.get(f"/api/v1/cases/{other.pk}/").json()[
        "available_transitions"]}
    assert offered["accept"]["submits_for_approval"] is False
    assert offered["accept"]["url"] == f"/api/v1/cases/{other.pk}/transitions/accept/"


def test_api_submit_list_approve_and_return(driver, personas):
    case = driver.file()
    api = APIClient()
    api.force_authenticate(personas.officer)
    body = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in driver.data_for("accept", case).items()}
    url = f"/api/v1/cases/{case.pk}/transitions/accept/submit/"
    created = api.post(url, body, format="json")
    assert created.status_code == 201, created.json()
    again = api.post(url, body, format="json")
    assert again.status_code == 409 and again.json()["code"] == "not_allowed"
    assert api.post(f"/api/v1/cases/{case.pk}/transitions/serve_respondent/submit/", {},
                    format="json").status_code == 409  # needs no approval
    approve = created.json()["links"]["approve"]
    assert api.post(approve).status_code == 403
    api.force_authenticate(personas.head)
    listed = api.get("/api/v1/approvals/").json()
    assert [r["id"] for r in listed["results"]] == [created.json()["id"]]
    assert api.get("/api/v1/approvals/?outcome=maybe").status_code == 400
    returned = api.post(created.json()["links"]["return"], {"reasons": ""}, format="json")
    assert returned.status_code == 400 and "reasons" in returned.json()
    ok = api.post(approve)
    assert ok.status_code == 200 and ok.json()["case_state"] == "accepted"
    assert api.post(approve).status_code == 409
    api.force_authenticate(personas.outsider)
    assert api.get(f"/api/v1/approvals/{created.json()['id']}/").status_code == 404
    assert api.post(approve).status_code == 404


def test_approving_the_ruling_says_what_is_missing(client, driver, personas):
    """Approving 作出裁决 before its ruling document is issued is refused (409) with what is
    missing, in Chinese, in the API and on the pages; the queue says it before the click."""
    from cases.models import DocumentKind, DocumentNumberPrefix
    from documents.services import generate_document, issue_document, seed_default_templates

    case = driver.act(driver.bring_to("pending_approval"), "record_legal_review")
    client.force_login(personas.head)  # the head deciding directly is told the same
    page = client.get(reverse("case-action", args=[case.pk, "decide"]),
                      HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 409 and "尚未生成行政裁决书" in page.content.decode()
    request = driver.submit(case, "decide", data={"decided_on": _today()})
    api = APIClient()
    api.force_authenticate(personas.head)
    approve = f"/api/v1/approvals/{request.pk}/transitions/approve/"
    refused = api.post(approve, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 409
    assert "尚未生成行政裁决书" in refused.json()["detail"]
    assert "尚未生成行政裁决书" in api.get(f"/api/v1/approvals/{request.pk}/",
                                       HTTP_ACCEPT_LANGUAGE="zh-hans").json()["missing"]
    client.force_login(personas.head)
    queue = client.get(reverse("approval-queue"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "尚未生成行政裁决书" in queue.content.decode()
    assert f'data-approval-missing="{request.pk}"' in queue.content.decode()
    page = client.get(reverse("case-action", args=[case.pk, "decide"]),
                      HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 409 and "正在等待审批" in page.content.decode()
    seed_default_templates()
    DocumentNumberPrefix.objects.create(office=case.office, kind=DocumentKind.RULING,
                                        prefix="南知裁字")
    draft = generate_document(case=case, kind=DocumentKind.RULING, actor=personas.head)
    answer = client.post(reverse("approval-approve", args=[request.pk]), follow=True,
                         HTTP_ACCEPT_LANGUAGE="zh-hans")
    shown = [str(m) for m in answer.context["messages"]]
    assert any("已生成但尚未编号签发" in m for m in shown), shown
    request.refresh_from_db()
    case.refresh_from_db()
    assert request.pending and case.state == "pending_approval"
    issue_document(document=draft, actor=personas.head)
    assert "data-approval-missing" not in client.get(reverse("approval-queue")).content.decode()
    assert api.post(approve).status_code == 200
    case.refresh_from_db()
    assert case.state == "decided"


def test_an_unavailable_action_says_why(client, driver, personas):
    case = driver.file()
    driver.submit(case, "accept")
    client.force_login(personas.officer)
    page = client.get(reverse("case-action", args=[case.pk, "accept"]),
                      HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 409
    assert "等待审批" in page.content.decode() or "待审批" in page.content.decode()
    page = client.get(reverse("case-action", args=[case.pk, "close"]),
                      HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 409 and "不能" in page.content.decode()


def _decisions_waiting(driver, n):
    for _ in range(n):
        case = driver.act(driver.bring_to("pending_approval"), "record_legal_review")
        driver.submit(case, "decide", data={"decided_on": _today()})


def test_the_queue_costs_the_same_queries_for_n_and_3n_requests(client, driver, personas):
    """What is missing before each decision (its ruling document not issued) was read per
    row: two more queries for every request in the queue, the workbench and the API."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    api = APIClient()
    api.force_authenticate(personas.head)

    def cost():
        client.force_login(personas.head)  # the driver's days outlast a session
        counted = []
        for get in (lambda: client.get(reverse("approval-queue") + "?size=50"),
                    lambda: client.get("/"),
                    lambda: api.get("/api/v1/approvals/?page_size=50")):
            with CaptureQueriesContext(connection) as queries:
                assert get().status_code == 200
            counted.append(len(queries))
        return counted

    _decisions_waiting(driver, 1)
    once = cost()
    _decisions_waiting(driver, 2)
    client.force_login(personas.head)
    page = client.get(reverse("approval-queue") + "?size=50").content.decode()
    assert page.count("data-approval-missing=") == 3
    assert cost() == once


def test_the_workbench_shows_five_approvals_and_counts_them_all(client, driver, personas):
    _decisions_waiting(driver, 6)
    client.force_login(personas.head)
    context = client.get("/").context
    assert len(context["approvals"]) == 5
    assert context["approvals_total"] == 6
