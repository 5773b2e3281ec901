"""The Celery application.

Embedded mode (no ``CELERY_BROKER_URL``): kombu's filesystem transport under
``var/celery/`` — a broker that needs no server. ``scripts/serve`` starts one worker
with an embedded beat next to the web server, so after-commit work and scheduled
sweeps run exactly as in production. Production: Redis via ``CELERY_BROKER_URL``.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ipcases")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
