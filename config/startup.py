"""Can this process reach the engines its settings name? Asked once at start-up.

Settings only check that ``DATABASE_URL``, ``CELERY_BROKER_URL`` and ``ELASTICSEARCH_URL``
are well formed; a host that is wrong or down shows only when something connects. So the
web server (its master: ``config.gunicorn``) and the Celery worker (``config.celery``)
stop at first start when the database cannot be reached (beat's database scheduler stops
by itself), and ``manage.py check --deploy`` (the README's production procedure) reports
every engine it cannot reach. The broker and the search cluster do not stop a running web server:
after-commit work waits in the outbox, search answers that it is unavailable, and
/healthz says so; a worker keeps retrying its broker, logging each attempt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from celery import current_app as celery_app
from django.conf import settings
from django.core import checks
from django.db import connection


def _where(url: str) -> str:
    """Host and port of an engine's URL, never its credentials."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{host}:{parts.port}" if parts.port else host


def _why(exc: BaseException) -> str:
    # The first line only: drivers append hints and, sometimes, the full URL.
    return f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"


def database_location() -> str:
    """Host and port of the database server (never its credentials), or SQLite's file."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return str(db["NAME"])
    return f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or ''}".rstrip(":")


def database_connect_error() -> str | None:
    """Why the database cannot be connected to (the exception's kind and first line), or
    None when it can."""
    try:
        connection.ensure_connection()
    except Exception as exc:  # noqa: BLE001 - whatever the driver raises is the answer
        return _why(exc)
    return None


def database_problem() -> str | None:
    why = database_connect_error()
    if why is None:
        return None
    return f"DATABASE_URL: cannot connect to the database at {database_location()} ({why})"


def broker_problem() -> str | None:
    if celery_app.conf.task_always_eager or settings.CELERY_BROKER_URL.startswith(
            ("filesystem://", "memory://")):
        return None
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1,
                                   timeout=settings.HEALTH_BROKER_TIMEOUT_SECONDS)
    except Exception as exc:  # noqa: BLE001
        return (f"CELERY_BROKER_URL: cannot connect to the broker at "
                f"{_where(settings.CELERY_BROKER_URL)} ({_why(exc)})")
    return None


def search_problem() -> str | None:
    if settings.SEARCH_BACKEND != "cluster":
        return None
    # Imported when asked: this module loads with the Celery app, before Django's apps.
    from search.backends import get_backend

    backend: Any = get_backend()
    if not backend.health():
        return (f"ELASTICSEARCH_URL: the search cluster at "
                f"{_where(settings.ELASTICSEARCH_URL)} does not answer")
    return None


PROBES: dict[str, Callable[[], str | None]] = {
    "database": database_problem,
    "broker": broker_problem,
    "search": search_problem,
}


def problems(*names: str) -> list[str]:
    """What cannot be reached, one sentence each naming the setting (all probes by
    default)."""
    found = [PROBES[name]() for name in (names or tuple(PROBES))]
    return [p for p in found if p]


class ServicesUnreachable(RuntimeError):
    pass


def require_database() -> None:
    """Stop a starting process whose database cannot be reached, saying why."""
    problem = database_problem()
    # The probe's connection belongs to the starting thread, which serves no request:
    # not kept open beside the ones the request threads open.
    connection.close()
    if problem:
        raise ServicesUnreachable(problem)


@checks.register("services", deploy=True)
def services_reachable(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    return [checks.Error(problem, id="ipcases.E001") for problem in problems()]


def main() -> None:
    """Exit non-zero, saying why, when the database cannot be reached: gunicorn's master
    asks in a process of its own (config/gunicorn.py)."""
    try:
        require_database()
    except ServicesUnreachable as exc:
        raise SystemExit(str(exc)) from exc
