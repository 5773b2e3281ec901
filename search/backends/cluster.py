"""Cluster backend: Elasticsearch 8/9 or OpenSearch.

Mappings and queries are built with ``elasticsearch.dsl`` from the one schema
(``search.schema.FIELDS``) and sent as plain bodies through elasticsearch-py (ES) or
opensearch-py (OpenSearch). Text arrives pre-tokenised (``search.analysis``), so the
fields use the built-in ``whitespace`` analyzer and no Chinese plugin is needed.
Versioned indices sit behind an alias; a rebuild fills a new index and swaps the alias in
one atomic ``update_aliases`` call.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from typing import Any

from elasticsearch.dsl import A, Mapping, Q, Search
from elasticsearch.dsl.field import Boolean, Double, Keyword, Long, Text
from elasticsearch.dsl.query import Query

from search import frequency
from search.backends.base import (
    FACET_FIELDS,
    BackendUnavailable,
    Hit,
    SearchQuery,
    SearchResult,
    check_window,
    execute,
)
from search.query import (
    BIGRAM_WEIGHT,
    FIELD_TIE,
    LABEL_BOOST,
    STATUTE_BOOST,
    TITLE_BOOST,
    Concept,
    Mode,
    Plan,
    baseline_terms,
)
from search.schema import FIELDS

BULK_CHUNK = 500


def mapping() -> Mapping:
    m = Mapping()
    for name, kind in FIELDS.items():
        if kind in {"id", "int"}:
            m.field(name, Long())
        elif kind == "text":
            m.field(name, Text(analyzer="whitespace"))
        elif kind == "keyword":
            m.field(name, Keyword())
        elif kind == "float":
            m.field(name, Double())
        elif kind == "bool":
            m.field(name, Boolean())
    return m


class _Transport:
    """The few calls we need, the same for both clients."""

    def __init__(self, url: str, flavour: str) -> None:
        self.flavour = flavour
        if flavour == "opensearch":
            from opensearchpy import OpenSearch

            self.client: Any = OpenSearch(hosts=[url], timeout=30)
        else:
            from elasticsearch import Elasticsearch

            self.client = Elasticsearch(url, request_timeout=30)

    def call(self, fn: Callable[..., Any], **kwargs: Any) -> Any:
        try:
            return fn(**kwargs)
        except Exception as exc:
            if _is_connection_error(exc):
                raise BackendUnavailable(str(exc)) from exc
            raise

    def create_index(self, name: str, body: dict[str, Any]) -> None:
        self.call(self.client.indices.create, index=name, body=body)

    def delete_index(self, name: str) -> None:
        self.call(self.client.indices.delete, index=name, ignore_unavailable=True)

    def alias_targets(self, alias: str) -> list[str]:
        try:
            result = self.call(self.client.indices.get_alias, name=alias)
        except BackendUnavailable:
            raise
        except Exception:  # noqa: BLE001 - a missing alias is a 404 in both clients
            return []
        return list(dict(result).keys())

    def update_aliases(self, actions: list[dict[str, Any]]) -> None:
        self.call(self.client.indices.update_aliases, body={"actions": actions})

    def bulk(self, lines: list[dict[str, Any]], refresh: bool = True) -> None:
        body = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
        result = self.call(self.client.bulk, body=body, refresh=refresh)
        if result.get("errors"):
            bad = [i for i in result["items"]
                   if next(iter(i.values())).get("error")
                   and next(iter(i.values())).get("status") != 404]
            if bad:
                raise RuntimeError(f"bulk indexing failed: {bad[:3]}")

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        return dict(self.call(self.client.search, index=index, body=body))

    def count(self, index: str) -> int:
        return int(self.call(self.client.count, index=index)["count"])

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:  # noqa: BLE001
            return False


def _is_connection_error(exc: Exception) -> bool:
    names = {cls.__name__ for cls in type(exc).__mro__}
    return bool(names & {"ConnectionError", "ConnectionTimeout", "TransportError"}) and \
        "NotFoundError" not in names and "RequestError" not in names \
        and "BadRequestError" not in names


class ClusterBackend:
    name = "cluster"

    def __init__(self, url: str, flavour: str = "elasticsearch", prefix: str = "ipcases"
                 ) -> None:
        if not url:
            raise BackendUnavailable("ELASTICSEARCH_URL is not set")
        self.transport = _Transport(url, flavour)
        self.alias = f"{prefix}-decisions"

    # --- indices ----------------------------------------------------------------------

    def _new_index(self) -> str:
        name = f"{self.alias}-v{time.time_ns()}"
        self.transport.create_index(name, {
            "settings": {"number_of_shards": 1},
            "mappings": mapping().to_dict(),
        })
        return name

    def _ensure(self) -> None:
        if not self.transport.alias_targets(self.alias):
            name = self._new_index()
            self.transport.update_aliases([{"add": {"index": name, "alias": self.alias}}])

    # --- writes -----------------------------------------------------------------------

    def index(self, docs: list[dict[str, Any]], target: str | None = None) -> None:
        if not docs:
            return
        if target is None:
            self._ensure()
        index = target or self.alias
        for i in range(0, len(docs), BULK_CHUNK):
            lines: list[dict[str, Any]] = []
            for doc in docs[i:i + BULK_CHUNK]:
                lines.append({"index": {"_index": index, "_id": str(doc["id"])}})
                lines.append({k: v for k, v in doc.items() if k in FIELDS})
            self.transport.bulk(lines)

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        self._ensure()
        self.transport.bulk([{"delete": {"_index": self.alias, "_id": str(pk)}} for pk in ids])

    def clear(self) -> None:
        for name in self.transport.alias_targets(self.alias):
            self.transport.delete_index(name)

    def start_rebuild(self) -> str:
        return self._new_index()

    def has_rebuild_target(self, target: str) -> bool:
        try:
            return bool(self.transport.call(self.transport.client.indices.exists, index=target))
        except BackendUnavailable:
            raise
        except Exception:  # noqa: BLE001
            return False

    def add_to_rebuild(self, target: str, docs: list[dict[str, Any]]) -> None:
        self.index(docs, target=target)

    def finish_rebuild(self, target: str) -> None:
        old = self.transport.alias_targets(self.alias)
        actions = [{"remove": {"index": o, "alias": self.alias}} for o in old if o != target]
        actions.append({"add": {"index": target, "alias": self.alias}})
        self.transport.update_aliases(actions)  # one atomic swap: no moment without an index
        for o in old:
            if o != target:
                self.transport.delete_index(o)

    def rebuild(self, docs: Iterable[dict[str, Any]],
                progress: Callable[[int], None] | None = None) -> int:
        new = self._new_index()
        batch: list[dict[str, Any]] = []
        count = 0
        for doc in docs:
            batch.append(doc)
            if len(batch) >= BULK_CHUNK:
                self.index(batch, target=new)
                count += len(batch)
                if progress:
                    progress(len(batch))
                batch = []
        if batch:
            self.index(batch, target=new)
            count += len(batch)
            if progress:
                progress(len(batch))
        old = self.transport.alias_targets(self.alias)
        actions = [{"remove": {"index": o, "alias": self.alias}} for o in old]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.transport.update_aliases(actions)  # one atomic swap: no moment without an index
        for o in old:
            self.transport.delete_index(o)
        return count

    # --- reads ------------------------------------------------------------------------

    def count(self) -> int:
        self._ensure()
        return self.transport.count(self.alias)

    def versions(self) -> dict[int, int]:
        self._ensure()
        out: dict[int, int] = {}
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {"size": 1000, "sort": [{"id": "asc"}],
                                    "_source": ["id", "version"],
                                    "query": {"match_all": {}}}
            if after:
                body["search_after"] = after
            hits = self.transport.search(self.alias, body)["hits"]["hits"]
            if not hits:
                return out
            for h in hits:
                out[int(h["_source"]["id"])] = int(h["_source"]["version"])
            after = h["sort"]

    def health(self) -> bool:
        return self.transport.ping()

    def _alternative(self, tokens: tuple[str, ...], typed: bool) -> Query:
        """One way of saying a concept: in the text or the labels, and for the word as
        typed also in the title (weighted)."""
        if len(tokens) == 1:
            fields = [Q("term", words=tokens[0]),
                      Q("term", labels={"value": tokens[0], "boost": LABEL_BOOST})]
            if typed:
                fields.append(Q("term", title_words={"value": tokens[0], "boost": TITLE_BOOST}))
            return Q("dis_max", queries=fields, tie_breaker=FIELD_TIE)
        # A term the segmenter cuts in several words: every word, not their adjacency; a
        # synonym scored as their mean (their sum would outscore the typed word).
        return Q("bool", must=[Q("term", words=t) for t in tokens],
                 boost=1.0 if typed else 1 / len(tokens))

    def _concept(self, c: Concept,
                 telling: Callable[[tuple[str, ...]], bool] = lambda a: True) -> Query:
        """The concept's query, with the ways of saying it ``telling`` accepts."""
        options = [Q("bool", should=[self._alternative(a, i == 0)], boost=w)
                   for i, (a, w) in enumerate(zip(c.alternatives, c.weights, strict=True))
                   if telling(a)]
        options += [Q("term", statutes={"value": k, "boost": STATUTE_BOOST})
                    for k in c.statutes]
        if c.char:
            options.append(Q("term", chars=c.char))
        # The best way the decision says it counts, not the sum of all the synonyms.
        return Q("dis_max", queries=options, tie_breaker=0.1, boost=c.weight)

    def _phrase(self, tokens: tuple[str, ...]) -> Query:
        if len(tokens) == 1:
            return Q("term", **{"chars" if len(tokens[0]) == 1 else "bigrams": tokens[0]})
        return Q("match_phrase", bigrams=" ".join(tokens))

    def _frequencies(self, plan: Plan | None) -> frequency.KnownFrequencies | None:
        """The document frequencies a description's rules read, in one request of filter
        aggregations (its total is the number of decisions); None for other plans."""
        terms = sorted(frequency.needed(plan))
        if not terms:
            return None
        body = {"size": 0, "track_total_hits": True, "query": {"match_all": {}},
                "aggs": {f"t{i}": {"filter": {"term": {field: token}}}
                         for i, (field, token) in enumerate(terms)}}
        raw = self.transport.search(self.alias, body)
        aggs = raw.get("aggregations", {})
        return frequency.KnownFrequencies(
            _total(raw["hits"]["total"]),
            {term: int(aggs.get(f"t{i}", {}).get("doc_count", 0))
             for i, term in enumerate(terms)})

    def _query(self, q: SearchQuery, plan: Plan | None) -> Query:
        must: list[Query] = []
        should: list[Query] = []
        must_not: list[Query] = []
        filters: list[Query] = []
        if plan is None:  # the BM25 baseline: any character bigram, plain scores
            terms = baseline_terms(q.text)
            if terms:
                must.append(Q("bool", should=[Q("term", bigrams=t) for t in terms],
                              minimum_should_match=1))
        else:
            df = self._frequencies(plan)
            must.extend(self._phrase(p) for p in plan.phrases)
            concepts = [self._concept(c) for c in plan.concepts]
            if plan.mode == Mode.ALL:
                must.extend(concepts)
            elif concepts:
                # Any-word: ``minimum`` typed words, each matched by any of its concepts.
                counted, optional = frequency.counted(plan, df)
                typed = [self._concept(group[0]) if len(group) == 1
                         else Q("bool", should=[self._concept(c) for c in group])
                         for group in counted]
                must.append(Q("bool", should=typed,
                              minimum_should_match=min(plan.minimum, len(typed))))
                should.extend(self._concept(c, telling)
                              for c, telling in frequency.scored_only(plan, optional, df))
            bigrams = frequency.evidence(plan, df)
            if bigrams:  # scored evidence, or the match itself when no word is left
                (should if concepts else must).append(
                    Q("bool", should=[Q("term", bigrams=t) for t in bigrams],
                      minimum_should_match=1, boost=BIGRAM_WEIGHT))
            must_not.extend(self._concept(c) for c in plan.excluded)
        f = q.filters
        for field, values in (("ip_type", f.ip_types), ("acts", f.acts),
                              ("platform", f.platforms), ("outcome", f.outcomes)):
            if values:
                filters.append(Q("terms", **{field: values}))
        if f.office_path:
            filters.append(Q("term", office_paths=f.office_path))
        if f.region_prefix:
            filters.append(Q("term", region_prefixes=f.region_prefix))
        if f.date_from or f.date_to:
            rng: dict[str, int] = {}
            if f.date_from:
                rng["gte"] = int(f.date_from.strftime("%Y%m%d"))
            if f.date_to:
                rng["lte"] = int(f.date_to.strftime("%Y%m%d"))
            filters.append(Q("range", decided=rng))
        if f.amount_min is not None or f.amount_max is not None:
            arng: dict[str, float] = {}
            if f.amount_min is not None:
                arng["gte"] = float(f.amount_min)
            if f.amount_max is not None:
                arng["lte"] = float(f.amount_max)
            filters.append(Q("range", amount=arng))
        if f.guiding_only:
            filters.append(Q("term", is_guiding=True))
        if f.exclude_ids:
            must_not.append(Q("terms", id=[int(i) for i in f.exclude_ids]))
        if q.visible_paths is not None:
            filters.append(Q("bool", should=[Q("term", is_public=True)]
                             + [Q("term", office_paths=p) for p in q.visible_paths],
                             minimum_should_match=1))
        if q.prefer_ip_type:
            should.append(Q("term", ip_type={"value": q.prefer_ip_type, "boost": 3.0}))
        for act in q.prefer_acts:
            should.append(Q("term", acts={"value": act, "boost": 1.5}))
        if not must:
            must.append(Q("match_all"))
        query = Q("bool", must=must, should=should, must_not=must_not, filter=filters)
        if q.boost_guiding and plan is not None and q.sort == "relevance":
            query = Q("function_score", query=query, boost_mode="multiply",
                      functions=[{"filter": {"term": {"is_guiding": True}}, "weight": 2.0}])
        return query

    def search(self, q: SearchQuery) -> SearchResult:
        check_window(q.offset, q.limit)
        self._ensure()
        return execute(q, lambda plan: self._run(q, plan))

    def _run(self, q: SearchQuery, plan: Plan | None) -> SearchResult:
        s = Search().query(self._query(q, plan)).extra(from_=q.offset, size=q.limit,
                                                 track_total_hits=True)
        s = s.source(["id"])
        if q.sort == "date":
            s = s.sort("-decided", "-id")
        elif q.sort == "amount":
            s = s.sort("-amount", "-id")
        else:  # equal scores by key, the last recorded first, wherever they are held
            s = s.sort("_score", "-id")
        if q.facets:
            for name in FACET_FIELDS:
                s.aggs.bucket(name, A("terms", field=name, size=50))
        raw = self.transport.search(self.alias, s.to_dict())
        hits = [Hit(id=int(h["_source"]["id"]), score=float(h.get("_score") or 0.0))
                for h in raw["hits"]["hits"]]
        facets = {name: {str(b["key"]): int(b["doc_count"])
                         for b in raw.get("aggregations", {}).get(name, {}).get("buckets", [])}
                  for name in (FACET_FIELDS if q.facets else ())}
        return SearchResult(hits=hits, total=_total(raw["hits"]["total"]), facets=facets)


def _total(total: Any) -> int:
    """``hits.total``: an object on Elasticsearch 7+ and OpenSearch, a number before."""
    return int(total["value"] if isinstance(total, dict) else total)
