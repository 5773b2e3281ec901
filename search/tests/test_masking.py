"""Personal data in a decision never reaches the index, the snippets, the API or the
detail page unmasked (``documents.redaction.mask_text``)."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from search import services
from search.schema import to_document
from search.selectors import search_precedents, snippet

pytestmark = pytest.mark.django_db

PHONE, ID_NUMBER = "13812345678", "450103199001011236"
TEXT = (f"被请求人张某（身份证号{ID_NUMBER}，联系电话{PHONE}）在拼多多销售台灯，"
        "与涉案外观设计相近似。")


def save(offices, **kw):
    fields = {"title": "台灯外观设计专利侵权纠纷处理决定书", "office": offices.nanning,
              "decided_on": date(2024, 3, 1), "ip_type": "design_patent",
              "infringing_acts": ["sell"], "outcome": "infringement_found",
              "full_text": TEXT, "holding": f"张某（电话{PHONE}）应停止销售。"}
    fields.update(kw)
    return services.save_decision(source="office", external_id="m1", **fields)


def test_the_index_document_holds_no_personal_data(offices):
    doc = to_document(save(offices))
    indexed = " ".join(str(v) for v in doc.values())
    # 138****5678 stays, as in public copies.
    for secret in (PHONE, ID_NUMBER, "19900101", "12345678"):
        assert secret not in indexed.replace(" ", "")
    assert "台灯" in doc["words"].split()


def test_searching_a_phone_number_reveals_nothing_and_snippets_are_masked(
        offices, personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save(offices)
    assert search_precedents(personas.legal, PHONE).total == 0
    assert search_precedents(personas.legal, ID_NUMBER).total == 0
    page = search_precedents(personas.legal, "联系电话 台灯")
    assert page.total == 1
    shown = page.hits[0].snippet
    assert "<mark>联系电话</mark>" in shown and "<mark>台灯</mark>" in shown
    assert PHONE not in shown and ID_NUMBER not in shown and "138****5678" in shown


def test_the_window_is_cut_from_the_masked_text():
    # A window cut from the raw text and masked afterwards would end inside the number
    # and leave its first digits; cut from the masked text there is nothing to leave.
    text = "甲" * 150 + f"台灯 电话{PHONE}" + "乙" * 300
    from documents.redaction import mask_text

    shown = snippet(mask_text(text), ["台灯"])
    assert "1381234" not in shown and "138****5678" in shown


def test_api_and_detail_page_show_masked_text(offices, personas, client,
                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        d = save(offices)
    api = APIClient()
    api.force_authenticate(personas.legal)
    detail = api.get(f"/api/v1/precedents/{d.pk}/")
    assert detail.status_code == 200
    body = detail.content.decode()
    assert PHONE not in body and ID_NUMBER not in body and "138****5678" in body
    listing = api.get("/api/v1/precedents/", {"q": "台灯"}).content.decode()
    assert listing.count("台灯") and PHONE not in listing
    client.force_login(personas.legal)
    page = client.get(f"/precedents/{d.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert PHONE not in html and ID_NUMBER not in html and "138****5678" in html


@pytest.mark.parametrize("text", [
    TEXT, "住址：广西壮族自治区南宁市青秀区民族大道100号3栋2单元501室。电话138 1234 5678",
    "电话+86-138-1234-5678，座机0771-5512345；座机（0771）5566778、旧身份证450103850315123",
    "身份证450103198503151236！账号6222 0212 3456 7890 123？银行卡6217002430012345678",
    "车牌桂A·12345，新能源车牌桂AD12345。邮箱zhang.san@example.com：被请求人住南宁市西乡塘区",
    "北京市朝阳区建国路1号院2号楼\n电话\n13812345678。统一社会信用代码914501031990010112",
    "住所地：柳州市城中区中山西路，住南宁市兴宁区朝阳广场旁3栋2单元501室；住大陆村大岭组12号",
    "李四住在阳光花园3栋2单元。南宁市青秀区人民法院作出的桂0103民初123号判决",
])
def test_clause_by_clause_masking_is_mask_text(text):
    from documents.redaction import mask_text
    from search.masking import masked

    assert masked(text) == mask_text(text)


def test_clause_by_clause_masking_is_mask_text_on_the_labelled_sets():
    import json
    from pathlib import Path

    from documents.redaction import mask_text
    from search.masking import masked

    root = Path(__file__).resolve().parent.parent / "evaluation"
    for name in ("decisions.json", "independent/decisions.json", "heldout/decisions.json"):
        for d in json.loads((root / name).read_text(encoding="utf-8")):
            assert masked(d["full_text"]) == mask_text(d["full_text"])


def test_the_snippet_masks_only_the_clauses_around_the_match_and_leaks_nothing():
    from documents.redaction import mask_text
    from search.selectors import masked_snippet

    pii = f"联系电话{PHONE}，身份证号{ID_NUMBER}，住南宁市青秀区民族大道100号3栋501室。"
    long_text = (pii + "甲" * 400 + "。" + pii + "被请求人在拼多多销售台灯" + PHONE + "。"
                 + pii + "乙" * 400 + "。" + pii)
    shown = masked_snippet(long_text, ["台灯"])
    assert "<mark>台灯</mark>" in shown and shown.startswith("…") and shown.endswith("…")
    for secret in (PHONE, ID_NUMBER, "1234", "19900101", "民族大道"):
        assert secret not in shown
    # A short decision is masked whole: the same excerpt as snippet(mask_text(text)).
    for text in (TEXT, pii + "被请求人销售台灯。", "台灯" + PHONE):
        assert masked_snippet(text, ["台灯", "电话"]) == snippet(mask_text(text), ["台灯", "电话"])
    assert masked_snippet("", ["台灯"]) == ""


def test_a_legal_persons_credit_code_stays_in_the_index_text() -> None:
    from cases.validators import uscc_check_char
    from search.masking import masked

    code = "91450100708816300" + uscc_check_char("91450100708816300")
    text = f"被请求人：南宁某某公司，统一社会信用代码：{code}。身份证号{ID_NUMBER}。"
    assert code in masked(text) and ID_NUMBER not in masked(text)


def test_full_width_contact_details_are_masked_in_the_index_text() -> None:
    from search.masking import masked

    shown = masked("邮箱：ａｂｃ＠ｅｘａｍｐｌｅ．ｃｏｍ。电话：１３８１２３４５６７８。")
    assert "ａｂｃ" not in shown and "abc" not in shown
    assert "１２３４５６７８" not in shown and "12345678" not in shown
