"""Benchmark: precedent search through the app's own path, beside a SQL search.

For two sizes (default 100,000 and 1,000,000; ``--short``: 10,000 and 50,000, under five
minutes) it builds, in a temporary directory only (never ``var/`` or a shared database):

- a temporary PostgreSQL database (``bench_srch_search_<pid>``, JIT off, dropped at the
  end; ``--sqlite``: a temporary SQLite file) with the decisions (``search.Decision`` rows,
  migrated schema) and an office with a legal-staff user who sees only that office's
  decisions and public ones;
- the embedded tantivy index of the same decisions, written with
  ``EmbeddedBackend.bulk_add``.

Decisions are of realistic length (about 2,000 characters): a header naming the parties,
then paragraphs drawn from the independent labelled set's five layouts (rulings, court
judgments, mediation records, trademark and copyright penalty decisions), so the
vocabulary is that of real decisions. The build memoises each paragraph's analysis (the
index documents are what ``search.schema.to_document`` makes, paragraph by paragraph); the
segmentation rate of whole documents through ``to_document`` is measured on a sample and
printed separately.

Each query runs through ``search.selectors.search_precedents`` — the page's path: scope
clause in the index query, query understanding with synonyms, facet counts, the database
lookup of the 20 hits, highlighted snippets from the stored text. The SQL baseline runs
the same keywords as ``LIKE`` with the same filters, the same facet counts (GROUP BY per
facet) and the total, in the same run. p50, p95 and the ratio at p95 are printed.

    .venv/bin/python bench/bench_search.py --short           # PostgreSQL, temporary database
    .venv/bin/python bench/bench_search.py --short --sqlite
    .venv/bin/python bench/bench_search.py                  # 100000 and 1000000 (long)
    .venv/bin/python bench/bench_search.py --sizes 200000 --queries 30
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="ipcases-bench-search-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["LOG_LEVEL"] = "WARNING"
os.environ["IPCASES_VAR_DIR"] = str(TMP / "var")  # always temporary
# PostgreSQL (the production database) in a temporary database of its own, dropped at the
# end; --sqlite uses a temporary SQLite file instead. Never a configured database.
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PG_DB = f"bench_srch_search_{os.getpid()}"
USE_SQLITE = "--sqlite" in sys.argv
if USE_SQLITE:
    os.environ["DATABASE_URL"] = f"sqlite:///{TMP / 'bench.sqlite3'}"
else:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{PG_DB}"')
        # The production settings for OLTP (docs/performance.md): no JIT.
        admin.execute(f'ALTER DATABASE "{PG_DB}" SET jit = off')
    os.environ["DATABASE_URL"] = f"{PG_SERVER}/{PG_DB}"
os.environ["SEARCH_BACKEND"] = "embedded"
os.environ.pop("ELASTICSEARCH_URL", None)

import django

django.setup()

from functools import cache, lru_cache

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
from search.statutes import statute_keys

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


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


@cache
def paragraph_pool() -> list[str]:
    pool: list[str] = []
    for case in CASES:
        text = compose_decision(case)["full_text"]
        pool.extend(p for p in text.split("\n") if len(p) > 40)
    return pool


@lru_cache(maxsize=100_000)
def analysed(paragraph: str) -> tuple[str, str, str, str]:
    return (" ".join(index_words(without_boilerplate(paragraph))),
            " ".join(bigrams(paragraph)), " ".join(chars(paragraph)), paragraph)


@cache
def body(index: int) -> str:
    """A case's text without its header lines (parties), which the bench writes itself."""
    return compose_decision(CASES[index])["full_text"].split("\n", 6)[-1]


def make_decisions(size: int, first: int, offices: list[Any], rng: random.Random
                   ) -> list[Decision]:
    pool = paragraph_pool()
    start = date(2019, 1, 1)
    out = []
    for i in range(first, first + size):
        k = rng.randrange(len(CASES))
        case = CASES[k]
        office = offices[i % len(offices)]
        paragraphs = [body(k)]
        while sum(len(p) for p in paragraphs) < 1800:
            paragraphs.append(pool[rng.randrange(len(pool))])
        decided = start + timedelta(days=rng.randrange(6 * 365))
        out.append(Decision(
            source="office", external_id=f"bench-{i}", title=f"{case.product}纠纷案（{i}号）",
            office=office, office_path=office.path, region_code=case.region,
            decided_on=decided, ip_type=case.ip, infringing_acts=list(case.acts),
            platform=case.platform, product_category=case.category, outcome=case.outcome,
            full_text="\n".join(paragraphs), is_public=rng.random() < 0.5,
        ))
    return out


def document(d: Decision, pk: int) -> dict[str, Any]:
    """``to_document`` of the decision, with each paragraph's analysis memoised."""
    parts = [analysed(p) for p in d.full_text.split("\n")]
    title = " ".join(index_words(d.title))
    labels = label_words(d.ip_type, d.infringing_acts, d.outcome, d.platform,
                         d.product_category)
    return {
        "id": pk, "version": 1, "title_words": title,
        "words": title + " " + " ".join(p[0] for p in parts),
        "bigrams": " ".join([" ".join(bigrams(d.title)), *(p[1] for p in parts)]),
        "chars": " ".join([" ".join(chars(d.title)), *(p[2] for p in parts)]),
        "labels": " ".join(index_words(" ".join(labels))),
        "statutes": statute_keys([d.full_text], d.decided_on),
        "ip_type": [d.ip_type], "acts": d.infringing_acts, "platform": [d.platform or "offline"],
        "outcome": [d.outcome],
        "product_category": [d.product_category] if d.product_category else [],
        "office_paths": _prefixes(d.office_path), "region_prefixes": _region_prefixes(
            d.region_code), "region": [d.region_code[:4] + "00"], "year": [str(d.decided_on.year)],
        "decided": int(d.decided_on.strftime("%Y%m%d")), "amount": 0.0,
        "is_public": d.is_public, "is_guiding": False, "guiding_weight": 0.0,
    }


def like_search(terms: list[str], f: Filters) -> tuple[int, dict[str, list[Any]]]:
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
    with connection.cursor() as cur:
        cur.execute(f"SELECT id, title, full_text FROM {table} WHERE {sql_where} "
                    "ORDER BY decided_on DESC LIMIT 20", args)
        cur.fetchall()
        cur.execute(f"SELECT COUNT(*) FROM {table} WHERE {sql_where}", args)
        total = cur.fetchone()[0]
        facets = {}
        year = ("substr(decided_on, 1, 4)" if connection.vendor == "sqlite"
                else "EXTRACT(YEAR FROM decided_on)")
        for facet in (*FACETS, year):
            cur.execute(f"SELECT {facet}, COUNT(*) FROM {table} WHERE {sql_where} "
                        f"GROUP BY {facet}", args)
            facets[facet] = cur.fetchall()
    return total, facets


def run(size: int, queries: int, sql_queries: int, user: Any, offices: list[Any]
        ) -> tuple[float, float, float]:
    """Build ``size`` decisions and time the queries; (wall p95, CPU p95, SQL p95) in ms."""
    rng = random.Random(size)
    Decision.objects.all().delete()
    backend = get_backend()
    assert isinstance(backend, EmbeddedBackend)
    target = backend.start_rebuild()
    db_s = build_s = doc_s = 0.0
    sample: list[Decision] = []
    for chunk_start in range(0, size, CHUNK):
        t0 = time.perf_counter()
        decisions = make_decisions(min(CHUNK, size - chunk_start), chunk_start, offices, rng)
        Decision.objects.bulk_create(decisions, batch_size=5000)
        ids = list(Decision.objects.filter(external_id__in=[d.external_id for d in decisions])
                   .order_by("id").values_list("id", flat=True))
        db_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        docs = [document(d, pk) for d, pk in zip(decisions, ids, strict=True)]
        doc_s += time.perf_counter() - t0
        t0 = time.perf_counter()
        backend.bulk_add(docs, target)
        build_s += time.perf_counter() - t0
        if not sample:
            sample = decisions[:500]
            for d, pk in zip(sample, ids, strict=False):
                d.pk = pk
                d.updated_at = timezone.now()
    backend.finish_rebuild(target)
    # Whole documents through the production builder, for the honest segmentation rate.
    t0 = time.perf_counter()
    for d in sample:
        to_document(d)
    seg_rate = len(sample) / (time.perf_counter() - t0)
    print(f"RESULT size={size}: database ({connection.vendor}) {size / db_s:,.0f} rows/s; "
          f"index documents {size / doc_s:,.0f}/s (paragraph analysis memoised), "
          f"EmbeddedBackend.bulk_add {size / build_s:,.0f} decisions/s ({build_s:.0f} s); "
          f"whole-document analysis through to_document {seg_rate:,.0f} decisions/s",
          flush=True)
    index_times: list[float] = []
    index_cpu: list[float] = []  # this process's CPU time (all its threads): load-proof
    sql_times: list[float] = []
    for n in range(queries):
        k = n % len(QUERIES)
        text, filters = QUERIES[k]
        t0, c0 = time.perf_counter(), time.process_time()
        page = search_precedents(user, text=text, filters=filters, page_size=20,
                                 sort=SORTS.get(k, "relevance"))
        [h.snippet for h in page.hits]
        index_times.append(time.perf_counter() - t0)
        index_cpu.append(time.process_time() - c0)
        if n < sql_queries:  # a full scan each time: fewer repetitions, every query
            t0 = time.perf_counter()
            like_search(LIKE_TERMS[k], filters)
            sql_times.append(time.perf_counter() - t0)
    p50_i, p95_i = statistics.median(index_times) * 1000, p95(index_times) * 1000
    p50_s, p95_s = statistics.median(sql_times) * 1000, p95(sql_times) * 1000
    print(f"RESULT size={size}: search page path p50 {p50_i:.1f} ms, p95 {p95_i:.1f} ms "
          f"(scope, synonyms, facets, hydration, highlights) | SQL LIKE + same facets "
          f"p50 {p50_s:.1f} ms, p95 {p95_s:.1f} ms | SQL/index ratio at p95 "
          f"{p95_s / p95_i:.1f}x", flush=True)
    print(f"RESULT size={size}: search page path CPU time of this process p50 "
          f"{statistics.median(index_cpu) * 1000:.1f} ms, p95 {p95(index_cpu) * 1000:.1f} ms "
          f"(wall time on a loaded machine includes waiting for a core; load average "
          f"{os.getloadavg()[0]:.1f})", flush=True)
    for n, (text, _f) in enumerate(QUERIES):
        times = index_times[n::len(QUERIES)]
        cpu = index_cpu[n::len(QUERIES)]
        print(f"  query {n}: p95 {p95(times) * 1000:.1f} ms, CPU p95 {p95(cpu) * 1000:.1f} ms"
              f"  {text[:30]}", flush=True)
    return p95_i, p95(index_cpu) * 1000, p95_s


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


def main() -> None:
    import signal

    # A timeout's SIGTERM ends the run through ``cleanup`` too (temporary database dropped).
    signal.signal(signal.SIGTERM, lambda *_a: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--short", action="store_true", help="10000 and 50000")
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--sql-queries", type=int, default=12,
                        help="SQL baseline repetitions (each scans every row)")
    parser.add_argument("--sqlite", action="store_true",
                        help="a temporary SQLite file instead of a temporary PostgreSQL "
                             "database (BENCH_POSTGRES, default postgres://postgres@"
                             "127.0.0.1:5432)")
    args = parser.parse_args()
    sizes = [10_000, 50_000] if args.short else [int(s) for s in args.sizes.split(",") if s]
    print(f"temporary data in {TMP}; index in {settings.SEARCH_EMBEDDED_DIR}", flush=True)
    call_command("migrate", verbosity=0)
    reset_backends()
    from django.contrib.auth.models import Group

    from cases.models import Office, Role, User

    # Half the decisions belong to another office: the user sees those only when public.
    office = Office.objects.create(name="基准测试局", level="city", region_code="990000",
                                   region_name="基准", parent=None)
    other = Office.objects.create(name="基准测试外局", level="city", region_code="980000",
                                  region_name="基准外", parent=None)
    user = User.objects.create(username="bench-legal", office=office, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=Role.LEGAL)[0])
    try:
        figures = {size: run(size, args.queries, args.sql_queries, user, [office, other])
                   for size in sizes}
        if len(figures) >= 2 and max(figures) < 1_000_000:
            extrapolate(figures, 1_000_000)
    finally:
        cleanup()


def cleanup() -> None:
    """Drop the temporary PostgreSQL database and remove the temporary directory."""
    import shutil

    from django.db import connections

    connections.close_all()
    if not USE_SQLITE:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{PG_DB}" WITH (FORCE)')
    shutil.rmtree(TMP, ignore_errors=True)


if __name__ == "__main__":
    main()
