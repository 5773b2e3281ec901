"""The rights of a case are headed by their kind (decision 57): a trademark case's page
said 涉案专利."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.complaints.services import ComplaintRequest, register_complaint
from cases.models.rights import RightKind, rights_heading
from tests.factories import LegalPersonFactory, TrademarkFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    return RulingDriver(personas, time_machine)


def test_the_heading_follows_the_kinds():
    assert rights_heading([RightKind.INVENTION_PATENT, RightKind.DESIGN_PATENT]) == "涉案专利"
    assert rights_heading([RightKind.TRADEMARK]) == "涉案商标"
    assert rights_heading([RightKind.COPYRIGHT]) == "涉案著作权"
    assert rights_heading([RightKind.TRADEMARK, RightKind.UTILITY_MODEL]) == "涉案知识产权"
    assert rights_heading([]) == "涉案知识产权"


def test_a_trademark_case_page_lists_the_mark_under_its_kind(driver, personas, client):
    office = personas.officer.office
    mark = TrademarkFactory(office=office)
    case = register_complaint(actor=personas.officer, request=ComplaintRequest(
        kind="tip_off", channel="online", received_on=timezone.localdate(),
        title="销售假冒注册商标的商品", facts="网店销售假冒注册商标的商品。",
        accused_party=LegalPersonFactory(office=office, region_code="450103"),
        rights=[mark], anonymous=True))
    client.force_login(personas.officer)
    html = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "涉案商标" in html and "涉案专利" not in html
    patent_case = driver.file()
    html = client.get(reverse("case-detail", args=[patent_case.pk])).content.decode()
    assert "涉案专利" in html
