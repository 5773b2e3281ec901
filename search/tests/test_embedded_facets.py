"""EmbeddedBackend: facet counts of a relevance-ranked query come from a cache until the
index changes."""

from __future__ import annotations

import pytest

from search.backends.base import SearchQuery
from search.backends.embedded import EmbeddedBackend
from search.schema import to_document

pytestmark = pytest.mark.django_db


def test_the_next_page_reuses_the_facets_and_a_commit_renews_them(tmp_path, make_decision,
                                                                  monkeypatch):
    backend = EmbeddedBackend(tmp_path / "idx")
    backend.index([to_document(make_decision(full_text=f"被请求人销售灯具{n}。"))
                   for n in range(3)])
    first = backend.search(SearchQuery(text="灯具", limit=2))
    assert first.total == 3 and sum(first.facets["ip_type"].values()) == 3

    passes: list[object] = []
    count = backend._count_facets
    monkeypatch.setattr(backend, "_count_facets",
                        lambda *a: passes.append(a) or count(*a))
    second = backend.search(SearchQuery(text="灯具", limit=2, offset=2))
    assert passes == []  # the next page: no aggregation pass
    assert second.total == 3 and second.facets == first.facets
    assert [h.id for h in second.hits] not in ([h.id for h in first.hits], [])

    backend.index([to_document(make_decision(full_text="被请求人销售灯具。"))])
    renewed = backend.search(SearchQuery(text="灯具", limit=2))
    assert len(passes) == 1  # a commit is a new generation: counted again
    assert renewed.total == 4 and sum(renewed.facets["ip_type"].values()) == 4


def test_another_query_is_counted_on_its_own(tmp_path, make_decision):
    backend = EmbeddedBackend(tmp_path / "idx")
    backend.index([to_document(make_decision(full_text="被请求人销售灯具。")),
                   to_document(make_decision(full_text="被请求人许诺销售台灯和灯具。"))])
    assert backend.search(SearchQuery(text="灯具")).total == 2
    assert backend.search(SearchQuery(text="台灯")).total == 1
    backend.clear_facet_cache()
    assert backend.search(SearchQuery(text="灯具", offset=1, limit=1)).total == 2


def test_a_query_matching_many_counts_its_facets_over_the_most_relevant(
        tmp_path, make_decision, monkeypatch):
    from search.backends import embedded

    monkeypatch.setattr(embedded, "FACET_EXACT_LIMIT", 3)
    monkeypatch.setattr(embedded, "FACET_SAMPLE", 2)
    backend = EmbeddedBackend(tmp_path / "idx")
    backend.index([to_document(make_decision(full_text="被请求人销售灯具。" * (n + 1)))
                   for n in range(5)]
                  + [to_document(make_decision(full_text=f"被请求人销售服装{n}。"))
                     for n in range(3)])
    many = backend.search(SearchQuery(text="灯具", limit=1))
    assert many.total == 5  # exact, though the facets are not
    assert many.facets_sampled and sum(many.facets["ip_type"].values()) == 2
    assert len(many.hits) == 1
    following = backend.search(SearchQuery(text="灯具", limit=1, offset=3))
    assert following.facets_sampled and following.facets == many.facets
    assert following.total == 5 and following.hits[0].id != many.hits[0].id

    few = backend.search(SearchQuery(text="服装", limit=1))
    assert few.total == 3 and not few.facets_sampled
    assert sum(few.facets["ip_type"].values()) == 3


def test_a_sampled_page_is_the_same_page(tmp_path, make_decision, monkeypatch):
    from search.backends import embedded

    backend = EmbeddedBackend(tmp_path / "idx")
    backend.index([to_document(make_decision(full_text="被请求人销售灯具。" * (n % 4 + 1)))
                   for n in range(12)])
    exact = [[h.id for h in backend.search(SearchQuery(text="灯具", limit=5, offset=o)).hits]
             for o in (0, 5, 10)]
    monkeypatch.setattr(embedded, "FACET_EXACT_LIMIT", 3)
    monkeypatch.setattr(embedded, "FACET_SAMPLE", 4)
    backend.clear_facet_cache()
    sampled = [[h.id for h in backend.search(SearchQuery(text="灯具", limit=5, offset=o)).hits]
               for o in (0, 5, 10)]
    assert sampled == exact and sum(map(len, sampled)) == 12


def test_a_description_does_not_match_on_words_most_decisions_hold(tmp_path, make_decision):
    backend = EmbeddedBackend(tmp_path / "idx")
    clothes = [make_decision(full_text="被请求人在网店销售服装。") for _ in range(4)]
    lamp = make_decision(full_text="被请求人在网店销售台灯，台灯外形与专利图片一样。")
    backend.index([to_document(d) for d in [*clothes, lamp]])
    found = backend.search(SearchQuery(text="网店 销售 台灯 外形 图片 几乎 一款 上架 拼多多 公证"))
    assert found.mode == "facts"
    # 网店 and 销售 are in every decision: they score, but two of them are no match.
    assert [h.id for h in found.hits] == [lamp.pk] and found.total == 1
