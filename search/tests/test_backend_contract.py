"""The same behaviour from every backend: embedded tantivy, osmem-server (OpenSearch API)
through opensearch-py, and a real Elasticsearch/OpenSearch cluster when configured."""

from __future__ import annotations

from datetime import date

import pytest

from search.backends.base import Filters, SearchQuery
from search.query import Concept, Mode, Plan
from search.schema import to_document

pytestmark = pytest.mark.django_db


def ids(result):
    return [h.id for h in result.hits]


def load(backend, decisions):
    backend.index([to_document(d) for d in decisions])
    return decisions


@pytest.fixture
def corpus(make_decision, offices):
    return [
        make_decision(title="拼多多销售外观设计专利产品案", platform="拼多多",
                      full_text="被请求人在拼多多平台销售与涉案外观设计相近似的灯具，构成侵权。",
                      decided_on=date(2024, 3, 1), damages_awarded=50000, is_public=True),
        make_decision(title="淘宝许诺销售实用新型专利产品案", ip_type="utility_model",
                      infringing_acts=["offer", "sell"], platform="淘宝",
                      full_text="被请求人在淘宝许诺销售电动车控制器，现有技术抗辩不成立。",
                      decided_on=date(2024, 9, 1), damages_awarded=120000),
        make_decision(title="线下制造发明专利产品案", ip_type="invention_patent",
                      infringing_acts=["make"], office=offices.liuzhou,
                      full_text="被请求人制造的锁具落入权利要求1的保护范围，合法来源抗辩成立。",
                      decided_on=date(2023, 5, 1), outcome="dismissed", damages_awarded=8000),
    ]


def test_index_count_versions_and_reindex(backend, corpus):
    load(backend, corpus)
    assert backend.count() == 3
    assert set(backend.versions()) == {d.pk for d in corpus}
    load(backend, corpus[:1])  # re-indexing replaces, never duplicates
    assert backend.count() == 3


def test_word_phrase_bigram_and_exclusion(backend, corpus):
    a, b, c = load(backend, corpus)
    assert ids(backend.search(SearchQuery(text="外观设计"))) == [a.pk]
    assert set(ids(backend.search(SearchQuery(text="销售")))) == {a.pk, b.pk}
    assert ids(backend.search(SearchQuery(text="\u201c现有技术抗辩\u201d"))) == [b.pk]
    assert ids(backend.search(SearchQuery(text="锁"))) == [c.pk]  # one character
    assert ids(backend.search(SearchQuery(text="灯具"))) == [a.pk]  # two characters
    assert ids(backend.search(SearchQuery(text="销售 -淘宝"))) == [a.pk]
    assert ids(backend.search(SearchQuery(text="外观设计 拼多多 销售"))) == [a.pk]
    assert backend.search(SearchQuery(text="商业秘密")).total == 0


def test_a_known_term_nothing_holds_lists_nothing(backend, make_decision):
    """侵权不成立 and its other forms are in no decision: its pieces (侵权, 成立) would
    list the decisions that found the opposite."""
    found = make_decision(full_text="被请求人的现有技术抗辩不成立，其制造行为构成侵权，侵权成立。")
    load(backend, [found])
    assert backend.search(SearchQuery(text="侵权不成立")).total == 0
    assert ids(backend.search(SearchQuery(text="侵权成立"))) == [found.pk]
    dismissed = make_decision(full_text="被控产品未落入涉案专利权的保护范围，不构成侵权。")
    load(backend, [found, dismissed])
    assert ids(backend.search(SearchQuery(text="侵权不成立"))) == [dismissed.pk]


def test_filters(backend, corpus, offices):
    a, b, c = load(backend, corpus)

    def find(**kw):
        return set(ids(backend.search(SearchQuery(filters=Filters(**kw)))))

    assert find(ip_types=["utility_model"]) == {b.pk}
    assert find(acts=["make"]) == {c.pk}
    assert find(platforms=["拼多多", "淘宝"]) == {a.pk, b.pk}
    assert find(platforms=["offline"]) == {c.pk}
    assert find(outcomes=["dismissed"]) == {c.pk}
    assert find(office_path=offices.liuzhou.path) == {c.pk}
    assert find(office_path=offices.guangxi.path) == {a.pk, b.pk, c.pk}
    assert find(region_prefix="4501") == {a.pk, b.pk}
    assert find(date_from=date(2024, 1, 1), date_to=date(2024, 6, 30)) == {a.pk}
    assert find(amount_min=10000, amount_max=100000) == {a.pk}
    assert find(exclude_ids=[a.pk]) == {b.pk, c.pk}


def test_facets(backend, corpus):
    load(backend, corpus)
    result = backend.search(SearchQuery(text="销售"))
    assert result.facets["platform"] == {"拼多多": 1, "淘宝": 1}
    assert result.facets["ip_type"] == {"design_patent": 1, "utility_model": 1}
    assert result.facets["acts"] == {"sell": 2, "offer": 1}
    assert result.facets["year"] == {"2024": 2}


def test_scope_is_part_of_the_query(backend, corpus, offices):
    a, b, c = load(backend, corpus)
    liuzhou = [offices.liuzhou.path]
    nanning = [offices.nanning.path]
    # 柳州 sees its own and the public 南宁 decision, not 南宁's non-public one.
    assert set(ids(backend.search(SearchQuery(visible_paths=liuzhou)))) == {a.pk, c.pk}
    assert set(ids(backend.search(SearchQuery(visible_paths=nanning)))) == {a.pk, b.pk}
    assert backend.search(SearchQuery(text="淘宝", visible_paths=liuzhou)).total == 0


def test_guiding_cases_rank_first_among_equals(backend, make_decision):
    plain = make_decision(title="销售侵权产品案", full_text="销售侵权产品。")
    guiding = make_decision(title="销售侵权产品案", full_text="销售侵权产品。",
                            is_guiding_case=True)
    load(backend, [plain, guiding])
    assert ids(backend.search(SearchQuery(text="销售"))) == [guiding.pk, plain.pk]
    assert ids(backend.search(SearchQuery(filters=Filters(guiding_only=True)))) == [guiding.pk]


def test_sort_by_date_and_amount(backend, corpus):
    a, b, c = load(backend, corpus)
    assert ids(backend.search(SearchQuery(sort="date"))) == [b.pk, a.pk, c.pk]
    assert ids(backend.search(SearchQuery(sort="amount"))) == [b.pk, a.pk, c.pk]
    page2 = backend.search(SearchQuery(sort="date", offset=1, limit=1))
    assert ids(page2) == [a.pk] and page2.total == 3
    # With facets or without, one pass or two: the same page, the same count.
    for sort in ("date", "amount"):
        for offset in (0, 1, 2):
            with_facets = backend.search(SearchQuery(sort=sort, offset=offset, limit=1))
            plain = backend.search(SearchQuery(sort=sort, offset=offset, limit=1,
                                               facets=False))
            assert ids(with_facets) == ids(plain) and with_facets.total == plain.total == 3
            assert sum(with_facets.facets["ip_type"].values()) == 3


def test_equal_sort_values_tie_by_id_newest_first(backend, make_decision):
    same = [make_decision(decided_on=date(2024, 1, 1), fine=5000) for _ in range(3)]
    load(backend, same)
    newest_first = sorted((d.pk for d in same), reverse=True)
    for sort in ("date", "amount"):
        assert ids(backend.search(SearchQuery(sort=sort))) == newest_first
        assert ids(backend.search(SearchQuery(sort=sort, offset=1, limit=2))) == \
            newest_first[1:]


def test_equal_scores_tie_by_id_newest_first_on_every_page(backend, make_decision):
    """Decisions that say the same score the same; they came in the order the indexing
    threads had put them in, which changed from one build to the next (an evaluation
    query's NDCG moved between runs on the same files), and a page could repeat a
    decision the page before had shown."""
    same = [make_decision(title="外观设计专利侵权纠纷案",
                          full_text="被请求人销售的灯具与涉案外观设计相近似。")
            for _ in range(25)]
    # Indexed in a shuffled order, in three writes.
    shuffled = same[7:] + same[:7]
    for chunk in (shuffled[:9], shuffled[9:17], shuffled[17:]):
        load(backend, chunk)
    newest_first = sorted((d.pk for d in same), reverse=True)
    for facets in (True, False):
        first = backend.search(SearchQuery(text="灯具 外观设计", limit=20, facets=facets))
        second = backend.search(SearchQuery(text="灯具 外观设计", offset=20, limit=20,
                                            facets=facets))
        assert ids(first) + ids(second) == newest_first
        assert first.total == second.total == 25
        assert len({h.score for h in first.hits + second.hits}) == 1


def test_a_term_cut_in_several_words_needs_every_word_not_their_adjacency(
        backend, make_decision):
    apart = make_decision(full_text="被请求人展示了侵权产品并销售。")
    one = make_decision(full_text="被请求人展示了侵权产品。")
    load(backend, [apart, one])
    plan = Plan(Mode.ALL, [Concept(alternatives=[("展示", "销售")], weights=[1.0])], [], [],
                1, [])
    result = backend._run(SearchQuery(facets=False), plan)
    assert ids(result) == [apart.pk]


def test_a_synonym_of_several_words_scores_no_more_than_the_typed_word(
        backend, make_decision):
    typed = make_decision(full_text="被请求人许诺销售台灯。")
    apart = make_decision(full_text="被请求人展示台灯并销售台灯，展示于展会，对外销售。")
    load(backend, [typed, apart])
    plan = Plan(Mode.ANY, [Concept(alternatives=[("许诺销售",), ("展示", "销售")],
                                   weights=[1.0, 1.0])], [], [], 1, [])
    assert ids(backend._run(SearchQuery(facets=False), plan)) == [typed.pk, apart.pk]


def test_fallback_finds_decisions_with_one_of_two_typed_words(backend, make_decision):
    feeder = make_decision(full_text="被请求人销售宠物喂食器，与外观设计相近似。")
    design = [make_decision(full_text=f"被请求人销售灯具{i}，与外观设计相近似。")
              for i in range(3)]
    load(backend, [feeder, *design])
    result = backend.search(SearchQuery(text="宠物喂食器 外观设计"))
    assert result.mode == "any" and ids(result)[0] == feeder.pk and result.total == 4


def test_a_word_that_finds_little_also_matches_its_pieces_in_any_order(backend,
                                                                        make_decision):
    """合法来源 as typed is in one decision; the others say 来源合法 or name the source
    apart. A strict query finding fewer than ``FEW`` falls back to the word's pieces, all
    of them, anywhere. A negating word does not (侵权不成立's pieces would find the
    opposite finding, above)."""
    typed = make_decision(full_text="被请求人的合法来源抗辩成立，不承担赔偿责任。")
    reordered = make_decision(full_text="被请求人提供了进货发票，能够证明其产品来源合法。")
    apart = make_decision(full_text="销售者证明了合法取得，并说明了产品的来源。")
    other = make_decision(full_text="被请求人销售的产品落入保护范围，构成侵权。")
    load(backend, [typed, reordered, apart, other])
    result = backend.search(SearchQuery(text="合法来源"))
    assert result.mode == "all" and set(ids(result)) == {typed.pk, reordered.pk, apart.pk}


def test_words_every_decision_uses_do_not_make_a_description_match(backend, make_decision):
    facts = make_decision(full_text="被请求人在拼多多网店销售台灯，请求人公证购买。")
    procedure = make_decision(full_text="请求人与被请求人均为公司，请求依法处理。",
                              infringing_acts=[])
    load(backend, [facts, procedure])
    result = backend.search(SearchQuery(
        text="被请求人在拼多多开设的网店上架了一款台灯，外形与专利图片几乎一样，"
             "请求人公证购买后请求责令停止销售"))
    assert result.mode == "facts" and ids(result) == [facts.pk]


def test_a_description_does_not_match_by_words_most_decisions_hold(backend, make_decision):
    """Decision 62, on both backends: 台灯 and 灯罩 are held by six decisions of ten, so
    a description naming them does not let those six match by them (nor by 销售 and 制造,
    held by all ten); the bicycles match by 折叠 and 自行车, held by four."""
    lamps = [make_decision(full_text="被请求人制造并销售台灯，灯罩外观与涉案专利近似。")
             for _ in range(6)]
    bikes = [make_decision(full_text="被请求人制造并销售折叠自行车，车架外观与涉案专利近似。")
             for _ in range(4)]
    load(backend, [*lamps, *bikes])
    result = backend.search(SearchQuery(
        text="被请求人在网店销售的台灯和灯罩与请求人的产品相同，另有人制造折叠自行车，"
             "车架与专利图片一致，请求人公证购买后请求处理"))
    assert result.mode == "facts" and set(ids(result)) == {b.pk for b in bikes}


def test_delete_and_rebuild(backend, corpus):
    a, b, c = load(backend, corpus)
    backend.delete([b.pk])
    assert backend.count() == 2
    assert backend.rebuild(to_document(d) for d in [a]) == 1
    assert backend.count() == 1
    assert ids(backend.search(SearchQuery())) == [a.pk]


def test_similar_features_weigh_more(backend, make_decision):
    same = make_decision(title="销售案", ip_type="utility_model", infringing_acts=["sell"],
                         full_text="销售控制器。")
    other = make_decision(title="销售案", ip_type="design_patent", infringing_acts=["make"],
                          full_text="销售控制器。")
    load(backend, [same, other])
    result = backend.search(SearchQuery(text="销售 控制器", match_any=True,
                                        prefer_ip_type="utility_model", prefer_acts=["sell"]))
    assert ids(result) == [same.pk, other.pk]


def test_rebuild_in_batches_swaps_at_the_end(backend, corpus):
    a, b, c = load(backend, corpus[:1]) + corpus[1:]
    target = backend.start_rebuild()
    backend.add_to_rebuild(target, [to_document(b)])
    assert backend.has_rebuild_target(target)
    assert ids(backend.search(SearchQuery())) == [a.pk]  # still the old index
    backend.add_to_rebuild(target, [to_document(c)])
    backend.finish_rebuild(target)
    assert sorted(ids(backend.search(SearchQuery()))) == sorted([b.pk, c.pk])
    assert not backend.has_rebuild_target("no-such-index")


def test_synonyms_abbreviations_and_categories(backend, corpus):
    a, b, c = load(backend, corpus)
    assert ids(backend.search(SearchQuery(text="外观专利 PDD"))) == [a.pk]
    assert ids(backend.search(SearchQuery(text="展示销售"))) == [b.pk]  # 许诺销售
    assert ids(backend.search(SearchQuery(text="照明"))) == [a.pk]  # 灯具's category word
    assert ids(backend.search(SearchQuery(text="小专利 淘宝"))) == [b.pk]  # 实用新型


def test_metadata_labels_match(backend, corpus):
    a, b, c = load(backend, corpus)
    assert set(ids(backend.search(SearchQuery(text="侵权成立")))) == {a.pk, b.pk}
    assert ids(backend.search(SearchQuery(text="发明专利 线下"))) == [c.pk]


def test_every_word_then_any_word_fallback(backend, corpus):
    a, b, c = load(backend, corpus)
    strict = backend.search(SearchQuery(text="淘宝 电动车控制器"))
    assert ids(strict) == [b.pk] and strict.mode == "all"  # fewer words would find no more
    wide = backend.search(SearchQuery(text="淘宝 灯具"))  # no decision has both
    assert wide.mode == "any" and set(ids(wide)) == {a.pk, b.pk}
    assert backend.search(SearchQuery(text="商业秘密 植物新品种")).total == 0


def test_a_pasted_description_of_facts_is_not_a_phrase(backend, corpus):
    a, b, c = load(backend, corpus)
    text = ("被请求人在拼多多平台上开店销售的灯具和我们的外观设计专利非常相似，"
            "我们请求认定构成侵权并责令停止销售，想看看类似的案例")
    result = backend.search(SearchQuery(text=text))
    assert result.mode == "facts" and ids(result)[0] == a.pk


def test_boilerplate_does_not_match(backend, make_decision):
    found = make_decision(title="侵害外观设计专利权纠纷一审民事判决书",
                          full_text="被告销售的灯具与原告专利近似。判决如下：一、被告停止侵权；"
                                    "二、驳回原告的其他诉讼请求。案件受理费由被告负担。")
    dismissed = make_decision(title="外观设计专利侵权纠纷处理决定书", outcome="dismissed",
                              full_text="被诉产品与专利设计不近似。驳回请求人的处理请求。")
    load(backend, [found, dismissed])
    assert ids(backend.search(SearchQuery(text="驳回"))) == [dismissed.pk]


def test_statutes_across_the_2008_and_2020_numberings(backend, make_decision):
    old = make_decision(decided_on=date(2019, 4, 1), statutes_cited=[
        "《中华人民共和国专利法》第十一条、第六十二条"], full_text="现有设计抗辩成立。")
    new = make_decision(decided_on=date(2022, 4, 1),
                        full_text="依照《中华人民共和国专利法》第十一条、第六十五条、"
                                  "第六十七条之规定，现有设计抗辩成立。")
    load(backend, [old, new])
    for text in ("专利法第六十七条", "专利法第六十二条", "第67条"):
        assert set(ids(backend.search(SearchQuery(text=text)))) == {old.pk, new.pk}, text
    # 第六十五条 is administrative handling in 2020 but damages (now 第七十一条) in 2008.
    assert ids(backend.search(SearchQuery(text="专利法第七十一条"))) == []


def test_no_word_matches_then_character_pairs(backend, make_decision):
    d = make_decision(full_text="被请求人销售的锂电池组外壳与专利设计相同。")
    load(backend, [d])
    result = backend.search(SearchQuery(text="池组外"))  # no word of the decision
    assert ids(result) == [d.pk] and result.mode == "any"
    assert backend.search(SearchQuery(text="商业秘密")).total == 0


def test_a_synonym_added_in_the_admin_applies_to_the_next_query(backend, make_decision,
                                                                  client, personas):
    from search.synonyms import invalidate

    d = make_decision(full_text="被请求人在店内销售招财猫摆件，与涉案设计近似。")
    load(backend, [d])
    assert backend.search(SearchQuery(text="吉祥物")).total == 0
    client.force_login(personas.legal)
    try:
        assert client.post("/admin/search/synonym/add/", {
            "kind": "equivalent", "terms": "吉祥物 = 招财猫", "note": "",
            "is_active": "on"}).status_code == 302
        for text in ("吉祥物", "吉祥物 外观设计"):
            result = backend.search(SearchQuery(text=text))
            assert ids(result) == [d.pk] and result.mode == "all", text
    finally:
        invalidate()  # the rolled-back group must not outlive the test in the cache


def test_scope_decides_what_matches_not_the_score(backend, make_decision, offices):
    """A decision both public and of a visible office scores no higher than one that is
    visible only one way: the scope is a filter (embedded: it used to add its terms'
    BM25 to the score)."""
    public = make_decision(is_public=True)
    internal = make_decision(is_public=False)
    load(backend, [public, internal])
    result = backend.search(SearchQuery(text="外观设计", visible_paths=[offices.nanning.path]))
    assert set(ids(result)) == {public.pk, internal.pk}
    first, second = result.hits
    assert first.score == pytest.approx(second.score)


def test_a_description_finds_a_word_the_decision_says_in_pieces(backend, make_decision):
    pirated = make_decision(ip_type="copyright", infringing_acts=["use"],
                            full_text="执法人员检查发现，当事人办公电脑中安装的制图软件均为盗版。")
    other = make_decision(full_text="被请求人在拼多多网店销售台灯。")
    load(backend, [pirated, other])
    result = backend.search(SearchQuery(
        text="有人举报隔壁那家工作室用盗版软件画图，老板姓张，去年开的，大概十来个人"))
    assert result.mode == "facts" and ids(result) == [pirated.pk]


def test_everyday_words_find_the_decisions_that_say_it_formally(backend, make_decision):
    """大牌, 假的, A货, 很像, 搞混, 翻版, 罚多少: how people type it, against how decisions
    say it (decision 91)."""
    fake = make_decision(ip_type="trademark", title="某服装店侵犯注册商标专用权行政处罚决定书",
                         full_text="当事人销售假冒注册商标的运动服四十件，决定并处罚款15000元。",
                         fine=15000)
    alike = make_decision(full_text="被请求人销售的水杯与涉案外观设计相近似，整体视觉效果无差异。")
    confusing = make_decision(ip_type="trademark", title="某公司侵害商标权纠纷民事判决书",
                              full_text="被告使用的标志与原告的注册商标近似，容易导致相关公众混淆。")
    copies = make_decision(ip_type="copyright", title="某书店侵犯著作权行政处罚决定书",
                           full_text="当事人销售的教辅图书系侵权复制品，共计三百册。")
    load(backend, [fake, alike, confusing, copies])
    for text, first in [("卖假的 运动服", fake), ("A货", fake), ("大牌 运动服", fake),
                        ("罚多少 运动服", fake), ("容易搞混", confusing), ("翻版", copies)]:
        assert ids(backend.search(SearchQuery(text=text)))[:1] == [first.pk], text
    assert set(ids(backend.search(SearchQuery(text="很像")))) == {alike.pk, confusing.pk}
    result = backend.search(SearchQuery(
        text="有人在步行街的店里卖大牌的运动服，一看就是假的，老板拿不出进货单，想知道一般罚多少"))
    assert result.mode == "facts" and ids(result)[0] == fake.pk


def test_a_typing_slip_is_searched_as_the_term_it_is_one_slip_from(backend, make_decision):
    """著做权 (a homophone), 外观设计计 (a character typed twice), 作著权 (two swapped) and
    外观设专利 (one missing) find the decisions on 著作权 and 外观设计专利; a quoted slip
    is searched as typed, and 线销售 (线上销售 or 线下销售) is not corrected (decision 110)."""
    discs = make_decision(ip_type="copyright", infringing_acts=["sell"],
                          title="某音像店侵犯著作权行政处罚决定书",
                          full_text="当事人销售侵犯他人著作权的盗版光碟二百张。")
    lamp = make_decision(full_text="被请求人销售的壁灯与涉案外观设计专利的外观相近似。")
    load(backend, [discs, lamp])
    for text, first, typed, term in [
            ("著做权 光碟", discs, "著做权", "著作权"),
            ("作著权", discs, "作著权", "著作权"),
            ("外观设计计 壁灯", lamp, "外观设计计", "外观设计"),
            ("外观设专利", lamp, "外观设专利", "外观设计专利")]:
        result = backend.search(SearchQuery(text=text))
        assert ids(result)[:1] == [first.pk], text
        assert result.corrections == [(typed, term)], text
    quoted = backend.search(SearchQuery(text="\u201c著做权\u201d"))
    assert quoted.total == 0 and quoted.corrections == []
    assert backend.search(SearchQuery(text="线销售 壁灯")).corrections == []
