"""Queries typed the way officers and complainants type them (decision 100): asking words,
a product's one character inside a longer word, everyday compounds, a negation the
segmenter cuts off."""

from __future__ import annotations

import pytest

from search.backends.base import SearchQuery
from search.query import understand
from search.schema import to_document
from search.synonyms import expand

pytestmark = pytest.mark.django_db


def firsts(text: str) -> list[str]:
    """Each concept's first way of saying it (the typed word, or for a character cut from
    a longer word its first synonym)."""
    return ["".join(c.alternatives[0]) for c in understand(text).concepts]


def every_form(text: str) -> list[set[str]]:
    return [{"".join(a) for a in c.alternatives} for c in understand(text).concepts]


def test_asking_words_of_a_short_query_are_no_concept():
    assert "别人" not in firsts("别人抄我家灯的设计")
    assert "我家" not in firsts("别人抄我家灯的设计")
    assert "处理" not in firsts("卖仿冒手机壳的怎么处理")  # 怎么处理: the question
    assert firsts("卖仿冒手机壳的怎么处理")[-1] == "手机壳"
    assert "第一次" in firsts("第一次卖假货不罚可以吗")
    assert understand("别人").concepts  # nothing else typed: it stays


def test_words_every_decision_uses_stay_in_a_short_query():
    """Only after a question word: 狗东 专利 still asks for patent decisions."""
    assert firsts("狗东 专利") == ["狗东", "专利"]


def test_a_known_character_cut_from_a_typed_word_matches_by_its_synonyms():
    lamp = every_form("别人抄我家灯的设计")
    assert any({"灯具", "台灯"} <= forms for forms in lamp)
    books = understand("盗版书").concepts
    assert len(books) == 2 and books[1].char is None  # not 书 inside 判决书
    assert {"图书", "教辅"} <= {"".join(a) for a in books[1].alternatives}
    assert understand("锁").concepts[0].char == "锁"  # typed alone it is a character


def test_an_everyday_compound_is_split_into_two_known_terms_only():
    counterfeit, liquor = every_form("假酒")
    assert "假冒注册商标" in counterfeit and "白酒" in liquor
    assert firsts("批发 假冒刹车片") == ["批发", "假冒", "刹车片"]  # 假冒 is not 假 冒
    assert firsts("方法专利 生产线")[-1] == "生产线"  # nor 生产线 → 生产
    assert firsts("公司用盗版软件被罚")[-2:] == ["盗版", "软件"]


def test_a_negation_cut_off_its_word_is_joined_back():
    """没 dropped as a leftover character turned the query into its opposite."""
    concepts = understand("实用新型没落入保护范围").concepts
    assert [c.alternatives[0] for c in concepts][1] != ("落入保护范围",)
    assert "未落入保护范围" in every_form("实用新型没落入保护范围")[1]
    scope = every_form("驳回请求 不落入保护范围")[1]
    assert scope == {"不落入保护范围", "未落入保护范围"}  # the term, not its whole group


@pytest.mark.parametrize(("typed", "finds"), [
    ("第一次", "初次"), ("初犯", "首次违法"), ("不罚", "不予处罚"), ("移交", "移送"),
    ("公安", "公安机关"), ("报警", "公安机关"), ("灯", "灯具"), ("灯", "台灯"),
    ("书", "图书"), ("酒", "白酒"), ("假", "假冒注册商标"), ("卖假", "假冒注册商标"),
    ("化肥", "复合肥"), ("农资", "化肥"), ("没构成侵权", "不构成侵权"),
    ("没落入保护范围", "未落入保护范围"),
])
def test_everyday_synonyms(typed, finds):
    assert finds in expand(typed)


def test_an_everyday_word_finds_what_people_mean_and_the_legal_term_keeps_its_own():
    """盗图 is taking pictures: it finds them, and 未经许可 does not find pictures. 假商标
    covers a mark close enough to pass; 假冒注册商标 keeps its legal meaning."""
    assert {"图片", "摄影作品"} <= set(expand("盗图"))
    assert not {"盗图", "图片"} & set(expand("未经许可"))
    assert {"假冒注册商标", "近似商标"} <= set(expand("假商标"))
    assert "近似商标" not in expand("假冒注册商标")


def test_a_question_is_not_read_as_a_negated_finding():
    """这算不算侵权 asks; cut as 这算 不算侵权 it said "no infringement"."""
    assert "侵权" in firsts("这算不算侵权") or not any(
        "不构成侵权" in forms for forms in every_form("这算不算侵权"))


def test_through_the_backend(backend, make_decision):
    lamp = make_decision(full_text="被请求人销售的台灯与涉案外观设计相同，构成侵权。")
    chair = make_decision(full_text="被请求人销售的餐椅与涉案外观设计相同，构成侵权。")
    shoes = make_decision(ip_type="trademark",
                          full_text="当事人在夜市销售假冒注册商标的运动鞋，决定处以罚款8000元。")
    bags = make_decision(ip_type="trademark",
                         full_text="当事人销售假冒注册商标的挎包，决定处以罚款5000元。")
    fertiliser = make_decision(
        ip_type="trademark", full_text="当事人在农资店销售标有“丰收乐”字样的复合肥，与他人注册商标"
        "“丰收樂”近似，容易导致混淆，构成侵犯注册商标专用权。")
    backend.index([to_document(d) for d in (lamp, chair, shoes, bags, fertiliser)])

    def ids(text: str) -> list[int]:
        return [h.id for h in backend.search(SearchQuery(text=text)).hits]

    def scores(text: str) -> dict[int, float]:
        return {h.id: h.score for h in backend.search(SearchQuery(text=text)).hits}

    lamp_query = scores("别人抄我家灯的设计")  # 灯 scores; 别人, 我家 required nothing
    assert max(lamp_query, key=lamp_query.__getitem__) == lamp.pk
    assert lamp_query[lamp.pk] > lamp_query.get(chair.pk, 0.0)
    assert ids("卖假鞋罚多少")[0] == shoes.pk
    assert set(ids("盗版书")).isdisjoint({lamp.pk, chair.pk, shoes.pk, bags.pk,
                                         fertiliser.pk})
    # 假商标: the fertiliser with a close mark, before the counterfeit shoes and bags.
    assert ids("化肥假商标")[0] == fertiliser.pk
