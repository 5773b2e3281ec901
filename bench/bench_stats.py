"""Benchmark: the statistics page (统计分析) and the repeat-infringer check (issue 16).

On a throw-away PostgreSQL database (the test runner's ``test_<name>`` of DATABASE_URL,
created and dropped by this run; never var/ nor a configured database), filled by bulk
inserts in two sizes (default 20,000 then 100,000 cases): a region office with three
cities of two counties each; 80 % ruling and 20 % mediation cases received over five
years, 70 % closed, with respondents identified by credit code drawn from a pool (so that
some are repeat infringers), an IP right, an officer, a time-limit clock, suspensions.

For each size it prints p50/p95 of whole page requests through Django's test client for
  - the statistics page of the region office (one year),
  - the statistics page of a county office,
  - the repeat-infringer check of a respondent (what intake and the case page run),
  - the baseline measured in the same run: the case list's first page of the same head;
and the number of SQL queries of each (which must not grow with the data).
Targets (issue 16, at 1,000,000 cases): region ≤ 500 ms, county ≤ 200 ms, check ≤ 150 ms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_stats \\
        .venv/bin/python bench/bench_stats.py --sizes 20000 100000 --requests 20
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("LOG_LEVEL", "WARNING")
if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
    sys.exit("bench_stats needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/"
             "bench_stats (the run creates and drops test_bench_stats)")

import django  # noqa: E402

django.setup()

import time_machine  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    get_runner,
    override_settings,
    setup_test_environment,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)
# Respondents: this many credit codes, each registered by every office under its own name.
POOL = 2000
RULING_STATES_OPEN = ["accepted", "investigation", "hearing_scheduled", "deliberation",
                      "suspended"]


def offices() -> dict[str, object]:
    from cases.models import Office

    region = Office.objects.create(name="广西壮族自治区知识产权局", short_name="自治区局",
                                   level="province", region_code="450000",
                                   region_name="广西")
    cities, counties = [], []
    for c in range(3):
        city = Office.objects.create(name=f"测试{c}市知识产权局", level="city",
                                     region_code=f"45{c + 1:02d}00", region_name=f"测试{c}市",
                                     parent=region)
        cities.append(city)
        for k in range(2):
            counties.append(Office.objects.create(
                name=f"测试{c}市{k}区知识产权局", level="county",
                region_code=f"45{c + 1:02d}{k + 1:02d}", region_name=f"测试{c}市{k}区",
                parent=city))
    return {"region": region, "cities": cities, "counties": counties}


def fill(tree: dict[str, object], start: int, stop: int, people: dict[str, object]) -> None:
    from cases.models import Case, CaseEvent, CaseParty, Deadline
    from cases.ruling.models import RulingCase
    from cases.services.deadlines import end_of_day
    from mediation.models import MediationCase
    rnd = random.Random(start)
    units = [tree["region"], *tree["cities"], *tree["counties"]]  # type: ignore[list-item]
    officers = people["officers"]
    dispute = people["dispute"]
    rule = people["limit_rule"]
    rights = people["rights"]
    batch = 5000
    for offset in range(start, stop, batch):
        size = min(batch, stop - offset)
        heads, meta = [], []
        for i in range(offset, offset + size):
            office = units[i % len(units)]
            received = date(2022, 1, 1) + timedelta(days=rnd.randrange(0, 1790))
            closed = received + timedelta(days=rnd.randrange(10, 200)) \
                if rnd.random() < 0.7 else None
            if closed and closed > NOW.date():
                closed = None
            workflow = "ruling" if i % 5 else "mediation"
            heads.append(Case(office=office, year=received.year, sequence=i + 1,
                              number=f"桂知案字〔{received.year}〕{i + 1}号",
                              workflow=workflow, title="侵害专利权纠纷", received_on=received,
                              closed_on=closed, officer_in_charge=officers[i % len(officers)]))
            meta.append((workflow, received, closed))
        cases = Case.objects.bulk_create(heads)
        rulings, mediations, roles, clocks, events, links = [], [], [], [], [], []
        pool = people["parties"]
        parties = [pool[(c.office_id, rnd.randrange(POOL))] for c in cases]  # type: ignore[index]
        for c, (workflow, received, closed), party in zip(cases, meta, parties, strict=True):
            accepted = received + timedelta(days=5)
            if workflow == "ruling":
                decided = (closed - timedelta(days=5)) if closed else None
                outcome = rnd.choice(["infringement_found", "infringement_found",
                                      "dismissed", ""]) if decided else ""
                rulings.append(RulingCase(
                    case=c, state="closed" if closed else rnd.choice(RULING_STATES_OPEN),
                    accepted_on=accepted, decided_on=decided if outcome else None,
                    outcome=outcome, platform=rnd.choice(["淘宝", "京东", "拼多多", ""])))
                due = accepted + timedelta(days=90)
                status = ("met" if decided and decided <= due else "missed") if decided \
                    else "open"
                clocks.append(Deadline(case=c, rule=rule, code=rule.code,
                                       started_at=NOW, due_on=due, due_at=end_of_day(due),
                                       status=status))
                if rnd.random() < 0.05:
                    events.append(CaseEvent(case=c, kind="transition", name="suspend"))
            else:
                settled = closed is not None and rnd.random() < 0.6
                mediations.append(MediationCase(
                    case=c, state="performed" if settled else ("unsuccessful" if closed
                                                               else "in_session"),
                    dispute_type=dispute, requested_on=received, accepted_on=accepted,
                    outcome="settled" if settled else ("failed" if closed else ""),
                    agreed_on=(closed - timedelta(days=3)) if settled else None,
                    amount_agreed=10000 if settled else None,
                    amount_performed=8000 if settled else 0))
            roles.append(CaseParty(case=c, party=party, role="respondent"))
            links.append(Case.rights.through(case_id=c.pk,
                                             ipright_id=rights[c.pk % len(rights)].pk))
        RulingCase.objects.bulk_create(rulings)
        MediationCase.objects.bulk_create(mediations)
        CaseParty.objects.bulk_create(roles)
        Deadline.objects.bulk_create(clocks)
        CaseEvent.objects.bulk_create(events)
        Case.rights.through.objects.bulk_create(links)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")


class QueryLog:
    """Counts (and times) the SQL queries of a call: the test client's request resets
    ``connection.queries``, so a wrapper around execution does the counting."""

    def __init__(self) -> None:
        self.queries: list[tuple[float, str, object]] = []

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append(((time.perf_counter() - t0) * 1000, sql, params))


SLOWEST: list[tuple[float, str, object]] = []


def measure(fn: Callable[[], object], repeat: int) -> tuple[float, float, int]:
    fn()  # warm caches (calendar, templates)
    log = QueryLog()
    with connection.execute_wrapper(log):
        fn()
    SLOWEST[:] = sorted(log.queries, key=lambda q: q[0], reverse=True)[:3]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, len(log.queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--slowest", action="store_true",
                        help="print the slowest queries of each page")
    args = parser.parse_args()
    setup_test_environment()
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]).enable()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from cases.models import DeadlineRule, Role
        from cases.services.calendar import seed_calendar_from_package
        from cases.services.deadline_rules import seed_deadline_rules
        from cases.services.roles import ensure_role_groups
        from mediation.models.reference import DisputeType
        from stats.repeat import repeat_infringers_in
        from tests.factories import PatentFactory, TrademarkFactory, UserFactory, make_uscc

        seed_calendar_from_package([2022, 2023, 2024, 2025, 2026])
        seed_deadline_rules()
        ensure_role_groups()
        tree = offices()
        county = tree["counties"][0]  # type: ignore[index]
        people: dict[str, object] = {
            "officers": [UserFactory(username=f"o{i}", name=f"办案员{i}",
                                     office=tree["counties"][i % 6],  # type: ignore[index]
                                     roles=[Role.OFFICER]) for i in range(30)],
            "dispute": DisputeType.objects.create(code="patent", name="专利侵权纠纷",
                                                  legal_basis="专利法"),
            "limit_rule": DeadlineRule.objects.filter(code="ruling.overall_limit").first(),
            "rights": [PatentFactory(office=tree["region"]) for _ in range(20)]
            + [TrademarkFactory(office=tree["region"]) for _ in range(10)],
        }
        from cases.models import Party

        units = [tree["region"], *tree["cities"], *tree["counties"]]  # type: ignore[list-item]
        made = Party.objects.bulk_create(
            Party(kind="legal", name=f"测试{n}号{u.region_code}公司", office=u,  # type: ignore[attr-defined]
                  id_number=make_uscc(n)) for u in units for n in range(POOL))
        people["parties"] = {(p.office_id, int(p.id_number[8:17])): p for p in made}
        region_head = UserFactory(username="rhead", office=tree["region"], roles=[Role.HEAD])
        county_head = UserFactory(username="chead", office=county, roles=[Role.HEAD])
        built = 0
        period = "start=2026-01-01&end=2026-11-30"
        for size in sorted(args.sizes):
            t0 = time.perf_counter()
            fill(tree, built, size, people)
            built = size
            print(f"database: {connection.vendor}; {size} cases "
                  f"(built in {time.perf_counter() - t0:.0f} s)")
            with time_machine.travel(NOW, tick=True):
                region, county_client = Client(), Client()
                region.force_login(region_head)
                county_client.force_login(county_head)
                region_url = f"/statistics/?office={tree['region'].pk}&{period}"  # type: ignore[attr-defined]
                county_url = f"/statistics/?office={county.pk}&{period}"  # type: ignore[attr-defined]

                def get(client: Client, url: str) -> Callable[[], object]:
                    def run() -> object:
                        response = client.get(url)
                        assert response.status_code == 200, (url, response.status_code)
                        return response
                    return run

                ids = [make_uscc(n) for n in range(5)]
                rows = [
                    ("statistics, region office", get(region, region_url), 500),
                    ("statistics, county office", get(county_client, county_url), 200),
                    ("repeat-infringer check", lambda ids=ids: repeat_infringers_in(ids[:2]),
                     150),
                    ("baseline: case list page 1", get(region, "/cases/?size=20"), None),
                ]
                for label, fn, target in rows:
                    p50, p95, queries = measure(fn, args.requests)
                    verdict = "info" if target is None else ("ok" if p95 <= target
                                                             else f"over {target} ms")
                    print(f"RESULT {size:>8} {label:30s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"
                          f"  {queries:3d} queries  {verdict}")
                    if args.slowest:
                        for ms, sql, _params in SLOWEST:
                            print(f"    {ms:8.1f} ms  {sql[:300]}")
                        if os.environ.get("BENCH_EXPLAIN") and SLOWEST:
                            with connection.cursor() as cur:
                                cur.execute("EXPLAIN ANALYZE " + SLOWEST[0][1],
                                            SLOWEST[0][2])
                                print("\n".join(r[0] for r in cur.fetchall()))
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
