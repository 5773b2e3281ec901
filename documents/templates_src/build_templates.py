"""Build the default .docx templates (GB/T 9704-2012 layout) with python-docx.

Run from the project root::

    .venv/bin/python -m documents.templates_src.build_templates [OUTPUT_DIR]

It writes ``<code>.docx`` for every default document kind into OUTPUT_DIR (default
``documents/default_templates``). The built files are committed; a test rebuilds them into
a temporary folder and compares, so the committed files cannot drift from this script.

Why the files are built rather than drawn in Word:
- every Jinja placeholder is written as a run of its own, so Word never splits one across
  runs and docxtpl always sees it whole;
- East Asian fonts are set explicitly (``w:eastAsia`` on ``w:rFonts`` in the styles and on
  every run, ``w:lang w:eastAsia="zh-CN"``), which python-docx's default template does not
  do (it names theme fonts and a Japanese East Asian language);
- the output is byte-for-byte reproducible: fixed document properties and fixed zip entry
  times.

The document texts are written in a small line language, one paragraph per line:
``%p ...`` a docxtpl paragraph tag (``{%p ... %}``), ``=`` a title line, ``#1``/``#2``/``#3``
headings (一、 黑体 / （一） 楷体 / 1. 仿宋), ``>`` a body paragraph without first-line
indent, ``R`` a right-aligned line four characters in from the right (signature, date),
``N`` the document number line, an empty string a blank line, anything else a body
paragraph with the usual two-character indent. A leading ``+ `` keeps the paragraph on
the same page as the next one (the text before a signature).
"""

from __future__ import annotations

import datetime
import io
import re
import sys
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from documents import layout as L  # noqa: N812

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "default_templates"
FIXED_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

STYLE_BODY = "Normal"
STYLE_TITLE = "GW Title"
STYLE_H1 = "GW Heading 1"
STYLE_H2 = "GW Heading 2"
STYLE_H3 = "GW Heading 3"
STYLE_TABLE = "GW Table Text"
STYLE_PAGE_NUMBER = "GW Page Number"

_PLACEHOLDER = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})")

# Reused fragments of the line language.
REQUESTER_NAMES = "{{ requesters|map(attribute='name')|join('、') }}"
RESPONDENT_NAMES = "{{ respondents|map(attribute='name')|join('、') }}"
PATENTS_PHRASE = (
    "{% for pt in patents %}{{ pt.number_display }}号{{ pt.kind_label }}专利"
    "{% if not loop.last %}、{% endif %}{% endfor %}"
)
PRODUCTS_PHRASE = (
    "{% for pr in products %}{{ pr.name }}（型号：{{ pr.model }}）"
    "{% if not loop.last %}、{% endif %}{% endfor %}"
)
CASE_PHRASE = f"请求人{REQUESTER_NAMES}与被请求人{RESPONDENT_NAMES}{{{{ case.cause }}}}一案"
SIGNATURE = ["", "R {{ office.name }}", "R {{ doc.date_cn }}"]
ADDRESSEE = "> {{ recipient.name }}："
HEADER = ["= {{ office.name }}", "= {{ doc.title }}", "N {{ doc.number }}", ""]


def _party_block(role: str, loop_name: str) -> list[str]:
    return [
        f"%p for p in {loop_name} %",
        f"{role}：{{{{ p.name }}}}，{{{{ p.address_label }}}}：{{{{ p.address }}}}。",
        "{{ p.id_label }}：{{ p.id_number }}。",
        "%p if p.legal_representative %",
        "{{ p.legal_representative_title }}：{{ p.legal_representative }}。",
        "%p endif %",
        "%p if p.agent %",
        "委托代理人：{{ p.agent.name }}，{{ p.agent.firm }}{{ p.agent.title }}。",
        "%p endif %",
        "%p endfor %",
    ]


def _loop(name: str, numbered: bool = False) -> list[str]:
    item = "{{ loop.index }}. {{ t }}" if numbered else "{{ t }}"
    return [f"%p for t in {name} %", item, "%p endfor %"]


RULING: list[str] = [
    *HEADER,
    *_party_block("请求人", "requesters"),
    *_party_block("被请求人", "respondents"),
    f"{CASE_PHRASE}，请求人于{{{{ case.request_date_cn }}}}向本局提出处理请求，本局于"
    "{{ case.accepted_on_cn }}依法立案受理，并依法组成合议组进行审理。",
    "%p if hearing and hearing.held %",
    "本局于{{ hearing.at_cn }}在{{ hearing.place }}依法进行了口头审理。",
    "%p endif %",
    "%p if suspension %",
    "因{{ suspension.reason }}，本局于{{ suspension.from_cn }}中止审理"
    "{% if suspension.to_cn %}，于{{ suspension.to_cn }}恢复审理{% endif %}，"
    "中止审理期间不计入审理期限。",
    "%p endif %",
    "%p if extension %",
    "因{{ extension.reason }}，经本局负责人批准，本案审理期限延长{{ extension.months_cn }}个月。",
    "%p endif %",
    "本案现已审理终结。",
    "#1 一、请求人称",
    *_loop("requester_claims"),
    "#1 二、被请求人辩称",
    *_loop("respondent_defence"),
    "#1 三、经审理查明",
    *_loop("facts"),
    "#1 四、本局认为",
    "#2 （一）涉案专利权的保护范围",
    *_loop("reasoning.claim_construction"),
    "#2 （二）被诉侵权产品与涉案专利的技术特征比对",
    *_loop("reasoning.feature_comparison"),
    "#2 （三）关于被请求人的抗辩",
    *_loop("reasoning.defences"),
    "#1 五、裁决如下",
    "综上所述，依照{{ legal_basis }}的规定，本局裁决如下：",
    "%p if outcome == 'infringement_found' %",
    f"1. 被请求人{RESPONDENT_NAMES}立即停止{{{{ acts|join('、') }}}}侵犯{PATENTS_PHRASE}"
    f"权的产品{PRODUCTS_PHRASE}的行为；",
    "%p for t in orders %",
    "{{ loop.index + 1 }}. {{ t }}",
    "%p endfor %",
    "%p else %",
    "驳回请求人的请求。",
    "%p endif %",
    "+ 当事人不服本裁决的，可以自收到本裁决书之日起{{ periods.suit_days_cn }}日内，"
    "依照《中华人民共和国行政诉讼法》向人民法院起诉；期满不起诉又不停止侵权行为的，"
    "本局可以申请人民法院强制执行。",
    "",
    "%p for m in panel %",
    "R {{ m.role }}  {{ m.name }}",
    "%p endfor %",
    *SIGNATURE,
]

ACCEPTANCE: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"你方于{{{{ case.request_date_cn }}}}提交的请求处理与{RESPONDENT_NAMES}之间"
    "{{ case.cause }}的请求书及有关材料收悉。经审查，该请求符合《中华人民共和国专利法》"
    "第六十五条规定的受理条件，{{ office.short_name }}决定立案受理，案号为{{ case.number }}。",
    f"本案涉及{PATENTS_PHRASE}。本案由{{% for m in panel %}}{{{{ m.name }}}}"
    "{% if not loop.last %}、{% endif %}{% endfor %}组成合议组审理。"
    "当事人认为合议组成员与本案有利害关系的，可以在口头审理前提出回避申请。",
    "+ 特此通知。",
    *SIGNATURE,
    "",
    "> {{ contact }}",
]

REJECTION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"你方于{{{{ case.request_date_cn }}}}提交的请求处理与{RESPONDENT_NAMES}之间"
    "{{ case.cause }}的请求书及有关材料收悉。经审查，该请求不符合受理条件，理由如下：",
    *_loop("reasons", numbered=True),
    "依照{{ legal_basis }}的规定，{{ office.short_name }}决定不予受理。",
    "+ 特此通知。",
    *SIGNATURE,
    "",
    "> {{ contact }}",
]

CORRECTION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"你方于{{{{ case.request_date_cn }}}}提交的请求处理与{RESPONDENT_NAMES}之间"
    "{{ case.cause }}的请求书及有关材料收悉。经审查，所提交的材料不齐全，"
    "请自收到本通知书之日起{{ periods.correction_days_cn }}日内补正下列材料：",
    *_loop("correction_items", numbered=True),
    "期满未补正或者补正后仍不符合要求的，视为未提出请求。"
    "受理审查期限自收到齐全的补正材料之日起重新计算。",
    "+ 特此通知。",
    *SIGNATURE,
    "",
    "> {{ contact }}",
]

ANSWER: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{CASE_PHRASE}（案号：{{{{ case.number }}}}），{{{{ office.short_name }}}}已于"
    "{{ case.accepted_on_cn }}立案受理。现将请求书副本及有关证据材料送达你方。",
    "请你方自收到本通知书之日起{{ periods.answer_days_cn }}日内向{{ office.short_name }}"
    "提交答辩书及有关证据材料。逾期不提交答辩书的，不影响{{ office.short_name }}依法审理。",
    "+ 特此通知。",
    *SIGNATURE,
    "",
    "> {{ contact }}",
]

HEARING: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{CASE_PHRASE}（案号：{{{{ case.number }}}}），{{{{ office.short_name }}}}定于"
    "{{ hearing.at_cn }}在{{ hearing.place }}进行口头审理。请你方准时参加，"
    "并携带身份证明、授权委托书及证据原件。",
    "请求人无正当理由拒不参加或者未经许可中途退庭的，按撤回请求处理；"
    "被请求人无正当理由拒不参加或者未经许可中途退庭的，缺席审理。",
    "+ 特此通知。",
    *SIGNATURE,
    "",
    "> {{ contact }}",
]

SUSPENSION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{CASE_PHRASE}（案号：{{{{ case.number }}}}），因{{{{ suspension.reason }}}}，"
    "依照{{ legal_basis }}的规定，{{ office.short_name }}决定自{{ suspension.from_cn }}起"
    "中止审理。中止审理的原因消除后，{{ office.short_name }}将恢复审理并另行通知。"
    "中止审理期间不计入审理期限。",
    "+ 特此通知。",
    *SIGNATURE,
    "",
    "> {{ contact }}",
]

RESUMPTION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{CASE_PHRASE}（案号：{{{{ case.number }}}}），{{{{ office.short_name }}}}于"
    "{{ suspension.from_cn }}因{{ suspension.reason }}决定中止审理。现中止审理的原因已经消除，"
    "{{ office.short_name }}决定自{{ suspension.to_cn }}起恢复审理。",
    "+ 特此通知。",
    *SIGNATURE,
    "",
    "> {{ contact }}",
]

REMINDER: list[str] = [
    *HEADER,
    ADDRESSEE,
    "{{ office.short_name }}作出的{{ service.document_number }}《{{ service.document_title }}》"
    f"裁决你方立即停止{{{{ acts|join('、') }}}}侵犯{PATENTS_PHRASE}权的产品的行为，"
    "该裁决书已于{{ service.served_on_cn }}送达你方。你方在法定期限内未提起行政诉讼，"
    "亦未停止侵权行为。",
    "依照《中华人民共和国行政强制法》第五十四条的规定，现催告你方自收到本催告书之日起"
    "{{ periods.performance_days_cn }}日内履行上述裁决确定的义务。你方有权进行陈述和申辩。"
    "逾期仍不履行的，{{ office.short_name }}将依法申请人民法院强制执行。",
    "+ 特此催告。",
    *SIGNATURE,
    "",
    "> {{ contact }}",
]

ENFORCEMENT: list[str] = [
    *HEADER,
    "申请人：{{ office.name }}，住所：{{ office.address }}。",
    *_party_block("被申请人", "respondents"),
    "#1 一、申请事项",
    "请求依法强制执行{{ office.short_name }}作出的{{ service.document_number }}"
    "《{{ service.document_title }}》。",
    "#1 二、事实与理由",
    f"{CASE_PHRASE}，{{{{ office.short_name }}}}于{{{{ doc.date_cn }}}}前依法作出裁决，"
    f"责令被申请人立即停止{{{{ acts|join('、') }}}}侵犯{PATENTS_PHRASE}权的产品的行为。"
    "该裁决书已于{{ service.served_on_cn }}送达被申请人。被申请人在法定期限内既未提起行政诉讼，"
    "又未停止侵权行为，经催告后逾期仍未履行。",
    "依照《中华人民共和国专利法》第六十五条、《中华人民共和国行政强制法》第五十三条的规定，"
    "特申请强制执行。",
    "+ 此致",
    "+ > {{ court }}",
    *SIGNATURE,
]

CLOSING: list[str] = [
    *HEADER,
    "#1 一、案件基本情况",
    "案号：{{ case.number }}；案由：{{ case.cause }}；立案日期：{{ case.accepted_on_cn }}。",
    f"请求人：{REQUESTER_NAMES}；被请求人：{RESPONDENT_NAMES}。",
    f"涉案专利：{PATENTS_PHRASE}。",
    "#1 二、办理情况",
    *_loop("closing_summary"),
    "#1 三、结案意见",
    "+ 本案符合结案条件，建议结案。",
    "",
    "R 承办人：{% for m in panel %}{{ m.name }}{% if not loop.last %}、{% endif %}{% endfor %}",
    "R 负责人审批意见：                ",
    *SIGNATURE,
]

EXTENSION_ROWS: list[tuple[str, str]] = [
    ("案号", "{{ case.number }}"),
    ("案由", "{{ case.cause }}"),
    ("请求人", REQUESTER_NAMES),
    ("被请求人", RESPONDENT_NAMES),
    ("立案日期", "{{ case.accepted_on_cn }}"),
    ("延长期限", "{{ extension.months_cn }}个月（延长至{{ extension.new_due_cn }}）"),
    ("延长理由", "{{ extension.reason }}"),
    ("承办人意见", "建议延长审理期限。承办人：{% for m in panel %}{{ m.name }}"
     "{% if not loop.last %}、{% endif %}{% endfor %}"),
    ("负责人审批意见", ""),
]

SERVICE_ROWS: list[tuple[str, str]] = [
    ("送达文书名称及文号", "{{ service.document_title }}（{{ service.document_number }}）"),
    ("受送达人", "{{ service.recipient }}"),
    ("送达地址", "{{ service.address }}"),
    ("送达方式", "{{ service.method }}"),
    ("送达日期", "{{ service.served_on_cn }}"),
    ("送达人", "{{ service.server_names|join('、') }}"),
    ("受送达人签收", "                    年    月    日"),
    ("备注", ""),
]

DOCUMENTS: dict[str, tuple[list[str], list[tuple[str, str]] | None, list[str]]] = {
    # code: (lines before the table, table rows or None, lines after the table)
    "acceptance_notice": (ACCEPTANCE, None, []),
    "rejection_notice": (REJECTION, None, []),
    "correction_notice": (CORRECTION, None, []),
    "answer_notice": (ANSWER, None, []),
    "hearing_notice": (HEARING, None, []),
    "suspension_notice": (SUSPENSION, None, []),
    "resumption_notice": (RESUMPTION, None, []),
    "extension_approval": (HEADER, EXTENSION_ROWS, SIGNATURE),
    "ruling": (RULING, None, []),
    "service_receipt": (HEADER, SERVICE_ROWS, SIGNATURE),
    "reminder": (REMINDER, None, []),
    "enforcement_application": (ENFORCEMENT, None, []),
    "closing_report": (CLOSING, None, []),
}


# --- low-level XML helpers -------------------------------------------------------------


def _set_fonts(rpr: Any, east_asian: str, latin: str, size_pt: float | None) -> None:
    """Name every script's font and the zh-CN East Asian language on an w:rPr element."""
    for tag in ("w:rFonts", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")
    elements = [fonts]
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            size = OxmlElement(tag)
            size.set(qn("w:val"), str(int(size_pt * 2)))
            elements.append(size)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), L.EAST_ASIAN_LANG)
    lang.set(qn("w:bidi"), "ar-SA")
    elements.append(lang)
    # Schema order inside w:rPr: rFonts first; sz/szCs/lang near the end.
    rpr.insert(0, fonts)
    for element in elements[1:]:
        rpr.append(element)


def _style_rpr(style: Any) -> Any:
    return style.element.get_or_add_rPr()


def _paragraph_style(
    doc: Any,
    name: str,
    *,
    east_asian: str,
    size_pt: float,
    align: WD_ALIGN_PARAGRAPH | None,
    first_line_chars: int = 0,
    bold: bool = False,
) -> ParagraphStyle:
    styles = doc.styles
    if name in [s.name for s in styles]:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[STYLE_BODY]
        style.next_paragraph_style = styles[STYLE_BODY]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(float(L.LINE_PITCH_PT))
    # Indents in character units so they follow the 28-character grid.
    _indent(style.element.get_or_add_pPr(), first_line_chars=first_line_chars, right_chars=0)
    style.font.bold = bold
    _set_fonts(_style_rpr(style), east_asian, L.FONT_LATIN, size_pt)
    return style


def _setup_styles(doc: Any) -> None:
    # Document defaults: python-docx's template names theme fonts and ja-JP.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    _set_fonts(rpr, L.FONT_BODY, L.FONT_LATIN, L.BODY_SIZE_PT)
    _paragraph_style(doc, STYLE_BODY, east_asian=L.FONT_BODY, size_pt=L.BODY_SIZE_PT,
                     align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_chars=2)
    title = _paragraph_style(doc, STYLE_TITLE, east_asian=L.FONT_TITLE,
                             size_pt=L.TITLE_SIZE_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    # A 22 pt title line keeps its exact 28.95 pt pitch instead of taking two grid lines.
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    # Schema order matters to Word: snapToGrid precedes spacing, ind and jc.
    title.element.get_or_add_pPr().insert_element_before(
        snap, "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
        "w:sectPr", "w:pPrChange",
    )
    _paragraph_style(doc, STYLE_H1, east_asian=L.FONT_HEADING_1, size_pt=L.BODY_SIZE_PT,
                     align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_chars=2)
    _paragraph_style(doc, STYLE_H2, east_asian=L.FONT_HEADING_2, size_pt=L.BODY_SIZE_PT,
                     align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_chars=2)
    _paragraph_style(doc, STYLE_H3, east_asian=L.FONT_HEADING_3, size_pt=L.BODY_SIZE_PT,
                     align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_chars=2)
    _paragraph_style(doc, STYLE_TABLE, east_asian=L.FONT_BODY, size_pt=L.BODY_SIZE_PT,
                     align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph_style(doc, STYLE_PAGE_NUMBER, east_asian=L.FONT_PAGE_NUMBER,
                     size_pt=L.PAGE_NUMBER_SIZE_PT, align=None)


def _setup_section(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width = Mm(L.PAGE_WIDTH_MM)
    section.page_height = Mm(L.PAGE_HEIGHT_MM)
    section.top_margin = Mm(L.MARGIN_TOP_MM)
    section.bottom_margin = Mm(L.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(L.MARGIN_LEFT_MM)
    section.right_margin = Mm(L.MARGIN_RIGHT_MM)
    section.header_distance = Mm(L.HEADER_DISTANCE_MM)
    section.footer_distance = Mm(L.FOOTER_DISTANCE_MM)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(L.LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(L.CHAR_SPACE))
    sect_pr.append(grid)
    # Odd pages: number on the right; even pages: on the left (GB/T 9704 7.5).
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(doc, section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(doc, section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _run(paragraph: Paragraph, text: str, east_asian: str, size_pt: float) -> Any:
    run = paragraph.add_run(text)
    _set_fonts(run._element.get_or_add_rPr(), east_asian, L.FONT_LATIN, size_pt)
    return run


def _field_char(paragraph: Paragraph, kind: str) -> None:
    run = _run(paragraph, "", L.FONT_PAGE_NUMBER, L.PAGE_NUMBER_SIZE_PT)
    fld = OxmlElement("w:fldChar")
    fld.set(qn("w:fldCharType"), kind)
    run._element.append(fld)


def _page_number(doc: Any, paragraph: Paragraph, align: WD_ALIGN_PARAGRAPH) -> None:
    paragraph.style = doc.styles[STYLE_PAGE_NUMBER]
    paragraph.alignment = align
    # One character in from the edge of the text area.
    edge = Pt(L.BODY_SIZE_PT)
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = edge
    else:
        paragraph.paragraph_format.left_indent = edge
    _run(paragraph, "— ", L.FONT_PAGE_NUMBER, L.PAGE_NUMBER_SIZE_PT)
    _field_char(paragraph, "begin")
    instr_run = _run(paragraph, "", L.FONT_PAGE_NUMBER, L.PAGE_NUMBER_SIZE_PT)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run._element.append(instr)
    _field_char(paragraph, "separate")
    _run(paragraph, "1", L.FONT_PAGE_NUMBER, L.PAGE_NUMBER_SIZE_PT)
    _field_char(paragraph, "end")
    _run(paragraph, " —", L.FONT_PAGE_NUMBER, L.PAGE_NUMBER_SIZE_PT)


# --- the line language -----------------------------------------------------------------

_STYLE_FONTS = {
    STYLE_BODY: (L.FONT_BODY, L.BODY_SIZE_PT),
    STYLE_TITLE: (L.FONT_TITLE, L.TITLE_SIZE_PT),
    STYLE_H1: (L.FONT_HEADING_1, L.BODY_SIZE_PT),
    STYLE_H2: (L.FONT_HEADING_2, L.BODY_SIZE_PT),
    STYLE_H3: (L.FONT_HEADING_3, L.BODY_SIZE_PT),
    STYLE_TABLE: (L.FONT_BODY, L.BODY_SIZE_PT),
}


def _write_text(paragraph: Paragraph, text: str, style_name: str) -> None:
    """Add ``text`` as runs; every Jinja tag or placeholder becomes a run of its own."""
    east_asian, size = _STYLE_FONTS[style_name]
    for piece in _PLACEHOLDER.split(text):
        if piece:
            _run(paragraph, piece, east_asian, size)


def _add_line(container: Any, doc: Any, line: str) -> None:
    styles = doc.styles
    keep_with_next = False
    if line.startswith("+ "):
        keep_with_next, line = True, line[2:]
    if line.startswith("%p "):
        paragraph = container.add_paragraph(style=styles[STYLE_BODY])
        _write_text(paragraph, "{%p " + line[3:].rstrip("% ") + " %}", STYLE_BODY)
        return
    style_name, align, text = STYLE_BODY, None, line
    indent_right_chars = 0
    no_indent = False
    prefix, _, rest = line.partition(" ")
    if prefix == "=":
        style_name, text = STYLE_TITLE, rest
    elif prefix in ("#1", "#2", "#3"):
        style_name = {"#1": STYLE_H1, "#2": STYLE_H2, "#3": STYLE_H3}[prefix]
        text = rest
    elif prefix == ">":
        text, no_indent = rest, True
    elif prefix == "R":
        text, align, no_indent, indent_right_chars = rest, WD_ALIGN_PARAGRAPH.RIGHT, True, 4
    elif prefix == "N":
        text, align, no_indent = rest, WD_ALIGN_PARAGRAPH.CENTER, True
    paragraph = container.add_paragraph(style=styles[style_name])
    if align is not None:
        paragraph.alignment = align
    if no_indent and style_name == STYLE_BODY:
        _set_indent(paragraph, first_line_chars=0, right_chars=indent_right_chars)
    _write_text(paragraph, text, style_name)
    # The signature block (blank lines, panel, office; not the date that ends it) stays
    # with the paragraph before it: GB/T 9704 never leaves a date alone on a page.
    if keep_with_next or not text or (prefix == "R" and "doc.date_cn" not in text):
        paragraph.paragraph_format.keep_with_next = True


def _set_indent(paragraph: Paragraph, *, first_line_chars: int, right_chars: int) -> None:
    _indent(paragraph._p.get_or_add_pPr(), first_line_chars=first_line_chars,
            right_chars=right_chars)


def _indent(p_pr: Any, *, first_line_chars: int, right_chars: int) -> None:
    """w:ind in character units (and twips for readers that ignore them), in schema order."""
    p_pr._remove_ind()
    ind = p_pr.get_or_add_ind()
    ind.set(qn("w:firstLineChars"), str(first_line_chars * 100))
    ind.set(qn("w:firstLine"), str(first_line_chars * L.BODY_SIZE_PT * 20))
    if right_chars:
        ind.set(qn("w:rightChars"), str(right_chars * 100))
        ind.set(qn("w:right"), str(right_chars * L.BODY_SIZE_PT * 20))


def _add_table(doc: Any, rows: Sequence[tuple[str, str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    label_width, value_width = Mm(46), Mm(110)
    # LibreOffice lays tables out from the grid columns, Word from the cell widths: set both.
    table.autofit = False
    table.columns[0].width = label_width
    table.columns[1].width = value_width
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.height = Mm(14)
        for cell, text, width in ((row.cells[0], label, label_width),
                                  (row.cells[1], value, value_width)):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles[STYLE_TABLE]
            _write_text(paragraph, text, STYLE_TABLE)


def build_document(code: str) -> bytes:
    """The default template for one DocumentKind value, as .docx bytes."""
    before, rows, after = DOCUMENTS[code]
    doc = Document()
    # Drop python-docx's sample body paragraph, keep the section properties.
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _setup_styles(doc)
    _setup_section(doc)
    for line in before:
        _add_line(doc, doc, line)
    if rows is not None:
        _add_table(doc, rows)
    for line in after:
        _add_line(doc, doc, line)
    props = doc.core_properties
    props.author = "ipcases"
    props.last_modified_by = "ipcases"
    props.title = code
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    buffer = io.BytesIO()
    doc.save(buffer)
    return _normalise_zip(buffer.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed entry times and order, so builds are identical."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def build_all(output_dir: Path = DEFAULT_OUTPUT, codes: Iterable[str] | None = None) -> list[Path]:
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for code in codes or DOCUMENTS:
        path = output_dir / f"{code}.docx"
        path.write_bytes(build_document(code))
        written.append(path)
    return written


def main(argv: Sequence[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUTPUT
    for path in build_all(output):
        print(path)  # noqa: T201 - a build script reports what it wrote
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
