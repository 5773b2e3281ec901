"""Benchmark: precedent search through the app's own path, beside a SQL search.

For two sizes (default 100,000 and 1,000,000; ``--short``: 10,000 and 50,000, under five
minutes) it builds, in temporary places only (never ``var/`` or a shared database):

- a PostgreSQL database per size (``bench_srch_<pid>_<size>``; the prefix from
  ``BENCH_DB_PREFIX`` when set, e.g. ``searchspeed``; JIT off, dropped at the
  end; ``--sqlite``: a temporary SQLite file) with the decisions (``search.Decision`` rows,
  migrated schema) and an office with a legal-staff user who sees only that office's
  decisions and public ones. On PostgreSQL the rows are loaded with ``COPY`` (explicit ids,
  the table unlogged, ``full_text`` lz4-compressed: a benchmark database needs no crash
  safety), in a thread beside the indexing;
- the embedded tantivy index of the same decisions, written with one
  ``EmbeddedBackend.bulk_add`` stream (a large heap, two indexing threads).

Decisions are of realistic length (about 2,000 characters): a header naming the parties,
then a decision of the independent labelled set (rulings, court judgments, mediation
records, trademark and copyright penalty decisions) padded with paragraphs of decisions of
the same layout and IP type, so the vocabulary is that of real decisions, and each word
is in about the share of the decisions it is in the set (the build prints how far). The
build memoises each paragraph's analysis and citations (the index documents are what
``search.schema.to_document`` makes, paragraph by paragraph); the segmentation rate of
whole documents through ``to_document`` is measured on a sample and printed separately.

A build can be kept and reused (1,000,000 decisions take a while to build):
``--keep DIR`` keeps each size's database (``bench_srch_keep_<size>``) and index under
``DIR/size-<N>/``; ``--existing DIR`` measures on what a ``--keep DIR`` run left (sizes
not found there are built, temporarily); ``--build-only`` stops after building.
``--drop DIR`` drops the kept databases and removes ``DIR``. ``DIR`` must not be inside the
project's ``var/``.

Each query runs through ``search.selectors.search_precedents`` — the page's path: scope
clause in the index query, query understanding with synonyms, facet counts, the database
lookup of the 20 hits, highlighted snippets from the stored text. The SQL baseline runs
the same keywords as ``LIKE`` with the same filters, the same facet counts (GROUP BY per
facet over the matching rows, which one scan collects into a temporary table) and the
total, in the same run. p50, p95 and the ratio at p95 are printed.

    .venv/bin/python bench/bench_search.py --short           # PostgreSQL, temporary database
    .venv/bin/python bench/bench_search.py --short --sqlite
    .venv/bin/python bench/bench_search.py --sizes 200000,1000000 --keep /tmp/srch --build-only
    flock /tmp/bench.lock .venv/bin/python bench/bench_search.py --sizes 200000,1000000 \
        --existing /tmp/srch --queries 70 --sql-queries 3
    .venv/bin/python bench/bench_search.py --drop /tmp/srch
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import random
import shutil
import statistics
import sys
import threading
import time
from collections import Counter
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._tmp import var_dir  # noqa: E402

TMP = Path(var_dir("search"))  # removed at exit, also when only imported by a probe
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ["IPCASES_VAR_DIR"] = str(TMP / "var")  # always temporary
# PostgreSQL (the production database) in temporary databases of the benchmark's own,
# dropped at the end unless kept (--keep); --sqlite uses a temporary SQLite file instead.
# Never a configured database.
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# BENCH_DB_PREFIX: the databases' name prefix (a helper confined to its own names sets it).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "bench_srch")
PG_BASE = f"{DB_PREFIX}_{os.getpid()}"
USE_SQLITE = "--sqlite" in sys.argv
if USE_SQLITE:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
else:
    import psycopg

    def _admin(sql: str) -> None:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(sql)

    # Created by main(), not on import: a probe importing this module makes no database.
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_BASE}"
os.environ["SEARCH_BACKEND"] = "embedded"
os.environ.pop("ELASTICSEARCH_URL", None)

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from search.analysis import bigrams, chars, index_words
from search.backends import get_backend, reset_backends
from search.backends.base import Filters
from search.backends.embedded import EmbeddedBackend
from search.evaluation.independent.cases import CASES
from search.evaluation.independent.compose import decision as compose_decision
from search.labels import label_words, without_boilerplate
from search.models import Decision
from search.schema import _prefixes, _region_prefixes, to_document
from search.selectors import search_precedents
from search.statutes import citations, normalise

QUERIES = [  # (text, filters): short, synonym, category and a pasted description
    ("外观设计 销售", Filters(ip_types=["design_patent"], date_from=date(2021, 1, 1),
                          date_to=date(2024, 12, 31))),
    ("外观专利 PDD", Filters()),
    ("灯具 许诺销售", Filters(date_from=date(2022, 1, 1))),
    ("假冒 运动鞋 网店", Filters(ip_types=["trademark"])),
    ("现有技术抗辩", Filters()),
    ("被请求人在拼多多开设的网店上架了一款台灯，外形与专利图片几乎一样，请求人公证购买后请求责令停止销售",
     Filters()),
    ("商标 销售", Filters(ip_types=["trademark"])),  # sorted by date: see SORTS
]
SORTS = {6: "date"}  # the page sorted by date (one aggregation pass); others by relevance
LIKE_TERMS = {  # the baseline's LIKE terms for each query: its words as typed
    0: ["外观设计", "销售"], 1: ["外观专利", "PDD"], 2: ["灯具", "许诺销售"],
    3: ["假冒", "运动鞋", "网店"], 4: ["现有技术抗辩"], 5: ["拼多多", "台灯", "停止销售"],
    6: ["商标", "销售"],
}
CHUNK = 20_000
FACETS = ("ip_type", "outcome", "platform", "region_code")  # and the year, per database
# The bench's one bulk_add stream: a large heap and few commits (each commit ends a
# segment per indexing thread), so 1,000,000 decisions make few segments to merge.
BUILD_HEAP = 2_000_000_000
BUILD_THREADS = 2
BUILD_COMMIT_EVERY = 250_000
OFFICE_PATHS = ("990000/", "980000/")  # the user's office, and another one
INTERRUPTED = 143  # the exit status after SIGTERM (128 + 15); 130 after Ctrl-C


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


@cache
def set_texts() -> list[str]:
    """The full text of each decision of the labelled set, in the order of ``CASES``."""
    return [compose_decision(case)["full_text"] for case in CASES]


@cache
def paragraph_pool() -> dict[tuple[str, str], list[str]]:
    """The set's paragraphs by kind of decision (layout and IP type): a decision is padded
    with paragraphs of its own kind, as a trademark penalty's text is about trademarks.
    Padded from every kind, a word of one kind (外观设计专利, 商标, 判决) was in about 90 %
    of the decisions against about 30 % in the set (``vocabulary_drift``)."""
    pool: dict[tuple[str, str], list[str]] = {}
    for case, text in zip(CASES, set_texts(), strict=True):
        pool.setdefault((case.layout, case.ip), []).extend(
            p for p in text.split("\n") if len(p) > 40)
    return pool


@lru_cache(maxsize=100_000)
def analysed(paragraph: str) -> tuple[str, str, str, tuple[tuple[str, int], ...]]:
    """A paragraph's words, bigrams, characters and citations (none spans a paragraph)."""
    return (" ".join(index_words(without_boilerplate(paragraph))),
            " ".join(bigrams(paragraph)), " ".join(chars(paragraph)),
            tuple(citations(paragraph)))


@cache
def body(index: int) -> str:
    """A case's text without its header lines (parties), which the bench writes itself."""
    return set_texts()[index].split("\n", 6)[-1]


@cache
def case_fields(index: int) -> tuple[str, str, str, str, str, str]:
    """What every decision drawn from case ``index`` shares: the title's analysis (its
    number, written after it, is analysed apart: punctuation separates them), the
    labels' words and the acts as JSON."""
    case = CASES[index]
    prefix = f"{case.product}纠纷案"
    labels = label_words(case.ip, list(case.acts), case.outcome, case.platform, case.category)
    return (prefix, " ".join(index_words(prefix)), " ".join(bigrams(prefix)),
            " ".join(chars(prefix)), " ".join(index_words(" ".join(labels))),
            json.dumps(list(case.acts)))


class Row(NamedTuple):
    pk: int
    case: int
    office: int  # index into OFFICE_PATHS
    decided: date
    full_text: str
    is_public: bool


def make_rows(size: int, first: int, rng: random.Random) -> list[Row]:
    pool = paragraph_pool()
    start = date(2019, 1, 1)
    out = []
    for i in range(first, first + size):
        k = rng.randrange(len(CASES))
        paragraphs = [body(k)]
        length = len(paragraphs[0])
        own_kind = pool[(CASES[k].layout, CASES[k].ip)]
        while length < 1800:
            paragraphs.append(own_kind[rng.randrange(len(own_kind))])
            length += len(paragraphs[-1])
        out.append(Row(i + 1, k, i % 2, start + timedelta(days=rng.randrange(6 * 365)),
                       "\n".join(paragraphs), rng.random() < 0.5))
    return out


def document(row: Row) -> dict[str, Any]:
    """``to_document`` of the decision, with each paragraph's analysis memoised."""
    case = CASES[row.case]
    _prefix, title_words, title_bigrams, title_chars, labels, _acts = case_fields(row.case)
    number = f"（{row.pk}号）"
    title_words = f"{title_words} {' '.join(index_words(number))}"
    parts = [analysed(p) for p in row.full_text.split("\n")]
    statutes: list[str] = []
    for part in parts:
        for law, article in part[3]:
            key = normalise(law, article, row.decided)
            if key not in statutes:
                statutes.append(key)
    return {
        "id": row.pk, "version": 1, "title_words": title_words,
        "words": title_words + " " + " ".join(p[0] for p in parts),
        "bigrams": " ".join([title_bigrams, " ".join(bigrams(number)), *(p[1] for p in parts)]),
        "chars": " ".join([title_chars, *(p[2] for p in parts)]),
        "labels": labels, "statutes": statutes,
        "ip_type": [case.ip], "acts": list(case.acts), "platform": [case.platform or "offline"],
        "outcome": [case.outcome],
        "product_category": [case.category] if case.category else [],
        "office_paths": _prefixes(OFFICE_PATHS[row.office]),
        "region_prefixes": _region_prefixes(case.region), "region": [case.region[:4] + "00"],
        "year": [str(row.decided.year)], "decided": int(row.decided.strftime("%Y%m%d")),
        "amount": 0.0, "is_public": row.is_public, "is_guiding": False, "guiding_weight": 0.0,
    }


COPY_COLUMNS = ("id", "source", "external_id", "title", "document_number", "office_id",
                "office_path", "region_code", "decided_on", "ip_type", "infringing_acts",
                "platform", "product_category", "outcome", "statutes_cited",
                "disputed_issues", "holding", "full_text", "is_guiding_case", "is_public",
                "is_deleted", "updated_at")


def copy_rows(dsn: str, office_ids: list[int], chunks: queue.Queue[list[Row] | None],
              failure: list[BaseException]) -> None:
    """The database side of the build: ``COPY`` each chunk, in a thread of its own."""
    now = timezone.now()
    try:
        with psycopg.connect(dsn) as conn:
            while (rows := chunks.get()) is not None:
                with conn.cursor() as cur, cur.copy(
                        f"COPY {Decision._meta.db_table} ({', '.join(COPY_COLUMNS)}) "
                        "FROM STDIN") as copy:
                    for r in rows:
                        case = CASES[r.case]
                        fields = case_fields(r.case)
                        copy.write_row((
                            r.pk, "office", f"bench-{r.pk}", f"{fields[0]}（{r.pk}号）", "",
                            office_ids[r.office], OFFICE_PATHS[r.office], case.region,
                            r.decided, case.ip, fields[5], case.platform, case.category,
                            case.outcome, "[]", "", "", r.full_text, False, r.is_public,
                            False, now))
                conn.commit()
    except BaseException as exc:  # reported by the building thread
        failure.append(exc)
        while chunks.get() is not None:
            pass


ABANDON: list[dict[str, Any]] = []  # handed to the index stream: stop, commit nothing


class Abandoned(Exception):
    """Raised in the index stream when the build was interrupted."""


def index_stream(backend: EmbeddedBackend, target: str,
                 batches: queue.Queue[list[dict[str, Any]] | None],
                 failure: list[BaseException]) -> None:
    """The index side of the build, in a thread of its own: one ``bulk_add`` stream of the
    documents the main thread hands over in batches. Its commits and merges run in tantivy
    for seconds to minutes without coming back to Python: in the main thread they held off
    Ctrl-C and SIGTERM (and the cleanup) until they ended; here the main thread stays
    free to stop the run."""
    def handed_over() -> Any:
        while (batch := batches.get()) is not None:
            if batch is ABANDON:
                raise Abandoned
            yield from batch

    try:
        backend.bulk_add(handed_over(), target, heap=BUILD_HEAP, threads=BUILD_THREADS,
                         commit_every=BUILD_COMMIT_EVERY)
    except BaseException as exc:  # reported by the main thread
        failure.append(exc)


def build(size: int, index_dir: Path, office_ids: list[int]) -> None:
    """``size`` decisions into the current database and a fresh index in ``index_dir``.

    The main thread makes the rows and documents; the rows go to ``COPY`` and the
    documents to the index stream, each in a thread of its own (daemons: an interrupted
    run does not wait for them; the cleanup drops the database under the first and
    removes the directory under the second)."""
    rng = random.Random(size)
    table = Decision._meta.db_table
    backend = EmbeddedBackend(index_dir)
    target = backend.start_rebuild()
    chunks: queue.Queue[list[Row] | None] = queue.Queue(maxsize=2)
    batches: queue.Queue[list[dict[str, Any]] | None] = queue.Queue(maxsize=2)
    failure: list[BaseException] = []
    writer: threading.Thread | None = None
    indexer = threading.Thread(target=index_stream, args=(backend, target, batches, failure),
                               name="bench-index", daemon=True)
    sqlite_s = 0.0
    if not USE_SQLITE:
        with connection.cursor() as cur:
            cur.execute(f"ALTER TABLE {table} SET UNLOGGED")
            cur.execute(f"ALTER TABLE {table} ALTER COLUMN full_text SET COMPRESSION lz4")
        dsn = f"{PG_SERVER}/{connection.settings_dict['NAME']}"
        writer = threading.Thread(target=copy_rows, args=(dsn, office_ids, chunks, failure),
                                  name="bench-copy", daemon=True)
        writer.start()
    t_start, c_start = time.perf_counter(), time.process_time()
    indexer.start()
    done = 0

    def hand_over(batch: list[dict[str, Any]] | None) -> None:
        """To the index stream, unless it stopped (its failure is raised)."""
        while True:
            if failure:
                raise failure[0]
            if not indexer.is_alive():
                raise RuntimeError("the index stream stopped")
            try:
                batches.put(batch, timeout=0.5)
                return
            except queue.Full:
                pass

    def documents() -> None:
        nonlocal done, sqlite_s
        for first in range(0, size, CHUNK):
            rows = make_rows(min(CHUNK, size - first), first, rng)
            if writer is not None:
                chunks.put(rows)
                if failure:
                    raise failure[0]
            else:
                t0 = time.perf_counter()
                Decision.objects.bulk_create([Decision(
                    pk=r.pk, source="office", external_id=f"bench-{r.pk}",
                    title=f"{case_fields(r.case)[0]}（{r.pk}号）", office_id=office_ids[r.office],
                    office_path=OFFICE_PATHS[r.office], region_code=CASES[r.case].region,
                    decided_on=r.decided, ip_type=CASES[r.case].ip,
                    infringing_acts=list(CASES[r.case].acts), platform=CASES[r.case].platform,
                    product_category=CASES[r.case].category, outcome=CASES[r.case].outcome,
                    full_text=r.full_text, is_public=r.is_public) for r in rows],
                    batch_size=2000)
                sqlite_s += time.perf_counter() - t0
            hand_over([document(r) for r in rows])
            done += len(rows)
            if done % 100_000 == 0 or done == size:
                elapsed = time.perf_counter() - t_start
                print(f"  built {done:,} of {size:,}: {done / elapsed:,.0f} decisions/s "
                      f"({elapsed:.0f} s, CPU of this process {time.process_time() - c_start:.0f}"
                      f" s, load {os.getloadavg()[0]:.1f})", flush=True)

    try:
        documents()
        hand_over(None)  # the end of the stream: its last commit and merges
        while indexer.is_alive():
            indexer.join(0.5)
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failed: the index stream is told to stop without
        # committing, and nobody waits for it or for the COPY.
        with contextlib.suppress(queue.Full):
            batches.put_nowait(ABANDON)
        if writer is not None:
            with contextlib.suppress(queue.Full):
                chunks.put_nowait(None)
        raise
    if writer is not None:
        chunks.put(None)
        writer.join()
    if failure:
        raise failure[0]
    index_s = time.perf_counter() - t_start
    backend.finish_rebuild(target)
    if not USE_SQLITE:
        with connection.cursor() as cur:
            cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)",
                        [size])
            cur.execute(f"ANALYZE {table}")
    total_s = time.perf_counter() - t_start
    segments = backend._open().searcher().num_segments
    print(f"RESULT size={size}: built in {total_s:.0f} s ({size / total_s:,.0f} decisions/s; "
          f"rows by {'SQLite bulk_create before' if USE_SQLITE else 'COPY in a thread beside'}"
          f" the indexing, the index stream with its merges {index_s:.0f} s, CPU of this process "
          f"{time.process_time() - c_start:.0f} s, {segments} segments, load "
          f"{os.getloadavg()[0]:.1f})", flush=True)
    # Whole documents through the production builder, for the honest segmentation rate.
    sample = list(Decision.objects.select_related("office").order_by("pk")[:300])
    t0 = time.perf_counter()
    for d in sample:
        to_document(d)
    print(f"RESULT size={size}: whole-document analysis through to_document "
          f"{len(sample) / (time.perf_counter() - t0):,.0f} decisions/s (the build memoises "
          "it per paragraph)", flush=True)
    texts = list(Decision.objects.order_by("pk").values_list("full_text", flat=True)[:2000])
    print(f"RESULT size={size}: vocabulary: the labelled set's 300 most common words are in "
          f"a share of the decisions differing from the set's by {vocabulary_drift(texts):.3f} "
          "on average (0: as in the set)", flush=True)


def _document_frequencies(texts: list[str]) -> dict[str, float]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(index_words(text)))
    return {word: n / len(texts) for word, n in counts.items()}


def vocabulary_drift(texts: list[str], words: int = 300) -> float:
    """How far the bench's decisions are from the labelled set's in which words they hold:
    the mean absolute difference, over the set's ``words`` most common words, between the
    share of the set's decisions holding each and the share of ``texts`` holding it. A
    query's matches, and so its scoring pass, follow these shares."""
    source = _document_frequencies(set_texts())
    built = _document_frequencies(texts)
    common = sorted(source, key=lambda w: (-source[w], w))[:words]
    return statistics.mean(abs(source[w] - built.get(w, 0.0)) for w in common)


def like_search(terms: list[str], f: Filters) -> tuple[int, dict[str, list[Any]]]:
    """The SQL page: one scan collects the matching rows' facet columns, then the page
    (20 newest), the total and each facet's counts come from them."""
    where = ["NOT is_deleted", "(is_public OR office_path LIKE %s)"]
    args: list[Any] = ["990000/%"]
    for t in terms:
        where.append("(title LIKE %s OR full_text LIKE %s)")
        args += [f"%{t}%", f"%{t}%"]
    if f.ip_types:
        where.append(f"ip_type IN ({','.join(['%s'] * len(f.ip_types))})")
        args += f.ip_types
    if f.date_from:
        where.append("decided_on >= %s")
        args.append(f.date_from)
    if f.date_to:
        where.append("decided_on <= %s")
        args.append(f.date_to)
    sql_where = " AND ".join(where)
    table = Decision._meta.db_table
    year = ("substr(decided_on, 1, 4)" if connection.vendor == "sqlite"
            else "EXTRACT(YEAR FROM decided_on)")
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_matches")
        cur.execute(f"CREATE TEMP TABLE bench_matches AS SELECT id, decided_on, "
                    f"{', '.join(FACETS)}, {year} AS year FROM {table} WHERE {sql_where}",
                    args)
        cur.execute(f"SELECT id, title, full_text FROM {table} WHERE id IN (SELECT id FROM "
                    "bench_matches ORDER BY decided_on DESC, id DESC LIMIT 20)")
        cur.fetchall()
        cur.execute("SELECT COUNT(*) FROM bench_matches")
        total = cur.fetchone()[0]
        facets = {}
        for facet in (*FACETS, "year"):
            cur.execute(f"SELECT {facet}, COUNT(*) FROM bench_matches GROUP BY {facet}")
            facets[facet] = cur.fetchall()
        cur.execute("DROP TABLE bench_matches")
    return total, facets


def measure(size: int, queries: int, sql_queries: int, user: Any
            ) -> tuple[float, float, float]:
    """Time the queries on the current database and index; (wall p95, CPU p95, SQL p95)
    in ms. Every timed query is a first page with the backend's facet cache emptied (a
    query never seen before); the next page of each query, which takes its facets from
    the cache, is timed apart."""
    backend = get_backend()
    assert isinstance(backend, EmbeddedBackend)
    index_times: list[float] = []
    index_cpu: list[float] = []  # this process's CPU time (all its threads): load-proof
    next_times: list[float] = []
    next_cpu: list[float] = []
    sql_times: list[float] = []
    for n in range(queries):
        k = n % len(QUERIES)
        text, filters = QUERIES[k]
        backend.clear_facet_cache()
        for page, (times, cpu) in enumerate(((index_times, index_cpu),
                                             (next_times, next_cpu)), start=1):
            t0, c0 = time.perf_counter(), time.process_time()
            found = search_precedents(user, text=text, filters=filters, page_size=20,
                                      page=page, sort=SORTS.get(k, "relevance"))
            [h.snippet for h in found.hits]
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        if n < sql_queries:  # a full scan each time: fewer repetitions
            t0 = time.perf_counter()
            like_search(LIKE_TERMS[k], filters)
            sql_times.append(time.perf_counter() - t0)
    p50_i, p95_i = statistics.median(index_times) * 1000, p95(index_times) * 1000
    p50_s, p95_s = statistics.median(sql_times) * 1000, p95(sql_times) * 1000
    print(f"RESULT size={size}: search page path p50 {p50_i:.1f} ms, p95 {p95_i:.1f} ms "
          f"(first pages, facet cache empty: scope, synonyms, facets, hydration, highlights;"
          f" {queries} queries) | SQL LIKE + same facets p50 {p50_s:.1f} ms, p95 "
          f"{p95_s:.1f} ms ({len(sql_times)} queries) | SQL/index ratio at p95 "
          f"{p95_s / p95_i:.1f}x", flush=True)
    print(f"RESULT size={size}: search page path CPU time of this process p50 "
          f"{statistics.median(index_cpu) * 1000:.1f} ms, p95 {p95(index_cpu) * 1000:.1f} ms "
          f"(wall time on a loaded machine includes waiting for a core; load average "
          f"{os.getloadavg()[0]:.1f})", flush=True)
    print(f"RESULT size={size}: next page (facets from the cache) p50 "
          f"{statistics.median(next_times) * 1000:.1f} ms, p95 {p95(next_times) * 1000:.1f} "
          f"ms, CPU p50 {statistics.median(next_cpu) * 1000:.1f} ms, p95 "
          f"{p95(next_cpu) * 1000:.1f} ms", flush=True)
    for n, (text, _f) in enumerate(QUERIES):
        times = index_times[n::len(QUERIES)]
        cpu = index_cpu[n::len(QUERIES)]
        print(f"  query {n}: p50 {statistics.median(times) * 1000:.1f} ms, p95 "
              f"{p95(times) * 1000:.1f} ms, CPU p50 {statistics.median(cpu) * 1000:.1f} ms, "
              f"p95 {p95(cpu) * 1000:.1f} ms; next page CPU p50 "
              f"{statistics.median(next_cpu[n::len(QUERIES)]) * 1000:.1f} ms  {text[:30]}",
              flush=True)
    return p95_i, p95(index_cpu) * 1000, p95_s


def cpu_ms(fn: Any, repeat: int) -> float:
    """Median CPU time of this process (all threads) of ``fn()``, in ms."""
    fn()
    times = []
    for _ in range(repeat):
        c0 = time.process_time()
        fn()
        times.append(time.process_time() - c0)
    return statistics.median(times) * 1000


def passes(size: int, user: Any, repeat: int) -> None:
    """Where a page's CPU time goes, per query (medians): query understanding, building
    the tantivy query, the scoring pass (top 20), the aggregation pass (facets and count),
    the backend's whole search (both passes, and any fallback), and the page (the backend,
    the database lookup of the hits, snippets)."""
    from cases.selectors.scope import visible_office_paths
    from search.backends.base import FACET_FIELDS, SearchQuery
    from search.backends.embedded import FACET_KEYS
    from search.query import understand

    backend = get_backend()
    assert isinstance(backend, EmbeddedBackend)
    searcher = backend._open().searcher()
    aggs: dict[str, Any] = {name: {"terms": {"field": FACET_KEYS[name], "size": 50}}
                            for name in FACET_FIELDS}
    aggs["_total"] = {"value_count": {"field": "id"}}
    print(f"PASSES size={size} ({searcher.num_segments} segments; CPU ms, medians of "
          f"{repeat}): understand | build | scoring pass | aggregation pass | backend | page",
          flush=True)
    for k, (text, filters) in enumerate(QUERIES):
        sort = SORTS.get(k, "relevance")
        q = SearchQuery(text=text, filters=filters, sort=sort, offset=0, limit=20,
                        visible_paths=visible_office_paths(user))
        plan = understand(text)
        tq = backend._query(q, plan, searcher)
        figures = [
            cpu_ms(lambda: understand(text), repeat),  # noqa: B023
            cpu_ms(lambda: backend._query(q, plan, searcher), repeat),  # noqa: B023
            cpu_ms(lambda: searcher.search(tq, limit=20, count=False), repeat),  # noqa: B023
            cpu_ms(lambda: searcher.aggregate(tq, aggs), repeat),  # noqa: B023
            cpu_ms(lambda: (backend.clear_facet_cache(), backend.search(q)),  # noqa: B023
                   repeat),
            cpu_ms(lambda: (backend.clear_facet_cache(),  # noqa: B023
                            search_precedents(user, text=text, filters=filters,  # noqa: B023
                                              sort=sort)), repeat),  # noqa: B023
        ]
        matches = searcher.search(tq, limit=1, count=True).count
        print(f"  query {k} ({plan.mode.value}, {matches:,} matches): "
              + " | ".join(f"{v:.2f}" for v in figures) + f"  {text[:20]}", flush=True)


def extrapolate(figures: dict[int, tuple[float, float, float]], target: int) -> None:
    """The p95 at ``target`` decisions on the line through the two largest sizes: the
    facet and scoring passes visit every matching decision, so their cost grows with the
    number of decisions (an estimate, printed as one, never as a measurement)."""
    (n1, a), (n2, b) = sorted(figures.items())[-2:]
    for i, name in enumerate(("wall-clock", "CPU", "SQL LIKE")):
        slope = (b[i] - a[i]) / (n2 - n1)
        print(f"ESTIMATE size={target}: {name} p95 {b[i] + slope * (target - n2):.0f} ms "
              f"(linear from {n1} and {n2}: {a[i]:.1f} → {b[i]:.1f} ms, ×{b[i] / a[i]:.2f} "
              f"for ×{n2 / n1:.1f} decisions)", flush=True)


class Place(NamedTuple):
    """Where one size's decisions live: its database (or SQLite file) and index root."""

    database: str
    index_root: Path
    kept: bool


def use_database(name: str) -> None:
    connection.close()
    connection.settings_dict["NAME"] = name


def prepare_base() -> list[int]:
    """Migrate the template database; an office with a legal-staff user, and another."""
    from django.contrib.auth.models import Group

    from cases.models import Office, Role, User

    call_command("migrate", verbosity=0)
    # Half the decisions belong to another office: the user sees those only when public.
    office = Office.objects.create(name="基准测试局", level="city", region_code="990000",
                                   region_name="基准", parent=None)
    other = Office.objects.create(name="基准测试外局", level="city", region_code="980000",
                                  region_name="基准外", parent=None)
    assert [office.path, other.path] == list(OFFICE_PATHS), (office.path, other.path)
    user = User.objects.create(username="bench-legal", office=office, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=Role.LEGAL)[0])
    connection.close()
    return [office.pk, other.pk]


def new_database(size: int, kept: bool) -> str:
    """A copy of the migrated template for one size."""
    connection.close()
    if USE_SQLITE:
        name = str(TMP / f"bench-{size}.sqlite3")
        shutil.copy(TMP / "bench.sqlite3", name)
        return name
    name = f"{DB_PREFIX}_keep_{size}" if kept else f"{PG_BASE}_{size}"
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{PG_BASE}"')
    _admin(f'ALTER DATABASE "{name}" SET jit = off')
    return name


def main() -> None:
    import signal

    # A timeout's SIGTERM ends the run through ``cleanup`` too (temporary database dropped).
    signal.signal(signal.SIGTERM, lambda *_a: sys.exit(INTERRUPTED))
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--short", action="store_true", help="10000 and 50000")
    parser.add_argument("--queries", type=int, default=70)
    parser.add_argument("--sql-queries", type=int, default=7,
                        help="SQL baseline repetitions (each scans every row)")
    parser.add_argument("--sqlite", action="store_true",
                        help="a temporary SQLite file instead of a temporary PostgreSQL "
                             "database (BENCH_POSTGRES, default postgres://postgres@"
                             "127.0.0.1:5432)")
    parser.add_argument("--keep", metavar="DIR", help="keep each size's database and index "
                        "(under DIR) for later runs")
    parser.add_argument("--existing", metavar="DIR", help="measure on what --keep DIR left")
    parser.add_argument("--passes", type=int, default=0, metavar="N",
                        help="after timing, where each query's CPU time goes (medians of N)")
    parser.add_argument("--build-only", action="store_true", help="build, do not measure")
    parser.add_argument("--drop", metavar="DIR", help="drop what --keep DIR left, and stop")
    try:
        args = parser.parse_args()
        sizes = [10_000, 50_000] if args.short else [int(s) for s in args.sizes.split(",") if s]
        kept_dir = next((Path(d).resolve() for d in (args.drop, args.keep, args.existing) if d),
                        None)
        if kept_dir is not None:
            if USE_SQLITE:
                parser.error("--keep, --existing and --drop are for PostgreSQL")
            if kept_dir.is_relative_to(ROOT / "var"):
                parser.error("the kept build must not be inside the project's var/")
    except (SystemExit, ValueError):
        # --help, or arguments refused: the directory made at import goes too.
        cleanup([])
        raise
    if args.drop:
        assert kept_dir is not None
        for marker in sorted(kept_dir.glob("size-*/database")):
            _admin(f'DROP DATABASE IF EXISTS "{marker.read_text().strip()}" WITH (FORCE)')
        shutil.rmtree(kept_dir, ignore_errors=True)
        cleanup([])
        return
    if not USE_SQLITE:
        _admin(f'CREATE DATABASE "{PG_BASE}"')
        # The production settings for OLTP (docs/performance.md): no JIT.
        _admin(f'ALTER DATABASE "{PG_BASE}" SET jit = off')
    print(f"temporary data in {TMP}; kept builds in {kept_dir}", flush=True)
    places: dict[int, Place] = {}
    office_ids: list[int] | None = None
    try:
        for size in sizes:
            home = kept_dir / f"size-{size}" if kept_dir else TMP / f"size-{size}"
            if args.existing and (home / "ready").is_file():
                places[size] = Place((home / "database").read_text().strip(),
                                     home / "search", True)
                print(f"size={size}: the kept build in {home}", flush=True)
                continue
            if office_ids is None:
                office_ids = prepare_base()
            kept = bool(args.keep or args.existing)
            shutil.rmtree(home, ignore_errors=True)
            home.mkdir(parents=True)
            place = Place(new_database(size, kept), home / "search", kept)
            places[size] = place
            if kept:
                (home / "database").write_text(place.database)
            use_database(place.database)
            build(size, place.index_root, office_ids)
            if kept:
                (home / "ready").write_text(timezone.now().isoformat())
        if args.build_only:
            return
        from cases.models import User

        figures = {}
        for size, place in places.items():
            use_database(place.database)
            settings.SEARCH_EMBEDDED_DIR = place.index_root
            reset_backends()
            assert isinstance(get_backend(), EmbeddedBackend)
            user = User.objects.get(username="bench-legal")
            print(f"size={size}: {Decision.objects.count():,} decisions in the database, "
                  f"{get_backend().count():,} in the index", flush=True)
            figures[size] = measure(size, args.queries, args.sql_queries, user)
            if args.passes:
                passes(size, user, args.passes)
        if len(figures) >= 2 and max(figures) < 1_000_000:
            extrapolate(figures, 1_000_000)
    finally:
        cleanup([p.database for p in places.values() if not p.kept])


def cleanup(databases: list[str]) -> None:
    """Drop the temporary PostgreSQL databases and remove the temporary directory; a
    second Ctrl-C or SIGTERM does not cut it short (the run ends after it anyway)."""
    import signal

    from django.db import connections

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    connections.close_all()
    if not USE_SQLITE:
        for name in [*databases, PG_BASE]:
            _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        status = 130
    except SystemExit as stop:
        if stop.code != INTERRUPTED:
            raise
        status = INTERRUPTED
    else:
        sys.exit(0)
    # Interrupted, and ``main`` cleaned up: the build's threads may still be inside a
    # tantivy commit or a COPY, and tearing down the interpreter frees gigabytes of
    # documents object by object (seconds): leave at once.
    print("interrupted: temporary databases and directory removed", file=sys.stderr,
          flush=True)
    sys.stdout.flush()
    os._exit(status)
