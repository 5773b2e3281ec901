"""The pages work under the Content-Security-Policy: the browser reports no violation
on any page a user opens (the workbench, a case with its action dialog, intake,
precedents, API tokens, the admin, the API docs), and the scripts still run."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import log_in
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db(transaction=True)


def _watch(page: Any) -> list[str]:
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text)
            if "Content Security Policy" in msg.text else None)
    return violations


def test_no_page_violates_the_policy(page, live_server, personas, calendar_2026,
                                     deadline_rules):
    case = RulingDriver(personas).file()
    violations = _watch(page)
    log_in(page, live_server, "officer")
    for path in ("/", "/cases/", "/cases/new/", "/precedents/?q=专利", "/accounts/tokens/",
                 "/admin/", "/api/docs/", "/cases/999999/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector("#swagger-ui .opblock", timeout=30_000)  # Swagger UI ran
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.click("[data-action=accept]")  # htmx loads the form into the Bootstrap modal
    page.wait_for_selector("#action-modal.show")
    assert violations == []
