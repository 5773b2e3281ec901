"""Everything after commit survives a broker outage (issue 9, item 9).

With the broker refusing every message, a transition still answers the user normally,
its notifications and a document's render wait in the database outbox, and the sweep
delivers them once the worker runs again. A failed render (a locked database) is retried
with backoff and jitter instead of being marked failed, and a draft left "pending"
without outbox work is queued again."""

from __future__ import annotations

from datetime import timedelta

import pytest
from celery.app.task import Task
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from cases.models import Notification, OutboxEntry
from cases.models.notifications import NotificationKind
from cases.services import outbox
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    from cases.models import DocumentNumberPrefix
    from documents.services import seed_default_templates

    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    seed_default_templates()
    DocumentNumberPrefix.objects.get_or_create(office=personas.officer.office, kind="ruling",
                                               defaults={"prefix": "南知裁字"})
    return RulingDriver(personas, time_machine)


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise BrokerDown("[Errno 111] Connection refused")

    monkeypatch.setattr(Task, "apply_async", refuse)
    return monkeypatch


def later(time_machine, minutes=5):
    time_machine.move_to(timezone.now() + timedelta(minutes=minutes), tick=False)


def test_a_transition_succeeds_for_the_user_and_its_notices_come_later(
        client, personas, driver, broker_down, time_machine,
        django_capture_on_commit_callbacks):
    case = driver.file()
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in driver.data_for("accept", case).items()}
    data.update({k: "on" for k in data if k.startswith("check_")})  # ticked checkboxes
    # The head accepts (an officer's acceptance waits for the head's approval).
    client.force_login(personas.head)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("case-action", args=[case.pk, "accept"]),
                               {**data, "expected_state": "received"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted"
    assert not Notification.objects.filter(kind=NotificationKind.ASSIGNED).exists()
    assert OutboxEntry.objects.filter(processed_at__isnull=True).exists()
    broker_down.undo()  # the broker and the worker are back; the beat runs the sweep
    assert outbox.sweep() == 0  # not yet: a fresh entry is left to its own task a while
    later(time_machine)
    outbox.sweep()
    assert set(Notification.objects.filter(kind=NotificationKind.ASSIGNED)
               .values_list("recipient", flat=True)) == {
        personas.officer.pk, personas.officer2.pk, personas.officer3.pk}
    assert not OutboxEntry.objects.filter(processed_at__isnull=True).exists()
    outbox.sweep()  # running again adds nothing
    assert Notification.objects.filter(kind=NotificationKind.ASSIGNED).count() == 3


def test_a_document_render_waits_for_the_broker_and_is_not_lost(
        client, personas, driver, broker_down, time_machine,
        django_capture_on_commit_callbacks):
    case = driver.bring_to("pending_approval")
    driver.act(case, "record_legal_review")
    client.force_login(personas.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("document-generate", args=[case.pk]),
                               {"kind": "ruling"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    doc = case.documents.get(kind="ruling")
    assert doc.render_status == "pending" and not doc.versions.exists()
    broker_down.undo()
    later(time_machine)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.sweep()
    doc.refresh_from_db()
    assert doc.render_status == "done" and doc.versions.count() == 1
    # The PDF conversion it queued is outbox work too, run (or found unavailable) now.
    assert doc.versions.get().pdf_status != "pending"


def test_a_render_that_meets_a_locked_database_is_retried_with_backoff(
        personas, driver, time_machine, monkeypatch, django_capture_on_commit_callbacks):
    from documents import services
    from documents.models import DocumentKind

    case = driver.bring_to("pending_approval")
    driver.act(case, "record_legal_review")
    real_render = services._render
    calls = {"n": 0}

    def locked_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OperationalError("database is locked")
        return real_render(*args, **kwargs)

    monkeypatch.setattr(services, "_render", locked_once)
    with django_capture_on_commit_callbacks(execute=True):
        doc = services.generate_document(case=case, kind=DocumentKind.RULING,
                                         actor=personas.officer)
    doc.refresh_from_db()
    assert doc.render_status != "failed"  # waiting for a retry, not given up
    entry = OutboxEntry.objects.get(key=f"documents.tasks.render_document:{doc.pk}")
    assert entry.attempts == 1 and "database is locked" in entry.last_error
    wait = entry.next_attempt_at - timezone.now()
    assert timedelta(seconds=5) <= wait <= timedelta(seconds=20)
    outbox.sweep()
    entry.refresh_from_db()
    assert entry.attempts == 1 and entry.processed_at is None  # not due yet
    later(time_machine, minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.sweep()
    doc.refresh_from_db()
    assert doc.render_status == "done"


def test_backoff_doubles_with_jitter_up_to_an_hour():
    waits = [outbox.backoff(n) for n in range(1, 30) for _ in range(5)]
    assert all(timedelta(seconds=5) <= w <= timedelta(hours=1) for w in waits)
    assert len({outbox.backoff(3) for _ in range(20)}) > 1  # jittered
    assert max(outbox.backoff(25) for _ in range(20)) > timedelta(minutes=30)


def test_a_stuck_pending_draft_is_queued_again_by_the_sweep(
        personas, driver, time_machine, django_capture_on_commit_callbacks):
    from documents.models import Document, DocumentTemplate
    from documents.services import requeue_stuck

    case = driver.file()
    doc = Document.objects.create(case=case, kind="ruling", render_status="pending",
                                  template=DocumentTemplate.objects.filter(kind="ruling")
                                  .first())
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stuck() == 1
    assert requeue_stuck() == 0  # already queued (or done): never twice
    doc.refresh_from_db()
    assert doc.render_status in ("done", "failed")  # picked up and finished either way


def test_a_dead_broker_is_tried_once_not_retried_while_the_user_waits(
        personas, driver, monkeypatch, django_capture_on_commit_callbacks):
    """Celery retries a publish (about two seconds with the broker down) unless told not
    to: after commit the message is tried once, since the sweep delivers it anyway."""
    calls = []

    def refuse(self, args=None, kwargs=None, **options):
        calls.append(options)
        raise BrokerDown("[Errno 111] Connection refused")

    monkeypatch.setattr(Task, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        driver.file()
    assert calls and all(options.get("retry") is False for options in calls)
    assert OutboxEntry.objects.filter(processed_at__isnull=True).exists()
