"""Query understanding: segmentation, synonyms, the fallback, descriptions of facts, and
statute keys across law revisions."""

from __future__ import annotations

from datetime import date

import pytest

from search import statutes
from search.backends.base import SearchQuery
from search.models import Synonym
from search.query import Mode, relaxed, understand
from search.schema import to_document
from search.synonyms import build, expand, seed_groups

pytestmark = pytest.mark.django_db


def alternatives(text: str) -> list[set[str]]:
    return [{"".join(a) for a in c.alternatives} for c in understand(text).concepts]


@pytest.mark.parametrize(("kind", "terms"), seed_groups(),
                         ids=lambda v: v if isinstance(v, str) else "/".join(v[:3]))
def test_every_seeded_synonym_pair_expands(kind, terms):
    for term in terms if kind == "equivalent" else terms[:1]:
        found = set(expand(term))
        others = [t for t in terms if t != term] if kind == "equivalent" else terms[1:]
        assert set(others) <= found, (term, set(others) - found)


def test_named_pairs_from_the_issue():
    assert "外观设计专利" in expand("外观专利")
    assert "拼多多" in expand("PDD") and "拼多多" in expand("pdd")
    assert "许诺销售" in expand("展示销售")
    assert "台灯" in expand("灯具") and "台灯" in expand("灯饰")  # a category's equivalent


def test_a_synonym_added_in_the_admin_applies_to_the_next_query():
    assert "招财猫" not in expand("吉祥物")
    Synonym.objects.create(terms="吉祥物 = 招财猫")
    assert "招财猫" in expand("吉祥物")
    Synonym.objects.filter(terms="吉祥物 = 招财猫").update(is_active=False)
    Synonym.objects.get(terms="吉祥物 = 招财猫").save()  # a save clears the cache
    assert "招财猫" not in expand("吉祥物")


def test_category_members_do_not_find_the_category():
    table = build([("category", ["灯具", "台灯", "吊灯"])])
    assert table == {"灯具": ("台灯", "吊灯")}


def test_unspaced_short_query_is_segmented_and_every_word_required():
    plan = understand("外观设计拼多多销售")
    assert plan.mode == Mode.ALL and len(plan.concepts) == 3
    assert {"外观设计", "拼多多", "销售"} <= set().union(*alternatives("外观设计拼多多销售"))


def test_quoted_text_stays_a_phrase_and_exclusions_exclude():
    plan = understand('"现有技术抗辩" -淘宝 拼多多')
    assert plan.phrases == [("现有", "有技", "技术", "术抗", "抗辩")]
    assert len(plan.excluded) == 1 and len(plan.concepts) == 1


def test_long_query_is_a_description_of_facts():
    text = ("我们发现对方在抖音直播间里一边展示一边卖我们外观专利的产品，直播回放里能看到"
            "产品的样子跟我们的设计一样，请问这种情况能不能认定许诺销售")
    plan = understand(text)
    assert plan.mode == Mode.FACTS and not plan.phrases
    words = set().union(*[{"".join(a) for a in c.alternatives} for c in plan.concepts])
    assert {"抖音", "直播间", "许诺销售"} <= words
    assert not words & {"请问", "这种", "我们"}  # what people add around the facts
    assert 1 <= plan.minimum < len(plan.concepts)


@pytest.mark.parametrize(("text", "decided", "key"), [
    ("《中华人民共和国专利法》第六十二条", date(2019, 5, 1), "专利法:67"),  # 2008 numbering
    ("《中华人民共和国专利法》第六十七条", date(2022, 5, 1), "专利法:67"),  # 2020 numbering
    ("《专利法》第六十五条", date(2018, 1, 1), "专利法:71"),  # damages, 2008
    ("《专利法》第七十一条", date(2023, 1, 1), "专利法:71"),
    ("《专利法》第七十条", date(2020, 1, 1), "专利法:77"),  # innocent seller
    ("《商标法》第五十二条", date(2012, 1, 1), "商标法:57"),  # 2001 numbering
    ("《商标法》第五十七条", date(2020, 1, 1), "商标法:57"),
    ("《著作权法》第四十八条", date(2019, 1, 1), "著作权法:53"),  # 2010 numbering
    ("《著作权法》第五十三条", date(2022, 1, 1), "著作权法:53"),
])
def test_statutes_map_across_numberings(text, decided, key):
    assert statutes.statute_keys([text], decided) == [key]


def test_statute_lists_in_text_and_column():
    text = "依照《中华人民共和国专利法》第十一条、第六十五条、第六十七条之规定，决定如下"
    assert statutes.statute_keys([text], date(2022, 1, 1)) == [
        "专利法:11", "专利法:65", "专利法:67"]
    assert statutes.statute_keys([text], date(2020, 1, 1)) == [
        "专利法:11", "专利法:71", "专利法:73"]
    assert statutes.chinese_number("一百零五") == 105 and statutes.chinese_number("十") == 10
    assert set(statutes.query_keys("第六十二条")) >= {"专利法:62", "专利法:67"}


def test_statute_column_of_an_imported_decision_is_indexed(make_decision):
    d = make_decision(decided_on=date(2019, 3, 1), full_text="现有设计抗辩成立。",
                      statutes_cited=["《中华人民共和国专利法》第六十二条"])
    assert "专利法:67" in to_document(d)["statutes"]


def test_labels_index_the_metadata_in_chinese(make_decision):
    doc = to_document(make_decision(platform="", infringing_acts=["offer"],
                                    outcome="dismissed", product_category="灯具"))
    labels = doc["labels"].split()
    assert {"外观设计专利", "许诺销售", "驳回", "线下", "灯具"} <= set(labels)


def test_boilerplate_is_not_indexed_as_words(make_decision):
    doc = to_document(make_decision(full_text="被告停止侵权。驳回原告的其他诉讼请求。"
                                              "案件受理费由被告负担。"))
    assert "驳回" not in doc["words"].split() and "停止" in doc["words"].split()
    assert "驳回" in doc["bigrams"].split()  # still found as an exact phrase


def test_boilerplate_goes_by_clause_and_facts_in_its_sentence_stay(make_decision):
    doc = to_document(make_decision(full_text="专利权人不服提起上诉，二审认为被诉产品确缺少该"
                                              "技术特征。"))
    words = doc["words"].split()
    assert "技术特征" in words and "缺少" in words and "上诉" not in words


def test_one_character_left_over_from_a_typed_word_is_no_concept():
    assert alternatives("宠物喂食器 外观设计")[:2] == [{"宠物"}, {"喂食"}]
    assert not any(c.char for c in understand("宠物喂食器 外观设计").concepts)
    assert understand("锁").concepts[0].char == "锁"  # typed alone it stays


def test_the_fallback_counts_typed_words_not_segments():
    plan = understand("宠物喂食器 外观设计")  # 宠物 喂食 | 外观设计: two typed words
    assert len(plan.concepts) == 3 and len(plan.words()) == 2
    assert relaxed(plan).minimum == 1
    unspaced = understand("外观设计拼多多销售")  # typed as one: its pieces count
    assert len(unspaced.words()) == 3 and relaxed(unspaced).minimum == 2


def test_a_description_of_facts_matches_on_its_telling_words():
    plan = understand("被请求人在拼多多开设的网店上架了一款台灯，外形与专利图片几乎一样，"
                      "请求人公证购买后请求责令停止销售")
    optional = {c.alternatives[0] for c in plan.optional()}
    assert {("被请求人",), ("请求人",), ("专利",)} <= optional
    assert all(not c.optional for group in plan.words() for c in group)


def test_fallback_through_the_backend(tmp_path, make_decision):
    from search.backends.embedded import EmbeddedBackend

    backend = EmbeddedBackend(tmp_path / "idx")
    docs = [make_decision(full_text=f"被请求人在拼多多销售台灯{i}。", platform="拼多多")
            for i in range(3)]
    backend.index([to_document(d) for d in docs])
    result = backend.search(SearchQuery(text="拼多多 台灯 京东"))
    assert result.mode == "any" and result.total == 3
    assert backend.search(SearchQuery(text="拼多多 台灯")).mode == "all"


def test_legal_staff_edit_synonyms_in_the_admin_with_history(client, personas):
    from django.contrib.admin.models import LogEntry

    client.force_login(personas.legal)
    resp = client.post("/admin/search/synonym/add/", {
        "kind": "equivalent", "terms": "吉祥物 = 招财猫", "note": "", "is_active": "on"})
    assert resp.status_code == 302
    synonym = Synonym.objects.get(terms="吉祥物 = 招财猫")
    assert LogEntry.objects.filter(object_id=str(synonym.pk)).exists()  # the change history
    assert "招财猫" in expand("吉祥物")
    client.force_login(personas.officer)
    assert client.get("/admin/search/synonym/add/").status_code == 403


def test_full_width_letters_and_digits_read_as_their_ascii_forms(tmp_path, make_decision):
    """ＬＥＤ and 第１１条 typed with a Chinese input method in full-width mode: every
    character used to be dropped, so ＬＥＤ alone listed every decision."""
    from search.backends.embedded import EmbeddedBackend

    backend = EmbeddedBackend(tmp_path / "idx")
    led = make_decision(full_text="被请求人销售的LED台灯落入涉案专利保护范围。")
    other = make_decision(full_text="被请求人销售的台灯与涉案外观设计相近似。")
    wide = make_decision(full_text="被请求人销售ＵＳＢ充电器，违反《专利法》第１１条。")
    backend.index([to_document(d) for d in (led, other, wide)])
    assert {h.id for h in backend.search(SearchQuery(text="ＬＥＤ")).hits} == {led.pk}
    assert {h.id for h in backend.search(SearchQuery(text="usb")).hits} == {wide.pk}
    assert understand("专利法第１１条").concepts[0].statutes == \
        understand("专利法第11条").concepts[0].statutes == ["专利法:11"]
    assert "专利法:11" in to_document(wide)["statutes"]


def test_a_word_of_latin_letters_and_chinese_characters_is_a_word(tmp_path, make_decision):
    """LED灯, U盘 and T恤 are dictionary words the segmenter keeps whole: they were dropped
    as punctuation, so LED灯具 searched for 具 alone (any decision with 工具 or 具有)."""
    from search.backends.embedded import EmbeddedBackend

    backend = EmbeddedBackend(tmp_path / "idx")
    lamp = make_decision(full_text="被请求人在网店销售LED灯具。")
    tool = make_decision(full_text="被请求人销售的工具具有相同的外观。")
    disk = make_decision(full_text="被请求人销售的U盘外壳与涉案外观设计相近似。")
    backend.index([to_document(d) for d in (lamp, tool, disk)])
    assert {h.id for h in backend.search(SearchQuery(text="LED灯具")).hits} == {lamp.pk}
    assert {h.id for h in backend.search(SearchQuery(text="LED 灯")).hits} == {lamp.pk}
    assert {h.id for h in backend.search(SearchQuery(text="U盘")).hits} == {disk.pk}


@pytest.mark.parametrize("text", ["专利法第十一条第一款", "《专利法》第11条第1款",
                                  "专利法第十一条第（一）项"])
def test_a_paragraph_or_item_belongs_to_its_article(text):
    """The index keys articles: 第一款 after 第十一条 was a second word every decision had
    to contain, so 专利法第十一条第一款 found a tenth of what 专利法第十一条 found."""
    plan = understand(text)
    assert len(plan.concepts) == 1 and plan.concepts[0].statutes == ["专利法:11"]


def test_a_description_word_outside_the_dictionaries_also_matches_its_pieces():
    plan = understand("一家设计公司被举报，四十台电脑上装的全是盗版软件，负责人说是员工自己装的，"
                      "外观设计专利的事情另说")
    by_word = {"".join(c.alternatives[0]): c.alternatives for c in plan.concepts}
    assert plan.mode == Mode.FACTS
    assert ("盗版", "软件") in by_word["盗版软件"]  # a decision says 盗版 and 软件 apart
    assert by_word["外观设计专利"][0] == ("外观设计专利",)  # a dictionary term: its synonyms
    assert ("外观", "设计", "专利") not in by_word["外观设计专利"]


def test_a_description_keeps_its_most_telling_words():
    text = ("上周三下午老王和小李开车去城郊一个村子里的仓库转了一圈，看见角落堆着纸箱、麻袋、"
            "木板、铁桶、塑料布、旧轮胎、竹竿、水管，听说隔壁还有人许诺销售")
    plan = understand(text)
    telling = ["".join(c.alternatives[0]) for c in plan.concepts if not c.optional]
    assert len(telling) == 12  # the rest is not scored
    assert "许诺销售" in telling  # a dictionary term, though written last
    assert "水管" not in telling and "老王" in telling  # then the words in the order written
    assert "水管" not in plan.highlight


def test_a_description_scores_the_bigrams_of_its_words_only():
    plan = understand("网店卖的东西是从正规厂家进的货，有合同有付款记录，被专利权人投诉了，"
                      "店主觉得自己不知情，想知道这种情况要不要赔钱")
    assert {"厂家", "付款", "专利", "权人"} <= set(plan.bigrams)
    assert not {"想知", "知道", "这种", "西是", "的货"} & set(plan.bigrams)


@pytest.mark.parametrize(("typed", "term"), [
    ("大牌", "注册商标"), ("牌子", "商标权"), ("假的", "假冒注册商标"), ("A货", "假冒注册商标"),
    ("仿货", "假冒商标"), ("很像", "近似"), ("很像", "相近似"), ("样子差不多", "近似"),
    ("搞混", "混淆"), ("一样", "相同"), ("一模一样", "相同"), ("不一样", "区别明显"),
    ("傍名牌", "知名商品"), ("贴牌加工", "定牌加工"), ("没授权", "未经许可"),
    ("没经过同意", "未经许可"), ("翻版", "侵权复制品"), ("抄袭", "剽窃"), ("照片", "摄影作品"),
    ("乱标专利号", "假冒专利"), ("没交年费", "专利权终止"), ("进货单", "合法来源"),
    ("不知情", "合法来源抗辩"), ("赔多少", "赔偿"), ("罚多少", "罚款"), ("私了", "调解"),
    ("带货", "直播带货"), ("开网店", "电商平台"), ("微信群", "微信"), ("包包", "箱包"),
    ("放歌", "播放"), ("光碟", "光盘"), ("抢注", "恶意注册"), ("转载", "信息网络传播"),
])
def test_an_everyday_phrasing_finds_the_term_decisions_use(typed, term):
    """As typed, through the segmenter (罚多少 is one word, not 罚 and 多少; A货 in capitals),
    to the synonyms of the word decisions use (decision 91)."""
    plan = understand(typed)
    assert len(plan.concepts) == 1, [c.alternatives for c in plan.concepts]
    assert term in {"".join(a) for a in plan.concepts[0].alternatives}


def test_same_meaning_groups_sharing_a_term_are_one():
    table = build([("equivalent", ["近似", "相近似"]), ("equivalent", ["搞混", "混淆"]),
                   ("equivalent", ["近似", "很像"]), ("category", ["灯具", "台灯"])])
    assert set(table["很像"]) == {"近似", "相近似"}
    assert set(table["相近似"]) == {"近似", "很像"}
    assert table["搞混"] == ("混淆",) and table["灯具"] == ("台灯",)


def test_words_that_say_what_the_facts_are_are_not_filler():
    plan = understand("对方网店卖的杯子跟我们的外观专利很像，盖子一样，差不多卖了两百个，"
                      "顾客都说是假的，想看看类似的怎么处理")
    found = set().union(*[{"".join(a) for a in c.alternatives} for c in plan.concepts])
    assert {"近似", "相同", "假冒注册商标"} <= found
    assert "差不多" not in found  # as often "about" as "alike": still filler


def test_the_seed_command_adds_the_everyday_lines_to_an_edited_installation():
    from django.core.management import call_command

    from search.synonyms import invalidate

    Synonym.objects.all().delete()
    edited = Synonym.objects.create(terms="近似 = 相近似 = 看上去相同")  # legal staff's own
    call_command("seed_synonyms", stdout=None)
    invalidate()
    try:
        assert Synonym.objects.filter(pk=edited.pk, terms="近似 = 相近似 = 看上去相同").exists()
        assert {"近似", "相近似", "看上去相同"} <= set(expand("很像"))
    finally:
        invalidate()
