"""The number of registered trademarks involved is judged as stated; when nobody stated it,
the registered trademarks among the case's rights are counted. Before, an unstated number
was a stored 1, so a case about two counterfeited marks with a turnover between the
two-mark threshold (¥30,000) and the one-mark threshold (¥50,000) was not flagged until an
officer thought of recording 2."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cases.complaints.models import ComplaintCase
from cases.complaints.services import ComplaintRequest, register_complaint, update_figures
from cases.models import Case
from cases.models.rights import RightStatus
from cases.referral.models import ThresholdFlag
from tests.factories import PartyFactory, TrademarkFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def moment(personas, offices, calendar_2026, deadline_rules, thresholds, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)


def _register(personas: Any, offices: Any, rights: list[Any], *,
              marks_count: int | None = None, turnover: int = 40_000) -> Case:
    return register_complaint(actor=personas.officer, request=ComplaintRequest(
        kind="complaint", channel="12345", received_on=timezone.localdate(),
        title="销售假冒注册商标的白酒", accused_party=PartyFactory(name="南宁市某某商贸有限公司"),
        facts="门店销售假冒两种注册商标的白酒。", rights=rights,
        complainant_name="广西壮乡食品有限公司",
        figures={"illegal_turnover": Decimal(turnover)}, marks_count=marks_count))


def _marks(offices: Any, *statuses: str) -> list[Any]:
    return [TrademarkFactory(office=offices.nanning, status=status) for status in statuses]


def _two_mark_hit(case: Case) -> bool:
    flag = ThresholdFlag.objects.filter(case=case).first()
    return flag is not None and any(figure["code"] == "cl213.two_marks.turnover"
                                    for hit in flag.hits for figure in hit["figures"])


def test_an_unstated_number_counts_the_registered_marks_among_the_rights(moment, personas,
                                                                          offices):
    case = _register(personas, offices, _marks(offices, RightStatus.VALID, RightStatus.VALID))
    assert ComplaintCase.objects.get(case=case).marks_count is None
    assert _two_mark_hit(case)


def test_a_stated_number_is_judged_as_stated(moment, personas, offices):
    case = _register(personas, offices, _marks(offices, RightStatus.VALID, RightStatus.VALID),
                     marks_count=1)
    assert not ThresholdFlag.objects.filter(case=case).exists()
    update_figures(case_id=case.pk, actor=personas.officer, figures={"marks_count": None})
    assert _two_mark_hit(case)


def test_a_mark_under_examination_or_declared_invalid_is_not_counted(moment, personas,
                                                                    offices):
    case = _register(personas, offices, _marks(offices, RightStatus.VALID,
                                               RightStatus.PENDING, RightStatus.INVALIDATED))
    assert not ThresholdFlag.objects.filter(case=case).exists()
    case = _register(personas, offices, _marks(offices, RightStatus.VALID), marks_count=2)
    assert _two_mark_hit(case)


def test_the_page_and_the_api_tell_not_stated_from_one(moment, personas, offices, client):
    unstated = _register(personas, offices, _marks(offices, RightStatus.VALID,
                                                   RightStatus.VALID))
    one = _register(personas, offices, _marks(offices, RightStatus.VALID), marks_count=1)
    client.force_login(personas.officer)
    assert client.get(f"/api/v1/cases/{unstated.pk}/").json()["marks_count"] is None
    assert client.get(f"/api/v1/cases/{one.pk}/").json()["marks_count"] == 1
    page = client.get(f"/cases/{unstated.pk}/").content.decode()
    assert "2（未填写，按案件所涉注册商标计）" in page
    page = client.get(f"/cases/{one.pk}/").content.decode()
    assert "涉及注册商标种数" in page and "未填写" not in page
