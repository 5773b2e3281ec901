"""EmbeddedBackend: a description of facts is not scored on terms almost every decision
holds (their BM25 weight is next to nothing, their postings most of the scoring pass)."""

from __future__ import annotations

import pytest

from search.backends.base import SearchQuery
from search.backends.embedded import EmbeddedBackend
from search.query import Mode, understand
from search.schema import to_document

pytestmark = pytest.mark.django_db

DESCRIPTION = ("被请求人在拼多多开设的网店上架了一款台灯，外形与专利图片几乎一样，"
               "请求人公证购买后请求责令停止销售")


def test_terms_nearly_every_decision_holds_are_left_out_of_the_scoring(tmp_path,
                                                                        make_decision):
    backend = EmbeddedBackend(tmp_path / "idx")
    lamp = make_decision(full_text="被请求人在拼多多网店销售的台灯与涉案外观设计近似。")
    others = [make_decision(full_text=f"被请求人在展会上销售的第{n}款吊扇与涉案外观设计近似。")
              for n in range(11)]
    backend.index([to_document(d) for d in [lamp, *others]])
    plan = understand(DESCRIPTION)
    assert plan.mode == Mode.FACTS
    searcher = backend._open().searcher()
    query = repr(backend._query(SearchQuery(text=DESCRIPTION), plan, searcher))
    # 销售 (every decision: word and bigram) is gone; 台灯 and 拼多多 still count.
    assert '"销售"' not in query
    assert '"台灯"' in query and '"拼多多"' in query
    assert [h.id for h in backend.search(SearchQuery(text=DESCRIPTION)).hits][:1] == [lamp.pk]


def test_evidence_most_decisions_hold_is_left_out_below_nine_tenths(tmp_path, make_decision):
    """Decision 76: a scored-only term held by two thirds of the decisions (拼多多 here,
    which is too common to count towards the minimum) is no longer scored; a telling word
    still is, and the decision that holds the facts still comes first."""
    backend = EmbeddedBackend(tmp_path / "idx")
    lamp = make_decision(full_text="被请求人在拼多多网店上架的台灯与涉案外观设计近似。")
    shops = [make_decision(full_text=f"被请求人在拼多多销售的第{n}款吊扇与涉案外观设计近似。")
             for n in range(7)]
    fairs = [make_decision(full_text=f"被请求人在展会上销售的第{n}款吊扇与涉案外观设计近似。")
             for n in range(4)]
    backend.index([to_document(d) for d in [lamp, *shops, *fairs]])
    plan = understand(DESCRIPTION)
    searcher = backend._open().searcher()
    assert searcher.doc_freq("words", "拼多多") == 8  # of 12: between 0.6 and 0.9
    query = repr(backend._query(SearchQuery(text=DESCRIPTION), plan, searcher))
    assert '"拼多多"' not in query
    assert '"台灯"' in query and '"上架"' in query
    assert [h.id for h in backend.search(SearchQuery(text=DESCRIPTION)).hits][:1] == [lamp.pk]
