"""Typesetting per GB/T 9704-2012 beyond the grid: headings, numbers, signature, 附注, dates."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from docx import Document as DocxDocument

from documents.context import sample_context
from documents.rendering import render_docx
from documents.tests.conftest import template_path
from documents.tests.test_pdf import needs_libreoffice


def _paragraphs(data: bytes):
    return [p for p in DocxDocument(io.BytesIO(data)).paragraphs if p.text.strip()]


def test_headings_keep_with_the_next_paragraph(rendered_ruling):
    doc = DocxDocument(io.BytesIO(rendered_ruling))
    headings = [p for p in doc.paragraphs if p.style.name.startswith("GW Heading")]
    assert headings
    for p in headings:
        assert p.style.paragraph_format.keep_with_next, p.text


def test_patent_numbers_do_not_break_at_their_spaces(rendered_ruling):
    from documents.selectors import keep_patent_numbers_whole

    text = "\n".join(p.text for p in _paragraphs(rendered_ruling))
    assert "ZL2020\u00a02\u00a00123456.7号实用新型专利" in text
    # Free text entered by officers gets the same treatment in the context builder.
    assert keep_patent_numbers_whole("专利号为ZL2020 2 0123456.7，") == (
        "专利号为ZL2020\u00a02\u00a00123456.7，")


def test_office_name_is_centred_over_the_date_and_the_note_follows_in_brackets():
    context = sample_context("acceptance_notice")
    paragraphs = _paragraphs(render_docx(template_path("acceptance_notice"), context))
    texts = [p.text for p in paragraphs]
    date_at = texts.index(context["doc"]["date_cn"])
    office = paragraphs[date_at - 1]
    assert office.text == context["office"]["name"]
    assert office.alignment == 1  # centred, between indents that centre it on the date
    assert texts[date_at + 1] == f"（{context['contact']}）"


@pytest.mark.django_db
def test_dates_follow_the_installation_setting(settings):
    import datetime

    from documents.selectors import cn_date

    day = datetime.date(2026, 3, 2)
    settings.DOCUMENT_DATE_NUMERALS = "arabic"
    assert cn_date(day) == "2026年3月2日"
    settings.DOCUMENT_DATE_NUMERALS = "chinese"
    assert cn_date(day) == "二〇二六年三月二日"


def _line_boxes(pdf: bytes, tmp_path) -> list[tuple[str, float, float]]:
    """(text, x-min, x-max) of each line of the PDF's last page."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    page = html.rsplit("<page ", 1)[-1]
    lines = []
    for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", page, re.S):
        x = dict(re.findall(r'(\w+)="([\d.]+)"', attrs))
        words = "".join(re.findall(r">([^<]*)</word>", body))
        lines.append((words, float(x["xMin"]), float(x["xMax"])))
    return lines


@needs_libreoffice
@pytest.mark.slow
@pytest.mark.parametrize("arabic", [True, False])
def test_in_the_pdf_the_office_name_is_centred_over_the_date(tmp_path, arabic):
    from documents.formatting import date_arabic
    from documents.pdf import Converter

    context = sample_context("answer_notice")
    if arabic:
        context["doc"]["date_cn"] = date_arabic(context["doc"]["date"])
        context["doc"]["arabic_dates"] = True
    converter = Converter()
    try:
        pdf = converter.convert(render_docx(template_path("answer_notice"), context))
    finally:
        converter.shutdown()
    lines = _line_boxes(pdf, tmp_path)
    names = [i for i, line in enumerate(lines) if line[0] == context["office"]["name"]]
    office = lines[names[-1]]
    date = lines[names[-1] + 1]
    assert date[0] == context["doc"]["date_cn"]
    char = 15.8  # one character of the 28-character line, in points
    assert abs((office[1] + office[2]) / 2 - (date[1] + date[2]) / 2) < char
    # The date stands four characters in from the right edge of the text area.
    right_edge = (210 - 26) / 25.4 * 72
    assert abs(right_edge - date[2] - 4 * char) < char
