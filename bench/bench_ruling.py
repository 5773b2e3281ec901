"""Benchmark: ruling-case transitions through the services, and one reminder sweep.

What it measures, in one run on a throw-away database:
  1. transitions per second through ``perform_transition`` (row lock, permission and
     guard checks, form validation, save, timeline event, clock bookkeeping), walking
     cases from acceptance to an effective ruling; beside it, as the baseline, the bare
     ORM cost of the same number of state updates (``UPDATE ... SET state``), so the
     ratio shows what the bookkeeping costs;
  2. the time of one reminder sweep over N open cases (default 100,000) whose clocks
     fall due within two weeks (a worst case: most need a reminder), first when every
     reminder must be written, then repeated when all were already sent (the steady
     state of a sweep every 15 minutes); beside it a plain ``COUNT(*)`` over the same
     open deadlines, the floor of any sweep that reads them.

How to run (from the repository root):
    .venv/bin/python bench/bench_ruling.py                       # SQLite under a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipcases_bench \\
        .venv/bin/python bench/bench_ruling.py                   # PostgreSQL
Options: --cases 200 (walked cases), --sweep-cases 100000, --repeat 3.
Figures are medians over --repeat runs; the machine is shared, so compare ratios.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["IPCASES_VAR_DIR"] = tempfile.mkdtemp(prefix="ipcases-bench-")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import time_machine  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import get_runner  # noqa: E402

SHANGHAI = ZoneInfo("Asia/Shanghai")
WALK = ["accept", "serve_respondent", "record_answer", "schedule_hearing", "hold_hearing",
        "submit_for_approval", "record_legal_review", "decide", "serve_ruling",
        "become_effective"]


def setup_database() -> object:
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    return runner, old


def personas():  # noqa: ANN201
    from types import SimpleNamespace

    from cases.models import DocumentNumberPrefix, Office, Role
    from cases.services.roles import ensure_role_groups
    from tests.factories import UserFactory

    ensure_role_groups()
    gx = Office.objects.create(name="广西壮族自治区知识产权局", short_name="自治区局",
                               level="province", region_code="450000", region_name="广西")
    nn = Office.objects.create(name="南宁市知识产权局", short_name="南宁局", level="city",
                               region_code="450100", region_name="南宁市", parent=gx)
    DocumentNumberPrefix.objects.create(office=nn, kind="case_number", prefix="南知案字")
    mk = lambda name, role: UserFactory(username=name, office=nn, roles=[role])  # noqa: E731
    return SimpleNamespace(officer=mk("o1", Role.OFFICER), officer2=mk("o2", Role.OFFICER),
                           officer3=mk("o3", Role.OFFICER), head=mk("h", Role.HEAD),
                           legal=mk("l", Role.LEGAL), mediator=mk("m", Role.MEDIATOR))


def bench_transitions(p, n_cases: int, repeat: int) -> tuple[float, float]:  # noqa: ANN001
    from cases.models import Case
    from tests.ruling_driver import RulingDriver

    rates, baseline = [], []
    for r in range(repeat):
        with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI), tick=False) as tm:
            driver = RulingDriver(p, tm)
            cases = [driver.file() for _ in range(n_cases)]
            elapsed, count = 0.0, 0
            for name in WALK:
                for case in cases:
                    driver.prepare(name, case)
                    data = driver.data_for(name, case)
                    actor = driver.actor_for(name)
                    t0 = time.perf_counter()
                    from cases.services.runner import perform_transition

                    perform_transition(case_id=case.pk, actor=actor, name=name, data=data)
                    elapsed += time.perf_counter() - t0
                    count += 1
            rates.append(count / elapsed)
            # Baseline: the same number of bare state updates, no bookkeeping.
            ids = [c.pk for c in cases]
            t0 = time.perf_counter()
            for i in range(count):
                Case.objects.filter(pk=ids[i % len(ids)]).update(state="investigation")
            baseline.append(count / (time.perf_counter() - t0))
        print(f"  run {r + 1}: {rates[-1]:.1f} transitions/s  (bare UPDATE {baseline[-1]:.0f}/s)")
    return statistics.median(rates), statistics.median(baseline)


def bench_sweep(p, n: int, repeat: int) -> tuple[float, float, int]:  # noqa: ANN001
    """N open cases with one open acceptance clock each, due over the next two weeks."""
    from cases.models import Case, Deadline, DeadlineRule, Notification
    from cases.services.deadlines import end_of_day
    from cases.services.notifications import sweep_deadlines

    start = datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)
    rule = DeadlineRule.objects.in_force("ruling.acceptance_decision", start.date())
    office = p.officer.office
    batch = 5000
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        cases = Case.objects.bulk_create(
            Case(office=office, year=2026, sequence=100000 + offset + i,
                 number=f"B〔2026〕{100000 + offset + i}号", title="bench",
                 received_on=start.date(), officer_in_charge=p.officer)
            for i in range(size))
        Deadline.objects.bulk_create(
            Deadline(case=c, rule=rule, code=rule.code, started_at=start,
                     due_on=(start + timedelta(days=(i % 14))).date(),
                     due_at=end_of_day((start + timedelta(days=(i % 14))).date()))
            for i, c in enumerate(cases))
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    first, steady, floor = [], [], []
    created = 0
    with time_machine.travel(start + timedelta(days=3), tick=False):
        for _ in range(repeat):
            Notification.objects.all().delete()
            t0 = time.perf_counter()
            result = sweep_deadlines()
            first.append(time.perf_counter() - t0)
            created = result.created
            t0 = time.perf_counter()
            again = sweep_deadlines()
            steady.append(time.perf_counter() - t0)
            assert again.created == 0
            t0 = time.perf_counter()
            Deadline.objects.filter(status="open").count()
            floor.append(time.perf_counter() - t0)
    return (statistics.median(first), statistics.median(steady), statistics.median(floor),
            created)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--sweep-cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runner, old = setup_database()
    try:
        from cases.services.calendar import seed_calendar_from_package
        from cases.services.deadline_rules import seed_deadline_rules

        seed_calendar_from_package([2025, 2026])
        seed_deadline_rules()
        p = personas()
        print(f"database: {connection.vendor}")
        print(f"transitions: {args.cases} cases × {len(WALK)} transitions, "
              f"{args.repeat} runs")
        rate, bare = bench_transitions(p, args.cases, args.repeat)
        print(f"RESULT transitions/s median {rate:.1f}; baseline bare UPDATE {bare:.0f}/s; "
              f"bookkeeping costs {bare / rate:.1f}x a bare update")
        print(f"sweep: {args.sweep_cases} open cases")
        first, steady, floor = bench_sweep(p, args.sweep_cases, args.repeat)[:3]
        print(f"RESULT sweep median: first run {first * 1000:.0f} ms (writes the reminders), "
              f"repeated run {steady * 1000:.0f} ms (nothing new to send); baseline COUNT(*) "
              f"of the open deadlines {floor * 1000:.1f} ms")
    finally:
        runner.teardown_databases(old)
        call_command("check", verbosity=0)


if __name__ == "__main__":
    main()
