from __future__ import annotations

import pytest

from documents.context import sample_context
from documents.redaction import mask_address, mask_id_number, mask_phone, public_context
from documents.rendering import render_docx
from documents.tests.conftest import template_path
from documents.text import extract_text

PERSON_ID = "450103198503151236"
PERSON_PHONE = "13812345678"
PERSON_HOME = "广西壮族自治区南宁市青秀区民族大道100号3栋2单元501室"


@pytest.fixture
def public_text() -> str:
    ctx = public_context(sample_context("ruling"))
    return extract_text(render_docx(template_path("ruling"), ctx))


def test_natural_persons_details_are_masked_in_the_public_copy(public_text):
    assert PERSON_ID not in public_text
    assert PERSON_PHONE not in public_text
    assert PERSON_HOME not in public_text
    assert "公民身份号码：450103********1236。" in public_text
    assert "住址：广西壮族自治区南宁市青秀区****。" in public_text
    # Inside free text too (the respondent's defence quotes both numbers).
    assert "联系电话138****5678，公民身份号码450103********1236" in public_text


def test_legal_persons_stay_readable(public_text):
    assert "南宁绿源科技有限公司（Green & Clean）" in public_text
    assert "广西<星河>智能设备有限公司" in public_text
    assert "91450100MA5L8X7P23" in public_text
    assert "91450103MA5K3T9Q1Q" in public_text
    assert "广西壮族自治区南宁市青秀区东葛路118号" in public_text
    assert "法定代表人：陈志远。" in public_text


def test_original_context_is_not_touched():
    ctx = sample_context("ruling")
    public_context(ctx)
    assert ctx["respondents"][1]["id_number"] == PERSON_ID


def test_phones_of_persons_and_agents_are_masked_but_the_office_keeps_its_own():
    ctx = public_context(sample_context("ruling"))
    person = ctx["respondents"][1]
    assert person["phone"] == "138****5678"
    assert person["agent"]["phone"] == "136****5432"
    assert ctx["requesters"][0]["phone"] == "0771-5566778"  # a company's switchboard
    assert ctx["office"]["phone"] == "0771-5512345"


def test_an_all_digit_credit_code_in_free_text_is_not_taken_for_an_id():
    ctx = sample_context("ruling")
    ctx["respondents"][0]["id_number"] = "914501031990010112"  # digits only, looks like an ID
    ctx["facts"].append("被请求人统一社会信用代码为914501031990010112。")
    public = public_context(ctx)
    assert "914501031990010112" in public["facts"][-1]


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        (PERSON_HOME, "广西壮族自治区南宁市青秀区****"),
        ("北京市朝阳区建国路1号院2号楼", "北京市朝阳区****"),
        ("广东省深圳市南山区科技园南区1栋", "广东省深圳市南山区****"),
        ("广西壮族自治区百色市田阳县城关镇解放路3号", "广西壮族自治区百色市田阳县****"),
        ("某地某处", "****"),
    ],
)
def test_mask_address_keeps_the_district(address, masked):
    assert mask_address(address) == masked


def test_mask_id_and_phone():
    assert mask_id_number("45010219900704561X") == "450102********561X"
    assert mask_phone("139 0771 2345") == "139****2345"
