"""The default templates, checked on rendered documents as a user would open them."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from documents import layout as L  # noqa: N812
from documents.context import DOCUMENT_TITLES, sample_context
from documents.rendering import render_docx
from documents.services import INTERNAL_KINDS
from documents.templates_src.build_templates import DOCUMENTS, build_all
from documents.tests.conftest import TEMPLATES, template_path
from documents.text import extract_text

KINDS = sorted(DOCUMENT_TITLES)


def test_every_document_kind_of_the_ruling_workflow_has_a_template():
    from cases.models.offices import DocumentKind

    assert set(DOCUMENTS) == set(KINDS)
    assert set(KINDS) <= {k.value for k in DocumentKind}
    for kind in KINDS:
        assert template_path(kind).exists(), kind


@pytest.fixture(scope="module", params=KINDS)
def rendered(request):
    kind = request.param
    return kind, render_docx(template_path(kind), sample_context(kind))


def _within(actual, mm):
    # python-docx reports EMU; the builder rounds to whole twips.
    return abs(actual - Mm(mm)) <= 635


def test_page_is_a4_with_the_gbt9704_margins(rendered):
    _kind, data = rendered
    section = Document(io.BytesIO(data)).sections[0]
    assert _within(section.page_width, 210) and _within(section.page_height, 297)
    assert _within(section.top_margin, 37)
    assert _within(section.bottom_margin, 35)
    assert _within(section.left_margin, 28)
    assert _within(section.right_margin, 26)


def test_grid_gives_22_lines_of_28_characters(rendered):
    _kind, data = rendered
    doc = Document(io.BytesIO(data))
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch = int(grid.get(qn("w:linePitch")))
    char_space = int(grid.get(qn("w:charSpace")))
    text_height_twips = L.mm_to_twips(297 - 37 - 35)
    assert text_height_twips // line_pitch == 22
    text_width_pt = (210 - 28 - 26) * 72 / 25.4
    char_pitch_pt = 16 + char_space / 4096
    assert int(text_width_pt // char_pitch_pt) == 28
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing.pt == pytest.approx(28.95)


def _east_asia(rpr):
    fonts = rpr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_styles_name_the_official_east_asian_fonts_and_zh_cn(rendered):
    _kind, data = rendered
    doc = Document(io.BytesIO(data))
    expected = {
        "Normal": ("仿宋_GB2312", 16),
        "GW Title": ("方正小标宋简体", 22),
        "GW Heading 1": ("黑体", 16),
        "GW Heading 2": ("楷体_GB2312", 16),
        "GW Heading 3": ("仿宋_GB2312", 16),
    }
    for name, (font, size) in expected.items():
        style = doc.styles[name]
        rpr = style.element.rPr
        assert _east_asia(rpr) == font, name
        assert style.font.size.pt == size, name
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(".//" + qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"  # python-docx's own default is ja-JP


def test_every_run_names_its_east_asian_font(rendered):
    _kind, data = rendered
    doc = Document(io.BytesIO(data))
    runs = doc.element.body.iter(qn("w:r"))
    fonts = {_east_asia(r.find(qn("w:rPr"))) for r in runs if r.find(qn("w:t")) is not None}
    assert None not in fonts
    assert "仿宋_GB2312" in fonts and "方正小标宋简体" in fonts


def test_title_number_and_date_are_rendered(rendered):
    kind, data = rendered
    text = extract_text(data)
    lines = text.splitlines()
    assert lines[0] == "南宁市知识产权局"
    assert lines[1] == DOCUMENT_TITLES[kind]
    if kind in INTERNAL_KINDS:
        # Internal forms and records carry the case number, no outgoing 文号.
        assert lines[2] == "案号：南知案字〔2026〕7号"
        if kind in ("extension_approval", "closing_report"):
            assert "负责人审批意见" in text and "年    月    日" in text
    else:
        assert sample_context(kind)["doc"]["number"] in lines[2]
        assert "〔2026〕12号" in lines[2]
    if kind not in ("extension_approval", "closing_report", "service_receipt",
                    "mediation_record"):
        assert "二〇二六年十一月二十四日" in text
    assert "{{" not in text and "{%" not in text


def test_footer_has_the_page_number_between_em_dashes_on_odd_and_even_pages(rendered):
    _kind, data = rendered
    doc = Document(io.BytesIO(data))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer._element.xml
        assert "PAGE" in xml
        paragraph = footer.paragraphs[0]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.alignment.name.lower() == align
        assert paragraph.runs[0].font.size.pt == 14


RULING_SECTIONS = [
    "专利侵权纠纷行政裁决书", "请求人：", "被请求人：", "统一社会信用代码：", "公民身份号码：",
    "法定代表人：", "委托代理人：", "侵害实用新型专利权纠纷一案", "依法立案受理", "合议组",
    "口头审理", "本案现已审理终结。", "一、请求人称", "二、被请求人辩称", "三、证据及质证",
    "四、经审理查明", "五、争议焦点", "六、本局认为", "七、裁决如下", "本局裁决如下：",
    "立即停止制造、销售、许诺销售", "合议组组长  刘建国", "合议组成员  覃小燕",
]


def test_ruling_has_every_section(rendered_ruling):
    text = extract_text(rendered_ruling)
    for section in RULING_SECTIONS:
        assert section in text, section
    positions = [text.index(s) for s in ("一、请求人称", "二、被请求人辩称", "三、证据及质证",
                                         "四、经审理查明", "五、争议焦点", "六、本局认为",
                                         "七、裁决如下")]
    assert positions == sorted(positions)
    assert (
        "如不服本裁决，当事人可以自收到本裁决书之日起十五日内，依照《中华人民共和国行政诉讼法》"
        "的规定向南宁市中级人民法院提起行政诉讼；期满不起诉又不停止侵权行为的，"
        "本局可以申请人民法院强制执行。"
    ) in text


def test_a_section_without_content_is_not_printed():
    ctx = sample_context("ruling")
    ctx["evidence"] = []
    ctx["headings"]["evidence"] = ""
    text = extract_text(render_docx(template_path("ruling"), ctx))
    assert "证据及质证" not in text and "三、" not in text.replace("三、经审理查明", "")


def test_ruling_suit_period_comes_from_the_context():
    ctx = sample_context("ruling")
    ctx["periods"]["suit_days"] = 30
    ctx["periods"]["suit_days_cn"] = "三十"
    text = extract_text(render_docx(template_path("ruling"), ctx))
    assert "自收到本裁决书之日起三十日内" in text


def test_a_dismissal_has_no_enforcement_warning():
    ctx = sample_context("ruling")
    ctx["outcome"] = "dismissed"
    ctx["orders"] = ["驳回请求人的请求。"]
    text = extract_text(render_docx(template_path("ruling"), ctx))
    assert "本局裁决如下：\n驳回请求人的请求。\n" in text  # one item: not numbered
    assert "立即停止制造" not in text and "强制执行" not in text


def test_special_characters_survive_verbatim(rendered_ruling):
    # The file opens (python-docx parses the XML) and the text is exactly what was given.
    text = extract_text(rendered_ruling)
    assert "南宁绿源科技有限公司（Green & Clean）" in text
    assert "广西<星河>智能设备有限公司" in text
    assert "型号为SL-2026<A>的" in text
    assert "被请求人还称：\"It's our own design & we sold it < 100 units.\"" in text
    assert "“自主研发”" in text
    assert "O'Neil 李，南宁市\"正和\"专利代理事务所" in text
    with zipfile.ZipFile(io.BytesIO(rendered_ruling)) as package:
        assert package.testzip() is None
        xml = package.read("word/document.xml").decode()
    assert "&lt;星河&gt;" in xml and "Green &amp; Clean" in xml


def test_build_is_reproducible_and_matches_the_committed_files(tmp_path):
    first = tmp_path / "a"
    second = tmp_path / "b"
    build_all(first)
    build_all(second)
    for kind in KINDS:
        built = (first / f"{kind}.docx").read_bytes()
        assert built == (second / f"{kind}.docx").read_bytes(), kind
        committed = (TEMPLATES / f"{kind}.docx").read_bytes()
        with zipfile.ZipFile(io.BytesIO(built)) as a, \
                zipfile.ZipFile(io.BytesIO(committed)) as b:
            for part in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
                assert a.read(part) == b.read(part), (
                    f"{kind}: {part} differs from the committed template; run "
                    "python -m documents.templates_src.build_templates"
                )


def test_signature_block_stays_with_the_text_before_it(rendered_ruling):
    paragraphs = Document(io.BytesIO(rendered_ruling)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("如不服本裁决"))
    block = paragraphs[start:]
    assert block[-1].text == "二〇二六年十一月二十四日"
    assert all(p.paragraph_format.keep_with_next for p in block[:-1])
    assert not block[-1].paragraph_format.keep_with_next


def test_the_suspension_and_resumption_notices_set_the_reason_off_with_a_comma():
    """The resumption notice ran the date, the reason and the decision together
    (本局于…因…请求决定中止审理); it now recalls the suspension in the suspension
    notice's words."""
    for kind in ("suspension_notice", "resumption_notice"):
        ctx = sample_context(kind)
        text = extract_text(render_docx(template_path(kind), ctx))
        assert f"因{ctx['suspension']['reason']}，" in text, kind
    ctx = sample_context("resumption_notice")
    text = extract_text(render_docx(template_path("resumption_notice"), ctx))
    assert (f"因{ctx['suspension']['reason']}，本局决定自{ctx['suspension']['from_cn']}起中止"
            "审理。现中止审理的原因已经消除，") in text


def test_the_signature_block_keeps_the_last_sentence_and_the_note_with_it(rendered):
    # GB/T 9704 §7.3.5.4: no signature page without text of the document. The paragraphs
    # from the last sentence of the text (the record's 以上笔录…确认无误。, the application's
    # 特申请强制执行。) to the end move to a new page together: the signatures, the office
    # and its date, and the 附注 (联系人) after the date.
    kind, data = rendered
    paragraphs = [p for p in Document(io.BytesIO(data)).paragraphs]
    last_sentence = max((i for i, p in enumerate(paragraphs)
                         if p.text.rstrip().endswith(("。", "此致"))), default=None)
    if last_sentence is None:
        return  # a form: its text is in the table
    loose = [p.text for p in paragraphs[last_sentence:-1]
             if not p.paragraph_format.keep_with_next]
    assert not loose, (kind, loose)
