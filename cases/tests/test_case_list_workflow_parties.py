"""The case list names who a complaint, a referral and a transfer are between, as their
pages do (decision 78): a complaint's complainant (匿名 when anonymous) and accused party,
a referral's or a transfer's suspect (the accused party of the case it comes from); the
list's search finds a referral and a transfer by that name, each once; and a page costs
the same queries however many of them it shows."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import Case
from cases.referral.services import open_referral
from cases.ruling.models import CaseState
from cases.selectors.cases import case_list
from tests.factories import PartyFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


def _rows(client, **params) -> dict[str, str]:
    """The list's rows by case number: the text of the row's party column."""
    page = client.get(reverse("case-list"), params, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    rows: dict[str, str] = {}
    for row in page.content.decode().split("<tr")[1:]:
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        number = next((n for n in Case.objects.values_list("number", flat=True)
                       if n in row), None)
        if number is None or len(cells) < 3:
            continue
        assert number not in rows, f"{number} listed twice"
        party_cell = next(c for c in cells if 'class="text-body-secondary"' in c or c == "")
        rows[number] = " ".join(re.sub(r"<[^>]+>", " ", party_cell).split())
    return rows


@pytest.fixture
def four(referral_driver) -> tuple[Case, Case, Case, Case]:
    """A complaint, an anonymous tip-off, a referral and a transfer, each naming its sides."""
    return (referral_driver.complaint(),
            referral_driver.complaint(kind="tip_off", anonymous=True,
                                      accused=PartyFactory(name="桂林市某商行")),
            referral_driver.referral(accused=PartyFactory(name="柳州市嫌疑贸易有限公司")),
            referral_driver.transfer())


def test_the_list_names_a_complaint_s_sides_and_a_referral_s_suspect(client, personas, four):
    complaint, tip_off, referral, transfer = four
    client.force_login(personas.officer)
    rows = _rows(client)
    assert rows[complaint.number] == ("投诉举报人 广西壮乡食品有限公司 "
                                      "被投诉举报人 南宁市某某商贸有限公司")
    assert rows[tip_off.number] == "投诉举报人 匿名 被投诉举报人 桂林市某商行"
    assert rows[referral.number] == "当事人 柳州市嫌疑贸易有限公司"
    assert rows[transfer.number] == "当事人 南宁市某某商贸有限公司"


@pytest.mark.parametrize("path", ["keys", "walk"])
def test_the_list_finds_a_referral_and_a_transfer_by_the_suspect(client, personas, referral_driver,
                                                                 monkeypatch, path):
    if path == "walk":
        monkeypatch.setattr("cases.selectors.cases.TEXT_CANDIDATES", 0)
    referral = referral_driver.referral(accused=PartyFactory(name="柳州市嫌疑贸易有限公司"))
    transfer = referral_driver.transfer()
    client.force_login(personas.officer)
    found = _rows(client, q="嫌疑贸易")
    assert set(found) == {referral.number, referral.origin.number}
    assert transfer.number in _rows(client, q="某某商贸")
    # Another office's officer finds nothing of them.
    client.force_login(personas.outsider)
    assert not _rows(client, q="嫌疑贸易")


def test_a_referral_from_a_ruling_case_names_its_respondents(client, personas, referral_driver,
                                                             time_machine, monkeypatch):
    ruling = RulingDriver(personas, time_machine).bring_to(CaseState.INVESTIGATION)
    respondents = [cp.party.name for cp in ruling.case_parties.select_related("party")
                   .filter(role="respondent").order_by("position", "pk")]
    with transaction.atomic():
        referral = open_referral(origin=ruling, actor=personas.officer, offence="213",
                                 suspicion="非法经营数额超过追诉标准",
                                 task_force=[personas.officer, personas.officer2])
    client.force_login(personas.officer)
    shown = _rows(client)[referral.number]
    assert shown.startswith(f"当事人 {respondents[0]}")
    assert shown.endswith("等") == (len(respondents) > 1)
    # Found by the respondent's name, once (the ruling has several parties), from the
    # candidates' keys and by the walk a common text takes.
    assert referral.number in _rows(client, q=respondents[0])
    # Every party of the ruling matches this text: still one row each.
    for number, cp in enumerate(ruling.case_parties.select_related("party")):
        cp.party.name = f"钦州第{number}贸易有限公司"
        cp.party.save()
    for path in ("keys", "walk"):
        if path == "walk":
            monkeypatch.setattr("cases.selectors.cases.TEXT_CANDIDATES", 0)
        found = _rows(client, q="贸易有限公司")
        assert referral.number in found and ruling.number in found, path
        # What the list and the export read: each case once.
        keys = list(case_list(personas.officer, text="贸易有限公司")
                    .values_list("pk", flat=True))
        assert sorted(keys) == sorted(set(keys)) and referral.pk in keys, path


def test_a_page_of_them_costs_the_same_queries(client, personas, referral_driver):
    referral_driver.referral()
    referral_driver.transfer()
    client.force_login(personas.officer)
    url = reverse("case-list")
    client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for _ in range(3):
        referral_driver.referral(accused=PartyFactory())
        referral_driver.transfer()
        referral_driver.complaint(kind="tip_off", anonymous=True)
    assert count() == before


def test_the_export_names_the_sides_as_the_list_does(client, personas, referral_driver, four):
    complaint, tip_off, referral, transfer = four
    client.force_login(personas.officer)
    response = client.get(reverse("case-export"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    header, *rows = load_workbook(io.BytesIO(b"".join(response.streaming_content))
                                  ).active.iter_rows(values_only=True)
    sides = {row[0]: (row[header.index("请求人")], row[header.index("被请求人")]) for row in rows}
    assert sides[complaint.number] == ("广西壮乡食品有限公司", "南宁市某某商贸有限公司")
    assert sides[tip_off.number] == ("匿名", "桂林市某商行")
    assert sides[referral.number] == (None, "柳州市嫌疑贸易有限公司")
    assert sides[transfer.number] == (None, "南宁市某某商贸有限公司")
    # The referral's origin, a complaint, keeps its own sides.
    assert sides[referral.origin.number][1] == "柳州市嫌疑贸易有限公司"

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            b"".join(client.get(reverse("case-export")).streaming_content)
        return len(ctx.captured_queries)

    before = count()
    for _ in range(3):
        referral_driver.referral(accused=PartyFactory())
        referral_driver.complaint(kind="tip_off", anonymous=True)
    assert count() == before


def test_the_sort_by_parties_sorts_by_the_first_name_the_column_shows(client, personas,
                                                                      referral_driver, four):
    """Before, the sort read the case parties only: complaints, tip-offs, referrals and
    transfers, which name their sides on their own records, all sorted as nameless. An
    anonymous tip-off still sorts as nameless (its complainant is not shown)."""
    complaint, tip_off, referral, transfer = four
    other = referral_driver.complaint(accused=PartyFactory(name="北海市某公司"))
    other.complaint.complainant_party = PartyFactory(name="防城港市甲公司")
    other.complaint.save()
    client.force_login(personas.officer)
    page = client.get(reverse("case-list"), {"sort": "parties"}).content.decode()
    names = {tip_off: "", complaint: "广西壮乡食品有限公司", other: "防城港市甲公司",
             referral: "柳州市嫌疑贸易有限公司", transfer: "南宁市某某商贸有限公司"}
    listed = sorted(names, key=lambda case: page.index(f">{case.number}<"))
    assert listed == sorted(names, key=lambda case: (names[case], case.pk))
