"""What the PostgreSQL benchmarks share: a temporary database of their own (created with
the benchmark's settings, dropped at the end, never the configured one), the settings
applied to every connection (an ``--existing`` database's too), and the CPU time of a
connection's server process.

Standard library only at import: a benchmark sets ``DATABASE_URL`` from
:func:`create_database` before it sets Django up.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# The server the benchmarks make their databases on (trust authentication, as here).
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def psql(sql: str, *, url: str = SERVER, check: bool = True) -> None:
    subprocess.run(["psql", url, "-qc", sql], check=check)


def create_database(name: str, settings: Sequence[str] = ()) -> str:
    """A new empty database ``name`` with ``settings`` (``"jit = off"``…) as its defaults;
    its URL."""
    psql(f"CREATE DATABASE {name}")
    if settings:
        psql("; ".join(f"ALTER DATABASE {name} SET {s}" for s in settings))
    return f"{SERVER}/{name}"


def drop_database(name: str) -> None:
    """Drop ``name`` (its connections closed by the server); a failure is not an error."""
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", check=False)


def set_on_connect(settings: Sequence[str]) -> None:
    """``SET`` each of ``settings`` on every new PostgreSQL connection Django opens (for a
    database the benchmark did not create, whose defaults it leaves alone)."""
    from django.db.backends.signals import connection_created

    def apply(sender: object, connection: Any, **kwargs: object) -> None:
        if getattr(connection, "vendor", "") == "postgresql":
            with connection.cursor() as cursor:
                for setting in settings:
                    cursor.execute(f"SET {setting}")

    connection_created.connect(apply, weak=False)


def ready_to_measure(connection: Any, *, own: bool) -> None:
    """Index-only scans read the heap for every page the visibility map does not mark
    all-visible, and a server with ``autovacuum = off`` (this machine's, see
    docs/performance.md) never marks the pages of a fresh load. A database the benchmark
    made is vacuumed here (``VACUUM ANALYZE``); an ``--existing`` one is left as it is,
    and each of its tables whose map covers less than half of its pages is named, with
    the command that vacuums it, so that the figures are not read as an installation's."""
    if connection.vendor != "postgresql":
        return
    if own:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'r' "
                       "AND relnamespace = 'public'::regnamespace AND relpages >= 100 "
                       "AND relallvisible < relpages / 2 ORDER BY relpages DESC")
        tables = [name for (name,) in cursor.fetchall()]
    if tables:
        print(f"WARNING not vacuumed: {', '.join(tables)} (their index-only scans read "
              f"the heap); run VACUUM ANALYZE on this database first "
              f"(psql URL -c 'VACUUM ANALYZE')", flush=True)


def backend_cpu(connection: Any) -> float | None:
    """CPU seconds used so far by ``connection``'s PostgreSQL backend, when the server runs
    on this machine (its /proc entry is readable); None otherwise."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
