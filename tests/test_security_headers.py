"""Headers: a Content-Security-Policy without inline script or style (and pages that need
none), no-store on case pages, API answers and downloads, the API schema and docs only
for logged-in users."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    return RulingDriver(personas, time_machine)


class InlineFinder(HTMLParser):
    """Everything a ``default-src 'self'`` policy would block in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and not named.get("src") and named.get("type") != "application/json":
            self.found.append("inline <script>")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style= on <{tag}>")
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL on <{tag}>")


def _inline(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


def test_pages_carry_a_strict_policy_and_need_nothing_inline(client, personas, driver):
    case = driver.bring_to("pending_approval")
    assert _inline(client.get(reverse("login")).content.decode()) == []
    client.force_login(personas.officer)
    pages = [reverse("home"), reverse("case-list"), reverse("case-detail", args=[case.pk]),
             reverse("intake"), reverse("precedent-search"), reverse("api-tokens"),
             f"{reverse('precedent-search')}?q=专利", "/cases/999999/"]
    for url in pages:
        resp = client.get(url)
        assert resp.status_code in (200, 404), url
        policy = resp.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "unsafe-inline" not in policy, url
        assert _inline(resp.content.decode()) == [], url
    client.force_login(personas.legal)
    refused = client.get(reverse("intake"))
    assert refused.status_code == 403 and _inline(refused.content.decode()) == []


def test_case_data_is_never_stored_by_caches(client, personas, driver):
    case = driver.file()
    client.force_login(personas.officer)
    for url in (reverse("case-detail", args=[case.pk]), f"/api/v1/cases/{case.pk}/",
                reverse("case-export")):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert "no-store" in resp.headers["Cache-Control"], url


def test_api_schema_and_docs_are_for_logged_in_users(client, personas):
    assert client.get("/api/schema/").status_code == 401
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and reverse("login") in docs.headers["Location"]
    client.force_login(personas.officer)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_the_api_answers_json_to_a_browser_never_drfs_browsable_pages(client, personas):
    """A browser opening an API address gets the JSON, not DRF's English HTML pages with a
    form for every write; asking for HTML only, or for ?format=api, is not acceptable."""
    client.force_login(personas.officer)
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    resp = client.get(reverse("api-case-list"), HTTP_ACCEPT=browser)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"].startswith("application/json")
    for url, accept in ((reverse("api-case-list"), "text/html"),
                        (reverse("api-case-list") + "?format=api", browser)):
        resp = client.get(url, HTTP_ACCEPT=accept)
        assert resp.status_code in (404, 406), url
        assert b"Django REST framework" not in resp.content


def _template_files() -> list[Path]:
    root = Path(settings.BASE_DIR)
    skip = {".venv", "node_modules", "static", ".git"}
    return [p for p in root.rglob("*.html") if not skip.intersection(p.relative_to(root).parts)]


def test_no_template_has_inline_style_or_script_urls():
    """What htmx swaps in (action forms, panels) and the standalone error pages obey the
    policy too: no style= attribute, no <style> element, no javascript: URL in any
    template (comments aside)."""
    comments = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}", re.S)
    inline = re.compile(r"""\sstyle\s*=|<style[\s>]|javascript:""", re.I)
    files = _template_files()
    assert len(files) > 50
    found = [str(path) for path in files
             if inline.search(comments.sub("", path.read_text(encoding="utf-8")))]
    assert found == []


def test_htmx_inserts_no_indicator_style(client, personas):
    """htmx would add a <style> element for its indicators unless told not to; the
    indicators' rules are in app.css instead."""
    client.force_login(personas.officer)
    html = client.get(reverse("home")).content.decode()
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in html
    css = (Path(settings.BASE_DIR) / "static/ipcases/app.css").read_text(encoding="utf-8")
    assert ".htmx-request .htmx-indicator" in css
