"""The statistics page, its exports, the repeat-infringer list and where repeat
infringers are shown (intake, case page)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import Party
from stats.models import Finding
from stats.repeat import intake_check, repeat_infringers_in
from stats.tests.fixture import END, OLD_USCC, ONCE_USCC, REPEAT_USCC, START, build

pytestmark = pytest.mark.django_db
PERIOD = {"start": START.isoformat(), "end": END.isoformat()}


@pytest.fixture
def fx(offices, personas, calendar_2026, deadline_rules):  # type: ignore[no-untyped-def]
    return build(offices, personas)


def test_who_sees_the_page_and_the_menu(fx, personas, client) -> None:  # type: ignore[no-untyped-def]
    for user in (personas.officer, personas.mediator, personas.county_officer):
        client.force_login(user)
        refused = client.get(reverse("statistics"))
        assert refused.status_code == 403
        assert "统计分析仅供负责人、法制审核人员和管理员使用" in refused.content.decode()
        assert client.get(reverse("repeat-infringers")).status_code == 403
        assert reverse("statistics") not in client.get(reverse("home")).content.decode()
    for user in (personas.head, personas.legal, personas.admin):
        client.force_login(user)
        assert client.get(reverse("statistics"), PERIOD).status_code == 200
        assert reverse("statistics") in client.get(reverse("home")).content.decode()


def test_page_with_charts_and_linked_figures(fx, offices, personas, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.admin)
    body = client.get(reverse("statistics"), {**PERIOD, "office": offices.guangxi.pk}
                      ).content.decode()
    assert "echarts.min.js" in body and 'id="stats-charts"' in body
    assert 'data-chart="offices"' in body and "南宁市知识产权局" in body
    assert 'data-figure="received"' in body and "fig_office=" in body
    assert "<script>" not in body.replace('<script type="application/json"', "")


def test_head_cannot_pick_an_office_outside_their_tree(fx, offices, personas, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.head)  # 南宁
    response = client.get(reverse("statistics"), {**PERIOD, "office": offices.liuzhou.pk})
    assert response.status_code == 400
    response = client.get(reverse("statistics"), {"start": "2026-06-30", "end": "2026-01-01"})
    assert response.status_code == 400 and "invalid-feedback" in response.content.decode()
    assert client.get(reverse("statistics-export-xlsx"), {
        **PERIOD, "office": offices.liuzhou.pk}).status_code == 400


def test_xlsx_layout(fx, offices, personas, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.admin)
    response = client.get(reverse("statistics-export-xlsx"),
                          {**PERIOD, "office": offices.guangxi.pk})
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    cells = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    assert cells[0][0]  # the title
    assert cells[1][1] == "广西壮族自治区知识产权局"
    assert cells[2][1] == "2026-01-01至2026-06-30"
    # One table per breakdown: its title alone on a row, a header row (first cell empty),
    # its rows and a totals row.
    title_rows = [i for i in range(5, len(cells) - 1)
                  if cells[i][0] and not any(cells[i][1:]) and cells[i + 1][0] is None
                  and cells[i + 1][1]]
    assert len(title_rows) >= 6
    header = cells[title_rows[0] + 1]
    total_row = next(row for row in cells[title_rows[0]:title_rows[1]]
                     if row[0] in ("Total", "合计"))
    assert total_row[1] == 7  # received, the first figure column
    assert header[1] in ("Received", "收案")
    assert str(cells[-1][0]).startswith(("Generated at", "生成于"))


def test_csv_has_the_same_tables(fx, offices, personas, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.admin)
    response = client.get(reverse("statistics-export-csv"),
                          {**PERIOD, "office": offices.qingxiu.pk})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == [rows[1][0], "南宁市青秀区知识产权局"]
    totals = [r for r in rows if r and r[0] in ("Total", "合计")]
    assert totals and totals[0][1] == "2"  # C and D received


def test_page_and_exports_write_the_period_alike(fx, offices, personas, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.admin)
    query = {**PERIOD, "office": offices.guangxi.pk}
    page = client.get(reverse("statistics"), query).content.decode()
    assert "广西壮族自治区知识产权局及其下级单位，2026-01-01至2026-06-30。" in page
    ws = load_workbook(io.BytesIO(client.get(reverse("statistics-export-xlsx"), query
                                             ).content)).active
    assert ws.cell(row=3, column=2).value == "2026-01-01至2026-06-30"
    rows = list(csv.reader(io.StringIO(client.get(reverse("statistics-export-csv"), query
                                                  ).content.decode("utf-8-sig"))))
    assert ["统计期间", "2026-01-01至2026-06-30"] in rows


def test_repeat_infringer_detection_by_identifier(fx, personas) -> None:  # type: ignore[no-untyped-def]
    found = repeat_infringers_in([REPEAT_USCC, ONCE_USCC, OLD_USCC])
    # A and H under two names; ONCE found (D) dismissed; OLD's first finding is too old.
    assert list(found) == [REPEAT_USCC]
    assert found[REPEAT_USCC].count == 2
    assert {f.name for f in found[REPEAT_USCC].newest} == {"广西某某贸易有限公司",
                                                           "某某贸易（广西）公司"}
    assert {f.case_id for f in found[REPEAT_USCC].newest} == {fx.cases["A"].pk,
                                                              fx.cases["H"].pk}
    # A warning lists the newest findings only, and says how many there are.
    (listed,) = repeat_infringers_in([REPEAT_USCC], listed=1)[REPEAT_USCC].newest
    newest = max((fx.cases["A"], fx.cases["H"]), key=lambda c: Finding.objects.get(
        case=c, id_number=REPEAT_USCC).on)
    assert listed.case_id == newest.pk
    party = Party.objects.filter(id_number=REPEAT_USCC).first()
    assert party is not None
    html = intake_check(personas.officer, [party])
    assert html and html.count("<li>") == 2 and "listed" not in html
    with override_settings(REPEAT_INFRINGER_WINDOW_YEARS=10):
        # Within ten years OLD (I in 2020, M1's settlement with an undertaking) repeats too.
        assert set(repeat_infringers_in([REPEAT_USCC, OLD_USCC])) == {REPEAT_USCC, OLD_USCC}


def test_repeat_list_scope_filter_and_export(fx, offices, personas, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.head)
    body = client.get(reverse("repeat-infringers")).content.decode()
    assert REPEAT_USCC in body and ONCE_USCC not in body and OLD_USCC not in body
    # H is Liuzhou's: shown by number, not linked for a Nanning head.
    assert fx.cases["H"].number in body
    assert reverse("case-detail", args=[fx.cases["H"].pk]) not in body
    assert reverse("case-detail", args=[fx.cases["A"].pk]) in body
    assert REPEAT_USCC in client.get(reverse("repeat-infringers"), {"q": "某某贸易（广西）"}
                                     ).content.decode()
    assert REPEAT_USCC not in client.get(reverse("repeat-infringers"), {"q": "无此公司"}
                                         ).content.decode()
    # No ruling in the fixture has become effective.
    assert REPEAT_USCC not in client.get(reverse("repeat-infringers"), {"effective": "on"}
                                         ).content.decode()
    response = client.get(reverse("repeat-infringers-export-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3 and {r[3] for r in rows[1:]} == {fx.cases["A"].number,
                                                             fx.cases["H"].number}
    xlsx = client.get(reverse("repeat-infringers-export-xlsx"))
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.cell(row=2, column=1).value == REPEAT_USCC
    # Qingxiu's officer is no statistics user; Qingxiu's cases hold no finding of it.
    client.force_login(personas.county_officer)
    assert client.get(reverse("repeat-infringers")).status_code == 403


def test_shown_on_the_case_page_and_at_intake(fx, personas, client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(personas.head)
    body = client.get(reverse("case-detail", args=[fx.cases["B"].pk])).content.decode()
    assert 'data-check="repeat-infringer"' in body and REPEAT_USCC in body
    # D's respondent has one finding only.
    body = client.get(reverse("case-detail", args=[fx.cases["D"].pk])).content.decode()
    assert 'data-check="repeat-infringer"' not in body
    # A itself is one of the two findings: the other one alone does not make a repeat.
    body = client.get(reverse("case-detail", args=[fx.cases["A"].pk])).content.decode()
    assert 'data-check="repeat-infringer"' not in body
    client.force_login(personas.officer)
    party = fx.cases["B"].case_parties.get(role="respondent").party
    body = client.post(reverse("intake-checks"), {"respondents": [party.pk]}).content.decode()
    assert 'data-check="repeat-infringer"' in body and fx.cases["A"].number in body


def test_figure_links_encode_as_urlencode() -> None:
    """The figures' links are encoded as urlencode would (plain values left as they are,
    the others quoted: Chinese platform names, spaces, separators)."""
    from urllib.parse import urlencode

    from stats.templatetags.stats_tags import query_string

    params = {"fig_office": "12", "fig_from": "2026-01-01", "fig": "own:infringement_found",
              "fig_dim": "ruling__platform", "fig_val": "淘宝 & 京东=1/2+", "x y": "~a-b_c.d"}
    assert query_string(params) == urlencode(params)
    assert query_string({}) == ""


def test_reading_the_repeat_infringer_list_is_recorded(fx, personas, client) -> None:  # type: ignore[no-untyped-def]
    """The list names respondents with their identity numbers and is searched by them: a
    read of party data, recorded as the party list is (decision 71); nothing found, nothing
    read."""
    from cases.models import AuditAction, AuditEntry

    client.force_login(personas.head)
    assert client.get(reverse("repeat-infringers"), {"q": "某某贸易（广西）"}).status_code == 200
    e = AuditEntry.objects.get(action=AuditAction.PARTY_DATA_READ)
    assert (e.actor, e.office) == (personas.head, personas.head.office)
    assert e.detail.startswith("repeat-infringers ?q=") and e.detail.endswith("(1)")
    client.get(reverse("repeat-infringers"), {"q": "无此公司"})
    assert AuditEntry.objects.filter(action=AuditAction.PARTY_DATA_READ).count() == 1
