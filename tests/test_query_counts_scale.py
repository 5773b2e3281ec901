"""The hot paths cost the same number of SQL queries however many cases the database holds
(issue 17): the workbench, the case list, the case page and each transition are measured
on a few cases, then again after the scale generator has added hundreds more (many of
them the officer's own), and must not change."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases import workflows
from cases.demo.scale import generate_cases
from cases.models import Case
from cases.services.runner import perform_transition
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db

TRANSITIONS = ["accept", "request_correction", "withdraw"]
# The statistics summary is not counted in the transaction: one INSERT marks the case for
# the worker's drain (stats.summary.drain). On PostgreSQL the timeline entry and its
# outbox row are one statement (cases.services.fixed_writes.insert_with_entry).
MOST = {"accept": 17, "request_correction": 11, "withdraw": 12}


def _count(fn: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _page(client: Any, url: str) -> int:
    def get() -> None:
        assert client.get(url).status_code == 200
    return _count(get)


def _transition(driver: RulingDriver, case: Case, name: str) -> int:
    data = driver.data_for(name, case)
    # A step that needs approval is timed as the head runs it (approving it is that run).
    needs_approval = workflows.get("ruling").actions[name].needs_approval
    actor = driver.p.head if needs_approval else driver.actor_for(name)
    return _count(lambda: perform_transition(case_id=case.pk, actor=actor, name=name,
                                             data=data))


def test_query_counts_do_not_grow_with_the_number_of_cases(
        client, personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    driver = RulingDriver(personas, time_machine)
    officer = personas.officer
    # Cases for the transitions: a warm-up and one measured, before and after the bulk.
    cases = {name: [driver.file() for _ in range(4)] for name in TRANSITIONS}
    shown = driver.file()  # the case page's case, left as it is
    client.force_login(officer)
    urls = [reverse("home"), reverse("case-list"), f"{reverse('case-list')}?q=有限公司",
            reverse("case-detail", args=[shown.pk])]
    for url in urls:
        client.get(url)  # warm the calendar and template caches
    before = {url: _page(client, url) for url in urls}
    for name in TRANSITIONS:
        _transition(driver, cases[name][0], name)
    before_t = {name: _transition(driver, cases[name][1], name) for name in TRANSITIONS}
    # At most: the case and its workflow record locked, the form's look-ups, the workflow
    # record, the event, the clocks read and written, the header, the outbox row, the
    # statistics summary's mark (and the savepoints of the test's transaction).
    fewer = 1 if connection.vendor == "postgresql" else 0
    assert all(before_t[name] <= MOST[name] - fewer for name in TRANSITIONS), before_t

    generate_cases(300, seed=3, stdout=lambda _line: None)
    # Many of them the officer's own: the open ones, moved to the officer's office (their
    # sequence moved out of the way of the office's own numbers).
    mine = Case.objects.filter(title__startswith="规模测试案件", closed_on__isnull=True)
    assert mine.update(officer_in_charge=officer, office=officer.office,
                       sequence=F("id") + 100_000) > 30
    assert Case.objects.count() > 300
    assert client.get(reverse("home")).context["items"]

    after = {url: _page(client, url) for url in urls}
    # The bulk created offices: the statistics read the office tree again, once.
    for name in TRANSITIONS:
        _transition(driver, cases[name][3], name)
    after_t = {name: _transition(driver, cases[name][2], name) for name in TRANSITIONS}
    assert after == before
    assert after_t == before_t


def test_a_transition_keeps_the_next_deadline_on_the_header(
        personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    driver = RulingDriver(personas, time_machine)
    case = driver.file()
    case.refresh_from_db()
    nearest = case.deadlines.filter(status="open").order_by("due_at", "id").first()
    assert nearest is not None
    assert (case.next_deadline_id, case.next_deadline_at) == (nearest.pk, nearest.due_at)
    perform_transition(case_id=case.pk, actor=personas.officer, name="withdraw",
                       data=driver.data_for("withdraw", case))
    case.refresh_from_db()
    assert case.deadlines.filter(status="open").count() == 0
    assert case.next_deadline_id is None and case.next_deadline_at is None
