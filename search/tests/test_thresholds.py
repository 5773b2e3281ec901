"""Imported enforcement decisions are judged against the criminal thresholds in force on
their dates: the import report, the search results and the precedent page say "涉嫌犯罪，
应当移送" with the rule and figures; court judgments and figures below every threshold
are not flagged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from search.importing import import_rows
from search.models import Decision
from search.services import drain_outbox, save_decision
from search.thresholds import decision_thresholds

pytestmark = pytest.mark.django_db

TEXT = "当事人销售假冒注册商标的白酒，违法经营额八万元，本局决定处以罚款。"


def _row(external_id: str, decided_on: str, turnover: str, ip_type: str = "商标") -> dict:
    return {"file": "a.txt", "external_id": external_id, "title": f"销售假冒白酒案{external_id}",
            "decided_on": decided_on, "ip_type": ip_type, "outcome": "infringement_found",
            "illegal_turnover": turnover, "fine": "20000"}


def test_the_import_report_flags_decisions_over_a_threshold_by_their_date(offices, thresholds):
    rows = [(2, _row("T1", "2024-06-01", "80,000")),   # over art. 213's ¥50,000
            (3, _row("T2", "2024-06-01", "40000")),    # below
            (4, _row("T3", "2024-06-01", "80000", "外观设计专利")),  # art. 216: ¥200,000
            (5, {**_row("T4", "2024-06-01", ""), "illegal_gain": "35000"})]  # gain ≥ ¥30,000
    report = import_rows(rows, office=offices.nanning, source="office",
                         read_file=lambda name: TEXT.encode())
    flags = {row.external_id: row.thresholds for row in report.rows}
    assert "刑法第二百一十三条" in flags["T1"] and "¥80,000 ≥ ¥50,000" in flags["T1"]
    assert flags["T2"] == "" and flags["T3"] == ""
    assert "¥35,000 ≥ ¥30,000" in flags["T4"]
    assert report.over_threshold == 2


def test_a_decision_is_judged_by_the_rules_in_force_on_its_own_date(offices, thresholds):
    """The seeded figures ended on 2025-04-25; the fixture enters the 2025 ones from
    2025-04-26 with their own legal basis: each decision cites the rule of its date."""
    old, new = (save_decision(source="office", external_id=f"D{n}", office=offices.nanning,
                              title="案", decided_on=on, ip_type="trademark",
                              outcome="infringement_found", full_text=TEXT,
                              illegal_turnover=Decimal("80000"))
                for n, on in ((1, date(2025, 4, 25)), (2, date(2025, 4, 26))))
    hits = decision_thresholds([old, new])
    assert "法释〔2025〕5号（测试数据）" not in hits[old.pk][0].legal_basis
    assert hits[new.pk][0].legal_basis == "法释〔2025〕5号（测试数据）"


def test_court_judgments_are_not_judged(offices, thresholds):
    report = import_rows([(2, _row("C1", "2024-06-01", "900000"))], office=offices.nanning,
                         source="court", read_file=lambda name: TEXT.encode())
    assert report.rows[0].thresholds == ""


@pytest.fixture
def flagged(offices, thresholds, settings, tmp_path) -> Decision:
    settings.SEARCH_EMBEDDED_DIR = tmp_path / "idx"
    decision = save_decision(
        source="office", external_id="F1", office=offices.nanning, title="销售假冒壮乡白酒案",
        decided_on=date(2024, 6, 1), ip_type="trademark", outcome="infringement_found",
        full_text=TEXT, illegal_turnover=Decimal("80000"), fine=Decimal("20000"))
    drain_outbox()
    return decision


def test_the_search_results_and_the_precedent_page_show_the_flag(client, personas, flagged):
    client.force_login(personas.legal)
    results = client.get(reverse("precedent-search"), {"q": "白酒"}).content.decode()
    assert flagged.title in results
    assert "涉嫌犯罪，应当移送" in results and "¥80,000 ≥ ¥50,000" in results
    page = client.get(reverse("precedent-detail", args=[flagged.pk])).content.decode()
    assert "涉嫌犯罪，应当移送" in page and "刑法第二百一十三条" in page
    assert "2024-06-01" in page and "80,000.00" in page
