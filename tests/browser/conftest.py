"""Playwright (sync API) driving Debian's Chromium against Django's live server.

The browser is launched once per module from /usr/bin/chromium, headless, with background
networking switched off (the intranet has no internet). A failed test leaves a screenshot
in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("IPCASES_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage"]
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
    # the test itself are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def log_in(page: Any, live_server: Any, username: str, password: str = PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def log_in_demo(page: Any, live_server: Any, username: str) -> None:
    """Log in with one of the demo data's accounts (README, "Demo logins")."""
    from cases.demo.people import DEMO_PASSWORD

    log_in(page, live_server, username, DEMO_PASSWORD)


@pytest.fixture
def demo_data(transactional_db: None, mediation_reference: None, time_machine: Any,
              settings: Any, tmp_path: Path) -> dict[str, Any]:
    """The demo data set as ``manage.py load_demo_data`` loads it, on Monday 2 March 2026
    (the clock ticking from there), and its users by login name. Its files (templates,
    documents) and search index live in the test's own directory."""
    from datetime import datetime

    from django.utils import timezone

    from cases.demo.loader import load_demo_data
    from cases.models import User
    from cases.referral.seeds import seed_threshold_rules

    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()),
                         tick=True)
    seed_threshold_rules()
    load_demo_data()
    return {u.username: u for u in User.objects.filter(username__regex=r"^(nn|lz)_")}
