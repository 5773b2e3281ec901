"""``/healthz``: what an operator's monitoring needs to know, and nothing personal.

Each check answers ``ok`` and aggregate facts only (ages in seconds, counts); the answer
is 200 when every check is ok, 503 otherwise. No login: monitoring has none, and nothing
here names a case, a person or an office.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_celery_results.models import TaskResult

from cases.models.outbox import OutboxEntry
from cases.tasks import HEARTBEAT_TASK_ID
from config.celery import app as celery_app
from search.health import index_status
from search.models import SearchOutbox

Check = dict[str, Any]


def check_database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def check_broker() -> Check:
    if celery_app.conf.task_always_eager:
        return {"ok": True, "eager": True}
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=settings.HEALTH_BROKER_TIMEOUT_SECONDS)
    return {"ok": True}


def check_worker() -> Check:
    if celery_app.conf.task_always_eager:
        return {"ok": True, "eager": True}
    beat = TaskResult.objects.filter(task_id=HEARTBEAT_TASK_ID).values_list(
        "date_done", flat=True).first()
    if beat is None:
        return {"ok": False, "last_heartbeat_age_seconds": None}
    age = (timezone.now() - beat).total_seconds()
    return {"ok": age <= settings.HEALTH_WORKER_MAX_AGE_SECONDS,
            "last_heartbeat_age_seconds": round(age)}


def check_outbox() -> Check:
    """Work written in a transaction for after it (index updates; notifications, renders
    and PDF conversions) that is still waiting: how much, and how long the oldest."""
    pending = [model.objects.filter(processed_at__isnull=True)
               for model in (SearchOutbox, OutboxEntry)]
    oldest = [qs.order_by("created_at").values_list("created_at", flat=True).first()
              for qs in pending]
    age = round(max((timezone.now() - at).total_seconds() for at in oldest if at)) \
        if any(oldest) else 0
    return {"ok": age <= settings.HEALTH_OUTBOX_MAX_AGE_SECONDS,
            "pending": sum(qs.count() for qs in pending), "oldest_age_seconds": age}


def check_index() -> Check:
    """The index answers and holds as many decisions as the database, unless the outbox
    still has work for it (then the outbox age tells whether it is catching up)."""
    status = index_status()
    if not status.readable:
        # The kind of failure only: the message names paths or hosts.
        return {"ok": False, "documents": None, "database": status.expected,
                "error": (status.error or "").split(":", 1)[0]}
    catching_up = SearchOutbox.objects.filter(processed_at__isnull=True).exists()
    return {"ok": status.documents == status.expected or catching_up,
            "documents": status.documents, "database": status.expected}


def _data_folders() -> set[Path]:
    """Where the system writes: the database file (embedded), uploads and documents, the
    embedded index, and the filesystem broker's queue under the var folder."""
    folders = {Path(settings.MEDIA_ROOT), Path(settings.VAR_DIR)}
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folders.add(Path(str(database["NAME"])).parent)
    if settings.SEARCH_BACKEND == "embedded":
        folders.add(Path(settings.SEARCH_EMBEDDED_DIR))
    return folders


def check_disk() -> Check:
    """The least free space among the folders the system writes to. A full disk stops
    uploads, renders, index updates and (embedded) every write to the database, so it is
    reported before it is reached. The folders are not named: only the figure."""
    free = [shutil.disk_usage(folder).free for folder in _data_folders() if folder.exists()]
    free_mb = min(free) // (1024 * 1024) if free else 0
    return {"ok": free_mb >= settings.HEALTH_DISK_MIN_FREE_MB, "free_mb": free_mb}


CHECKS: dict[str, Callable[[], Check]] = {
    "database": check_database,
    "broker": check_broker,
    "worker": check_worker,
    "index": check_index,
    "outbox": check_outbox,
    "disk": check_disk,
}


def run_checks() -> dict[str, Check]:
    results: dict[str, Check] = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:
            # The kind of failure only: messages can carry hosts, paths or credentials.
            results[name] = {"ok": False, "error": type(exc).__name__}
    return results


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    healthy = all(c["ok"] for c in checks.values())
    return JsonResponse({"status": "ok" if healthy else "failing", "checks": checks},
                        status=200 if healthy else 503)
