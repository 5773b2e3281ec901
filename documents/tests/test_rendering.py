from __future__ import annotations

import io
import os
import shutil
import threading
import zipfile

import jinja2
import pytest
from docx import Document

from documents.context import sample_context
from documents.rendering import (
    TemplateCache,
    render_docx,
    render_docx_uncached,
    render_here,
    template_cache,
)
from documents.tests.conftest import template_path
from documents.text import extract_text


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def test_cached_render_equals_plain_docxtpl_render():
    ctx = sample_context("ruling")
    cached = render_docx(template_path("ruling"), ctx)
    plain = render_docx_uncached(template_path("ruling"), ctx)
    assert _document_xml(cached) == _document_xml(plain)


def test_repeated_renders_start_from_a_clean_template():
    first = sample_context("ruling")
    second = sample_context("ruling")
    second["requesters"][0]["name"] = "柳州某某机械厂"
    second["outcome"] = "dismissed"
    second["orders"] = ["驳回请求人的请求。"]
    a = extract_text(render_docx(template_path("ruling"), first))
    b = extract_text(render_docx(template_path("ruling"), second))
    c = extract_text(render_docx(template_path("ruling"), first))
    assert a == c
    assert "柳州某某机械厂" in b and "柳州某某机械厂" not in c
    assert "驳回请求人的请求。" in b and "驳回请求人的请求。" not in c


def test_template_is_parsed_once_per_content():
    cache = TemplateCache()
    path = template_path("acceptance_notice")
    data = path.read_bytes()
    assert cache.get(path) is cache.get(path)
    assert cache.get(data) is cache.get(path)  # same content, same entry
    assert cache.misses == 1 and cache.hits == 3


def test_an_edited_template_file_is_reloaded(tmp_path):
    path = tmp_path / "notice.docx"
    shutil.copy(template_path("acceptance_notice"), path)
    ctx = sample_context("acceptance_notice")
    assert "受理通知书" in extract_text(render_docx(path, ctx))
    shutil.copy(template_path("rejection_notice"), path)
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse filesystems
    assert "理由如下" in extract_text(render_docx(path, sample_context("rejection_notice")))


def test_bytes_are_accepted_and_output_opens():
    data = template_path("hearing_notice").read_bytes()
    out = render_docx(data, sample_context("hearing_notice"))
    assert "南宁市知识产权局第一口审室" in "\n".join(
        p.text for p in Document(io.BytesIO(out)).paragraphs
    )


def test_concurrent_renders_do_not_interfere():
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        ctx = sample_context("ruling")
        ctx["requesters"][0]["name"] = f"请求人{i}号公司"
        try:
            results[i] = extract_text(render_docx(template_path("ruling"), ctx))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i, text in results.items():
        assert f"请求人{i}号公司" in text
        assert all(f"请求人{j}号公司" not in text for j in results if j != i)


def test_a_broken_template_raises_a_template_error():
    doc = Document()
    doc.add_paragraph("{% if doc %}never closed")
    buffer = io.BytesIO()
    doc.save(buffer)
    with pytest.raises(jinja2.TemplateSyntaxError):
        render_docx(buffer.getvalue(), sample_context("ruling"))
    template_cache.clear()


def test_extract_text_keeps_paragraph_and_table_order():
    out = render_docx(template_path("service_receipt"), sample_context("service_receipt"))
    lines = extract_text(out).splitlines()
    assert lines[1] == "送达回证"
    row = lines.index("受送达人\t广西<星河>智能设备有限公司")
    assert lines.index("送达机关\t南宁市知识产权局（印章）", row) > row  # rows in order


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("kind", ["ruling", "service_receipt", "hearing_notice"])
def test_warm_render_has_every_part_of_a_plain_docxtpl_render(kind):
    ctx = sample_context(kind)
    warm, plain = (_parts(render_docx(template_path(kind), ctx)),
                   _parts(render_docx_uncached(template_path(kind), ctx)))
    assert set(warm) == set(plain)
    # Body, headers and footers byte for byte; the core properties differ only by the
    # empty elements python-docx writes when docxtpl sets them.
    assert [n for n in plain if warm[n] != plain[n]] == ["docProps/core.xml"]


def test_core_properties_with_jinja_are_rendered_by_docxtpl():
    doc = Document()
    doc.add_paragraph("致{{ recipient.name }}")
    doc.core_properties.title = "{{ doc.title }}"
    buffer = io.BytesIO()
    doc.save(buffer)
    ctx = sample_context("ruling")
    out = render_docx(buffer.getvalue(), ctx)
    rendered = Document(io.BytesIO(out))
    assert rendered.core_properties.title == ctx["doc"]["title"]
    assert rendered.paragraphs[0].text == "致" + ctx["recipient"]["name"]
    template_cache.clear()


def test_the_warm_path_does_not_parse_the_template_again():
    # In this process (render_here), where the test can watch python-docx: render_docx
    # runs the same function in the render process.
    cache_entry = template_cache.get(template_path("answer_notice"))
    render_here(template_path("answer_notice"), sample_context("answer_notice"), True)
    package = cache_entry.warm_package()
    assert package is not None
    from docx import api as docx_api

    def refuse(*args, **kwargs):  # pragma: no cover - failing path
        raise AssertionError("python-docx opened the template on a warm render")

    original = docx_api.Document
    docx_api.Document = refuse
    try:
        import docxtpl.template as docxtpl_template
        saved = docxtpl_template.Document
        docxtpl_template.Document = refuse
        try:
            text = extract_text(render_here(template_path("answer_notice"),
                                            sample_context("answer_notice"), True))
        finally:
            docxtpl_template.Document = saved
    finally:
        docx_api.Document = original
    assert "答辩通知书" in text
