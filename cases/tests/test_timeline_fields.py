"""The timeline shows what each step recorded (a defence, a hearing's place and time, the
officer in charge), labelled in Chinese, not only its reason; the API's timeline carries
the same fields and pages like the other lists."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import CaseEvent
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def case(personas, calendar_2026, deadline_rules, time_machine, offices):
    from cases.models import DocumentNumberPrefix

    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine).bring_to("hearing_scheduled")


def test_the_case_page_shows_each_steps_fields_with_their_labels(client, personas, case):
    hearing = CaseEvent.objects.get(case=case, name="schedule_hearing")
    local = datetime.fromisoformat(hearing.payload["hearing_at"]).astimezone(SHANGHAI)
    client.force_login(personas.officer)
    page = client.get(reverse("case-detail", args=[case.pk]),
                      HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    timeline = page[page.index('id="timeline-title"'):]
    timeline = timeline[:timeline.index("</section>")]
    for label, value in (("被请求人答辩意见", "被控产品未落入保护范围。"),
                         ("口头审理地点", "南宁市知识产权局第一审理庭"),
                         ("口头审理时间", local.strftime("%Y-%m-%d %H:%M")),
                         ("承办人", personas.officer.display_name)):
        assert f">{label}</dt>" in timeline and f">{value}</dd>" in timeline, label
    # No raw keys, no ids, no ISO timestamps.
    for raw in ("hearing_at", "officer_in_charge", "defence", hearing.payload["hearing_at"],
                f">{personas.officer.pk}<"):
        assert raw not in timeline, raw


def test_the_api_timeline_carries_the_fields_and_pages(personas, case):
    api = APIClient()
    api.force_authenticate(personas.officer)
    url = f"/api/v1/cases/{case.pk}/timeline/"
    seen, link = [], f"{url}?page_size=2"
    while link:
        answer = api.get(link, HTTP_ACCEPT_LANGUAGE="zh-hans").json()
        assert set(answer) == {"next", "previous", "results"}
        assert len(answer["results"]) <= 2
        seen += answer["results"]
        link = answer["next"]
    expected = list(CaseEvent.objects.filter(case=case).order_by("at", "id")
                    .values_list("pk", flat=True))
    assert [e["id"] for e in seen] == expected and len(expected) > 2
    answer = next(e for e in seen if e["name"] == "record_answer")
    assert {"name": "defence", "label": "被请求人答辩意见",
            "value": "被控产品未落入保护范围。"} in answer["recorded"]
    assert answer["payload"]["defence"] == "被控产品未落入保护范围。"  # kept as it was


def test_a_mediation_session_is_labelled_as_mediation_not_a_hearing(
        client, personas, offices, calendar_2026, deadline_rules, time_machine):
    from mediation.tests.driver import MediationDriver

    time_machine.move_to(datetime(2026, 4, 20, 10, tzinfo=SHANGHAI))
    driver = MediationDriver(personas=personas, office=offices.nanning)
    case = driver.hold_session(driver.to_in_session(driver.new()))
    client.force_login(personas.mediator)
    page = client.get(reverse("case-detail", args=[case.pk]),
                      HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    timeline = page[page.index('id="timeline-title"'):]
    timeline = timeline[:timeline.index("</section>")]
    assert ">调解时间</dt>" in timeline and ">2026-04-10 09:30</dd>" in timeline
    assert "审理时间" not in timeline
