"""Benchmark: the officer's workbench and the case list at province scale.

What it measures: whole page requests through Django's test client (routing, session,
scoped queries, template rendering), p50/p95 latency and the number of SQL queries of
each page, judged against the budget of issue 17 (p95 <= 150 ms):
  - the workbench of an officer (the one holding the most open cases);
  - the case list: first page, a deep page reached by its keyset cursor, a party-name
    search (a party that recurs across cases), a case-number search, and a county
    officer's search for a text common over the province but rare in the county.
Beside them, in the same run, the baseline: the bare SQL of a list page's keys through
the same connection (the floor of the machine at that moment; the ratio p95/baseline).
The data set is ``cases.demo.scale.generate_cases`` (every workflow, five years, the
office tree, per-officer load); the figures are printed at each size of ``--sizes`` so
that growth is visible (the second size adds to the first).

It never touches the installation's data: by default it creates a temporary PostgreSQL
database (``bench_ui_<pid>`` on 127.0.0.1:5432, dropped at the end) with the production
settings of docs/performance.md applied to it (jit off, work_mem), and IPCASES_VAR_DIR is
always a temporary directory. ``--sqlite`` uses a temporary SQLite file instead;
``--existing URL`` measures a benchmark database already filled by ``generate_cases``
(not dropped, nothing generated).

    .venv/bin/python bench/bench_ui.py                   # 20,000 then 100,000 cases
    .venv/bin/python bench/bench_ui.py --short           # 2,000 then 10,000 (< 5 min)
    .venv/bin/python bench/bench_ui.py --sizes 100000,1000000
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._pg import (  # noqa: E402
    backend_cpu,
    create_database,
    drop_database,
    ready_to_measure,
    set_on_connect,
)
from bench._tmp import var_dir  # noqa: E402

BUDGET_MS = 150.0
# The production settings of docs/performance.md for OLTP, applied to every connection
# (also to an --existing database). ``random_page_cost = 1.1`` (SSD): at PostgreSQL's
# default of 4 the planner reads all 2,000,000 case parties of a 1,000,000-case database
# to join the parties of a name (280 ms) rather than probe their index (11 ms).
PG_SETTINGS = ("jit = off", "work_mem = '16MB'", "max_parallel_workers_per_gather = 0",
               "random_page_cost = 1.1")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="20000,100000")
    parser.add_argument("--short", action="store_true", help="2,000 then 10,000 cases")
    parser.add_argument("--requests", type=int, default=30, help="requests per page")
    parser.add_argument("--size", type=int, default=20, help="rows per page")
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--existing", default="", metavar="URL")
    return parser.parse_args()


ARGS = _args()
DB_NAME = f"bench_ui_{os.getpid()}"
os.environ["IPCASES_VAR_DIR"] = var_dir("ui")
if ARGS.existing:
    os.environ["DATABASE_URL"] = ARGS.existing
elif ARGS.sqlite:
    os.environ["DATABASE_URL"] = f"sqlite:///{os.environ['IPCASES_VAR_DIR']}/bench.sqlite3"
else:
    os.environ["DATABASE_URL"] = create_database(DB_NAME, PG_SETTINGS)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

set_on_connect(PG_SETTINGS)


def _server_cpu() -> float:
    return backend_cpu(connection) or 0.0


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, float, int]:
    """p50 and p95 of the wall time, the median CPU time of the request (this process:
    Django and the driver; and the database backend's, when local) and the number of
    queries. On a shared machine the wall time also counts waiting for a core; the CPU
    time is what the request costs."""
    client.get(url)  # warm (templates, calendar)
    times, cpu, queries = [], [], 0
    for _ in range(repeat):
        s0 = _server_cpu()
        with CaptureQueriesContext(connection) as ctx:
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            here = time.process_time() - c0
        cpu.append((here + _server_cpu() - s0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(ctx.captured_queries)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return statistics.median(times), p95, statistics.median(cpu), queries


def baseline(size: int, repeat: int) -> tuple[float, float]:
    """The same-run floor: p50 and p95 of the bare SQL of a list page's keys (the newest
    ``size`` + 1 cases by the list's index), through the same connection, no Django."""
    from cases.models import Case

    table = connection.ops.quote_name(Case._meta.db_table)
    sql = f"SELECT id FROM {table} ORDER BY received_on DESC, id DESC LIMIT {size + 1}"  # noqa: S608
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat + 1):
            t0 = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    times = sorted(times[1:])
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * len(times)) - 1)]


def pages(size: int) -> list[tuple[str, Client, str]]:
    from django.db.models import Count, Q

    from cases.demo.scale import PARTY_MARK
    from cases.models import CaseParty, User

    officer = (User.objects.filter(username__startswith="scale_officer_")
               .annotate(n=Count("cases_in_charge",
                                 filter=Q(cases_in_charge__closed_on__isnull=True)))
               .order_by("-n").first())
    assert officer is not None and officer.office is not None
    client = Client()
    client.force_login(officer)
    # A party recurring across cases of the officer's scope, searched by a part of its name.
    party = (CaseParty.objects.filter(case__office__path__startswith=officer.office.path)
             .values("party__name").annotate(n=Count("pk")).order_by("-n").first())
    # A company by a part of its name (city, trade name, industry), a person by name.
    name = party["party__name"].removesuffix(PARTY_MARK) if party else "有限公司"
    needle = name[2:10] if len(name) > 10 else name
    number = officer.cases_in_charge.order_by("-pk").values_list("number", flat=True).first()
    county, rare = _scope_rare()
    cursor = client.get(f"/cases/?size={size}").context["page"].next_cursor
    for _ in range(20):  # walk 20 pages deep by cursor
        page = client.get(f"/cases/?size={size}&after={cursor}").context["page"]
        cursor = page.next_cursor or cursor
    return [
        ("workbench (officer)", client, f"/?size={size}"),
        ("case list, first page", client, f"/cases/?size={size}"),
        ("case list, page 21 by cursor", client, f"/cases/?size={size}&after={cursor}"),
        ("case list, party-name search", client, f"/cases/?q={needle}&size={size}"),
        ("case list, case-number search", client, f"/cases/?q={number}&size={size}"),
        ("case list, text rare in a county", county, f"/cases/?q={rare}&size={size}"),
    ]


def _scope_rare() -> tuple[Client, str]:
    """A county officer (the one holding the most open cases) and a text common over the
    province but rare in that county: a trade name and the start of its industry (鑫达汽车
    of 广西南宁鑫达汽车配件有限公司), of the companies recurring most outside the county,
    the one matching most case parties overall among those matching a few in the county
    (at least one, at most 5 %). Such a text may match more cases than a list is read from
    while the county's page has to find its few."""
    from django.db.models import Count, Q

    from cases.models import CaseParty, Party, User

    officer = (User.objects.filter(username__startswith="scale_officer_", office__level="county")
               .annotate(n=Count("cases_in_charge",
                                 filter=Q(cases_in_charge__closed_on__isnull=True)))
               .order_by("-n").first())
    assert officer is not None and officer.office is not None
    path = officer.office.path
    recurring = (CaseParty.objects.filter(party__kind="legal")
                 .exclude(case__office__path__startswith=path)
                 .values("party").annotate(n=Count("pk")).order_by("-n")[:20])
    texts = []
    for party in Party.objects.filter(pk__in=[row["party"] for row in recurring]):
        city = party.office.region_name.removesuffix("市") if party.office else ""
        text = party.name.removeprefix(f"广西{city}")[:4]
        if text not in texts:
            texts.append(text)
    best = (texts[0], 0, 0)
    for text in texts[:8]:
        matching = CaseParty.objects.filter(party__name__icontains=text)
        overall = matching.count()
        within = matching.filter(case__office__path__startswith=path).count()
        if 0 < within <= overall / 20 and overall > best[1]:
            best = (text, overall, within)
    print(f"text rare in a county: {best[0]}, {best[1]} case parties, {best[2]} of them "
          f"in {officer.office.name}'s cases", flush=True)
    client = Client()
    client.force_login(officer)
    return client, best[0]


def main() -> None:
    from cases.demo.scale import generate_cases
    from cases.models import Case

    setup_test_environment()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    sizes = [2000, 10000] if ARGS.short else [int(s) for s in ARGS.sizes.split(",")]
    if not ARGS.existing:
        call_command("migrate", verbosity=0)
    rows: list[tuple[int, str, float, float, int]] = []
    targets = [Case.objects.count()] if ARGS.existing else sizes
    for target in targets:
        have = Case.objects.count()
        if target > have:
            result = generate_cases(target - have, seed=target, stdout=lambda _line: None)
            print(f"generated {result.cases} cases in {result.seconds:.0f} s "
                  f"({result.per_second:.0f}/s)", flush=True)
        ready_to_measure(connection, own=not ARGS.existing)
        total = Case.objects.count()
        print(f"database: {connection.vendor}; {total} cases", flush=True)
        base50, base95 = baseline(ARGS.size, ARGS.requests)
        print(f"RESULT {total:>8} {'baseline: bare SQL of a page':32s} p50 {base50:7.1f} ms  "
              f"p95 {base95:7.1f} ms", flush=True)
        for label, client, url in pages(ARGS.size):
            p50, p95, cpu, queries = measure(client, url, ARGS.requests)
            rows.append((total, label, p50, p95, queries))
            verdict = "ok" if p95 <= BUDGET_MS else "OVER"
            print(f"RESULT {total:>8} {label:32s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
                  f"(x{p95 / max(base95, 0.01):.0f} baseline)  cpu {cpu:6.1f} ms  "
                  f"{queries:3d} queries  {verdict} (budget {BUDGET_MS:.0f} ms)", flush=True)
    over = [f"{label} at {n}" for n, label, _p50, p95, _q in rows if p95 > BUDGET_MS]
    print("RESULT budget p95 <= 150 ms: " + ("holds" if not over else
                                              "missed for " + "; ".join(over)))


if __name__ == "__main__":
    try:
        main()
    finally:
        if not ARGS.existing and not ARGS.sqlite:
            connection.close()
            drop_database(DB_NAME)
