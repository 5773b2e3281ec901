"""The rules that weigh a description's words by how many decisions hold them."""

import pytest

from search import frequency
from search.frequency import KnownFrequencies
from search.query import Mode, understand

pytestmark = pytest.mark.django_db  # the synonyms are read from their table

DESCRIPTION = ("被请求人在网店销售的台灯和灯罩与请求人的产品相同，另有人制造折叠自行车，"
               "车架与专利图片一致，请求人公证购买后请求处理")


def _first(concepts):
    return ["".join(c.alternatives[0]) for c in concepts]


def test_words_held_by_more_than_half_are_scored_not_counted():
    plan = understand(DESCRIPTION)
    df = KnownFrequencies(10, {("words", "台灯"): 6, ("words", "折叠"): 4,
                               ("words", "销售"): 10, ("words", "售卖"): 1})
    counted, optional = frequency.counted(plan, df)
    kept = [_first(g)[0] for g in counted]
    assert "折叠" in kept and "台灯" not in kept and "销售" not in kept
    assert {"台灯", "销售"} <= set(_first(optional))


def test_when_every_word_is_common_every_word_counts():
    plan = understand(DESCRIPTION)
    df = KnownFrequencies(2, {term: 2 for term in frequency.needed(plan)})
    assert frequency.counted(plan, df) == (plan.words(), plan.optional())


def test_evidence_held_by_more_than_the_share_is_left_out():
    plan = understand(DESCRIPTION)
    common = {("bigrams", b): 7 for b in plan.bigrams[:3]}
    common.update({("words", t): 7 for c in plan.optional() for a in c.alternatives
                   for t in a})
    df = KnownFrequencies(10, common)
    assert frequency.evidence(plan, df) == plan.bigrams[3:]
    # Every way of saying a common word is held by 7 of 10: none is scored.
    assert frequency.scored_only(plan, plan.optional(), df) == []
    # Held by 6 of 10 (not more than the share): every one is kept, every way of it.
    df = KnownFrequencies(10, {term: 6 for term in common})
    kept = frequency.scored_only(plan, plan.optional(), df)
    assert [c for c, _t in kept] == plan.optional()
    assert all(telling(a) for c, telling in kept for a in c.alternatives)


def test_other_plans_and_no_statistics_are_as_written():
    short = understand("台灯 外观")
    assert short.mode != Mode.FACTS and frequency.needed(short) == set()
    df = KnownFrequencies(10, {("words", "台灯"): 10})
    assert frequency.counted(short, df) == (short.words(), short.optional())
    plan = understand(DESCRIPTION)
    assert frequency.counted(plan, None) == (plan.words(), plan.optional())
    assert frequency.evidence(plan, None) == plan.bigrams


def test_needed_names_every_way_of_saying_each_word_and_the_bigrams():
    plan = understand(DESCRIPTION)
    terms = frequency.needed(plan)
    assert ("words", "售卖") in terms and ("words", "折叠") in terms
    assert {("bigrams", b) for b in plan.bigrams} <= terms
