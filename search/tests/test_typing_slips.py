"""Typing slips searched as the known term they are one slip from (decision 110): a
character replaced by one that sounds alike (as a pinyin input method gives it), one
missing, one typed twice, two swapped; never a known term, a word of the segmenter's
vocabulary, a quoted phrase, or a slip two terms could be."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from search.backends import get_backend
from search.query import understand
from search.schema import to_document

pytestmark = pytest.mark.django_db


def searched(text: str) -> list[str]:
    return ["".join(c.alternatives[0]) for c in understand(text).concepts]


@pytest.mark.parametrize(("typed", "slip", "term"), [
    ("著做权", "著做权", "著作权"),  # a character replaced by one that sounds alike
    ("商标侵全", "商标侵全", "商标侵权"),
    ("外观设记 台灯", "外观设记", "外观设计"),
    ("净水器发明专力", "发明专力", "发明专利"),  # 专力 is a word of its own; 发明专力 not
    ("行政调节 外观专利", "行政调节", "行政调解"),
    ("外观设专利 餐椅", "外观设专利", "外观设计专利"),  # a character missing
    ("外观设计计 壁灯", "外观设计计", "外观设计"),  # a character typed twice
    ("作著权 电影", "作著权", "著作权"),  # two swapped
    ("实用型新 后视镜", "实用型新", "实用新型"),
])
def test_each_kind_of_slip_is_searched_as_its_term(typed, slip, term):
    plan = understand(typed)
    assert plan.corrections == [(slip, term)]
    concept = next(c for c in plan.concepts if "".join(c.alternatives[0]) == term)
    forms = {"".join(a) for a in concept.alternatives}
    assert slip in forms  # the slip as typed stays an alternative


@pytest.mark.parametrize("typed", [
    "著作权", "外观设计专利 台灯", "盗版书", "卖假鞋罚多少", "合法来源 进货",
    "专利过期了还标专利号",  # 还标 is not 乱标: 还 does not sound like 乱
    "样子差不多 算侵权吗",  # 算 does not sound like 不: not 不侵权
    "直播间卖 运动鞋",  # a word typed after a term is no extra character
    "正规进 货",  # a term's end left off is no missing character
    "落地扇",  # a word of the vocabulary, one character from 落地灯
    "侵权品 鞋",  # a same-meaning form of 侵权产品, not 侵权产品 with a character missing
])
def test_known_terms_words_and_what_sounds_different_are_never_corrected(typed):
    assert understand(typed).corrections == []


def test_a_quoted_phrase_is_searched_as_typed():
    plan = understand("\u201c著做权\u201d 光碟")
    assert plan.corrections == []
    assert plan.phrases == [("著做", "做权")]


def test_a_slip_two_terms_could_be_is_left_as_typed():
    """线销售 is 线上销售 or 线下销售 with a character missing: online or offline, the
    opposite things, so neither is searched."""
    plan = understand("线销售 台灯")
    assert plan.corrections == []
    assert "线上销售" not in searched("线销售 台灯")
    assert "线下销售" not in searched("线销售 台灯")


def test_two_forms_of_one_meaning_are_one_candidate():
    """外观设专利 is one character from 外观专利 and from 外观设计专利 (the same group)."""
    assert understand("外观设专利").corrections == [("外观设专利", "外观设计专利")]


@pytest.fixture
def indexed(make_decision):
    decisions = [
        make_decision(ip_type="copyright", is_public=True, title="某书店侵犯著作权行政处罚决定书",
                      full_text="当事人销售侵犯著作权的盗版光碟二百张，决定罚款5000元。"),
        make_decision(is_public=True,
                      full_text="被请求人在淘宝销售台灯，落入外观设计专利保护范围。"),
    ]
    get_backend().index([to_document(d) for d in decisions])
    return decisions


def test_the_page_and_the_api_say_what_was_searched(client, personas, indexed):
    copyright_case = indexed[0]
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {"q": "著做权 光碟"})
    html = response.content.decode()
    assert [h.decision.pk for h in response.context["page"].hits] == [copyright_case.pk]
    assert "已按“著作权”搜索（输入的是“著做权”）" in html
    api = APIClient()
    api.force_authenticate(personas.legal)
    body = api.get("/api/v1/precedents/", {"q": "著做权 光碟"}).json()
    assert body["corrections"] == [{"typed": "著做权", "searched": "著作权"}]
    assert [r["id"] for r in body["results"]] == [copyright_case.pk]
    plain = api.get("/api/v1/precedents/", {"q": "著作权"}).json()
    assert plain["corrections"] == []
    assert "已按" not in client.get(reverse("precedent-search"), {"q": "著作权"}).content.decode()
