"""Embedded backend: a tantivy index in a directory under ``SEARCH_EMBEDDED_DIR``.

Layout: ``<dir>/CURRENT`` names the live index directory (``v<timestamp>``). A rebuild
writes a new directory and then replaces ``CURRENT`` atomically (``os.replace``), so
readers never see a half-built index. tantivy allows one writer per index: every write
takes a process lock and an exclusive file lock (``<dir>/.write.lock``), so two processes
(web and worker) queue instead of failing; a writer that cannot get both within
``lock_timeout`` seconds gives up with ``BackendUnavailable`` (the outbox retries later)
instead of stalling every background task behind a lock someone holds.

A ``CURRENT`` that names no index, or index directories without a ``CURRENT``, mean the
index is broken: reads and writes raise ``IndexBroken`` (reported by
``search.health.index_status`` and in the admin) until a rebuild writes a new index. Only
a directory with no index at all gets a fresh empty one.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import tantivy

from search import frequency
from search.backends.base import (
    FACET_EXACT_LIMIT,
    FACET_FIELDS,
    FACET_SAMPLE,
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

_process_lock = threading.Lock()
LOCK_POLL_SECONDS = 0.05
# bulk_add: tantivy splits the heap between its indexing threads (each at least 15 MB).
BULK_HEAP = 256_000_000
BULK_THREADS = 2
BULK_COMMIT_EVERY = 50_000
# Facet counts and totals of recent relevance-ranked queries, per index generation: the
# next page of a query, or the same query again, skips the aggregation pass.
FACET_CACHE_SIZE = 256


class IndexBroken(BackendUnavailable):
    """The index pointer is missing or names no index: a rebuild is needed."""
FACET_KEYS = {"ip_type": "ip_type", "outcome": "outcome", "acts": "acts",
              "platform": "platform", "region": "region", "year": "year"}


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name, kind in FIELDS.items():
        if kind == "id":
            sb.add_integer_field(name, stored=True, indexed=True, fast=True)
        elif kind == "text":
            sb.add_text_field(name, tokenizer_name="whitespace", index_option="position")
        elif kind == "keyword":
            sb.add_text_field(name, tokenizer_name="raw", fast=True)
        elif kind == "int":
            sb.add_integer_field(name, stored=True, indexed=True, fast=True)
        elif kind == "float":
            sb.add_float_field(name, indexed=True, fast=True)
        elif kind == "bool":
            sb.add_boolean_field(name, indexed=True, fast=True)
    return sb.build()


class EmbeddedBackend:
    name = "embedded"

    def __init__(self, directory: Path, *, lock_timeout: float = 30.0) -> None:
        self.root = Path(directory)
        self.lock_timeout = lock_timeout
        self.root.mkdir(parents=True, exist_ok=True)
        self.schema = build_schema()
        self._index: tantivy.Index | None = None
        self._index_dir: Path | None = None
        self._meta_stamp: tuple[int, int, int] | None = None
        self._facets: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self._facets_lock = threading.Lock()

    # --- directories ----------------------------------------------------------------

    def _pointed_dir(self) -> Path | None:
        """The directory ``CURRENT`` names; None when there is no ``CURRENT``."""
        pointer = self.root / "CURRENT"
        try:
            name = pointer.read_text().strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise IndexBroken(f"the index pointer {pointer} cannot be read: {exc}") from exc
        target = self.root / name
        if not name or "/" in name or not (target / "meta.json").is_file():
            raise IndexBroken(f"the index pointer {pointer} names {name!r}, which is not an "
                              "index; rebuild the index (manage.py search_index --rebuild)")
        return target

    def _current_dir(self) -> Path:
        target = self._pointed_dir()
        if target is not None:
            return target
        if any(p.is_dir() and p.name.startswith("v") for p in self.root.iterdir()):
            raise IndexBroken(f"{self.root} holds index directories but no CURRENT pointer; "
                              "rebuild the index (manage.py search_index --rebuild)")
        target = self._new_dir()
        tantivy.Index(self.schema, path=str(target))
        self._swap(target)
        return target

    def _new_dir(self) -> Path:
        target = self.root / f"v{time.time_ns()}"
        target.mkdir(parents=True)
        return target

    def _swap(self, target: Path) -> None:
        tmp = self.root / f"CURRENT.{os.getpid()}.tmp"
        tmp.write_text(target.name)
        os.replace(tmp, self.root / "CURRENT")

    def _open(self) -> tantivy.Index:
        return self._open_generation()[0]

    def _open_generation(self) -> tuple[tantivy.Index, tuple[Any, ...]]:
        """The index, and its generation: which directory, which commit."""
        current = self._current_dir()
        # A commit replaces meta.json (a new inode): reload only then, not every query.
        meta = (current / "meta.json").stat()
        stamp = (meta.st_ino, meta.st_mtime_ns, meta.st_size)
        if self._index is None or self._index_dir != current:
            self._index = tantivy.Index(self.schema, path=str(current))
            self._index_dir = current
        elif stamp != self._meta_stamp:
            self._index.reload()
        self._meta_stamp = stamp
        return self._index, (current, stamp)

    def _lock_file(self, lock: Any, deadline: float) -> None:
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise BackendUnavailable(
                        f"the index writer lock was held for more than {self.lock_timeout} s"
                    ) from None
                time.sleep(LOCK_POLL_SECONDS)

    @contextmanager
    def _writing(self, index: tantivy.Index | None = None, *, heap: int = 64_000_000,
                 threads: int = 1) -> Iterator[Any]:
        deadline = time.monotonic() + self.lock_timeout
        if not _process_lock.acquire(timeout=self.lock_timeout):
            raise BackendUnavailable(
                f"the index writer lock was held for more than {self.lock_timeout} s")
        try:
            with open(self.root / ".write.lock", "w") as lock:
                self._lock_file(lock, deadline)
                try:
                    idx = index or self._open()
                    writer = idx.writer(heap_size=heap, num_threads=threads)
                    yield writer
                    writer.commit()
                    writer.wait_merging_threads()
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        finally:
            _process_lock.release()

    # --- writes -----------------------------------------------------------------------

    def _document(self, doc: dict[str, Any]) -> tantivy.Document:
        return tantivy.Document(**{k: v for k, v in doc.items() if k in FIELDS})

    def index(self, docs: list[dict[str, Any]]) -> None:
        if not docs:
            return
        with self._writing() as writer:
            for doc in docs:
                writer.delete_documents_by_term("id", int(doc["id"]))
                writer.add_document(self._document(doc))

    def delete(self, ids: list[int]) -> None:
        if not ids:
            return
        with self._writing() as writer:
            for pk in ids:
                writer.delete_documents_by_term("id", int(pk))

    def clear(self) -> None:
        with self._writing() as writer:
            writer.delete_all_documents()

    def rebuild(self, docs: Iterable[dict[str, Any]],
                progress: Callable[[int], None] | None = None) -> int:
        target = self.start_rebuild()
        count = self.bulk_add(docs, target, progress=progress)
        self.finish_rebuild(target)
        return count

    def bulk_add(self, docs: Iterable[dict[str, Any]], target: str | None = None, *,
                 progress: Callable[[int], None] | None = None,
                 commit_every: int = BULK_COMMIT_EVERY, heap: int = BULK_HEAP,
                 threads: int = BULK_THREADS) -> int:
        """Fast indexing of many new documents: one writer with a large heap (``heap``
        bytes, split between ``threads`` indexing threads) for the whole stream (a commit
        every ``commit_every`` documents bounds what an interruption loses; each commit
        ends a segment per thread, so fewer commits mean fewer merges), and no delete per
        document — for a fresh index (``target``: a rebuild directory) or documents known
        to be absent. Re-adding a present id would duplicate it: use ``index`` for updates.
        Returns the number of documents added."""
        index = (tantivy.Index(self.schema, path=str(self.root / target)) if target
                 else None)
        count = pending = 0
        with self._writing(index, heap=heap, threads=threads) as writer:
            for doc in docs:
                writer.add_document(self._document(doc))
                count += 1
                pending += 1
                if pending >= commit_every:
                    writer.commit()
                    if progress:
                        progress(pending)
                    pending = 0
        if progress and pending:
            progress(pending)
        return count

    # A rebuild writes a new directory in batches (resumable) and swaps it in at the end.

    def start_rebuild(self) -> str:
        target = self._new_dir()
        tantivy.Index(self.schema, path=str(target))
        return target.name

    def has_rebuild_target(self, target: str) -> bool:
        return bool(target) and (self.root / target).is_dir()

    def add_to_rebuild(self, target: str, docs: list[dict[str, Any]]) -> None:
        index = tantivy.Index(self.schema, path=str(self.root / target))
        with self._writing(index) as writer:
            for doc in docs:
                writer.delete_documents_by_term("id", int(doc["id"]))
                writer.add_document(self._document(doc))

    def finish_rebuild(self, target: str) -> None:
        new = self.root / target
        try:
            old = self._pointed_dir()
        except IndexBroken:
            old = None  # the rebuild is the repair
        self._swap(new)
        self._index = None
        if old is not None and old != new:
            shutil.rmtree(old, ignore_errors=True)

    # --- reads ------------------------------------------------------------------------

    def count(self) -> int:
        return int(self._open().searcher().num_docs)

    def versions(self) -> dict[int, int]:
        searcher = self._open().searcher()
        total = searcher.num_docs
        if not total:
            return {}
        result = searcher.search(tantivy.Query.all_query(), limit=total)
        out = {}
        for _score, address in result.hits:
            doc = searcher.doc(address)
            out[int(doc["id"][0])] = int(doc["version"][0])
        return out

    def health(self) -> bool:
        try:
            self._open()
            return True
        except (OSError, ValueError, BackendUnavailable):
            return False

    def _term(self, field: str, value: Any) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, field, value)

    def _any_of(self, field: str, values: list[Any]) -> tantivy.Query:
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, self._term(field, v)) for v in values])

    def _alternative(self, tokens: tuple[str, ...], typed: bool) -> tantivy.Query:
        """One way of saying a concept: in the text or the labels, and for the word as
        typed also in the title (weighted)."""
        if len(tokens) == 1:
            fields = [self._term("words", tokens[0]),
                      tantivy.Query.boost_query(self._term("labels", tokens[0]), LABEL_BOOST)]
            if typed:
                fields.append(tantivy.Query.boost_query(self._term("title_words", tokens[0]),
                                                        TITLE_BOOST))
            return tantivy.Query.disjunction_max_query(fields, tie_breaker=FIELD_TIE)
        # A term the segmenter cuts in several words: every word, not their adjacency (a
        # modifier between them must not lose the decision; and no positions to read).
        # A synonym scores as their mean, not their sum: a synonym of three common words
        # must not outscore the one word the user typed.
        return tantivy.Query.boost_query(tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, self._term("words", t)) for t in tokens]),
            1.0 if typed else 1 / len(tokens))

    def _concept(self, c: Concept,
                 telling: Callable[[tuple[str, ...]], bool] = lambda a: True) -> tantivy.Query:
        """The concept's query, with the ways of saying it ``telling`` accepts (the caller
        keeps a concept only when one is left, or it has a statute key or a character)."""
        options = [tantivy.Query.boost_query(self._alternative(a, i == 0), w)
                   for i, (a, w) in enumerate(zip(c.alternatives, c.weights, strict=True))
                   if telling(a)]
        options += [tantivy.Query.boost_query(self._term("statutes", k), STATUTE_BOOST)
                    for k in c.statutes]
        if c.char:
            options.append(self._term("chars", c.char))
        # The best way the decision says it counts, not the sum of all the synonyms.
        query = (options[0] if len(options) == 1
                 else tantivy.Query.disjunction_max_query(options, tie_breaker=0.1))
        return query if c.weight == 1.0 else tantivy.Query.boost_query(query, c.weight)

    def _phrase(self, tokens: tuple[str, ...]) -> tantivy.Query:
        if len(tokens) == 1:
            return self._term("chars" if len(tokens[0]) == 1 else "bigrams", tokens[0])
        return tantivy.Query.phrase_query(self.schema, "bigrams", list[Any](tokens))

    def _text(self, plan: Plan | None, text: str,
              searcher: Any | None = None) -> list[tuple[Any, tantivy.Query]]:
        df = _Frequencies(searcher) if searcher is not None else None
        if plan is None:  # the BM25 baseline: any character bigram, plain scores
            terms = baseline_terms(text)
            if not terms:
                return []
            return [(tantivy.Occur.Must, tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._term("bigrams", t)) for t in terms]))]
        clauses: list[tuple[Any, tantivy.Query]] = [
            (tantivy.Occur.Must, self._phrase(p)) for p in plan.phrases]
        concepts = plan.concepts
        if plan.mode == Mode.ALL:
            clauses += [(tantivy.Occur.Must, self._concept(c)) for c in concepts]
        elif concepts:
            # Any-word: ``minimum`` typed words, each matched by any of its concepts.
            counted, optional = frequency.counted(plan, df)
            typed = [self._concept(group[0]) if len(group) == 1
                     else tantivy.Query.boolean_query(
                         [(tantivy.Occur.Should, self._concept(c)) for c in group])
                     for group in counted]
            clauses.append((tantivy.Occur.Must, tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, t) for t in typed],
                minimum_number_should_match=min(plan.minimum, len(typed)))))
            clauses += [(tantivy.Occur.Should, self._concept(c, telling))
                        for c, telling in frequency.scored_only(plan, optional, df)]
        bigrams = frequency.evidence(plan, df)
        if bigrams:  # scored evidence, or the match itself when no word is left
            clauses.append((tantivy.Occur.Should if concepts else tantivy.Occur.Must,
                            tantivy.Query.boost_query(tantivy.Query.boolean_query(
                                [(tantivy.Occur.Should, self._term("bigrams", t))
                                 for t in bigrams]), BIGRAM_WEIGHT)))
        clauses += [(tantivy.Occur.MustNot, self._concept(c)) for c in plan.excluded]
        return clauses

    def _query(self, q: SearchQuery, plan: Plan | None,
               searcher: Any | None = None) -> tantivy.Query:
        text = self._text(plan, q.text, searcher)
        f = q.filters
        filters: list[tantivy.Query] = []
        for field, values in (("ip_type", f.ip_types), ("acts", f.acts),
                              ("platform", f.platforms), ("outcome", f.outcomes)):
            if values:
                filters.append(self._any_of(field, values))
        if f.office_path:
            filters.append(self._term("office_paths", f.office_path))
        if f.region_prefix:
            filters.append(self._term("region_prefixes", f.region_prefix))
        if f.date_from or f.date_to:
            low = int(f.date_from.strftime("%Y%m%d")) if f.date_from else 0
            high = int(f.date_to.strftime("%Y%m%d")) if f.date_to else 99991231
            filters.append(tantivy.Query.range_query(
                self.schema, "decided", tantivy.FieldType.Integer, low, high))
        if f.amount_min is not None or f.amount_max is not None:
            filters.append(tantivy.Query.range_query(
                self.schema, "amount", tantivy.FieldType.Float,
                float(f.amount_min if f.amount_min is not None else 0.0),
                float(f.amount_max if f.amount_max is not None else 1e15)))
        if f.guiding_only:
            filters.append(self._term("is_guiding", True))
        # Scope, inside the query: public decisions, or those of a visible office subtree.
        if q.visible_paths is not None:
            visible = [(tantivy.Occur.Should, self._term("is_public", True))]
            visible += [(tantivy.Occur.Should, self._term("office_paths", p))
                        for p in q.visible_paths]
            filters.append(tantivy.Query.boolean_query(visible))
        # Filters and scope decide what matches, never the score (a decision both public
        # and of the user's office, or with fewer acts, used to score higher), and their
        # terms' BM25 is not computed for every match.
        clauses = text + [(tantivy.Occur.Must, tantivy.Query.const_score_query(query, 0.0))
                          for query in filters]
        clauses += [(tantivy.Occur.MustNot, self._term("id", int(pk)))
                    for pk in f.exclude_ids]
        # Similar-case features: same IP type and acts weigh more (scored, not required).
        if q.prefer_ip_type:
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(
                self._term("ip_type", q.prefer_ip_type), 3.0)))
        for act in q.prefer_acts:
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(
                self._term("acts", act), 1.5)))
        if not any(occur != tantivy.Occur.MustNot for occur, _q in text):
            # No words: every decision the filters let through scores the same (1), so
            # that guiding cases still come first (weight_by_field multiplies it).
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        return tantivy.Query.boolean_query(clauses)

    def search(self, q: SearchQuery) -> SearchResult:
        check_window(q.offset, q.limit)
        return execute(q, lambda plan: self._run(q, plan))

    def _run(self, q: SearchQuery, plan: Plan | None) -> SearchResult:
        index, generation = self._open_generation()
        searcher = index.searcher()
        query = self._query(q, plan, searcher)
        sort_field = {"date": "decided", "amount": "amount"}.get(q.sort)
        aggs: dict[str, Any] = {name: {"terms": {"field": FACET_KEYS[name], "size": 50}}
                                for name in FACET_FIELDS}
        if q.facets and sort_field:
            # Sorted by a field: one aggregation pass gives the facets, the count (every
            # document has an id) and the page (top_hits on fast fields, ties by id as on
            # the cluster), so the query is evaluated once.
            aggs["_total"] = {"value_count": {"field": "id"}}
            aggs["_page"] = {"top_hits": {
                "size": q.limit, "from": q.offset, "docvalue_fields": ["id"],
                "sort": [{sort_field: "desc"}, {"id": "desc"}]}}
            raw = searcher.aggregate(query, aggs)
            hits = [Hit(id=int(h["docvalue_fields"]["id"][0]), score=0.0)
                    for h in raw.get("_page", {}).get("hits", [])]
            return _with_facets(hits, raw)
        # Ranked by relevance. The facets and total of a query are cached per index
        # generation: the next page, or the query again before a commit, is the scoring
        # pass alone. Otherwise the scoring pass counts the matches (it visits every one
        # of them anyway) and keeps the FACET_SAMPLE best; the facets are then counted
        # over every match when there are at most FACET_EXACT_LIMIT of them (a small
        # pass), else over those best ids alone — never a second pass over them all.
        key = (*generation, repr(query))
        cached = self._cached_facets(key) if q.facets else None
        window = q.offset + q.limit
        kwargs: dict[str, Any] = {"count": not q.facets or cached is None}
        if sort_field:
            kwargs.update(limit=q.limit, offset=q.offset)
        else:
            # The page is cut after equal scores are ordered (below), from at least the
            # FACET_SAMPLE best.
            kwargs.update(limit=max(window, FACET_SAMPLE), offset=0)
        if sort_field:
            kwargs["order_by_field"] = sort_field
        elif q.boost_guiding and plan is not None and _has_guiding(searcher):
            # log2(2 + weight): without a guiding case every score is multiplied by 1,
            # and tantivy's plain top-k collector is the cheaper one.
            kwargs["weight_by_field"] = "guiding_weight"
        result = searcher.search(query, **kwargs)
        while not sort_field and _cut_among_equals(result.hits, window, kwargs["limit"]):
            # tantivy keeps the first it meets of equal scores: the rest of the scores
            # equal to the page's last are read too, so the page takes them by key.
            kwargs["limit"] *= 4
            result = searcher.search(query, **kwargs)
        # The ids from the fast field (no stored document read); a segment without the
        # column (written by an older schema) answers None: its stored id.
        ids = searcher.fast_field_values("id", [address for _s, address in result.hits])
        hits = [Hit(id=int(pk if pk is not None else searcher.doc(a)["id"][0]),
                    score=0.0 if sort_field else float(score))
                for pk, (score, a) in zip(ids, result.hits, strict=True)]
        if not sort_field:
            # Equal scores (decisions saying the same) by key, the last recorded first, as
            # on the cluster: in tantivy's order they came by where the indexing threads
            # had put them, which differs from one build of the index to the next.
            hits.sort(key=lambda h: (-h.score, -h.id))
        total = int(getattr(result, "count", 0) or 0)
        if cached is None and q.facets:
            cached = self._count_facets(key, searcher, query, aggs, total,
                                        [h.id for h in hits[:FACET_SAMPLE]])
        if not sort_field:
            hits = hits[q.offset:window]
        if cached is None:  # no facets asked for
            return SearchResult(hits=hits, total=total)
        return _with_facets(hits, cached)

    def _cached_facets(self, key: tuple[Any, ...]) -> dict[str, Any] | None:
        with self._facets_lock:
            raw = self._facets.get(key)
            if raw is not None:
                self._facets.move_to_end(key)
            return raw

    def _count_facets(self, key: tuple[Any, ...], searcher: Any, query: tantivy.Query,
                      aggs: dict[str, Any], total: int, best: list[int]) -> dict[str, Any]:
        sampled = total > FACET_EXACT_LIMIT
        if sampled:
            # The best ids as a union of id terms: a term set query would walk the whole
            # id dictionary (its cost grows with the index, not with the sample).
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Should, self._term("id", pk)) for pk in best])
        raw: dict[str, Any] = searcher.aggregate(query, aggs)
        raw["_total"] = {"value": total}
        raw["_sampled"] = sampled
        with self._facets_lock:
            self._facets[key] = raw
            while len(self._facets) > FACET_CACHE_SIZE:
                self._facets.popitem(last=False)
        return raw

    def clear_facet_cache(self) -> None:
        with self._facets_lock:
            self._facets.clear()


# The most hits read to learn every decision scoring the same as a page's last one.
TIES_READ = 10_000


def _cut_among_equals(hits: list[tuple[Any, Any]], window: int, limit: int) -> bool:
    """Whether ``hits`` (the ``limit`` best, as far as there are so many) may have left
    out a decision scoring the same as the ``window``-th, and reading more is allowed."""
    if len(hits) < limit or len(hits) < window or limit >= TIES_READ:
        return False
    return bool(hits[-1][0] == hits[window - 1][0])


class _Frequencies:
    """The searcher's document frequencies (deleted documents included until a merge)."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher

    @property
    def num_docs(self) -> int:
        return int(self.searcher.num_docs)

    def __call__(self, field: str, token: str) -> int:
        return int(self.searcher.doc_freq(field, token))


def _has_guiding(searcher: Any) -> bool:
    """Whether any document of the index is a guiding case (deleted ones included)."""
    return bool(searcher.doc_freq("is_guiding", True))


def _with_facets(hits: list[Hit], raw: dict[str, Any]) -> SearchResult:
    facets = {name: {str(b["key"]): int(b["doc_count"])
                     for b in raw.get(name, {}).get("buckets", [])}
              for name in FACET_FIELDS}
    return SearchResult(hits=hits, total=int(raw.get("_total", {}).get("value") or 0),
                        facets=facets, facets_sampled=bool(raw.get("_sampled")))
