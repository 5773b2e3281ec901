"""Uploaded templates are hostile input: no template reaches the interpreter's internals."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from docx import Document
from jinja2.exceptions import SecurityError, UndefinedError

from documents.rendering import render_docx
from documents.tests.conftest import template_path
from documents.validation import validate_template

# The exploit from the security review: walk from a string to object's subclasses and
# start a process. The command writes a marker file, so a test can tell whether it ran.
EXPLOIT = (
    "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
    "{% if c.__name__ == 'Popen' %}{{ c(['sh', '-c', 'touch MARKER']).wait() }}{% endif %}"
    "{% endfor %}"
)


def _docx(*paragraphs: str, title: str = "") -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.core_properties.title = title
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def marker(tmp_path):
    path = tmp_path / "ran"
    return path, EXPLOIT.replace("MARKER", str(path))


def test_the_exploit_template_is_refused_at_upload_without_running(marker):
    path, exploit = marker
    with translation.override("en"):
        problems = validate_template(_docx("{{ doc.number }}", exploit), kind="ruling")
    assert problems and {p.code for p in problems} == {"forbidden"}
    assert any("__class__" in p.message and p.paragraph == 2 for p in problems)
    assert not path.exists()


def test_the_exploit_in_the_document_properties_is_refused(marker):
    path, exploit = marker
    problems = validate_template(_docx("{{ doc.number }}", title=exploit), kind="ruling")
    assert {p.code for p in problems} == {"forbidden"}
    assert not path.exists()


def test_a_stored_exploit_template_cannot_run_at_render_time(marker):
    # A template stored before validation existed, or placed on disk by hand.
    path, exploit = marker
    with pytest.raises((SecurityError, UndefinedError)):
        render_docx(_docx(exploit), {"doc": {}})
    assert not path.exists()


@pytest.mark.parametrize("source", [
    "{{ doc|attr('__class__') }}",
    "{{ doc['__class__'] }}",
    "{{ '%s'|format(doc) }}",
    "{{ doc.number|safe }}",
])
def test_private_attributes_and_unneeded_filters_are_refused(source):
    problems = validate_template(_docx(source), kind="ruling")
    assert [p.code for p in problems] == ["forbidden"]


def test_a_runaway_loop_is_stopped():
    with pytest.raises(OverflowError):
        render_docx(_docx("{% for i in range(10**9) %}x{% endfor %}"), {})


def test_the_shipped_templates_still_render_in_the_sandbox():
    kind = "ruling"
    assert validate_template(template_path(kind).read_bytes(), kind=kind) == []


@pytest.mark.parametrize("source", [
    "{{ 'x' * 1000000000 }}",
    "{{ doc.number * 100000000 }}",
    "{{ [1] * 100000000 }}",
    "{{ 9 ** 99999999 }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ '%.999999999f' % 1 }}",
    "{{ '{:0999999999}'.format(1) }}",
    "{{ doc.number['format']('{:0999999999}', 1) }}",
    "{{ doc.number.center(999999999) }}",
    "{{ doc.number.zfill(999999999) }}",
])
def test_an_expression_that_would_fill_the_memory_is_refused_before_it_is_computed(source):
    """The upload check renders the template in the web process: one of these took it to
    gigabytes (or minutes of arithmetic) before answering, or was accepted and did so in
    every later render."""
    with pytest.raises(SecurityError):
        render_docx(_docx(source), {"doc": {"number": "南知字〔2026〕1号"}})
    problems = validate_template(_docx(source), kind="ruling")
    assert [p.code for p in problems] == ["render_failed"]


def test_small_arithmetic_and_formatting_still_work():
    from documents.text import extract_text

    out = render_docx(_docx("{{ 3 * 4 }}|{{ 2 ** 10 }}|{{ '%05.1f' % 3.14159 }}|{{ 7 % 3 }}|"
                            "{{ '-' * 3 }}"), {})
    assert "12|1024|003.1|1|---" in extract_text(out)


@pytest.mark.parametrize("source", ["{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}",
                                    "{{ doc.number" + "|upper" * 3000 + " }}"])
def test_a_template_nested_too_deeply_is_refused_with_a_message(source):
    """Such a template raised RecursionError out of the check: the admin answered 500."""
    problems = validate_template(_docx(source), kind="ruling")
    assert [p.code for p in problems] == ["syntax"]
    assert "正文" in problems[0].message or "body" in problems[0].message
