"""Complaints, referrals and transfers as a user meets them: the registration page, the
flag on the case page, the list and the workbench, the head's decision not to refer, the
referral dashboard and the API."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cases.models import Case, Role
from cases.referral.models import ThresholdFlag
from tests.factories import PartyFactory, TrademarkFactory, UserFactory

PASSWORD = "correct-horse-battery"  # noqa: S105 - the factories' test password
SHANGHAI = ZoneInfo("Asia/Shanghai")
FLAG = "涉嫌犯罪，应当移送"

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_an_officer_registers_a_complaint_over_a_threshold_and_sees_the_flag(
        client, referral_driver, personas, offices):
    accused = PartyFactory(name="南宁市假冒商贸有限公司", office=offices.nanning)
    mark = TrademarkFactory(office=offices.nanning)
    _login(client, personas.officer)
    page = client.get(reverse("complaint-register"))
    assert page.status_code == 200
    response = client.post(reverse("complaint-register"), {
        "kind": "tip_off", "channel": "12315", "received_on": "2026-03-02",
        "title": "销售假冒白酒", "accused_party": accused.pk, "rights": [mark.pk],
        "facts": "门店大量销售假冒注册商标白酒", "anonymous": "on",
        "illegal_turnover": "80000"})
    case = Case.objects.get(workflow="complaint")
    assert response.status_code == 302 and response.url == reverse("case-detail",
                                                                   args=[case.pk])
    detail = client.get(response.url).content.decode()
    assert FLAG in detail and "¥80,000" in detail and "¥50,000" in detail
    assert FLAG in client.get(reverse("case-list")).content.decode()
    assert FLAG in client.get(reverse("home")).content.decode()
    assert "记录不移送决定" not in detail  # only the head may decide not to refer


def test_a_bad_registration_is_a_400_and_saves_nothing(client, referral_driver, personas, offices):
    _login(client, personas.officer)
    response = client.post(reverse("complaint-register"), {
        "kind": "complaint", "channel": "12345", "received_on": "2026-03-02",
        "title": "x", "accused_party": PartyFactory(office=offices.nanning).pk,
        "facts": "x", "anonymous": "on"})
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_the_head_records_why_not_and_the_flag_leaves_the_lists(client, referral_driver, personas):
    case = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    _login(client, personas.officer)
    assert client.post(reverse("threshold-waive", args=[case.pk]),
                       {"reason": "x"}).status_code == 403
    _login(client, personas.head)
    assert "记录不移送决定" in client.get(reverse("case-detail", args=[case.pk])).content.decode()
    client.post(reverse("threshold-waive", args=[case.pk]), {"reason": "经核实数额不足"})
    assert ThresholdFlag.objects.get(case=case).waiver_reason == "经核实数额不足"
    assert FLAG not in client.get(reverse("case-list")).content.decode()
    assert "经核实数额不足" in client.get(reverse("case-detail", args=[case.pk])).content.decode()


def test_referral_and_transfer_pages(client, referral_driver, personas):
    referral = referral_driver.referral_in("with_police")
    _login(client, personas.officer)
    page = client.get(reverse("case-detail", args=[referral.pk])).content.decode()
    assert "南宁市公安局" in page and "涉嫌犯罪案件移送书" in page and "韦警官" in page
    transfer = referral_driver.transfer()
    referral_driver.act(transfer, "send")
    _login(client, personas.outsider)
    page = client.get(reverse("case-detail", args=[transfer.pk])).content.decode()
    assert "柳州市知识产权局" in page and "接收移交案件" in page
    assert client.get(reverse("case-detail", args=[transfer.origin_id])).status_code == 404


def test_the_dashboard_is_for_heads_and_legal_staff_of_the_office_tree(client, referral_driver,
                                                                       personas, offices):
    flagged = referral_driver.complaint(figures={"illegal_turnover": 80_000})
    referral = referral_driver.referral_in("approved")
    _login(client, personas.officer)
    assert client.get(reverse("referral-dashboard")).status_code == 403
    for user in (personas.head, personas.legal, referral_driver.superior_head):
        page = _login(client, user).get(reverse("referral-dashboard")).content.decode()
        assert flagged.number in page and referral.number in page, user
    lz_head = UserFactory(username="lz_head", office=offices.liuzhou, roles=[Role.HEAD])
    page = _login(client, lz_head).get(reverse("referral-dashboard")).content.decode()
    assert flagged.number not in page and referral.number not in page


def test_the_api_registers_triages_and_waives(client, referral_driver, personas, offices):
    accused = PartyFactory(office=offices.nanning)
    mark = TrademarkFactory(office=offices.nanning)
    _login(client, personas.officer)
    created = client.post("/api/v1/cases/", {
        "workflow": "complaint", "kind": "tip_off", "channel": "online",
        "received_on": "2026-03-02", "title": "网店销售假冒商品", "accused_party": accused.pk,
        "rights": [mark.pk], "facts": "网店销售", "anonymous": True,
        "illegal_gain": "40000"}, content_type="application/json")
    assert created.status_code == 201, created.content
    case_id = created.json()["id"]
    refused = client.post(f"/api/v1/cases/{case_id}/transitions/not_accept/",
                          {"on": "2026-03-02", "reason": "x"},
                          content_type="application/json")
    assert refused.status_code == 409 and FLAG in refused.json()["detail"]
    assert client.post(f"/api/v1/cases/{case_id}/threshold-waiver/", {"reason": "x"},
                       content_type="application/json").status_code == 403
    figures = client.post(f"/api/v1/cases/{case_id}/figures/", {"illegal_gain": "-1"},
                          content_type="application/json")
    assert figures.status_code == 400
    _login(client, personas.head)
    waived = client.post(f"/api/v1/cases/{case_id}/threshold-waiver/",
                         {"reason": "违法所得系估算"}, content_type="application/json")
    assert waived.status_code == 200 and waived.json()["waiver_reason"] == "违法所得系估算"
    board = client.get("/api/v1/referrals/dashboard/").json()
    assert board["counts"]["flagged_not_referred"] == 0
    assert client.get(board["lists"]["flagged_not_referred"]).json()["results"] == []
    _login(client, personas.outsider)
    assert client.post(f"/api/v1/cases/{case_id}/threshold-waiver/", {"reason": "x"},
                       content_type="application/json").status_code == 404


def test_a_clock_of_hours_shows_when_it_ends(client, referral_driver, personas):
    """The 24 hours to send an approved referral: the case page and the workbench show the
    moment they end, not only the day."""
    case = referral_driver.referral_in("approved")  # approved on 2 March 2026 at 09:00
    _login(client, personas.officer)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "2026-03-03 09:00" in page
    workbench = client.get(reverse("home")).content.decode()
    assert "2026-03-03 09:00" in workbench
