"""Each figure against the hand-counted fixture (stats/tests/fixture.py), the office
scope, and the agreement of every figure with the case list it links to."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from statistics import mean, median
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from cases import workdays
from stats.selectors import build_report
from stats.tests.fixture import END, START, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def fx(offices, personas, calendar_2026, deadline_rules):  # type: ignore[no-untyped-def]
    return build(offices, personas)


def _summary(report):  # type: ignore[no-untyped-def]
    rows = {r.key: {k: c.value for k, c in r.cells.items()} for r in report.summary.rows}
    rows["total"] = {k: c.value for k, c in report.summary.total.cells.items()}
    return rows


def _table(report, key):  # type: ignore[no-untyped-def]
    table = next(t for t in report.tables if t.key == key)
    return {r.key: {k: c.value for k, c in r.cells.items()} for r in table.rows}, table


def test_region_figures_by_workflow_and_total(fx, offices) -> None:  # type: ignore[no-untyped-def]
    s = _summary(build_report(offices.guangxi, START, END))
    # Received in the period: B C D F G (A before it, E after it) and M1 M2.
    assert s["ruling"]["received"] == 5 and s["mediation"]["received"] == 2
    assert s["total"]["received"] == 7
    # Accepted in the period: A (received before it) B D F; M1 M2.
    assert s["ruling"]["accepted"] == 4 and s["mediation"]["accepted"] == 2
    # Closed in the period: A D G, M2 (C closed after the end).
    assert s["ruling"]["closed"] == 3 and s["total"]["closed"] == 4
    # Open at the end: B, C (closed after the end), F; M1 (agreement being performed).
    assert s["ruling"]["open"] == 3 and s["total"]["open"] == 4
    assert s["ruling"]["in_time"] == 1 and s["ruling"]["late"] == 1
    assert s["ruling"]["rate"] == 50.0
    assert s["ruling"]["suspended"] == 1 and s["ruling"]["extended"] == 1
    assert s["ruling"]["overdue"] == 1 and s["total"]["overdue"] == 1
    # B was received against the repeat infringer (found in H, then in A under another
    # name, before B was received).
    assert s["ruling"]["repeat"] == 1 and s["total"]["repeat"] == 1


def test_working_days_to_close(fx) -> None:  # type: ignore[no-untyped-def]
    c = fx.cases
    days = {k: workdays.working_days_between(c[k].received_on, c[k].closed_on)
            for k in ("A", "D", "G", "M2")}
    # By hand on the 2025/2026 official calendar.
    assert days["G"] == 7  # 2026-01-10 (Sat) → 01-20: the 12th–16th, 19th, 20th
    report = build_report(fx.cases["A"].office.parent, START, END)
    s = _summary(report)
    ruling = [days["A"], days["D"], days["G"]]
    assert s["ruling"]["mean_days"] == round(mean(ruling), 1)
    assert s["ruling"]["median_days"] == float(median(ruling))
    assert s["total"]["median_days"] == float(median(days.values()))
    assert s["total"]["mean_days"] == round(mean(days.values()), 1)


def test_outcomes_mediation_and_amounts(fx, offices) -> None:  # type: ignore[no-untyped-def]
    report = build_report(offices.guangxi, START, END)
    ruling, _t = _table(report, "ruling-outcome")
    assert ruling["infringement_found"]["count"] == 1  # A decided 2026-03-01
    assert ruling["dismissed"]["count"] == 1  # D
    assert ruling["withdrawn"]["count"] == 1  # G
    assert ruling["rejected"]["count"] == 0  # C closed after the end
    mediation, table = _table(report, "mediation-outcome")
    assert mediation["settled"]["count"] == 1 and mediation["unsuccessful"]["count"] == 0 \
        if "unsuccessful" in mediation else mediation["failed"]["count"] == 1
    assert mediation["settled"]["amount0"] == Decimal("10000.00")
    assert mediation["settled"]["amount1"] == Decimal("6000.00")


def test_scope_county_city_region(fx, offices) -> None:  # type: ignore[no-untyped-def]
    county = _summary(build_report(offices.qingxiu, START, END))
    assert county["total"]["received"] == 2  # C and D; F was transferred away
    city = _summary(build_report(offices.nanning, START, END))
    assert city["total"]["received"] == 6  # B C D G M1 M2
    liuzhou = _summary(build_report(offices.liuzhou, START, END))
    assert liuzhou["total"]["received"] == 1  # F, taken over by transfer
    by_office, _t = _table(build_report(offices.guangxi, START, END), "office")
    assert by_office[str(offices.nanning.pk)]["received"] == 6
    assert by_office[str(offices.liuzhou.pk)]["received"] == 1
    county_offices, _t = _table(build_report(offices.qingxiu, START, END), "office")
    assert list(county_offices) == [str(offices.qingxiu.pk)]


def test_breakdowns(fx, offices, personas) -> None:  # type: ignore[no-untyped-def]
    report = build_report(offices.guangxi, START, END)
    ip, _t = _table(report, "ip")
    assert ip["invention_patent"]["received"] == 1  # B (A received before the period)
    assert ip["trademark"]["received"] == 2  # B and D
    platform, _t = _table(report, "ruling__platform")
    assert platform["京东"]["received"] == 1 and platform["淘宝"]["closed"] == 1
    # By officer: the office's own cases (the region holds none itself; Qingxiu's
    # officer closed D, Nanning's officers hold A and B).
    officers, _t = _table(report, "officer")
    assert officers == {}
    officers, _t = _table(build_report(offices.qingxiu, START, END), "officer")
    assert officers[str(personas.county_officer.pk)]["closed"] == 1
    officers, table = _table(build_report(offices.nanning, START, END), "officer")
    assert officers[str(personas.officer.pk)]["closed"] == 1
    assert officers[str(personas.officer2.pk)]["received"] == 1
    assert table.total is not None and table.total.cells["closed"].params is not None
    assert table.total.cells["closed"].params["fig_val"] == str(offices.nanning.pk)
    months = {m["month"]: m for m in report.trend["months"]}
    assert len(months) == 6
    assert months["2026-02"]["received"] == 1 and months["2026-03"]["received"] == 3
    assert months["2026-01"]["closed"] == 1 and months["2026-05"]["closed"] == 1


def _list_count(client, params) -> int:  # type: ignore[no-untyped-def]
    response = client.get(reverse("case-list") + "?" + urlencode({**params, "size": 100}))
    assert response.status_code == 200, params
    body = response.content.decode()
    tbody = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in body else ""
    return len(re.findall(r"<tr>", tbody))


@pytest.mark.parametrize("office_name", ["guangxi", "qingxiu"])
def test_every_figure_agrees_with_its_list(fx, offices, personas, client,  # type: ignore[no-untyped-def]
                                           office_name) -> None:
    office = getattr(offices, office_name)
    report = build_report(office, START, END)
    client.force_login(personas.admin)
    checked = 0
    tables = [report.summary, *report.tables]
    for table in tables:
        for row in [*table.rows, *([table.total] if table.total else [])]:
            for cell in row.cells.values():
                if cell.params is None:
                    continue
                assert _list_count(client, cell.params) == cell.value, (table.key, row.key,
                                                                       cell.params)
                checked += 1
    for m in report.trend["months"]:
        assert _list_count(client, m["received_params"]) == m["received"]
        assert _list_count(client, m["closed_params"]) == m["closed"]
    assert checked > 40


def test_figure_filter_rejects_bad_input(fx, offices, personas, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.county_officer)
    base = {"fig": "received", "fig_from": "2026-01-01", "fig_to": "2026-06-30"}
    # An office outside the user's tree: an error and no case, never another office's.
    response = client.get(reverse("case-list"), {**base, "fig_office": offices.liuzhou.pk})
    assert response.status_code == 400
    assert "测试〔" not in response.content.decode()
    for bad in ({"fig_office": offices.qingxiu.pk, "fig_to": "2025-01-01"},
                {"fig_office": offices.qingxiu.pk, "fig": "nonsense"},
                {"fig_office": offices.qingxiu.pk, "fig_dim": "office", "fig_val": "x"}):
        assert client.get(reverse("case-list"), {**base, **bad}).status_code == 400
    ok = client.get(reverse("case-list"), {**base, "fig_office": offices.qingxiu.pk})
    assert ok.status_code == 200 and "data-figure-filter" in ok.content.decode()


def test_empty_period(offices, personas) -> None:  # type: ignore[no-untyped-def]
    report = build_report(offices.guangxi, date(2030, 1, 1), date(2030, 1, 31))
    assert report.summary.rows == []
    assert report.summary.total.cells["received"].value == 0
    assert report.summary.total.cells["mean_days"].value is None


def test_the_mediation_success_rate_reads_in_chinese_punctuation(fx, offices) -> None:  # type: ignore[no-untyped-def]
    from django.utils import translation

    with translation.override("zh-hans"):
        report = build_report(offices.guangxi, START, END)
        _mediation, table = _table(report, "mediation-outcome")
    assert table.note == "调解成功率：50.0%（2件中1件）"  # was 调解成功率: 50.0% (1 / 2)
