"""The case page shows the latest timeline entries and loads the earlier ones a page at a
time ("更早的记录", htmx or a page of its own), with the same number of queries whatever
the number of entries."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CaseEvent
from cases.models.events import EventKind
from cases.ruling.models import CaseState
from cases.views.timeline import TIMELINE_PAGE
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
ENTRY = re.compile(r"委托鉴定第(\d+)次")


@pytest.fixture
def case(personas, offices, calendar_2026, deadline_rules, thresholds, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine).bring_to(CaseState.INVESTIGATION)


def _add_entries(case, actor, count: int, start: int = 0) -> None:
    """Entries of a real action with recorded fields (at the same instant: the order
    falls back on the id)."""
    CaseEvent.objects.bulk_create(
        CaseEvent(case=case, actor=actor, kind=EventKind.TRANSITION, name="start_appraisal",
                  reason=f"委托鉴定第{i}次", payload={"institution": "广西知识产权鉴定中心",
                                                  "matter": "技术特征比对"})
        for i in range(start, start + count))


def _shown(html: str) -> list[int]:
    return [int(n) for n in ENTRY.findall(html)]


def _older_link(html: str) -> str | None:
    found = re.search(r'hx-get="([^"]+)"[^>]*data-older=', html)
    return found.group(1).replace("&amp;", "&") if found else None


def _page_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_case_page_shows_the_latest_entries_and_loads_the_earlier(case, personas, client):
    client.force_login(personas.officer)
    url = f"/cases/{case.pk}/"
    _add_entries(case, personas.officer, 3)
    client.get(url)
    few = _page_queries(client, url)
    _add_entries(case, personas.officer, 300, start=3)
    assert _page_queries(client, url) == few
    page = client.get(url).content.decode()
    assert _shown(page) == list(range(302, 302 - TIMELINE_PAGE, -1))
    assert "更早的记录" in page
    seen, link = _shown(page), _older_link(page)
    pages = 1
    while link:
        response = client.get(link, headers={"HX-Request": "true"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<html" not in html  # the list items only, swapped in place of the link
        seen += _shown(html)
        link, pages = _older_link(html), pages + 1
    assert seen == list(range(302, -1, -1))  # every entry once, newest first
    assert pages > 300 // TIMELINE_PAGE
    # Without JavaScript, the link opens the earlier entries on a page of their own.
    html = client.get(_older_link(page)).content.decode()
    assert "<html" in html and _shown(html)[0] == 302 - TIMELINE_PAGE


def test_a_bad_link_and_another_office_are_refused(case, personas, client):
    client.force_login(personas.officer)
    response = client.get(f"/cases/{case.pk}/timeline/?older=xyz")
    assert response.status_code == 400
    assert "该“更早的记录”链接无效" in response.content.decode()
    latest = client.get(f"/cases/{case.pk}/timeline/")  # no cursor: the latest entries
    assert latest.status_code == 200 and 'class="timeline-item"' in latest.content.decode()
    client.force_login(personas.outsider)
    assert client.get(f"/cases/{case.pk}/timeline/?older=xyz").status_code == 404
