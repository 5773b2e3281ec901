"""/healthz for the operators' monitoring: aggregate facts, no login, 503 when failing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_celery_results.models import TaskResult

from cases.models.outbox import OutboxEntry
from cases.tasks import HEARTBEAT_TASK_ID, worker_heartbeat
from config import health
from config.celery import app
from search.models import Decision, SearchOutbox
from search.services import drain_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_worker():
    """As in production: tasks go to a broker (in memory here) for a worker to take."""
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def _decision(offices) -> Decision:
    decision = Decision.objects.create(
        source="office", external_id="h-1", title="某公司侵害外观设计专利权纠纷案",
        office=offices.nanning, decided_on=date(2024, 6, 1), ip_type="design_patent",
        outcome="infringement_found", full_text="被请求人销售的产品与涉案外观设计相近似。")
    SearchOutbox.objects.create(decision_id=decision.pk, op="upsert")
    return decision


def test_healthy_instance_answers_200_with_aggregate_facts(client, offices, with_worker):
    _decision(offices)
    drain_outbox()
    worker_heartbeat.run()
    resp = client.get("/healthz")
    assert resp.status_code == 200, resp.json()
    body = resp.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "broker", "worker", "index", "outbox", "disk"}
    assert body["checks"]["index"] == {"ok": True, "documents": 1, "database": 1}
    assert body["checks"]["outbox"]["pending"] == 0
    assert body["checks"]["worker"]["last_heartbeat_age_seconds"] < 60
    # Nothing that names a case, a person or an office.
    assert "南宁" not in resp.content.decode() and "某公司" not in resp.content.decode()


def test_a_silent_worker_fails_the_check(client, with_worker):
    resp = client.get("/healthz")
    assert resp.status_code == 503 and resp.json()["checks"]["worker"]["ok"] is False
    worker_heartbeat.run()
    TaskResult.objects.filter(task_id=HEARTBEAT_TASK_ID).update(
        date_done=timezone.now() - timedelta(minutes=30))
    assert client.get("/healthz").status_code == 503


def test_stuck_index_work_and_a_diverging_index_fail(client, offices, with_worker):
    worker_heartbeat.run()
    _decision(offices)
    SearchOutbox.objects.update(created_at=timezone.now() - timedelta(hours=2))
    resp = client.get("/healthz")
    assert resp.status_code == 503
    assert resp.json()["checks"]["outbox"] == {"ok": False, "pending": 1,
                                               "oldest_age_seconds": 7200}
    # The outbox done but the index missing a decision: the counts disagree.
    SearchOutbox.objects.update(processed_at=timezone.now())
    resp = client.get("/healthz")
    assert resp.status_code == 503
    assert resp.json()["checks"]["index"] == {"ok": False, "documents": 0, "database": 1}


def test_stuck_after_commit_work_fails(client, with_worker):
    worker_heartbeat.run()
    assert client.get("/healthz").status_code == 200
    OutboxEntry.objects.create(task="cases.tasks.after_case_event", args=[1], key="t-1")
    OutboxEntry.objects.update(created_at=timezone.now() - timedelta(hours=1))
    resp = client.get("/healthz")
    assert resp.status_code == 503
    assert resp.json()["checks"]["outbox"] == {"ok": False, "pending": 1,
                                               "oldest_age_seconds": 3600}


def test_an_unreachable_broker_fails(client, settings, with_worker):
    worker_heartbeat.run()
    app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        resp = client.get("/healthz")
    finally:
        app.conf.broker_url = "memory://"
    assert resp.status_code == 503
    assert resp.json()["checks"]["broker"] == {"ok": False, "error": "OperationalError"}


def test_a_nearly_full_disk_fails_without_naming_a_folder(client, settings, monkeypatch,
                                                          with_worker):
    worker_heartbeat.run()
    settings.HEALTH_DISK_MIN_FREE_MB = 100
    real = health.shutil.disk_usage
    monkeypatch.setattr(health.shutil, "disk_usage",
                        lambda path: real(path)._replace(free=50 * 1024 * 1024))
    resp = client.get("/healthz")
    assert resp.status_code == 503
    assert resp.json()["checks"]["disk"] == {"ok": False, "free_mb": 50}
    assert str(settings.MEDIA_ROOT) not in resp.content.decode()
    monkeypatch.setattr(health.shutil, "disk_usage",
                        lambda path: real(path)._replace(free=500 * 1024 * 1024))
    assert client.get("/healthz").json()["checks"]["disk"] == {"ok": True, "free_mb": 500}
