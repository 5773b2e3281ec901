"""Locks and failures are answered clearly (issue 9, item 10): a locked database is a 503
with a Chinese message (JSON on the API), a held index-writer lock times out instead of
stalling the worker, and a broken or missing index pointer is reported instead of being
silently replaced by an empty index."""

from __future__ import annotations

import fcntl
import logging
import time
from datetime import date

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from search import services
from search.backends import get_backend
from search.backends.base import BackendUnavailable
from search.backends.embedded import EmbeddedBackend
from search.health import index_status
from search.models import SearchOutbox
from tests.factories import UserFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


def locked(*args, **kwargs):
    raise OperationalError("database is locked")


def test_a_locked_database_answers_503_in_chinese_on_pages(personas, monkeypatch):
    monkeypatch.setattr("cases.views.workbench.workbench_page", locked)
    client = Client(raise_request_exception=False)
    client.force_login(personas.officer)
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"]
    html = response.content.decode()
    assert "数据库" in html and "稍后" in html


def test_a_locked_database_answers_503_json_on_the_api(personas, monkeypatch):
    monkeypatch.setattr("cases.selectors.cases.case_list", locked)
    client = Client(raise_request_exception=False)
    client.force_login(personas.officer)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "database_unavailable" and "数据库" in body["detail"]


@pytest.mark.parametrize(("path", "view"), [
    ("/", "cases.views.workbench.workbench_page"),
    ("/api/v1/cases/", "cases.selectors.cases.case_list"),
])
def test_a_503_is_logged_once_with_its_reason(personas, monkeypatch, caplog, path, view):
    monkeypatch.setattr(view, locked)
    client = Client(raise_request_exception=False)
    client.force_login(personas.officer)
    with caplog.at_level(logging.INFO):
        assert client.get(path).status_code == 503
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.name, r.getMessage()) for r in logged] == [
        ("ipcases.failures", f"database unavailable for GET {path}: database is locked")]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_row_lock_held_elsewhere_answers_503_on_postgres(personas, calendar_2026,
                                                          deadline_rules, time_machine):
    import psycopg
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (.ci/run does)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "10s"  # DATABASE_LOCK_TIMEOUT_MS
        cursor.execute("SET lock_timeout = '300ms'")  # the same rule, quicker
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    case = RulingDriver(personas, time_machine).file()
    db = connection.settings_dict
    with psycopg.connect(dbname=db["NAME"], user=db["USER"], password=db["PASSWORD"] or None,
                         host=db["HOST"], port=db["PORT"] or None) as other:
        other.execute("SELECT id FROM cases_case WHERE id = %s FOR UPDATE", [case.pk])
        client = Client(raise_request_exception=False)
        client.force_login(personas.officer)
        response = client.post(reverse("case-action", args=[case.pk, "request_correction"]),
                               {"items": "补充证据", "expected_state": "received"})
    assert response.status_code == 503 and "数据库" in response.content.decode()
    case.refresh_from_db()
    assert case.state == "received"


def save(offices, n):
    return services.save_decision(
        source="office", external_id=f"h{n}", title=f"外观设计案{n}", office=offices.nanning,
        decided_on=date(2024, 1, 1), ip_type="design_patent", outcome="dismissed",
        full_text="被请求人销售灯具。")


def test_a_held_writer_lock_times_out_and_the_outbox_keeps_the_work(offices, tmp_path,
                                                                    settings):
    from search.backends import reset_backends

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "idx"
    settings.SEARCH_WRITE_LOCK_TIMEOUT = 0.3
    reset_backends()
    backend = get_backend()
    backend.count()  # the index exists
    decision = save(offices, 1)
    with open(tmp_path / "idx" / ".write.lock", "w") as other_writer:
        fcntl.flock(other_writer, fcntl.LOCK_EX)  # another process's writer, stuck
        started = time.monotonic()
        with pytest.raises(BackendUnavailable):
            backend.index([{"id": decision.pk, "version": 1}])
        assert time.monotonic() - started < 5
        assert services.drain_outbox() == 0
        row = SearchOutbox.objects.get(decision_id=decision.pk)
        assert row.processed_at is None and row.attempts == 1 and "lock" in row.last_error
    row.next_attempt_at = None
    row.save()
    assert services.drain_outbox() == 1  # the lock is free again: nothing was lost
    assert backend.count() == 1


def test_a_broken_index_pointer_is_reported_not_replaced(offices, tmp_path, settings,
                                                         client, personas):
    from search.backends import reset_backends

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "idx"
    reset_backends()
    save(offices, 1)
    services.drain_outbox()
    assert index_status().readable and index_status().documents == 1
    (tmp_path / "idx" / "CURRENT").write_text("v-gone")
    reset_backends()
    status = index_status()
    assert not status.readable and status.documents is None and "CURRENT" in status.error
    assert (tmp_path / "idx" / "CURRENT").read_text() == "v-gone"  # no empty index swapped in
    client.force_login(personas.legal)
    assert client.get(reverse("precedent-search"), {"q": "灯具"}).status_code == 503
    root = UserFactory(username="root", is_superuser=True, office=offices.nanning)
    client.force_login(root)
    assert "search_index --rebuild" in client.get(reverse("admin:index")).content.decode()
    assert "search_index --rebuild" in client.get(
        reverse("admin:search_decision_changelist")).content.decode()
    services.rebuild_index()  # the repair
    status = index_status()
    assert status.readable and status.documents == status.expected == 1


def test_a_missing_pointer_next_to_index_directories_is_reported(offices, tmp_path):
    backend = EmbeddedBackend(tmp_path / "idx")
    backend.count()
    (tmp_path / "idx" / "CURRENT").unlink()
    with pytest.raises(BackendUnavailable):
        EmbeddedBackend(tmp_path / "idx").count()
    assert EmbeddedBackend(tmp_path / "fresh").count() == 0  # a new index starts empty


def broken(*args, **kwargs):
    raise RuntimeError("a bug")


def test_an_unexpected_error_is_a_page_in_chinese_and_json_on_the_api(personas,
                                                                       monkeypatch):
    """Django's own 500 page is one English line ("Server Error (500)") even under /api/;
    the user reads what happened in Chinese, the API answers JSON like its other errors."""
    monkeypatch.setattr("cases.views.workbench.workbench_page", broken)
    monkeypatch.setattr("cases.selectors.cases.case_list", broken)
    client = Client(raise_request_exception=False)
    client.force_login(personas.officer)
    page = client.get("/")
    assert page.status_code == 500
    html = page.content.decode()
    assert "系统出错" in html and "系统管理员" in html and "Server Error" not in html
    api = client.get("/api/v1/cases/")
    assert api.status_code == 500
    assert api.json()["code"] == "server_error" and "系统管理员" in api.json()["detail"]
