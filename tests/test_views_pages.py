"""The web pages: workbench, case list, case page and its actions, seen by each persona."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import Notification
from cases.models.notifications import NotificationKind
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    return RulingDriver(personas, time_machine)


def login(client, user):
    client.force_login(user)
    return client


def test_workbench_lists_the_officers_cases_with_countdowns(client, personas, driver):
    case = driver.file()
    response = login(client, personas.officer).get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert case.number in html
    assert "countdown-" in html
    # Counts per state: one case received.
    assert "已收件" in html


def test_workbench_hides_other_peoples_cases(client, personas, driver):
    case = driver.file()
    response = login(client, personas.officer2).get("/")
    html = response.content.decode()
    assert case.number not in html
    assert response.context["items"] == [] and "empty-state" in html


def test_head_sees_cases_pending_approval(client, personas, driver):
    case = driver.bring_to("pending_approval")
    html = login(client, personas.head).get("/?state=pending_approval").content.decode()
    assert case.number in html


def test_menu_follows_the_role(client, personas):
    officer = login(client, personas.officer).get("/").content.decode()
    assert reverse("intake") in officer
    assert reverse("approval-queue") not in officer
    client.logout()
    head = login(client, personas.head).get("/").content.decode()
    assert reverse("approval-queue") in head
    assert reverse("intake") not in head


def test_notification_marked_read_by_htmx(client, personas, driver):
    case = driver.file()
    note = Notification.objects.create(recipient=personas.officer, case=case,
                                       kind=NotificationKind.ASSIGNED, message="新案件已分配")
    login(client, personas.officer)
    assert "新案件已分配" in client.get("/").content.decode()
    response = client.post(reverse("notification-read", args=[note.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    note.refresh_from_db()
    assert note.read_at is not None
    assert "新案件已分配" not in client.get("/").content.decode()


def test_a_notification_says_where_its_case_stands_now(client, personas, driver):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    received, accepted = driver.file(), driver.bring_to("accepted")
    Notification.objects.create(recipient=personas.officer, case=received,
                                kind=NotificationKind.ASSIGNED, message="新案件已分配")
    login(client, personas.officer)
    with CaptureQueriesContext(connection) as one:
        client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    Notification.objects.create(recipient=personas.officer, case=accepted,
                                kind=NotificationKind.ASSIGNED, message="案件已立案")
    with CaptureQueriesContext(connection) as two:
        page = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert len(two) == len(one)  # the case's state comes with the notification
    panel = page[page.index('id="notification-list"'):]
    assert "现状态：已收件" in panel and "现状态：已立案" in panel


def test_someone_else_cannot_mark_my_notification(client, personas, driver):
    note = Notification.objects.create(recipient=personas.officer, kind="assigned",
                                       message="x")
    response = login(client, personas.officer2).post(
        reverse("notification-read", args=[note.pk]))
    assert response.status_code == 404


def test_case_list_filters_and_searches_party_names(client, personas, driver):
    a = driver.file()
    b = driver.bring_to("accepted")
    login(client, personas.officer)
    html = client.get(reverse("case-list")).content.decode()
    assert a.number in html and b.number in html
    html = client.get(reverse("case-list"), {"state": "accepted"}).content.decode()
    assert b.number in html and a.number not in html
    name = a.case_parties.get(role="respondent").party.name
    html = client.get(reverse("case-list"), {"q": name}).content.decode()
    assert a.number in html and b.number not in html


def test_case_list_keyset_pages_cover_every_case_once(client, personas, driver):
    numbers = {driver.file().number for _ in range(25)}
    login(client, personas.officer)
    seen: list[str] = []
    url = reverse("case-list") + "?size=10"
    for _page in range(5):
        response = client.get(url)
        page = response.context["page"]
        seen += [c.number for c in page.rows]
        if not page.next_cursor:
            break
        url = reverse("case-list") + f"?size=10&after={page.next_cursor}"
    assert len(seen) == 25 and set(seen) == numbers
    # And back: "previous" from the last page gives the middle page.
    prev = client.get(reverse("case-list") + f"?size=10&before={page.prev_cursor}")
    assert [c.number for c in prev.context["page"].rows] == seen[10:20]


def test_case_list_rejects_a_forged_cursor_gracefully(client, personas, driver):
    driver.file()
    response = login(client, personas.officer).get(reverse("case-list") + "?after=!!bogus")
    assert response.status_code == 200


def test_export_is_scoped_and_filtered(client, personas, driver):
    mine = driver.file()
    response = login(client, personas.officer).get(reverse("case-export"))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[1][0] == mine.number
    client.logout()
    response = login(client, personas.outsider).get(reverse("case-export"))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(list(wb.active.iter_rows(values_only=True))) == 1  # the header only


def test_export_stops_at_the_cap_with_a_message(personas, driver):
    from cases.exports import export_cases_xlsx
    from cases.selectors.cases import case_list

    for _ in range(3):
        driver.file()
    data, _name = export_cases_xlsx(case_list(personas.officer), limit=2)
    rows = list(load_workbook(data).active.iter_rows(values_only=True))
    assert len(rows) == 4 and "2" in rows[-1][0]


def test_case_page_shows_header_deadlines_timeline_and_only_allowed_actions(
        client, personas, driver):
    case = driver.file()
    html = login(client, personas.officer).get(reverse("case-detail", args=[case.pk])) \
        .content.decode()
    assert case.number in html
    assert 'data-action="accept"' in html
    assert 'data-action="decide"' not in html
    assert "countdown" in html


def test_outsider_gets_404_for_another_offices_case(client, personas, driver):
    case = driver.file()
    response = login(client, personas.outsider).get(reverse("case-detail", args=[case.pk]))
    assert response.status_code == 404
    response = client.get(reverse("case-action", args=[case.pk, "accept"]))
    assert response.status_code == 404


def test_action_form_opens_in_a_modal_with_the_expected_state(client, personas, driver):
    case = driver.file()
    response = login(client, personas.officer).get(
        reverse("case-action", args=[case.pk, "request_correction"]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="expected_state"' in html and 'value="received"' in html
    assert "<html" not in html


def test_invalid_action_input_rerenders_the_form_with_field_errors(client, personas, driver):
    case = driver.file()
    response = login(client, personas.officer).post(
        reverse("case-action", args=[case.pk, "request_correction"]),
        {"items": "", "expected_state": "received"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400, response.content.decode()[:3000]
    assert "is-invalid" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "received"


def test_action_runs_and_returns_to_the_case(client, personas, driver):
    case = driver.file()
    response = login(client, personas.officer).post(
        reverse("case-action", args=[case.pk, "request_correction"]),
        {"items": "补充专利登记簿副本", "expected_state": "received"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "correction_requested"


def test_a_lost_race_answers_409_with_a_message_and_the_case_reloaded(client, personas,
                                                                        driver):
    case = driver.file()
    driver.act(case, "request_correction")
    response = login(client, personas.officer).post(
        reverse("case-action", args=[case.pk, "request_correction"]),
        {"items": "x", "expected_state": "received"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "alert-danger" in html and case.number in html


def test_an_action_the_state_does_not_allow_answers_409(client, personas, driver):
    case = driver.file()
    response = login(client, personas.officer).post(
        reverse("case-action", args=[case.pk, "serve_ruling"]),
        {"served_on": "2026-03-02", "method": "direct"})
    assert response.status_code == 409


def test_an_action_without_permission_answers_403(client, personas, driver):
    case = driver.bring_to("pending_approval")
    # Legal staff neither decide nor submit the decision for approval.
    response = login(client, personas.legal).post(
        reverse("case-action", args=[case.pk, "decide"]),
        {"decided_on": "2026-03-02", "expected_state": "pending_approval"})
    assert response.status_code == 403


def test_accepting_with_a_panel_of_three_through_the_page(client, personas, driver):
    case = driver.file()
    data = driver.data_for("accept", case)
    data.update({k: "on" for k in data if k.startswith("check_")})  # a ticked checkbox
    data["expected_state"] = "received"
    response = login(client, personas.officer).post(
        reverse("case-action", args=[case.pk, "accept"]), data)
    assert response.status_code == 302
    case.refresh_from_db()
    # Submitted for the head's approval: nothing changes until the head approves.
    assert case.state == "received" and case.assignments.count() == 0
    request = case.approval_requests.get()
    client.force_login(personas.head)
    assert client.post(reverse("approval-approve", args=[request.pk])).status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted" and case.assignments.count() == 3


def test_overdue_cases_are_red_and_counted(client, personas, driver, time_machine):
    case = driver.file()
    time_machine.move_to("2026-03-16 09:00 +08:00", tick=False)
    response = login(client, personas.officer).get("/")
    html = response.content.decode()
    assert response.context["overdue"] == 1
    assert "row-overdue" in html and "countdown-overdue" in html
    assert case.number in html


def test_legal_staff_have_precedent_search_in_the_menu(client, personas):
    html = login(client, personas.legal).get("/").content.decode()
    assert reverse("precedent-search") in html
    assert reverse("intake") not in html
    response = client.get(reverse("precedent-search"), {"q": "外观设计"})
    assert response.status_code == 200


def test_officers_menu_has_no_precedent_search(client, personas):
    html = login(client, personas.officer).get("/").content.decode()
    assert reverse("precedent-search") not in html


def test_refused_pages_explain_themselves_in_the_house_layout(client, personas, driver):
    case = driver.bring_to("pending_approval")
    login(client, personas.legal)
    forbidden = client.post(reverse("case-action", args=[case.pk, "decide"]),
                            {"decided_on": "2026-03-02"})
    assert forbidden.status_code == 403
    assert "navbar-ipc" in forbidden.content.decode()
    client.logout()
    missing = login(client, personas.outsider).get(reverse("case-detail", args=[case.pk]))
    assert missing.status_code == 404 and "navbar-ipc" in missing.content.decode()


def test_a_lost_race_under_htmx_redirects_to_the_reloaded_case(client, personas, driver):
    case = driver.file()
    driver.act(case, "request_correction")
    response = login(client, personas.officer).post(
        reverse("case-action", args=[case.pk, "request_correction"]),
        {"items": "x", "expected_state": "received"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert response["HX-Redirect"] == reverse("case-detail", args=[case.pk])
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "alert-danger" in page  # the message survives the reload


def test_export_follows_the_filters(client, personas, driver):
    received = driver.file()
    accepted = driver.bring_to("accepted")
    response = login(client, personas.officer).get(reverse("case-export"), {"state": "accepted"})
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    numbers = [row[0] for row in wb.active.iter_rows(min_row=2, values_only=True)]
    assert numbers == [accepted.number] and received.number not in numbers


def test_the_missing_calendar_warning_goes_to_administrators_officers_see_marks(
        client, personas, driver, time_machine):
    html = login(client, personas.admin).get("/").content.decode()
    assert 'id="calendar-gap"' not in html  # March: four months ahead stay in 2026
    time_machine.move_to("2026-12-01 09:00 +08:00", tick=False)
    html = login(client, personas.admin).get("/").content.decode()  # a new day's session
    assert 'id="calendar-gap"' in html and "2027" in html
    assert reverse("admin:cases_calendaryear_changelist") in html  # administrators enter it
    client.logout()
    driver.bring_to("accepted")  # its three-month limit ends in 2027
    html = login(client, personas.officer).get("/").content.decode()
    assert 'id="calendar-gap"' not in html
    assert "provisional-mark" in html and "暂定" in html
    # The clock shown (5 working days) ends in 2026: the mark says another one is provisional.
    assert "本案另有期限" in html


def test_the_workbench_shows_the_parties_periods_and_the_next_step(client, personas, driver,
                                                                    time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    served = driver.bring_to("served")  # the 15-day suit period runs
    html = login(client, personas.officer).get("/").content.decode()
    assert "当事人期间" in html and "自然日" in html
    time_machine.move_to("2026-04-30 09:00 +08:00", tick=False)
    html = login(client, personas.officer).get("/").content.decode()
    assert "起诉期满，确认生效" in html
    row = html[html.index(served.number):]
    assert "countdown-overdue" not in row[:row.index("</tr>")]


def test_the_browser_icon_is_served_without_a_404(client, personas):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
    assert "favicon.svg" in login(client, personas.officer).get("/").content.decode()


def test_case_list_finds_by_party_patent_number_and_platform(client, personas, driver):
    from tests.factories import LegalPersonFactory, PatentFactory

    office = personas.officer.office
    seller = LegalPersonFactory(office=office, name="南宁市青秀区光明五金店", region_code="450103")
    target = driver.file(respondent=seller, platform="拼多多")
    other = driver.file(platform="淘宝")
    patent = PatentFactory(office=office, holder=LegalPersonFactory(office=office))
    by_patent = driver.file(right=patent)
    login(client, personas.officer)

    def found(q):
        response = client.get(reverse("case-list"), {"q": q})
        return {c.number for c in response.context["page"].rows}

    assert found("光明五金") == {target.number}
    assert found("拼多多") == {target.number}
    assert other.number not in found("拼多多")
    # The patent number as written on the certificate: ZL prefix and spaces.
    written = f"ZL{patent.number[:4]} {patent.number[4]} {patent.number[5:]}"
    assert found(written) == {by_patent.number}


@pytest.mark.parametrize("key", ["number", "title", "parties", "state", "received",
                                 "officer", "office"])
def test_every_column_of_the_case_list_sorts_both_ways(client, personas, driver, key):
    for _ in range(3):
        driver.file()
    login(client, personas.officer)
    html = client.get(reverse("case-list")).content.decode()
    assert f"sort={key}" in html or f"sort=-{key}" in html  # every column header links
    up = client.get(reverse("case-list"), {"sort": key})
    assert up.status_code == 200 and up.context["sort"] == key
    down = client.get(reverse("case-list"), {"sort": f"-{key}"})
    ascending = [c.pk for c in up.context["page"].rows]
    assert len(ascending) == 3 and [c.pk for c in down.context["page"].rows] == ascending[::-1]
    assert down.context["sort"] == f"-{key}"


def test_the_export_has_the_reported_columns_a_frozen_header_and_a_filter(
        client, personas, driver):
    case = driver.bring_to("accepted")
    response = login(client, personas.officer).get(reverse("case-export"))
    assert "%E6%A1%88%E4%BB%B6%E5%88%97%E8%A1%A8" in response["Content-Disposition"]  # 案件列表
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header == ["案件编号", "案由", "知识产权类型", "专利号", "请求人", "被请求人",
                      "承办人", "收件日期", "状态", "电商平台", "立案日期", "处理结果",
                      "裁决书文号", "结案日期", "办理天数"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:O2"
    assert ws.column_dimensions["A"].width >= 20
    row = [c.value for c in ws[2]]
    assert row[0] == case.number and row[2] == "发明专利" and row[10] is not None


def test_the_timeline_shows_the_newest_step_first(client, personas, driver):
    from django.utils import translation

    from cases.ruling.actions import ACTIONS

    case = driver.bring_to("awaiting_answer")
    html = login(client, personas.officer).get(reverse("case-detail", args=[case.pk])
                                               ).content.decode()
    timeline = html[html.index('id="timeline-title"'):]
    with translation.override("zh-hans"):
        served, accepted = (str(ACTIONS[n].label) for n in ("serve_respondent", "accept"))
    assert timeline.index(served) < timeline.index(accepted)
