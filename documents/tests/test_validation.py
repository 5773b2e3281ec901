from __future__ import annotations

import io
import zipfile

import pytest
from django.utils import translation
from docx import Document

from documents.context import DOCUMENT_TITLES
from documents.tests.conftest import template_path
from documents.validation import validate_template


def _docx(*paragraphs: str, footer: str | None = None) -> bytes:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    if footer is not None:
        doc.sections[0].footer.paragraphs[0].text = footer
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", sorted(DOCUMENT_TITLES))
def test_default_templates_are_valid(kind):
    assert validate_template(template_path(kind).read_bytes(), kind=kind) == []


def test_syntax_error_is_reported_with_its_paragraph_and_text():
    data = _docx("南宁市知识产权局", "{{ doc.number }}", "请求人：{{ requesters[0].name }",
                 "本案现已审理终结。")
    with translation.override("en"):
        [problem] = validate_template(data, kind="ruling")
    assert problem.code == "syntax"
    assert problem.part == "body"
    assert problem.paragraph == 3
    assert "请求人：{{ requesters[0].name }" in problem.excerpt
    assert "paragraph 3" in problem.message


def test_unclosed_block_is_reported_where_it_opens():
    data = _docx("第一段", "{%p if suspension %}", "中止审理。", "第四段", "第五段")
    [problem] = validate_template(data, kind="ruling")
    assert problem.code == "syntax"
    assert problem.paragraph == 2
    assert "if suspension" in problem.excerpt


def test_unknown_tag_is_reported_at_its_paragraph():
    data = _docx("第一段", "第二段", "{% iff outcome %}裁决{% endif %}")
    [problem] = validate_template(data, kind="ruling")
    assert problem.code == "syntax" and problem.paragraph == 3
    assert "iff" in problem.message


def test_error_in_footer_names_the_footer():
    data = _docx("{{ doc.number }}", footer="— {{ page }")
    with translation.override("en"):
        problems = validate_template(data, kind="ruling")
    assert [p.part for p in problems] == ["footer"]


def test_unknown_variables_are_named_with_their_place():
    data = _docx("{{ doc.number }}", "当事人：{{ party.name }}", "{% for x in exhibits %}{{ x }}"
                 "{% endfor %}")
    problems = validate_template(data, kind="ruling")
    assert [(p.code, p.variable, p.paragraph) for p in problems] == [
        ("unknown_variable", "exhibits", 3),
        ("unknown_variable", "party", 2),
    ]
    assert "“party”" in problems[1].message


def test_misspelt_attribute_fails_the_sample_render():
    [problem] = validate_template(_docx("{{ doc.nmber }}"), kind="ruling")
    assert problem.code == "render_failed"
    assert "nmber" in problem.message


@pytest.mark.parametrize(
    "data",
    [b"", b"plain text, not a document", b"PK\x03\x04broken zip"],
    ids=["empty", "text", "broken-zip"],
)
def test_non_docx_is_refused(data):
    [problem] = validate_template(data, kind="ruling")
    assert problem.code == "not_docx"


def test_zip_without_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "hi")
    [problem] = validate_template(buffer.getvalue(), kind="ruling")
    assert problem.code == "not_docx"


def test_corrupt_document_xml_is_refused():
    source = template_path("ruling").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    [problem] = validate_template(buffer.getvalue(), kind="ruling")
    assert problem.code == "not_docx"


def test_paragraph_numbers_count_docxtpl_paragraph_tags():
    data = _docx("{%p if outcome %}", "裁决。", "{%p endif %}", "文号：{{ doc.number }")
    [problem] = validate_template(data, kind="ruling")
    assert problem.paragraph == 4
    assert problem.excerpt.startswith("文号：")
