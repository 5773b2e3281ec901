"""A template's render is bounded in time and memory (documents.isolation).

Before, a template with loops inside loops, a macro calling itself or filters building ever
longer text held the web process (the upload check) or the worker for hours, or until the
memory ran out. Limits are small here so each case ends within seconds.
"""

from __future__ import annotations

import io
import os
import resource
import select
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from docx import Document
from jinja2.exceptions import SecurityError

from documents.context import sample_context
from documents.isolation import RenderFailed, RenderLimitExceeded, run_limited
from documents.models import DocumentTemplate
from documents.rendering import render_docx
from documents.tests.conftest import template_path
from documents.text import extract_text
from documents.validation import validate_template

TIMEOUT = 1.5
MEMORY_MB = 128
limits = override_settings(DOCUMENTS_RENDER_TIMEOUT=TIMEOUT,
                           DOCUMENTS_RENDER_MEMORY_MB=MEMORY_MB)
# Each stays within the sandbox's bounds on one expression (MAX_RANGE, MAX_MADE).
BIG = "'x' * 20000"
HOSTILE = {
    "nested loops": "{% for a in range(1000) %}{% for b in range(1000) %}"
                    "{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}",
    "nested loops with output": "{% for a in range(1000) %}{% for b in range(1000) %}"
                                "{% for c in range(1000) %}{{ c }}{% endfor %}{% endfor %}"
                                "{% endfor %}",
    "big output": "{% for x in range(1000) %}{% for y in range(1000) %}{{ " + BIG + " }}"
                  "{% endfor %}{% endfor %}",
    "join": "{% set a = " + BIG + " %}{% set b = [a, a, a, a, a, a, a, a, a, a]|join %}"
            "{% set c = [b, b, b, b, b, b, b, b, b, b]|join %}"
            "{% set d = [c, c, c, c, c, c, c, c, c, c]|join %}"
            "{% set e = [d, d, d, d, d, d, d, d, d, d]|join %}{{ e|length }}",
    "replace": "{{ (" + BIG + ")|replace('x', " + BIG + ")|length }}",
}


def _docx(*paragraphs: str) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@limits
@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_template_is_refused_at_upload_within_the_limit(source):
    started = time.monotonic()
    with translation.override("zh-hans"):
        problems = validate_template(_docx("{{ doc.number }}", source), kind="ruling")
    assert time.monotonic() - started < TIMEOUT + 5
    assert [p.code for p in problems] == ["render_limit"]
    assert "模板" in problems[0].message and "停止" in problems[0].message


@limits
def test_a_macro_calling_itself_is_refused_at_upload():
    problems = validate_template(
        _docx("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"), kind="ruling")
    assert [p.code for p in problems] == ["render_failed"]
    assert "RecursionError" in problems[0].message


@limits
@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_stored_hostile_template_fails_cleanly_and_the_next_render_works(source):
    started = time.monotonic()
    with pytest.raises(RenderLimitExceeded):
        render_docx(_docx(source), {})
    assert time.monotonic() - started < TIMEOUT + 5
    text = extract_text(render_docx(template_path("ruling"), sample_context("ruling")))
    assert "行政裁决书" in text


@limits
def test_the_messages_say_which_limit_was_reached():
    with translation.override("zh-hans"), pytest.raises(RenderLimitExceeded) as slow:
        render_docx(_docx(HOSTILE["nested loops"]), {})
    assert "1.5" in str(slow.value) and "秒" in str(slow.value)
    with translation.override("zh-hans"), pytest.raises(RenderLimitExceeded) as big:
        render_docx(_docx(HOSTILE["replace"]), {})
    assert str(MEMORY_MB) in str(big.value) and "内存" in str(big.value)


@limits
def test_the_render_process_runs_under_cpu_and_memory_limits():
    cpu_soft, _hard = run_limited(resource.getrlimit, resource.RLIMIT_CPU)
    as_soft, _hard = run_limited(resource.getrlimit, resource.RLIMIT_AS)
    assert cpu_soft != resource.RLIM_INFINITY
    assert as_soft != resource.RLIM_INFINITY
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY  # not here


def test_a_render_error_comes_back_as_itself_or_by_name():
    with pytest.raises(SecurityError):
        render_docx(_docx("{{ 'x' * 100000 }}"), {})
    # An exception the caller does not unpickle (not Jinja's, not the standard library's)
    # is named with its text.
    with pytest.raises(RenderFailed, match="^ImproperlyConfigured: no"):
        run_limited(_raise_improperly_configured)


def _raise_improperly_configured() -> None:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("no")


def test_a_render_process_that_dies_is_reported_and_replaced():
    with translation.override("zh-hans"), pytest.raises(RenderLimitExceeded,
                                                        match="未完成即已停止"):
        run_limited(os._exit, 3)
    assert run_limited(str.upper, "ok") == "OK"


def test_the_render_process_keeps_none_of_the_callers_files():
    """A file the caller closes is closed: the render process started after it was opened
    holds no copy of it (a browser driver's input, a client's socket)."""
    read, write = os.pipe()
    try:
        with pytest.raises(RenderLimitExceeded):
            run_limited(os._exit, 3)  # the next call starts a new render process
        assert run_limited(str.upper, "ok") == "OK"
        os.close(write)
        poller = select.poll()
        poller.register(read, select.POLLIN)
        assert poller.poll(5000), "the render process still holds the pipe's writing end"
        assert os.read(read, 1) == b""
        # The standard streams, its two pipes and the listing's own.
        assert len(run_limited(os.listdir, "/proc/self/fd")) <= 6
    finally:
        os.close(read)


@limits
@pytest.mark.django_db
def test_the_admin_refuses_the_upload_naming_the_limit_and_stores_nothing(client, personas):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, office=personas.officer.office)
    client.force_login(root)
    doc = Document(io.BytesIO(template_path("acceptance_notice").read_bytes()))
    doc.add_paragraph(HOSTILE["nested loops"])
    out = io.BytesIO()
    doc.save(out)
    started = time.monotonic()
    response = client.post(reverse("admin:documents_documenttemplate_add"), {
        "kind": "acceptance_notice", "name": "死循环",
        "file": SimpleUploadedFile("t.docx", out.getvalue())})
    assert time.monotonic() - started < TIMEOUT + 10
    assert response.status_code == 200
    assert "模板渲染超过1.5秒，已被停止。" in response.content.decode()
    assert not DocumentTemplate.objects.filter(name="死循环").exists()
