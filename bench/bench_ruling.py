"""Benchmark: transition throughput through the services, with concurrent clients.

What it times: only ``perform_transition`` calls (row lock, state and permission checks,
form validation, validation of the changed columns, save, timeline event, clock
bookkeeping with the header's next deadline, outbox row) — no page rendering, no
document rendering, no after-commit work run inline (Celery is not eager: the on-commit
hook only publishes the outbox id to a temporary filesystem broker). Each of ``--clients``
processes (default 4) works on its own ruling cases on its own connection: ``accept``, then
``suspend`` / ``resume`` pairs (clocks paused and resumed; ``accept`` and ``suspend`` need
the head's approval and are run by the head, as approving them does). Beside it, in the same run and
with the same number of clients and operations, the baseline: a transaction that locks
the case row (``SELECT … FOR UPDATE``) and updates it, the floor of any transition.

The figures are printed at each size of ``--sizes`` (cases already in the database,
made by ``generate_cases``) so growth is visible, judged against the budget of issue 17
(≥ 200 transitions/s aggregate with 4 clients).

It never touches the installation's data: a temporary PostgreSQL database
(``bench_ruling_<pid>``, jit off, dropped at the end) and a temporary IPCASES_VAR_DIR.

    .venv/bin/python bench/bench_ruling.py             # 10,000 then 100,000 cases
    .venv/bin/python bench/bench_ruling.py --short     # 2,000 then 10,000 (< 5 min)
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET = 200.0


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--cases-per-client", type=int, default=10)
    parser.add_argument("--pairs", type=int, default=3, help="suspend/resume pairs per case")
    return parser.parse_args()


ARGS = _args()
DB_NAME = f"bench_ruling_{os.getpid()}"
VAR = tempfile.mkdtemp(prefix="ipcases-bench-ruling-")
os.environ["IPCASES_VAR_DIR"] = VAR
subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc",
                f"CREATE DATABASE {DB_NAME}"], check=True)
subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc",
                f"ALTER DATABASE {DB_NAME} SET jit = off"], check=True)
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ["CELERY_BROKER_URL"] = "filesystem://"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402


def _run_clients(work: list[list[Any]], step: Any) -> tuple[float, list[float]]:
    """Run ``step(item)`` for each client's items in its own process (threads would share
    one interpreter lock) and its own connection; wall seconds from the common start and
    the duration of each step."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(work) + 1)
    failures = ctx.Queue()
    durations = ctx.Queue()

    def client(items: list[Any]) -> None:
        took = []
        try:
            barrier.wait()
            for item in items:
                t0 = time.perf_counter()
                step(item)
                took.append(time.perf_counter() - t0)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.put(repr(exc))
        finally:
            durations.put(took)
            connection.close()

    connection.close()  # each process opens its own connection
    processes = [ctx.Process(target=client, args=(items,)) for items in work]
    for process in processes:
        process.start()
    barrier.wait()
    t0 = time.perf_counter()
    took = [seconds for _ in processes for seconds in durations.get(timeout=600)]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - t0
    if not failures.empty():
        raise RuntimeError(failures.get())
    return elapsed, took


def _p95(durations: list[float]) -> float:
    return statistics.quantiles(durations, n=20)[-1] * 1000


def measure(staff: Any) -> tuple[int, float, float, float, float]:
    from cases import workflows
    from cases.models import Case
    from cases.services.runner import perform_transition
    from tests.ruling_driver import RulingDriver

    driver = RulingDriver(staff)
    per_client = [[driver.file() for _ in range(ARGS.cases_per_client)]
                  for _ in range(ARGS.clients)]
    today = timezone.localdate()
    data = {
        "accept": driver.data_for("accept", per_client[0][0]),
        "suspend": driver.data_for("suspend", per_client[0][0]),
        "resume": driver.data_for("resume", per_client[0][0]),
    }
    data["accept"]["accepted_on"] = today
    plan = ["accept"] + ["suspend", "resume"] * ARGS.pairs
    work = [[(case.pk, name) for case in cases for name in plan] for cases in per_client]
    ops = sum(len(items) for items in work)

    # A step that needs approval is run by the head, who approves by running it.
    actions = workflows.get("ruling").actions
    actors = {name: staff.head if actions[name].needs_approval else driver.actor_for(name)
              for name in data}

    def transition(item: tuple[int, str]) -> None:
        case_id, name = item
        perform_transition(case_id=case_id, actor=actors[name], name=name, data=data[name])

    def bare(item: tuple[int, str]) -> None:
        with transaction.atomic():
            Case.objects.select_for_update().only("pk").get(pk=item[0])
            Case.objects.filter(pk=item[0]).update(updated_at=timezone.now())

    services, services_took = _run_clients(work, transition)
    baseline, baseline_took = _run_clients(work, bare)
    return (ops, ops / services, ops / baseline, _p95(services_took), _p95(baseline_took))


def main() -> None:
    from collections import Counter

    from cases.demo.offices import ensure_offices
    from cases.demo.people import OFFICE_PREFIXES, ensure_staff
    from cases.demo.scale import generate_cases
    from cases.models import Case, User
    from cases.services.calendar import seed_calendar_from_package
    from cases.services.deadline_rules import seed_deadline_rules
    from cases.services.roles import ensure_role_groups

    call_command("migrate", verbosity=0)
    # What the transitions need (roles, calendar, time limits, offices, staff), not the
    # demo cases: the cases are generate_cases' and the driver's.
    counts: Counter[str] = Counter()
    groups = ensure_role_groups()
    seed_calendar_from_package()
    seed_deadline_rules()
    ensure_staff(ensure_offices(counts), groups, counts)
    prefix = next(iter(OFFICE_PREFIXES.values()))

    class Staff:
        officer = User.objects.get(username=f"{prefix}_officer")
        officer2 = User.objects.get(username=f"{prefix}_officer2")
        officer3 = User.objects.get(username=f"{prefix}_officer3")
        legal = User.objects.get(username=f"{prefix}_legal")
        head = User.objects.get(username=f"{prefix}_head")

    sizes = [2000, 10000] if ARGS.short else [int(s) for s in ARGS.sizes.split(",")]
    results = []
    for size in sizes:
        have = Case.objects.count()
        if size > have:
            generate_cases(size - have, seed=size, stdout=lambda _line: None)
        total = Case.objects.count()
        ops, rate, floor, p95, floor_p95 = measure(Staff)
        results.append((total, rate))
        verdict = "ok" if rate >= BUDGET else "UNDER"
        print(f"RESULT {total:>8} cases: {ops} transitions by {ARGS.clients} clients "
              f"{rate:7.1f}/s (p95 {p95:6.1f} ms)  baseline (row lock + UPDATE) "
              f"{floor:7.1f}/s (p95 {floor_p95:5.1f} ms)  ratio {floor / rate:5.1f}x  "
              f"{verdict} (budget {BUDGET:.0f}/s)", flush=True)
    print("RESULT budget >= 200 transitions/s: " + (
        "holds" if all(rate >= BUDGET for _n, rate in results) else "missed"))


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc",
                        f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"], check=False)
