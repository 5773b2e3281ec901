"""Every document of every workflow, in every state that offers it, on data nobody wrote
the templates for (documents/tests/varied.py): complete, typeset as a formal document,
personal data masked in the public copy, and the PDF keeping every character."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest

from cases import workflows
from cases.models import Party
from cases.punctuation import full_width
from documents.tests.test_pdf import needs_libreoffice
from documents.tests.test_pdf_text import _diff, _pdf_text
from documents.tests.varied import Rendered, walk_all
from documents.text import extract_text

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

BLANKS = ("None", "[]", "{{", "{%", "、、", "，。", "（）", "()", "：。", "；。", "。。", "，，",
          "《》", "“”")
_BLANK_PATTERNS = (re.compile(r"\bnan\b", re.I), re.compile(r"(?<!\d)0000"),
                   re.compile(r"\d{4}-\d{2}-\d{2}"),  # a date left in ISO form
                   re.compile(r"年0\d月|月0\d日"),  # a date with leading zeros
                   re.compile(r"(?:投诉|举报)[：:]"),  # the register's label read as the matter
                   re.compile(r"(\S{4,})：\1(?!\S)"),  # an item whose detail repeats its title
                   # An item numbered twice, by the template and as typed ("1. 1. …").
                   re.compile(r"(?m)^\d+\. *(?:[（(]\s*\d+\s*[)）]|\d+\s*[.．、)）]"
                              r"|[一二三四五六七八九十]+、)"))
_SPACE = re.compile(r"\s+")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


@pytest.fixture
def rendered(time_machine) -> list[Rendered]:
    time_machine.move_to("2026-12-28T09:00:00+08:00", tick=False)
    return walk_all(lambda moment: time_machine.move_to(moment, tick=False))


def _problems(text: str) -> list[str]:
    found = [f"prints {blank!r}" for blank in BLANKS if blank in text]
    found += [f"prints {m.group()!r}" for p in _BLANK_PATTERNS for m in p.finditer(text)]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if _HEADING.match(line) and (not following or _HEADING.match(following)):
            found.append(f"empty section {line!r}")
        if line.endswith("如下：") and (not following or _HEADING.match(following)):
            found.append(f"nothing follows {line!r}")
        if full_width(line) != line:
            found.append(f"half-width punctuation in Chinese text: {line!r}")
    return found


def test_every_document_in_every_state_is_complete_and_typeset(rendered) -> None:
    person = Party.objects.get(name="韦秀英")
    company = Party.objects.get(name__startswith="广西壮族自治区南宁市青秀区五象新区")
    # The natural person's identity number, phone (as registered and as typed on a
    # complaint) and home address: never in a public copy.
    private = (person.id_number, person.phone, "139 0771 5678", "大学东路98号")
    problems: list[str] = []
    made: Counter[str] = Counter()
    for r in rendered:
        text, public = extract_text(r.docx), extract_text(r.public)
        problems += [f"{r.where}: {p}" for p in _problems(text)]
        problems += [f"{r.where} (public copy): {p}" for p in _problems(public)]
        problems += [f"{r.where} (public copy): shows {value!r}" for value in private
                     if value in public]
        if company.id_number in text and company.id_number not in public:
            problems.append(f"{r.where} (public copy): a company's credit code masked")
        made[r.kind] += 1
    assert not problems, "\n".join(problems)
    ruling = extract_text(next(r.docx for r in rendered if r.kind == "ruling"))
    # Of two requesters, the one holding the patents is named; acts in art. 11's order.
    assert f"请求人{company.name}是专利号为" in ruling
    assert "以生产经营为目的制造、许诺销售、销售" in ruling
    # A withdrawn request's closing report says so (it used to be never offered).
    withdrawn = next(r for r in rendered if (r.state, r.kind) == ("withdrawn", "closing_report"))
    assert "撤回处理请求，理由：请求人撤回处理请求（双方已和解）。" in extract_text(withdrawn.docx)
    transferred = next(r for r in rendered
                       if (r.state, r.kind) == ("transferred", "closing_report"))
    assert "本案不属于本局管辖，本局于2027年2月26日将案件移送柳州市知识产权局处理。" in \
        extract_text(transferred.docx)
    # An agreement among four parties: 各方, not 双方 (which leaves two of them out).
    many = [r for r in rendered if r.kind == "mediation_agreement"
            and len(r.context["agreement"]["signatories"]) > 2]
    assert many
    for r in many:
        text = extract_text(r.docx)
        assert "各方当事人各执一份" in text and "双方" not in text, r.where
    # Nor does the application for its confirmation, nor its materials list (which said
    # 司法确认申请书（双方共同申请）).
    joint = [r for r in rendered if r.kind.startswith("confirmation_")
             and len(r.context["agreement"]["signatories"]) > 2]
    assert {r.kind for r in joint} == {"confirmation_application", "confirmation_materials"}
    for r in joint:
        assert "双方" not in extract_text(r.docx), r.where
    # Printed again in a later state, the agreement is dated the day it was concluded and
    # the notice of acceptance the day the case was accepted, not the day of printing.
    concluded = [r for r in rendered if r.kind == "mediation_agreement"
                 and r.context["agreement"]["effective_on_cn"]]
    assert {r.state for r in concluded} >= {"performing", "breached"}
    for r in concluded:
        assert r.context["doc"]["date_cn"] == r.context["agreement"]["effective_on_cn"], r.where
    for r in rendered:
        if r.kind == "acceptance_notice":
            assert r.context["doc"]["date_cn"] == r.context["case"]["accepted_on_cn"], r.where
    expected = {k for w in workflows.all_workflows() for k in w.documents}
    assert set(made) == expected, sorted(expected - set(made))
    states = {(r.workflow, r.state) for r in rendered}
    shown = " ".join(sorted(f"{w}:{s}" for w, s in states))
    # 44 states: a ruling case received again after a correction offers no document (the
    # correction notice would say the complete materials were incomplete).
    assert len({w for w, _s in states}) == 6 and len(states) == 44, shown


@needs_libreoffice
def test_the_pdf_of_every_varied_document_keeps_every_character_in_embedded_fonts(
        rendered, tmp_path) -> None:
    from documents.pdf import Converter

    first: dict[str, Rendered] = {}
    for r in rendered:  # one PDF per distinct text
        first.setdefault(extract_text(r.docx), r)
    converter = Converter()
    problems = []
    try:
        for text, r in first.items():
            got, expected = _pdf_text(converter.convert(r.docx), tmp_path), _SPACE.sub("", text)
            if got != expected:
                problems.append(f"{r.where}: {_diff(got, expected)}")
            if "\ufffd" in got:
                problems.append(f"{r.where}: a character without a glyph")
            fonts = subprocess.run(["pdffonts", str(tmp_path / "doc.pdf")], check=True,
                                   capture_output=True, text=True).stdout.splitlines()[2:]
            problems += [f"{r.where}: font not embedded: {line}" for line in fonts
                         if line.split()[-5] != "yes"]
    finally:
        converter.shutdown()
    assert len(first) >= 60
    assert not problems, "\n".join(problems)
