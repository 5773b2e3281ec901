"""Run a labelled set through the page's own search path and score it.

A labelled set is a folder holding ``decisions.json`` and ``queries.json``, or one JSON
file ``{"decisions": [...], "queries": [...]}``. A decision carries the fields of
``search.Decision`` (unknown keys are ignored); a query carries ``query``, ``grades``
(external id → 0-3) and optionally ``type`` (short, long, synonym…) and ``rule`` (how it
was graded).

Everything happens inside a transaction that is rolled back, on a temporary embedded
index: the decisions, an office and a legal-staff user are created, indexed with the
production document builder, and every query runs through ``search_precedents`` — the
selector behind the page and the API (scope, query understanding, synonyms, fallback,
facets, highlights). The baseline is BM25 over character bigrams on the same index in the
same run, through the same selector's ``run_query``.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.test import override_settings

from search.evaluation.metrics import ndcg_at, recall_at

DEFAULT_SET = Path(__file__).resolve().parent
_DECISION_FIELDS = {
    "title", "document_number", "region_code", "ip_type", "infringing_acts", "platform",
    "product_category", "outcome", "damages_claimed", "damages_awarded",
    "settlement_amount", "illegal_turnover", "illegal_gain", "fine", "statutes_cited",
    "disputed_issues", "holding", "full_text", "is_guiding_case",
}
_AMOUNTS = {"damages_claimed", "damages_awarded", "settlement_amount", "illegal_turnover",
            "illegal_gain", "fine"}


def load_set(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    path = Path(path)
    if path.is_dir():
        decisions = json.loads((path / "decisions.json").read_text(encoding="utf-8"))
        queries = json.loads((path / "queries.json").read_text(encoding="utf-8"))
    else:
        data = json.loads(path.read_text(encoding="utf-8"))
        decisions, queries = data["decisions"], data["queries"]
    if not isinstance(decisions, list) or not isinstance(queries, list):
        raise ValueError("decisions and queries must be lists")
    return decisions, queries


@dataclass
class QueryScore:
    query: str
    type: str
    ndcg: float
    recall: float | None  # None: no decision of grade >= 2
    returned: int
    mode: str


@dataclass
class Report:
    decisions: int
    system: list[QueryScore] = field(default_factory=list)
    bm25: list[QueryScore] = field(default_factory=list)

    def types(self) -> list[str]:
        return sorted({s.type for s in self.system})

    @staticmethod
    def mean_ndcg(rows: list[QueryScore]) -> float:
        return statistics.mean(r.ndcg for r in rows) if rows else 0.0

    @staticmethod
    def mean_recall(rows: list[QueryScore]) -> float:
        values = [r.recall for r in rows if r.recall is not None]
        return statistics.mean(values) if values else 0.0

    def empty_where_bm25_finds(self) -> list[str]:
        """Queries the system answers with nothing although BM25 ranks a relevant one."""
        return [s.query for s, b in zip(self.system, self.bm25, strict=True)
                if s.returned == 0 and b.recall]


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def decision_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """A labelled decision's model fields (amounts as decimals, lists as lists)."""
    fields = {k: v for k, v in raw.items() if k in _DECISION_FIELDS}
    for name in _AMOUNTS & fields.keys():
        if fields[name] is not None:
            fields[name] = Decimal(str(fields[name]))
    fields["infringing_acts"] = list(fields.get("infringing_acts") or [])
    fields["statutes_cited"] = list(fields.get("statutes_cited") or [])
    return fields


def evaluate(path: Path = DEFAULT_SET, cluster_url: str | None = None,
             flavour: str = "opensearch") -> Report:
    """``cluster_url``: run on that Elasticsearch/OpenSearch cluster (a temporary index
    prefix) instead of a temporary embedded index."""
    from django.contrib.auth.models import Group

    from cases.models import Office, Role, User
    from search import selectors
    from search.backends import get_backend, reset_backends
    from search.backends.base import SearchQuery
    from search.models import Decision
    from search.schema import to_document

    raw_decisions, queries = load_set(path)
    report = Report(decisions=len(raw_decisions))
    backend_settings: dict[str, Any] = {"SEARCH_BACKEND": "embedded"}
    if cluster_url:
        backend_settings = {"SEARCH_BACKEND": "cluster", "ELASTICSEARCH_URL": cluster_url,
                            "SEARCH_CLUSTER_FLAVOUR": flavour,
                            "SEARCH_INDEX_PREFIX": f"ipcases-eval-{uuid.uuid4().hex[:8]}"}
    with tempfile.TemporaryDirectory(prefix="ipcases-eval-") as tmp, \
            override_settings(SEARCH_EMBEDDED_DIR=Path(tmp), **backend_settings), \
            _rolled_back():
        reset_backends()
        office = Office.objects.create(name="评测临时局", level="city", region_code="990100",
                                       region_name="评测", parent=None)
        user = User.objects.create(username="evaluation-legal", office=office, is_staff=True)
        user.groups.add(Group.objects.get_or_create(name=Role.LEGAL)[0])
        external: dict[int, str] = {}
        docs = []
        for raw in raw_decisions:
            d = Decision.objects.create(
                source="office", external_id=str(raw["external_id"]), office=office,
                decided_on=date.fromisoformat(str(raw["decided_on"])),
                **decision_fields(raw))
            external[d.pk] = d.external_id
            docs.append(to_document(d))
        get_backend().rebuild(iter(docs))
        for item in queries:
            grades = {str(k): int(v) for k, v in item["grades"].items()}
            kind = str(item.get("type") or "untyped")
            has_relevant = any(g >= 2 for g in grades.values())
            page = selectors.search_precedents(user, text=item["query"], page_size=20)
            ranked = [external[h.decision.pk] for h in page.hits]
            report.system.append(QueryScore(
                item["query"], kind, ndcg_at(ranked, grades, 10),
                recall_at(ranked, grades, 20) if has_relevant else None, page.total,
                page.mode))
            rows, result = selectors.run_query(user, SearchQuery(text=item["query"], limit=20,
                                                       facets=False, plain=True,
                                                       boost_guiding=False))
            ranked = [external[d.pk] for d, _s in rows]
            report.bm25.append(QueryScore(
                item["query"], kind, ndcg_at(ranked, grades, 10),
                recall_at(ranked, grades, 20) if has_relevant else None, result.total,
                "bm25"))
        if cluster_url:
            get_backend().clear()
    reset_backends()
    return report
