"""Benchmark: transition throughput through the services, with concurrent clients.

What it times: only ``perform_transition`` calls (row lock, state and permission checks,
form validation, validation of the changed columns, save, timeline event, clock
bookkeeping with the header's next deadline, outbox row) — no page rendering, no
document rendering, no after-commit work run inline (Celery is not eager: the on-commit
hook only publishes the outbox id to a temporary filesystem broker). Each of ``--clients``
processes (default 4) works on its own ruling cases on its own connection: ``accept``, then
``suspend`` / ``resume`` pairs (clocks paused and resumed; ``accept`` and ``suspend`` need
the head's approval and are run by the head, as approving them does), after running the
same steps once on a case of its own, untimed (a web process is warm: modules imported, the
broker connected, the calendar cached). Beside it, in the same run and
with the same number of clients and operations, the baseline: a transaction that locks
the case row (``SELECT … FOR UPDATE``) and updates it, the floor of any transition.

The figures are printed at each size of ``--sizes`` (cases already in the database,
made by ``generate_cases``) so growth is visible, judged against the budget of issue 17
(≥ 200 transitions/s aggregate with 4 clients). Beside the throughput, the CPU time of a
transition: the client processes' own (Django) and, when the database server runs on this
machine, that of their PostgreSQL backends (read from /proc), per transition; on a shared
machine the wall time counts the wait for a core, the CPU time is what a transition costs.
Then the statistics summary's drain of the cases the transitions marked (work done after
commit, in the worker; ``stats.summary.drain``): its time per case counted.

It never touches the installation's data: a temporary PostgreSQL database
(``bench_ruling_<pid>``, jit off, dropped at the end) and a temporary IPCASES_VAR_DIR.
``--existing URL`` measures a database already filled by ``generate_cases`` instead (one
size: its cases); the benchmark migrates it and files its own cases into it, so give it a
copy made for the purpose, never a database someone else measures.

    .venv/bin/python bench/bench_ruling.py             # 10,000 then 100,000 cases
    .venv/bin/python bench/bench_ruling.py --short     # 2,000 then 10,000 (< 5 min)
    .venv/bin/python bench/bench_ruling.py --existing postgres://postgres@127.0.0.1:5432/copy_1m
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._pg import (  # noqa: E402
    backend_cpu,
    create_database,
    drop_database,
    psql,
    ready_to_measure,
)
from bench._tmp import var_dir  # noqa: E402

BUDGET = 200.0


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--short", action="store_true")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--cases-per-client", type=int, default=10)
    parser.add_argument("--pairs", type=int, default=3, help="suspend/resume pairs per case")
    parser.add_argument("--existing", metavar="URL",
                        help="a copy of a database filled by generate_cases (written to)")
    return parser.parse_args()


ARGS = _args()
DB_NAME = f"bench_ruling_{os.getpid()}"
VAR = var_dir("ruling")
os.environ["IPCASES_VAR_DIR"] = VAR
if ARGS.existing:
    os.environ["DATABASE_URL"] = ARGS.existing
    psql(f"ALTER DATABASE {urlparse(ARGS.existing).path.lstrip('/')} SET jit = off",
         url=ARGS.existing)
else:
    os.environ["DATABASE_URL"] = create_database(DB_NAME, ["jit = off"])
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "false"
os.environ["CELERY_BROKER_URL"] = "filesystem://"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402


def _run_clients(work: list[list[Any]], step: Any, warm_up: list[list[Any]]
                 ) -> tuple[float, list[float], float, float | None]:
    """Run ``step(item)`` for each client's items in its own process (threads would share
    one interpreter lock) and its own connection, after its ``warm_up`` items, untimed (a
    web process is warm: modules imported, the broker connected, caches filled); wall
    seconds from the common start, the duration of each step, and the CPU seconds of the
    clients and of their database backends (None when not readable) over all steps."""
    ctx = multiprocessing.get_context("fork")
    barrier = ctx.Barrier(len(work) + 1)
    failures = ctx.Queue()
    durations = ctx.Queue()

    def client(items: list[Any], first: list[Any]) -> None:
        took: list[float] = []
        cpu, backend = 0.0, None
        try:
            for item in first:
                step(item)
            backend0 = backend_cpu(connection)
            barrier.wait()
            cpu0 = time.process_time()
            for item in items:
                t0 = time.perf_counter()
                step(item)
                took.append(time.perf_counter() - t0)
            cpu = time.process_time() - cpu0
            backend1 = backend_cpu(connection)
            if backend0 is not None and backend1 is not None:
                backend = backend1 - backend0
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.put(repr(exc))
        finally:
            durations.put((took, cpu, backend))
            connection.close()

    connection.close()  # each process opens its own connection
    processes = [ctx.Process(target=client, args=(items, first))
                 for items, first in zip(work, warm_up, strict=True)]
    for process in processes:
        process.start()
    barrier.wait()
    t0 = time.perf_counter()
    results = [durations.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - t0
    if not failures.empty():
        raise RuntimeError(failures.get())
    took = [seconds for steps, _cpu, _backend in results for seconds in steps]
    backends = [backend for _steps, _cpu, backend in results]
    return (elapsed, took, sum(cpu for _steps, cpu, _backend in results),
            None if None in backends else sum(b for b in backends if b is not None))


def _p95(durations: list[float]) -> float:
    return statistics.quantiles(durations, n=20)[-1] * 1000


@dataclass
class Measured:
    ops: int
    rate: float
    p95: float
    cpu: float  # ms per transition, the clients
    backend: float | None  # ms per transition, their PostgreSQL backends
    floor: float
    floor_p95: float
    floor_cpu: float
    floor_backend: float | None
    drained: int  # cases the summary's drain counted
    drain_ms: float  # its wall time per case
    drain_cpu: float  # its CPU time (this process) per case


def _per_op(seconds: float | None, ops: int) -> float | None:
    return None if seconds is None else seconds * 1000 / ops


def measure(staff: Any) -> Measured:
    from cases import workflows
    from cases.models import Case, Party
    from cases.services.runner import perform_transition
    from stats import summary
    from tests.factories import LegalPersonFactory, PatentFactory
    from tests.ruling_driver import RulingDriver

    # The driver's parties and patents are numbered after those already there (a database
    # given with --existing may hold a previous run's).
    start = Party.objects.count() + 1
    LegalPersonFactory.reset_sequence(start)
    PatentFactory.reset_sequence(start)
    driver = RulingDriver(staff)
    per_client = [[driver.file() for _ in range(ARGS.cases_per_client)]
                  for _ in range(ARGS.clients)]
    warm_cases = [driver.file() for _ in range(ARGS.clients)]
    today = timezone.localdate()
    data = {
        "accept": driver.data_for("accept", per_client[0][0]),
        "suspend": driver.data_for("suspend", per_client[0][0]),
        "resume": driver.data_for("resume", per_client[0][0]),
    }
    data["accept"]["accepted_on"] = today
    plan = ["accept"] + ["suspend", "resume"] * ARGS.pairs
    work = [[(case.pk, name) for case in cases for name in plan] for cases in per_client]
    warm_up = [[(case.pk, name) for name in plan] for case in warm_cases]
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

    summary.drain()  # the filings' marks: the drain below counts the transitions' own
    services, services_took, cpu, backend = _run_clients(work, transition, warm_up)
    cpu0, t0 = time.process_time(), time.perf_counter()
    drained = summary.drain()
    drain_wall, drain_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    baseline, baseline_took, floor_cpu, floor_backend = _run_clients(work, bare, warm_up)
    return Measured(
        ops=ops, rate=ops / services, p95=_p95(services_took), cpu=cpu * 1000 / ops,
        backend=_per_op(backend, ops), floor=ops / baseline, floor_p95=_p95(baseline_took),
        floor_cpu=floor_cpu * 1000 / ops, floor_backend=_per_op(floor_backend, ops),
        drained=drained, drain_ms=drain_wall * 1000 / max(drained, 1),
        drain_cpu=drain_cpu * 1000 / max(drained, 1))


def _ms(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.1f}"


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

    if ARGS.existing:
        sizes = [Case.objects.count()]
    else:
        sizes = [2000, 10000] if ARGS.short else [int(s) for s in ARGS.sizes.split(",")]
    results = []
    for size in sizes:
        have = Case.objects.count()
        if size > have:
            generate_cases(size - have, seed=size, stdout=lambda _line: None)
        ready_to_measure(connection, own=not ARGS.existing)
        total = Case.objects.count()
        m = measure(Staff)
        results.append((total, m.rate))
        verdict = "ok" if m.rate >= BUDGET else "UNDER"
        print(f"RESULT {total:>8} cases: {m.ops} transitions by {ARGS.clients} clients "
              f"{m.rate:7.1f}/s (p95 {m.p95:6.1f} ms; CPU per transition: Django "
              f"{_ms(m.cpu)} ms, PostgreSQL {_ms(m.backend)} ms)  baseline (row lock + "
              f"UPDATE) {m.floor:7.1f}/s (p95 {m.floor_p95:5.1f} ms; CPU {_ms(m.floor_cpu)} "
              f"+ {_ms(m.floor_backend)} ms)  ratio {m.floor / m.rate:5.1f}x  {verdict} "
              f"(budget {BUDGET:.0f}/s)", flush=True)
        print(f"RESULT {total:>8} cases: after commit, the statistics summary's drain "
              f"counted {m.drained} cases in {m.drain_ms:5.1f} ms each "
              f"(CPU {m.drain_cpu:5.1f} ms)", flush=True)
    print("RESULT budget >= 200 transitions/s: " + (
        "holds" if all(rate >= BUDGET for _n, rate in results) else "missed"))


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        if not ARGS.existing:
            drop_database(DB_NAME)
