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
