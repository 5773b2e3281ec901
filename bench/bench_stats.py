"""Benchmark: the statistics page (统计分析) and the repeat-infringer check (issue 16).

What it measures, at each size of ``--sizes`` (the second adds to the first): whole page
requests through Django's test client (routing, session, the report's queries, the
charts' data, template rendering), p50/p95 latency and the number of SQL queries:
  - the statistics page of the region office (the root of the office tree), the last
    twelve whole months, with every breakdown and chart;
  - the statistics page of a county office (the county holding the most cases);
  - the repeat-infringer check of two respondents (what intake and the case page run);
and, in the same run, the baselines:
  - direct aggregation: the region's figures by workflow (received, accepted, closed,
    open, within and after the limit, suspended, extended, overdue) counted on the cases
    in one grouped query, as the page did before the summary table (it ran that and
    seven more grouped queries over the cases);
  - a summary refresh: one case's cells recounted and written (what a transition adds);
  - the rebuild of the summary table (``manage.py rebuild_statistics``) after generation.
Targets (issue 16, at 1,000,000 cases): region ≤ 500 ms, county ≤ 200 ms, check ≤ 150 ms.

The data set is ``cases.demo.scale.generate_cases`` (every workflow, five years, the
office tree). It never touches the installation's data: it creates a temporary
PostgreSQL database (``bench_stats_<pid>`` on 127.0.0.1:5432, dropped at the end) with
the production settings of docs/performance.md (jit off, work_mem 16MB) and a temporary
IPCASES_VAR_DIR; every connection it opens is set the same way (``--existing`` too).
``--existing URL`` measures a database already filled by ``generate_cases`` (not dropped;
its summary is rebuilt). ``--existing URL --no-rebuild`` measures it as it is, read-only
(a database other people measure): the summary is not rebuilt (``rebuild_statistics``
must have been run), every transaction is read-only, sessions are signed cookies, no
user is created (an officer of each office is granted the head role in this process) and
the summary-refresh baseline, a write, is left out.

Each row prints p50 and p95 of the wall time, the median CPU time of a request (this
process, plus the PostgreSQL backend's read from /proc when the server is local: on a
shared machine the wall time also counts the wait for a core) and the number of queries.

    .venv/bin/python bench/bench_stats.py                       # 20,000 then 100,000
    .venv/bin/python bench/bench_stats.py --sizes 100000,1000000
    .venv/bin/python bench/bench_stats.py --no-rebuild \
        --existing postgres://postgres@127.0.0.1:5432/gen_1m
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._pg import backend_cpu, create_database, drop_database, set_on_connect  # noqa: E402
from bench._tmp import var_dir  # noqa: E402


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="20000,100000")
    parser.add_argument("--requests", type=int, default=20, help="requests per page")
    parser.add_argument("--baseline-requests", type=int, default=0, metavar="N",
                        help="runs of each baseline (default: --requests; the direct "
                             "aggregation takes tens of seconds at 1,000,000 cases)")
    parser.add_argument("--existing", default="", metavar="URL")
    parser.add_argument("--no-rebuild", action="store_true",
                        help="with --existing: measure it read-only, as it is")
    args = parser.parse_args()
    if args.no_rebuild and not args.existing:
        parser.error("--no-rebuild measures an --existing database")
    return args


ARGS = _args()
DB_NAME = f"bench_stats_{os.getpid()}"
PG_SETTINGS = ("jit = off", "work_mem = '16MB'")
os.environ["IPCASES_VAR_DIR"] = var_dir("stats")
if ARGS.existing:
    os.environ["DATABASE_URL"] = ARGS.existing
else:
    os.environ["DATABASE_URL"] = create_database(DB_NAME, PG_SETTINGS)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import update_last_login  # noqa: E402
from django.contrib.auth.signals import user_logged_in  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

# Read-only when measuring an existing database as it is.
set_on_connect([*PG_SETTINGS, *(["default_transaction_read_only = on"]
                                if ARGS.no_rebuild else [])])

TARGETS = {"statistics, region office": 500.0, "statistics, county office": 200.0,
           "repeat-infringer check": 150.0}


def _server_cpu() -> float:
    return backend_cpu(connection) or 0.0


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float, float, int]:
    """p50 and p95 of the wall time, the median CPU time (this process and the database
    backend's) and the number of queries."""
    fn()  # warm (templates, calendar)
    times, cpu, queries = [], [], 0
    for _ in range(repeat):
        s0 = _server_cpu()
        with CaptureQueriesContext(connection) as ctx:
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
            here = time.process_time() - c0
        cpu.append((here + _server_cpu() - s0) * 1000)
        queries = len(ctx.captured_queries)
    times.sort()
    p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
    return statistics.median(times), p95, statistics.median(cpu), queries


def period() -> tuple[date, date]:
    """The last twelve whole months."""
    end = timezone.localdate().replace(day=1) - timedelta(days=1)
    start = end.replace(day=1)
    for _ in range(11):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, end


def rows(start: date, end: date) -> list[tuple[str, Callable[[], object]]]:
    from django.db.models import Count

    from cases.models import Case, CaseParty, Office, Role, User
    from stats import figures as f
    from stats import summary
    from stats.models import CaseInputs
    from stats.repeat import repeat_infringers_in
    from tests.factories import UserFactory

    region = Office.objects.get(parent__isnull=True)
    county = (Office.objects.filter(level="county").annotate(n=Count("cases"))
              .order_by("-n").first())
    assert county is not None
    clients = {}
    for office, name in ((region, "bench_region_head"), (county, "bench_county_head")):
        if ARGS.no_rebuild:
            user = User.objects.filter(office=office, is_active=True).order_by("pk").first()
            assert user is not None, f"no user at {office}"
            HEADS.add(user.pk)
        else:
            user = (User.objects.filter(username=name).first()
                    or cast(User, UserFactory(username=name, office=office,
                                              roles=[Role.HEAD])))
        client = Client()
        client.force_login(user)
        clients[office.pk] = client
    query = f"start={start.isoformat()}&end={end.isoformat()}"

    def page(office: Office) -> Callable[[], object]:
        url = f"/statistics/?office={office.pk}&{query}"

        def run() -> object:
            response = clients[office.pk].get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response
        return run

    ids = list(CaseParty.objects.filter(role="respondent").values("party__id_number")
               .annotate(n=Count("pk")).order_by("-n").values_list("party__id_number",
                                                                     flat=True)[:2])

    def direct() -> object:
        """The region's summary-by-workflow figures counted on the cases, as the page did
        before the summary table (its first grouped query of several)."""
        keys = [k for k, _label in f.COMMON if k != "repeat"]
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
            return list(Case.objects.filter(f.scope_q(region)).values("workflow").annotate(
                **{k: Count("pk", filter=f.common_q(k, start, end)) for k in keys})
                .order_by())

    case_id = Case.objects.order_by("-pk").values_list("pk", flat=True)[0]

    def refresh() -> None:
        with transaction.atomic():
            CaseInputs.objects.filter(case_id=case_id).delete()
            summary.refresh([case_id])
            transaction.set_rollback(True)

    return [("statistics, region office", page(region)),
            ("statistics, county office", page(county)),
            ("repeat-infringer check", lambda: repeat_infringers_in(ids)),
            ("baseline: direct aggregation", direct),
            *([] if ARGS.no_rebuild else [("baseline: summary refresh of a case", refresh)])]


# --no-rebuild: the users granted the head role in this process (no user is created).
HEADS: set[int] = set()


def _read_only() -> None:
    """Sessions in signed cookies, no last-login write, and the benchmark's officers are
    heads of office in this process only."""
    from django.utils.functional import cached_property

    from cases.models import Role, User

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
    roles = User.roles.func  # type: ignore[attr-defined]

    def with_head(user: User) -> frozenset[str]:
        found: frozenset[str] = roles(user)
        return found | {Role.HEAD} if user.pk in HEADS else found

    prop = cached_property(with_head)
    prop.__set_name__(User, "roles")
    User.roles = prop  # type: ignore[method-assign,assignment]


def main() -> None:
    from cases.demo.scale import generate_cases
    from cases.models import Case
    from stats import summary
    from stats.models import SummaryCell

    setup_test_environment()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not ARGS.existing:
        call_command("migrate", verbosity=0)
    if ARGS.no_rebuild:
        _read_only()
    start, end = period()
    results: list[tuple[int, str, float, float, int]] = []
    targets = [Case.objects.count()] if ARGS.existing else [
        int(s) for s in ARGS.sizes.split(",")]
    for target in targets:
        have = Case.objects.count()
        if target > have:
            result = generate_cases(target - have, seed=target, stdout=lambda _line: None)
            print(f"generated {result.cases} cases in {result.seconds:.0f} s "
                  f"({result.per_second:.0f}/s)", flush=True)
        if ARGS.no_rebuild:
            total = have
            assert SummaryCell.objects.exists(), "the summary is empty: rebuild_statistics"
            print(f"database: {connection.vendor}; {total} cases; summary as it is (not "
                  f"rebuilt, read-only); period {start} – {end}", flush=True)
        else:
            t0 = time.perf_counter()
            total = summary.rebuild()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            print(f"database: {connection.vendor}; {total} cases; summary rebuilt in "
                  f"{time.perf_counter() - t0:.0f} s: {SummaryCell.objects.count()} cells; "
                  f"period {start} – {end}", flush=True)
        for label, fn in rows(start, end):
            runs = (ARGS.baseline_requests or ARGS.requests) if label.startswith(
                "baseline") else ARGS.requests
            p50, p95, cpu, queries = measure(fn, runs)
            results.append((total, label, p50, p95, queries))
            budget = TARGETS.get(label)
            verdict = "info" if budget is None else (
                f"ok (≤ {budget:.0f} ms)" if p95 <= budget else f"OVER {budget:.0f} ms")
            print(f"RESULT {total:>8} {label:36s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
                  f"cpu {cpu:7.1f} ms  {queries:3d} queries  {verdict}", flush=True)
    sizes = sorted({n for n, *_rest in results})
    if len(sizes) == 2:
        small = {label: p95 for n, label, _p50, p95, _q in results if n == sizes[0]}
        for n, label, _p50, p95, _q in results:
            if n == sizes[1] and small.get(label):
                print(f"RATIO {label:36s} p95 ×{p95 / small[label]:.2f} for ×"
                      f"{sizes[1] / sizes[0]:.0f} cases", flush=True)


if __name__ == "__main__":
    try:
        main()
    finally:
        if not ARGS.existing:
            connection.close()
            drop_database(DB_NAME)
