"""A form is sent once: a double click on an action's 确定 sends one request (the second
was refused as a concurrent change, 409), and a form sent back with an error can be
corrected and sent again."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in
from tests.ruling_driver import RulingDriver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_double_click_sends_an_action_once(page, live_server, personas, calendar_2026,
                                             deadline_rules, time_machine, settings):
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    case = RulingDriver(personas).bring_to("awaiting_answer")
    log_in(page, live_server, "officer")
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url)
            if r.method == "POST" and "/actions/record_answer/" in r.url else None)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("#case-actions [data-action=record_answer]")
    form = page.locator("#action-form[data-action=record_answer]")
    form.wait_for()
    # Sent back for a missing defence: the button is usable again, nothing typed lost.
    form.locator("[name=received_on]").fill(timezone.localdate().isoformat())
    form.locator("[name=defence]").fill("")
    form.locator("button[type=submit]").click()
    page.locator("#action-form[data-action=record_answer] .is-invalid").wait_for()
    form = page.locator("#action-form[data-action=record_answer]")
    assert form.locator("button[type=submit]").is_enabled()
    assert form.locator("[name=received_on]").input_value() == timezone.localdate().isoformat()
    form.locator("[name=defence]").fill("被控产品未落入保护范围。")
    posts.clear()
    with page.expect_navigation():
        form.locator("button[type=submit]").dblclick()
    page.locator(".alert-success").wait_for()
    page.wait_for_load_state("networkidle")
    assert len(posts) == 1, posts
    assert page.locator("#messages .alert-danger").count() == 0
