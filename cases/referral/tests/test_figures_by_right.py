"""The 涉案数额 of a case are the measures of the offences its rights can give rise to: a
patent case records the 假冒专利 figures (turnover, gain, the patentee's loss), never a
number of copies, labels or trademarks; the panel, its form, the API's input and output
and the threshold rules agree."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from cases.complaints.models import ComplaintCase
from cases.models.rights import RightKind
from cases.referral.models import CaseFigures, ThresholdRule
from cases.referral.models.figures import RECORDED_FIELDS, fields_for
from cases.referral.models.thresholds import case_offences
from cases.referral.seeds import DEFAULT_THRESHOLDS
from cases.ruling.models import CaseState
from tests.referral_driver import Driver
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
PATENT_LABELS = ("非法经营数额（元）", "违法所得数额（元）", "权利人损失数额（元）")
NOT_PATENT_LABELS = ("复制品数量", "标识数量", "涉及注册商标种数", "销售金额（元）")


@pytest.fixture
def moment(personas, offices, calendar_2026, deadline_rules, thresholds, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)


def _fields(kind: str) -> set[str]:
    return set(fields_for(case_offences([kind])))


def test_each_kind_of_right_records_the_measures_of_its_offences():
    assert _fields(RightKind.INVENTION_PATENT) == {"illegal_turnover", "illegal_gain",
                                                   "loss_amount"}
    assert _fields(RightKind.TRADEMARK) == {"illegal_turnover", "illegal_gain", "sales_amount",
                                            "unsold_value", "labels", "marks_count"}
    assert _fields(RightKind.COPYRIGHT) == {"illegal_turnover", "illegal_gain", "sales_amount",
                                            "copies"}
    assert _fields(RightKind.TRADE_SECRET) == {"illegal_gain", "loss_amount"}
    assert _fields(RightKind.PLANT_VARIETY) == set()
    assert set(fields_for(case_offences([]))) == set(RECORDED_FIELDS)


def test_a_threshold_rule_is_measured_as_its_offence_is():
    rule = ThresholdRule(code="cl216.copies", offence="216", article="刑法第二百一十六条",
                         measure="copies", amount=Decimal(1000), min_marks=2,
                         effective_from=date(2025, 4, 26), legal_basis="x")
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    assert set(refused.value.message_dict) == {"measure", "min_marks"}
    assert "不以“复制品数量”计量" in refused.value.message_dict["measure"][0]
    rule.measure, rule.min_marks = "loss", None
    rule.full_clean()
    for default in DEFAULT_THRESHOLDS:  # the seeded rules are measured as their offences
        ThresholdRule(**default).full_clean(exclude=["code"])


def test_a_patent_case_page_shows_and_asks_for_the_patent_measures_only(moment, personas,
                                                                         time_machine, client):
    case = RulingDriver(personas, time_machine).bring_to(CaseState.INVESTIGATION)
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    form = page.split('id="figures-form"')[1].split("</form>")[0]
    assert all(label in form for label in PATENT_LABELS)
    assert not any(label in form for label in NOT_PATENT_LABELS)
    # A measure that does not apply is not taken, even when posted.
    client.post(f"/cases/{case.pk}/figures/", {"illegal_gain": "20000", "copies": "5000"})
    figures = CaseFigures.objects.get(case=case)
    assert (figures.illegal_gain, figures.copies) == (20000, None)
    CaseFigures.objects.filter(case=case).update(copies=5000)  # recorded before the right
    client.force_login(personas.head)
    panel = client.get(f"/cases/{case.pk}/").content.decode().split('id="figures-form"')[0]
    assert "违法所得数额（元）" in panel and "20,000.00" in panel
    assert "复制品数量" not in panel and "涉及注册商标种数" not in panel


def test_the_api_refuses_a_measure_that_does_not_apply(moment, personas, time_machine,
                                                       client):
    case = RulingDriver(personas, time_machine).bring_to(CaseState.INVESTIGATION)
    client.force_login(personas.officer)
    response = client.post(f"/api/v1/cases/{case.pk}/figures/",
                           {"labels": 30000, "illegal_gain": "1"},
                           content_type="application/json")
    assert response.status_code == 400, response.content
    assert "本案涉及的权利不适用该数额项目" in response.content.decode()
    assert not CaseFigures.objects.filter(case=case).exists()
    assert client.post(f"/api/v1/cases/{case.pk}/figures/", {"loss_amount": "1"},
                       content_type="application/json").status_code == 200


def test_a_complaint_shows_its_rights_measures_in_the_page_and_the_api(moment, personas,
                                                                       offices, client):
    driver = Driver(personas, offices)
    patent = driver.complaint(trademark=False, figures={"illegal_turnover": 1000})
    mark = driver.complaint(figures={"labels": 300})
    client.force_login(personas.officer)
    data = client.get(f"/api/v1/cases/{patent.pk}/").json()
    assert data["illegal_turnover"] == "1000.00" and data["loss_amount"] is None
    assert not {"copies", "labels", "marks_count", "sales_amount"} & set(data)
    data = client.get(f"/api/v1/cases/{mark.pk}/").json()
    assert (data["labels"], data["marks_count"]) == (300, None) and "copies" not in data
    page = client.get(f"/cases/{mark.pk}/").content.decode()
    assert "标识数量" in page and "涉及注册商标种数" in page and "未填写" in page
    ComplaintCase.objects.filter(case=mark).update(marks_count=2)
    page = client.get(f"/cases/{mark.pk}/").content.decode()
    assert "涉及注册商标种数" in page and "未填写" not in page
    with pytest.raises(ValidationError) as refused:
        driver.complaint(trademark=False, figures={"copies": 2000})
    assert set(refused.value.message_dict) == {"copies"}
