"""Benchmark: the embedded precedent index against a plain database LIKE search.

For each size (default 100,000 and 1,000,000 synthetic decisions from
``search.evaluation.generator``, fixed seed) it measures, in one run:
  - build rate of the embedded tantivy index, in decisions per second, Chinese
    segmentation (rjieba + domain dictionary, bigrams, characters) included;
  - query latency p50/p95 of a keyword query ("外观设计 销售") with two filters (IP type and
    a date range), facet counts and highlighted snippets, through the backend;
  - beside it, the same search as a plain SQLite ``LIKE`` query over the same decisions
    (both keywords, the same two filters, the first 20 rows by date and the total count).

How to run (from the repository root; the 1,000,000 run takes several minutes):
    .venv/bin/python bench/bench_search.py                 # 100000 and 1000000
    .venv/bin/python bench/bench_search.py --sizes 20000   # quick
Figures are medians/percentiles of --queries runs; compare the ratios, the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("IPCASES_VAR_DIR", tempfile.mkdtemp(prefix="ipcases-bench-"))

import django  # noqa: E402

django.setup()

from datetime import date  # noqa: E402

from search.backends.base import Filters, SearchQuery, parse_text  # noqa: E402
from search.backends.embedded import EmbeddedBackend  # noqa: E402
from search.evaluation.generator import generate, index_document  # noqa: E402
from search.selectors import snippet  # noqa: E402

QUERY = "外观设计 销售"
FILTERS = Filters(ip_types=["design_patent"], date_from=date(2021, 1, 1),
                  date_to=date(2024, 12, 31))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def run(size: int, queries: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix=f"ipcases-search-{size}-"))
    backend = EmbeddedBackend(workdir / "index")
    db = sqlite3.connect(workdir / "like.sqlite3")
    db.execute("CREATE TABLE d (id INTEGER PRIMARY KEY, text TEXT, ip_type TEXT, decided "
               "INTEGER)")
    texts: dict[int, str] = {}
    rows = []

    def documents():
        for pk, s in enumerate(generate(size), start=1):
            texts[pk] = s.full_text
            rows.append((pk, "\n".join([s.title, s.holding, s.full_text]), s.ip_type,
                         int(s.decided_on.strftime("%Y%m%d"))))
            yield index_document(s, pk)

    t0 = time.perf_counter()
    built = backend.rebuild(documents())
    build_s = time.perf_counter() - t0
    db.executemany("INSERT INTO d VALUES (?, ?, ?, ?)", rows)
    db.execute("CREATE INDEX d_decided ON d (decided)")
    db.commit()
    rows.clear()

    terms = parse_text(QUERY).highlight_terms()
    query = SearchQuery(text=QUERY, filters=FILTERS, limit=20, facets=True)
    index_times, like_times = [], []
    total = like_total = 0
    for _ in range(queries):
        t0 = time.perf_counter()
        result = backend.search(query)
        [snippet(texts[h.id], terms) for h in result.hits]
        index_times.append(time.perf_counter() - t0)
        total = result.total
        t0 = time.perf_counter()
        where = ("text LIKE '%外观设计%' AND text LIKE '%销售%' AND ip_type = ? "
                 "AND decided BETWEEN ? AND ?")
        args = ("design_patent", 20210101, 20241231)
        db.execute(f"SELECT id, text FROM d WHERE {where} ORDER BY decided DESC LIMIT 20",
                   args).fetchall()
        like_total = db.execute(f"SELECT COUNT(*) FROM d WHERE {where}", args).fetchone()[0]
        like_times.append(time.perf_counter() - t0)
    p50_i, p95_i = statistics.median(index_times) * 1000, p95(index_times) * 1000
    p50_l, p95_l = statistics.median(like_times) * 1000, p95(like_times) * 1000
    print(f"RESULT size={size}: build {built / build_s:,.0f} decisions/s "
          f"({build_s:.1f} s, segmentation included)")
    print(f"RESULT size={size}: index query p50 {p50_i:.1f} ms, p95 {p95_i:.1f} ms "
          f"({total} hits, facets and highlights) | LIKE p50 {p50_l:.1f} ms, p95 {p95_l:.1f} ms "
          f"({like_total} rows, no facets) | LIKE/index p50 ratio {p50_l / p50_i:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    for size in [int(s) for s in args.sizes.split(",") if s]:
        run(size, args.queries)


if __name__ == "__main__":
    main()
