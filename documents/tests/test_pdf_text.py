"""The PDF keeps every character of the .docx: every kind, rendered from case data."""

from __future__ import annotations

import re
import subprocess

import pytest

from cases import workflows
from documents.tests.producing import produce_all
from documents.tests.test_pdf import needs_libreoffice
from documents.tests.test_services import driver  # noqa: F401 - the fixture
from documents.text import extract_text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

_SPACE = re.compile(r"\s+")
# Page numbers ("— 1 —") are in the footer, which the .docx text leaves out.
_PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def _pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return _SPACE.sub("", _PAGE_NUMBER.sub("", text))


@needs_libreoffice
def test_the_pdf_has_every_character_of_every_document(driver, tmp_path):  # noqa: F811
    from documents.pdf import Converter

    converter = Converter()
    try:
        produced = produce_all(driver)
        # Every kind of the ruling workflow, and the variants of the ruling.
        kinds = {label.split("-")[0] for label in produced}
        assert kinds == set(workflows.get("ruling").documents), kinds
        assert {"ruling", "ruling-design", "ruling-dismissed"} <= set(produced)
        mismatches = []
        for label, files in produced.items():
            for data in files:
                expected = _SPACE.sub("", extract_text(data))
                got = _pdf_text(converter.convert(data), tmp_path)
                if got != expected:
                    mismatches.append(f"{label}: {_diff(got, expected)}")
        assert not mismatches, "\n".join(mismatches)
    finally:
        converter.shutdown()


def _diff(got: str, expected: str) -> str:
    """Where the two texts part, with some context."""
    i = next((n for n, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b),
             min(len(got), len(expected)))
    return f"pdf: …{got[max(0, i - 30):i + 30]}… docx: …{expected[max(0, i - 30):i + 30]}…"


@needs_libreoffice
def test_the_proof_of_service_stays_on_one_page_with_a_long_name(tmp_path):
    from documents.context import sample_context
    from documents.pdf import Converter
    from documents.rendering import render_docx
    from documents.tests.conftest import template_path

    context = sample_context("service_receipt")
    context["service"]["recipient"] = ("广西壮族自治区南宁市青秀区" + "某某" * 20
                                       + "智能设备有限公司")
    context["service"]["address"] = "广西壮族自治区南宁市青秀区" + "东葛路118号" * 6
    converter = Converter()
    try:
        pdf = tmp_path / "receipt.pdf"
        pdf.write_bytes(converter.convert(render_docx(template_path("service_receipt"),
                                                      context)))
    finally:
        converter.shutdown()
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info


@needs_libreoffice
def test_an_applicant_s_signature_line_does_not_break_its_bracket(tmp_path):
    # Set right-aligned four characters in, 申请人：广西柳州宏源机械制造股份有限公司（签名或
    # 盖章） broke inside the bracket; set from the margin as the agreement's lines, it fits.
    from documents.context import sample_context
    from documents.pdf import Converter
    from documents.rendering import render_docx
    from documents.tests.conftest import template_path

    context = sample_context("confirmation_application")
    for signatory, name in zip(context["agreement"]["signatories"],
                               ("广西柳州宏源机械制造股份有限公司", "广西柳州龙城食品有限公司"),
                               strict=False):
        signatory["name"] = name
    converter = Converter()
    try:
        pdf = tmp_path / "application.pdf"
        pdf.write_bytes(converter.convert(render_docx(template_path("confirmation_application"),
                                                      context)))
    finally:
        converter.shutdown()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = [line.replace(" ", "") for line in text.splitlines()]
    assert "申请人：广西柳州宏源机械制造股份有限公司（签名或盖章）" in lines
