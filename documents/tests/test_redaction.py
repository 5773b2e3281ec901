from __future__ import annotations

import pytest

from documents.context import sample_context
from documents.redaction import (
    mask_address,
    mask_id_number,
    mask_phone,
    mask_text,
    public_context,
)
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


@pytest.mark.parametrize(("text", "hidden", "shown"), [
    ("住址：广西壮族自治区南宁市青秀区民族大道100号3栋2单元501室。", "民族大道",
     "广西壮族自治区南宁市青秀区****"),
    ("电话138 1234 5678", "1234", "138****5678"),
    ("电话+86-138-1234-5678", "1234", "138****5678"),
    ("座机0771-5512345", "5512345", "0771-****45"),
    ("座机（0771）5566778", "5566778", "（0771）****78"),
    ("旧身份证450103850315123", "850315", "450103*****5123"),
    ("身份证450103198503151236", "19850315", "450103********1236"),
    ("账号6222 0212 3456 7890 123", "3456", "********0123"),
    ("银行卡6217002430012345678", "00243", "********5678"),
    ("车牌桂A·12345", "12345", "桂A*****"),
    ("新能源车牌桂AD12345", "D12345", "桂A******"),
    ("邮箱zhang.san@example.com", "zhang.san", "z***@example.com"),
])
def test_mask_text_hides_personal_information_in_any_common_format(text, hidden, shown):
    masked = mask_text(text)
    assert hidden not in masked and shown in masked


@pytest.mark.parametrize(("text", "hidden", "shown"), [
    ("联系电话１３８１２３４５６７８。", "１２３４", "138****5678"),
    ("住南宁市青秀区民族大道１００号３栋２单元５０１室", "民族大道", "南宁市青秀区****"),
    ("身份证４５０１０３１９８５０３１５１２３６", "１９８５０３１５", "450103********1236"),
    ("邮箱ｚｈａｎｇｓａｎ＠ｅｘａｍｐｌｅ．ｃｏｍ", "ｚｈａｎｇｓａｎ", "***"),
])
def test_personal_information_typed_in_full_width_is_masked(text, hidden, shown):
    """A phone number or address typed with a Chinese input method in full-width mode
    (１３８…) was printed in the public copy and indexed with the precedent as it was."""
    masked = mask_text(text)
    assert hidden not in masked and shown in masked


def test_full_width_text_without_personal_information_is_left_as_it_was():
    text = "被请求人销售ＬＥＤ灯具，违反《专利法》第１１条，金额１２３４５．６７元。"
    assert mask_text(text) == text


def test_mask_text_leaves_the_document_itself_alone():
    text = ("专利号ZL2020 1 0123456.7，金额123,456.78元，案号南知案字〔2026〕7号，"
            "2026年3月2日，统一社会信用代码91450100MA5L8X7P23，公证书（2026）桂南证字第1024号")
    assert mask_text(text) == text
    kept = "广西壮族自治区南宁市青秀区东葛路118号"
    assert mask_text(f"住所：{kept}。", keep=frozenset({kept})) == f"住所：{kept}。"


@pytest.mark.django_db
def test_search_snippets_are_masked_with_the_same_function(offices, personas, settings,
                                                           tmp_path,
                                                           django_capture_on_commit_callbacks):
    from search import services as search_services
    from search.selectors import search_precedents

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    with django_capture_on_commit_callbacks(execute=True):
        search_services.save_decision(
            source="office", external_id="x1", title="销售灯具案", office=offices.nanning,
            decided_on=__import__("datetime").date(2024, 1, 5), ip_type="design_patent",
            infringing_acts=["sell"], outcome="infringement_found",
            full_text="被请求人黄某（手机138 1234 5678，身份证450103198503151236）销售灯具。")
    page = search_precedents(personas.officer, "灯具")
    assert page.total == 1
    text = page.hits[0].snippet
    assert "138****5678" in text and "450103********1236" in text
    assert "1234 5678" not in text and "19850315" not in text


@pytest.mark.django_db
def test_the_precedent_of_a_ruling_holds_masked_text(personas, calendar_2026, deadline_rules,
                                                     time_machine, offices, settings, tmp_path):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from cases.models import DocumentNumberPrefix
    from cases.ruling.models import CaseState
    from documents.services import seed_default_templates
    from search.models import Decision
    from tests.factories import NaturalPersonFactory
    from tests.ruling_driver import RulingDriver

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    settings.MEDIA_ROOT = tmp_path / "media"
    for kind, code in (("case_number", "南知案字"), ("ruling", "南知裁字")):
        DocumentNumberPrefix.objects.create(office=offices.nanning, kind=kind, prefix=code)
    seed_default_templates()
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    driver = RulingDriver(personas, time_machine)
    person = NaturalPersonFactory(office=offices.nanning, id_number="450103198503151236")
    case = driver.bring_to(CaseState.DECIDED, driver.file(respondent=person))
    decision = Decision.objects.get(case=case)
    assert "450103198503151236" not in decision.full_text
    assert "450103********1236" in decision.full_text


@pytest.mark.parametrize(("text", "hidden", "shown"), [
    ("住址：南宁市兴宁区朝阳广场旁3栋2单元501室。", "朝阳广场", "南宁市兴宁区****"),
    ("住所地：柳州市城中区中山西路", "中山西路", "柳州市城中区****"),
    ("住所地：柳州市城中区中山西路，法定代表人韦明。", "中山西路",
     "柳州市城中区****，法定代表人韦明"),
    ("住宾阳县古辣镇大陆村大岭组12号", "大岭组", "住宾阳县****"),
    ("王五，男，住大陆村大岭组12号。", "大陆村", "王五，男，住****。"),
    ("李四住在阳光花园3栋2单元。", "阳光花园", "李四住在****。"),
    ("住所：南宁市阳光小区5号楼1单元", "5号楼", "南宁市阳光小区****"),
])
def test_addresses_without_a_road_or_a_district_are_masked(text, hidden, shown):
    """An address with no road word (a square, a village group, a housing estate) or a
    road named without its number was printed whole in the public copy and the index."""
    masked = mask_text(text)
    assert hidden not in masked and shown in masked


@pytest.mark.parametrize("text", [
    "南宁市青秀区人民法院作出的桂0103民初123号判决",
    "柳州市城中区人民法院（2023）桂0202民初45号",
    "青秀区执字第12号",
    "被请求人在青秀区制造的控制电路。",
    "被请求人在青秀区销售的产品落入涉案专利的保护范围",
    "西乡塘区市场监督管理局",
    "城中区线路板厂",
    "权利要求1所述的控制电路包括3个单元",
    "HD-200型电动车控制器",
    "《专利法》第11条第1款",
])
def test_legal_text_courts_and_products_stay(text):
    assert mask_text(text) == text


def test_a_credit_code_the_text_labels_stays_and_other_long_numbers_do_not():
    from cases.validators import uscc_check_char

    code = "91450100708816300" + uscc_check_char("91450100708816300")
    assert code.isdigit()  # an all-digit code: a bank account's length
    assert mask_text(f"统一社会信用代码：{code}。") == f"统一社会信用代码：{code}。"
    assert mask_text(f"信用代码为{code}，") == f"信用代码为{code}，"
    # The same digits as an account, or labelled but with a wrong check character.
    assert code not in mask_text(f"银行账号：{code}")
    wrong = code[:17] + str((int(code[17]) + 1) % 10)
    assert wrong not in mask_text(f"统一社会信用代码：{wrong}")


@pytest.mark.parametrize(("text", "place"), [
    ("被请求人在南宁市青秀区万达广场3楼销售被控产品。", "万达广场3楼"),
    ("被请求人在青秀区某商场2层B12铺位销售。", "某商场2层B12铺位"),
    ("青秀区航洋国际购物中心L3层305号商铺", "航洋国际购物中心L3层305号商铺"),
    ("被请求人的门店位于西乡塘区华西路18号友谊商场2楼，", "华西路18号友谊商场2楼"),
])
def test_a_business_premises_in_a_mall_stays(text, place):
    """A shop or a mall's floor is where a business trades: decision 57's patterns masked
    it like a home address (万达广场3楼 became ****)."""
    assert place in mask_text(text)


@pytest.mark.parametrize(("text", "hidden"), [
    ("住址：南宁市兴宁区朝阳广场旁3栋2单元501室。", "朝阳广场"),
    ("王五，男，住南宁市青秀区万达广场3栋1201室。", "万达广场"),
    ("张三，男，住址：南宁市青秀区万达广场3楼。", "万达广场"),
    ("李四，家住南宁市青秀区民族大道100号，在青秀区万达广场3楼经营。", "民族大道"),
])
def test_a_home_address_near_or_in_a_mall_is_still_masked(text, hidden):
    assert hidden not in mask_text(text)
