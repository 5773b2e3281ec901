"""EmbeddedBackend.bulk_add: one writer for a stream of new documents."""

from __future__ import annotations

import pytest

from search.backends.base import SearchQuery
from search.backends.embedded import EmbeddedBackend
from search.schema import to_document

pytestmark = pytest.mark.django_db


def test_bulk_add_fills_a_rebuild_target_with_commits_along_the_way(tmp_path,
                                                                    make_decision):
    backend = EmbeddedBackend(tmp_path / "idx")
    assert backend.count() == 0  # a live (empty) index
    decisions = [make_decision(full_text=f"被请求人销售灯具{n}。") for n in range(7)]
    seen: list[int] = []
    target = backend.start_rebuild()
    added = backend.bulk_add((to_document(d) for d in decisions), target,
                             progress=seen.append, commit_every=3)
    assert added == 7 and seen == [3, 3, 1]
    assert backend.count() == 0  # the new documents are not live before the swap
    backend.finish_rebuild(target)
    assert backend.count() == 7
    result = backend.search(SearchQuery(text="灯具", limit=10))
    assert sorted(h.id for h in result.hits) == sorted(d.pk for d in decisions)
    assert result.total == 7


def test_bulk_add_into_the_live_index_and_rebuild_through_it(tmp_path, make_decision):
    backend = EmbeddedBackend(tmp_path / "idx")
    a, b = make_decision(), make_decision()
    assert backend.bulk_add([to_document(a)]) == 1
    assert backend.count() == 1
    assert backend.rebuild(to_document(d) for d in [a, b]) == 2
    assert backend.count() == 2
