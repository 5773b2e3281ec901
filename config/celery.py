"""The Celery application.

Embedded mode (no ``CELERY_BROKER_URL``): kombu's filesystem transport under
``var/celery/`` — a broker that needs no server. ``scripts/serve`` starts one worker
with an embedded beat next to the web server, so after-commit work and scheduled
sweeps run exactly as in production. Production: Redis via ``CELERY_BROKER_URL``.
"""

from __future__ import annotations

import logging.config
import os

from celery import Celery, signals
from django.conf import settings

from config import startup

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ipcases")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.setup_logging.connect
def log_as_the_web_server_does(**kwargs: object) -> None:
    """Worker and beat log through the settings' ``LOGGING`` (``LOG_FORMAT``, ``LOG_LEVEL``)
    instead of Celery's own text lines, which a JSON log collector cannot read and which
    drop the fields a record carries (``extra=``). Celery's ``--loglevel`` is not used."""
    logging.config.dictConfig(settings.LOGGING)


@signals.worker_init.connect
def require_database(**kwargs: object) -> None:
    """A worker without its database would fail every task: stop at start-up instead,
    saying which setting names what cannot be reached. (Celery logs and ignores an
    exception from a signal handler; SystemExit it does not catch.)"""
    try:
        startup.require_database()
    except startup.ServicesUnreachable as exc:
        raise SystemExit(f"ipcases cannot start: {exc}") from exc
