"""Search quality on the labelled set: NDCG@10 and recall@20, system vs plain BM25."""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from search.backends.base import SearchQuery
from search.backends.embedded import EmbeddedBackend
from search.evaluation.build import load
from search.evaluation.generator import index_document
from search.evaluation.metrics import ndcg_at, recall_at


class Command(BaseCommand):
    help = ("Report NDCG@10 and recall@20 of the system ranking and of a plain BM25 "
            "baseline on the same index (search/evaluation/*.json).")

    def handle(self, *args: Any, **options: Any) -> None:
        decisions, queries = load()
        backend = EmbeddedBackend(Path(tempfile.mkdtemp(prefix="ipcases-eval-")))
        backend.rebuild(index_document(s, pk) for pk, s in enumerate(decisions, start=1))
        external = {pk: s.external_id for pk, s in enumerate(decisions, start=1)}
        rows: dict[str, tuple[list[float], list[float]]] = {"system": ([], []), "bm25": ([], [])}
        for item in queries:
            for name, plain in (("system", False), ("bm25", True)):
                # Both rankings see the query as free text: any term may match, BM25 scores.
                result = backend.search(SearchQuery(text=item["query"], limit=20,
                                                    facets=False, plain=plain,
                                                    match_any=True, boost_guiding=not plain))
                ranked = [external[h.id] for h in result.hits]
                rows[name][0].append(ndcg_at(ranked, item["grades"], 10))
                # A query with no relevant decision (grade >= 2) has no recall to measure.
                if any(g >= 2 for g in item["grades"].values()):
                    rows[name][1].append(recall_at(ranked, item["grades"], 20))
        self.stdout.write(f"{len(decisions)} decisions, {len(queries)} queries "
                          "(graded 0-3; relevant for recall: grade >= 2)")
        for name, label in (("system", "system ranking"), ("bm25", "plain BM25 baseline")):
            ndcg, recall = rows[name]
            self.stdout.write(f"{label:22s} NDCG@10 {statistics.mean(ndcg):.3f}   "
                              f"recall@20 {statistics.mean(recall):.3f}")
