"""Benchmark: ``manage.py generate_cases N`` on PostgreSQL (issue 17: >= 20,000 cases/s,
1,000,000 cases in <= 50 s).

What it times: the command, in a process of its own, writing N cases into an empty
migrated database (a fresh copy of a template for each size of ``--sizes``, so that each
size is a load into an empty database, as the budget says). It prints the command's own
time (from its first query to its last) and rate, the process's wall and CPU time, the
CPU time of the PostgreSQL processes that served it (its backends and their parallel
workers, sampled from /proc: the server must run on this machine) and each step's wall
time (``-v2``).

Beside it, in the same run, in a fresh copy of the same empty database: the floor, a bare
``INSERT INTO cases_case … SELECT … FROM generate_series(1, N)`` of N header rows (the
table's non-unique indexes dropped and the foreign-key triggers skipped, as the generator
does, the unique ones kept), which writes about a tenth of the rows the generator writes
and none of their indexes.

``--compare CHECKOUT`` also runs the command of another checkout (the main branch, say)
right after each load, into a fresh database too, so that both are measured under the
same load of the machine.

It never touches the installation's data: temporary databases (``bench_gen_<pid>_*``,
dropped at the end) and a temporary IPCASES_VAR_DIR.

    flock /tmp/bench.lock .venv/bin/python bench/bench_generate.py        # 100,000, 1,000,000
    flock /tmp/bench.lock .venv/bin/python bench/bench_generate.py --short   # 20,000, 100,000
    flock /tmp/bench.lock .venv/bin/python bench/bench_generate.py --compare /work/main
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench._tmp import var_dir  # noqa: E402

BUDGET = 20_000  # cases per second
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
URL = "postgres://postgres@127.0.0.1:5432/{}"
TICK = os.sysconf("SC_CLK_TCK")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100000,1000000", help="cases, one load each")
    parser.add_argument("--short", action="store_true", help="20,000 then 100,000")
    parser.add_argument("--compare", metavar="CHECKOUT",
                        help="also run the command of another checkout of the project (e.g. "
                             "the main branch), right after, into a fresh database too")
    return parser.parse_args()


class BackendCpu:
    """CPU seconds of the server processes of one database (and their parallel workers),
    sampled from /proc while they live: a backend's last sample is at most ``every``
    seconds short of its total."""

    def __init__(self, database: str, every: float = 0.2) -> None:
        self.database, self.every = database, every
        self.ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> BackendCpu:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()

    @property
    def seconds(self) -> float:
        return sum(self.ticks.values()) / TICK

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self._sample()

    def _sample(self) -> None:
        ours = set(self.ticks)
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                cmdline = Path(entry.path, "cmdline").read_bytes().decode(errors="replace")
                if not cmdline.startswith("postgres: "):
                    continue
                worker = re.search(r"parallel worker for PID (\d+)", cmdline)
                if f" {self.database} " not in cmdline and not (
                        worker and int(worker.group(1)) in ours):
                    continue
                fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            self.ticks[int(entry.name)] = int(fields[11]) + int(fields[12])


def _createdb(name: str, template: str | None = None) -> None:
    clause = f" TEMPLATE {template}" if template else ""
    subprocess.run([*PSQL, f"CREATE DATABASE {name}{clause}"], check=True)


def _dropdb(name: str) -> None:
    subprocess.run([*PSQL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)


def _generate(database: str, n: int, env: dict[str, str], checkout: Path = ROOT
              ) -> tuple[float, float, str]:
    """Run the command; returns its process's wall and CPU seconds and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", "generate_cases", str(n), "-v2"], cwd=checkout,
        env={**env, "DATABASE_URL": URL.format(database)}, capture_output=True, text=True,
        check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"generate_cases failed:\n{done.stdout}\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def _floor(database: str, n: int) -> tuple[float, float]:
    """A bare INSERT … SELECT of n header rows; returns its wall and backend CPU seconds.
    The foreign-key triggers are skipped, so office 1 need not exist."""
    with psycopg.connect(URL.format(database)) as conn, conn.cursor() as cur:
        cur.execute("SET session_replication_role = replica")
        cur.execute("SELECT indexrelid::regclass::text FROM pg_index "
                    "WHERE indrelid = 'cases_case'::regclass AND NOT indisunique")
        for (name,) in cur.fetchall():
            cur.execute(f"DROP INDEX {name}")
        stat = Path(f"/proc/{conn.info.backend_pid}/stat")

        def cpu() -> float:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / TICK

        cpu0, started = cpu(), time.perf_counter()
        cur.execute(
            "INSERT INTO cases_case (office_id, year, sequence, number, workflow, title, "
            "received_on, created_at, updated_at) "
            "SELECT 1, 2026, g, '桂知裁字〔2026〕' || g || '号', 'ruling', '规模测试案件', "
            "current_date - g %% 1800, now(), now() FROM generate_series(1, %s) AS g",
            [n])
        conn.commit()
        return time.perf_counter() - started, cpu() - cpu0


def main() -> None:
    args = _args()
    sizes = [20_000, 100_000] if args.short else [int(s) for s in args.sizes.split(",")]
    prefix = f"bench_gen_{os.getpid()}"
    env = {**os.environ, "IPCASES_VAR_DIR": var_dir("gen"),
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    template = f"{prefix}_empty"
    made = [template]
    try:
        _createdb(template)
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True,
                       env={**env, "DATABASE_URL": URL.format(template)})
        runs = [("", ROOT)] + ([(" [compare]", Path(args.compare))] if args.compare else [])
        for n in sizes:
            mine = 0.0
            for label, checkout in runs:
                load = os.getloadavg()[0]
                database = f"{prefix}_{n}"
                made.append(database)
                _createdb(database, template)
                with BackendCpu(database) as server:
                    wall, cpu, output = _generate(database, n, env, checkout)
                _dropdb(database)
                steps = [line for line in output.splitlines() if line.startswith("  ")]
                own = next((float(m.group(1)) for line in output.splitlines()
                            if (m := re.search(r"(?:in|用时) ([\d.]+) ", line))), wall)
                rate = n / own
                mine = mine or own
                print(f"RESULT {n:>9,} cases{label}: {own:6.1f} s ({rate:,.0f} cases/s, "
                      f"{'ok' if rate >= BUDGET else 'UNDER'} the {BUDGET:,}/s budget); "
                      f"process wall {wall:.1f} s; CPU: Python {cpu:.1f} s + PostgreSQL "
                      f"{server.seconds:.1f} s; load {load:.1f} before, "
                      f"{os.getloadavg()[0]:.1f} after", flush=True)
                for line in steps:
                    print(f"       {line.strip()}")
            floor_db = f"{prefix}_{n}_floor"
            made.append(floor_db)
            _createdb(floor_db, template)
            floor_wall, floor_cpu = _floor(floor_db, n)
            _dropdb(floor_db)
            print(f"RESULT {n:>9,} floor: bare INSERT … SELECT of {n:,} cases_case rows "
                  f"{floor_wall:6.2f} s wall, {floor_cpu:.2f} s CPU "
                  f"({n / floor_wall:,.0f} rows/s); generator / floor {mine / floor_wall:.1f}x",
                  flush=True)
    finally:
        for database in made:
            _dropdb(database)


if __name__ == "__main__":
    main()
