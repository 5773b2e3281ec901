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
``C <w>`` a line centred over a date <w> characters wide (the office's name),
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
CASE_PHRASE = f"请求人{REQUESTER_NAMES}与被请求人{RESPONDENT_NAMES}{{{{ case.cause }}}}一案"
# GB/T 9704-2012 §7.3.5: the date four characters in from the right, the office name
# centred over it. How wide the date is depends on the installation's numerals.
SIGNATURE = ["", "%p if doc.arabic_dates %", "C 6.5 {{ office.name }}", "%p else %",
             "C 10.5 {{ office.name }}", "%p endif %", "R {{ doc.date_cn }}"]
# 附注 (§7.3.6): in round brackets, two characters in, on the line after the date, which
# keeps it on its page (alone on a page of its own it would print nothing else).
NOTE = ["%p if contact %", "（{{ contact }}）", "%p endif %"]
SIGNATURE_AND_NOTE = [*SIGNATURE[:-1], "+ " + SIGNATURE[-1], *NOTE]
ADDRESSEE = "> {{ recipient.name }}："
HEADER = ["= {{ office.name }}", "= {{ doc.title }}", "N {{ doc.number }}", ""]
# Internal forms (审批表, 结案报告) carry no outgoing 文号: the case number instead.
INTERNAL_HEADER = ["= {{ office.name }}", "= {{ doc.title }}", "N 案号：{{ case.number }}", ""]
# An item list is numbered only when it has more than one item.
ITEM = "{% if items|length > 1 %}{{ loop.index }}. {% endif %}"


def _party_block(role: str, loop_name: str) -> list[str]:
    return [
        f"%p for p in {loop_name} %",
        f"{role}：{{{{ p.name }}}}{{% if p.address %}}，{{{{ p.address_label }}}}："
        "{{ p.address }}{% endif %}。",
        "%p if p.id_number %",
        "{{ p.id_label }}：{{ p.id_number }}。",
        "%p endif %",
        "%p if p.legal_representative %",
        "{{ p.legal_representative_title }}：{{ p.legal_representative }}。",
        "%p endif %",
        "%p if p.agent %",
        "委托代理人：{{ p.agent.name }}{% if p.agent.firm or p.agent.title %}，"
        "{{ p.agent.firm }}{{ p.agent.title }}{% endif %}。",
        "%p endif %",
        "%p endfor %",
    ]


def _loop(name: str, numbered: bool = False) -> list[str]:
    """One paragraph per item; ``numbered``: 1. 2. … when there is more than one."""
    if not numbered:
        return [f"%p for t in {name} %", "{{ t }}", "%p endfor %"]
    return [f"%p set items = {name} %", "%p for t in items %", ITEM + "{{ t }}",
            "%p endfor %"]


def _section(key: str, loop: str) -> list[str]:
    """A heading of the ruling, numbered in the context, printed only with content."""
    return [f"%p if headings.{key} %", f"#1 {{{{ headings.{key} }}}}", *_loop(loop),
            "%p endif %"]


RULING: list[str] = [
    *HEADER,
    *_party_block("请求人", "requesters"),
    *_party_block("被请求人", "respondents"),
    *_loop("procedure"),
    *_section("claims", "requester_claims"),
    *_section("defence", "respondent_defence"),
    *_section("evidence", "evidence"),
    *_section("facts", "facts"),
    *_section("issues", "disputed_issues"),
    "#1 {{ headings.reasoning }}",
    *_loop("reasoning.doctrine"),
    *_loop("reasoning.analysis"),
    "%p if reasoning.conclusion %",
    "{{ reasoning.conclusion }}",
    "%p endif %",
    "#1 {{ headings.order }}",
    "综上所述，依照{{ legal_basis }}的规定，本局裁决如下：",
    *_loop("orders", numbered=True),
    "+ 如不服本裁决，当事人可以自收到本裁决书之日起{{ periods.suit_days_cn }}日内，"
    "依照《中华人民共和国行政诉讼法》的规定向{{ court }}提起行政诉讼"
    "{% if outcome == 'infringement_found' %}；期满不起诉又不停止侵权行为的，"
    "本局可以申请人民法院强制执行{% endif %}。",
    "",
    "%p for m in panel %",
    "R {{ m.role }}  {{ m.name }}",
    "%p endfor %",
    *SIGNATURE,
]

ACCEPTANCE: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"你方于{{{{ case.request_date_cn }}}}提交的与被请求人{RESPONDENT_NAMES}之间"
    "{{ case.cause }}的处理请求书及有关材料收悉。经审查，该请求符合{{ legal_basis }}规定的"
    "受理条件，{{ office.short_name }}决定立案受理，案号为{{ case.number }}。",
    f"本案涉及{PATENTS_PHRASE}。本案由{{% for m in panel %}}{{{{ m.name }}}}"
    "{% if not loop.last %}、{% endif %}{% endfor %}{% if panel|length > 1 %}组成合议组"
    "{% else %}独任{% endif %}审理。当事人认为审理人员与本案有利害关系的，可以在口头审理前"
    "提出回避申请。",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

REJECTION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"你方于{{{{ case.request_date_cn }}}}提交的与被请求人{RESPONDENT_NAMES}之间"
    "{{ case.cause }}的处理请求书及有关材料收悉。经审查，该请求不符合受理条件，理由如下：",
    *_loop("reasons", numbered=True),
    "依照{{ legal_basis }}的规定，{{ office.short_name }}决定不予受理。",
    "+ 如不服本决定，你方可以自收到本通知书之日起{{ periods.reconsideration_days_cn }}日内"
    "向{{ office.government }}申请行政复议，也可以自收到本通知书之日起"
    "{{ periods.general_suit_months_cn }}个月内向{{ court }}提起行政诉讼。",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

CORRECTION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"你方于{{{{ case.request_date_cn }}}}提交的与被请求人{RESPONDENT_NAMES}之间"
    "{{ case.cause }}的处理请求书及有关材料收悉。经审查，所提交的材料不齐全。依照"
    "{{ legal_basis }}的规定，请自收到本通知书之日起{{ periods.correction_days_cn }}日内"
    "补正下列材料：",
    *_loop("correction_items", numbered=True),
    "期满未补正或者补正后仍不符合要求的，视为未提出请求。"
    "受理审查期限自收到齐全的补正材料之日起重新计算。",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

ANSWER: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{CASE_PHRASE}（案号：{{{{ case.number }}}}），{{{{ office.short_name }}}}已于"
    "{{ case.accepted_on_cn }}立案受理。依照{{ legal_basis }}的规定，现将请求书副本及有关证据"
    "材料送达你方。",
    "请你方自收到本通知书之日起{{ periods.answer_days_cn }}日内向{{ office.short_name }}"
    "提交答辩书及有关证据材料。逾期不提交答辩书的，不影响{{ office.short_name }}依法审理。",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

HEARING: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{CASE_PHRASE}（案号：{{{{ case.number }}}}），依照{{{{ legal_basis }}}}的规定，"
    "{{ office.short_name }}定于{{ hearing.at_cn }}在{{ hearing.place }}进行口头审理。"
    "请你方准时参加，并携带身份证明、授权委托书及证据原件。",
    "%p if recipient_role == 'requester' %",
    "你方无正当理由拒不参加或者未经许可中途退出口头审理的，按撤回请求处理。",
    "%p else %",
    "你方无正当理由拒不参加或者未经许可中途退出口头审理的，{{ office.short_name }}将缺席审理。",
    "%p endif %",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

SUSPENSION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{CASE_PHRASE}（案号：{{{{ case.number }}}}），因{{{{ suspension.reason }}}}，"
    "依照{{ legal_basis }}的规定，{{ office.short_name }}决定自{{ suspension.from_cn }}起"
    "中止审理。中止审理的原因消除后，{{ office.short_name }}将恢复审理并另行通知。"
    "中止审理期间不计入审理期限。",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

RESUMPTION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{CASE_PHRASE}（案号：{{{{ case.number }}}}），因{{{{ suspension.reason }}}}，"
    "{{ office.short_name }}决定自{{ suspension.from_cn }}起中止审理。现中止审理的原因已经消除，"
    "依照{{ legal_basis }}的规定，{{ office.short_name }}决定自{{ suspension.to_cn }}起"
    "恢复审理。",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

REMINDER: list[str] = [
    *HEADER,
    ADDRESSEE,
    "{{ office.short_name }}于{{ ruling_ref.date_cn }}作出的{{ ruling_ref.title }}"
    "（{{ ruling_ref.number }}）已于{{ ruling_ref.served_on_cn }}送达你方。该裁决书确定你方"
    "应当履行下列义务：",
    *_loop("orders", numbered=True),
    "{% if ruling_ref.litigation %}{{ ruling_ref.litigation }}你方至今未履行上述义务。"
    "{% else %}你方在法定期限内未提起行政诉讼，亦未履行上述义务。{% endif %}",
    "依照{{ legal_basis }}的规定，现催告你方自收到本催告书之日起"
    "{{ periods.performance_days_cn }}日内履行上述义务。你方有权进行陈述和申辩。"
    "逾期仍不履行的，{{ office.short_name }}将依法申请人民法院强制执行。",
    "+ 特此催告。",
    *SIGNATURE_AND_NOTE,
]

ENFORCEMENT: list[str] = [
    *HEADER,
    "申请人：{{ office.name }}{% if office.address %}，住所：{{ office.address }}{% endif %}。",
    *_party_block("被申请人", "respondents"),
    "#1 一、申请事项",
    "请求依法强制执行{{ office.short_name }}于{{ ruling_ref.date_cn }}作出的"
    "{{ ruling_ref.title }}（{{ ruling_ref.number }}）。",
    "#1 二、事实与理由",
    f"{CASE_PHRASE}，{{{{ office.short_name }}}}于{{{{ ruling_ref.date_cn }}}}依法作出裁决：",
    *_loop("orders", numbered=True),
    "该裁决书已于{{ ruling_ref.served_on_cn }}送达被申请人。{% if ruling_ref.litigation %}"
    "{{ ruling_ref.litigation }}被申请人至今未履行裁决确定的义务，经催告后逾期仍未履行。"
    "{% else %}被申请人在法定期限内既未提起行政诉讼，又未履行裁决确定的义务，经催告后逾期"
    "仍未履行。{% endif %}",
    "+ 依照{{ legal_basis }}的规定，特申请强制执行。",
    "+ 此致",
    "+ > {{ court }}",
    *SIGNATURE,
]

CLOSING: list[str] = [
    *INTERNAL_HEADER,
    "#1 一、案件基本情况",
    "案号：{{ case.number }}；案由：{{ case.cause }}；立案日期：{{ case.accepted_on_cn }}。",
    f"请求人：{REQUESTER_NAMES}；被请求人：{RESPONDENT_NAMES}。",
    f"涉案专利：{PATENTS_PHRASE}。",
    "%p if closing_method %",
    "结案方式：{{ closing_method }}。",
    "%p endif %",
    "#1 二、办理情况",
    *_loop("closing_summary"),
    "#1 三、结案意见",
    "+ 本案符合结案条件，建议结案。",
    "",
]

# --- mediation and judicial confirmation (mediation.documents) ------------------------------

MEDIATION_PHRASE = (f"请求人{REQUESTER_NAMES}与被请求人{RESPONDENT_NAMES}"
                    "{{ dispute.name }}调解一案")
TERMS = ["%p for t in agreement.terms %",
         "{% if agreement.terms|length > 1 %}{{ loop.index }}. {% endif %}{{ t.text }}",
         "%p endfor %"]

MEDIATION_REQUEST: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"请求人{REQUESTER_NAMES}于{{{{ request.requested_on_cn }}}}向{{{{ office.short_name }}}}"
    "提出调解请求，请求{{ office.short_name }}就其与你方之间的{{ dispute.name }}进行调解。"
    "依照{{ legal_basis }}的规定，现将调解请求书副本及有关材料送达你方。",
    "%p if request.summary %",
    "请求人的请求事项如下：",
    *_loop("request.summary"),
    "%p endif %",
    "请你方自收到本通知书之日起{{ request.answer_days_cn }}日内向{{ office.short_name }}"
    "提交意见陈述书，写明是否同意调解，并可以附具有关证据材料。你方逾期未提交意见陈述书，"
    "或者在意见陈述书中表示不同意调解的，{{ office.short_name }}将不予调解，并通知请求人。",
    "调解遵循自愿、合法的原则。调解不影响当事人依法向人民法院提起诉讼。",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

MEDIATION_SESSION: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{MEDIATION_PHRASE}（案号：{{{{ case.number }}}}），依照{{{{ legal_basis }}}}的规定，"
    "{{ office.short_name }}定于{{ session.at_cn }}在{{ session.place }}进行第"
    "{{ session.n_cn }}次调解，由调解员{{ mediator }}主持。请你方准时参加，并携带身份证明、"
    "授权委托书及有关证据材料。",
    "你方因故不能按时参加的，请于调解日前告知{{ office.short_name }}。"
    "当事人无正当理由不参加调解的，视为不同意继续调解。",
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

MEDIATION_RECORD: list[str] = [
    *INTERNAL_HEADER,
    "> 时间：{{ session.held_at_cn }}",
    "> 地点：{{ session.place }}",
    "> 事由：{{ dispute.name }}调解（第{{ session.n_cn }}次）",
    "> 调解员：{{ mediator }}",
    "> 参加人员：{{ session.attendees|join('、') }}",
    "#1 调解经过",
    *_loop("session.minutes"),
    "%p if session.requester_position %",
    "#1 请求人的意见",
    *_loop("session.requester_position"),
    "%p endif %",
    "%p if session.respondent_position %",
    "#1 被请求人的意见",
    *_loop("session.respondent_position"),
    "%p endif %",
    "%p if session.confirmed %",
    "+ 以上笔录经当事人核对，确认无误。",
    "%p else %",
    "+ 以上笔录已交当事人核对。",
    "%p endif %",
    "",
    "%p for p in requesters %",
    "+ > 请求人：{{ p.name }}（签名或盖章）",
    "%p endfor %",
    "%p for p in respondents %",
    "+ > 被请求人：{{ p.name }}（签名或盖章）",
    "%p endfor %",
    "+ > 调解员：{{ mediator }}（签名）",
    "> 记录人（签名）：",
]

MEDIATION_AGREEMENT: list[str] = [
    *HEADER,
    *_party_block("请求人", "requesters"),
    *_party_block("被请求人", "respondents"),
    "调解员：{{ mediator }}。",
    f"{MEDIATION_PHRASE}，请求人于{{{{ request.requested_on_cn }}}}请求"
    "{{ office.name }}调解。经{{ office.short_name }}主持调解，"
    "{{ agreement.sides_cn }}当事人在自愿、平等的基础上，"
    "依照{{ legal_basis }}的规定，达成如下协议。",
    "#1 一、纠纷的主要事实",
    *_loop("agreement.facts"),
    "#1 二、争议事项",
    *_loop("agreement.issues"),
    "#1 三、协议内容",
    *TERMS,
    "%p for t in agreement.other_terms %",
    "{{ t }}",
    "%p endfor %",
    "%p if agreement.amount_total_figures %",
    "上述款项合计{{ agreement.amount_total_figures }}（{{ agreement.amount_total_capital }}）。",
    "%p endif %",
    "#1 四、协议的履行和效力",
    "本协议自{{ agreement.sides_cn }}当事人签名或者盖章、调解员签名并加盖"
    "{{ office.name }}印章之日起生效，"
    "{{ agreement.sides_cn }}当事人应当按照约定自觉履行。"
    "本协议不涉及知识产权效力或者权属的认定。",
    "{{ agreement.sides_cn }}当事人可以自本协议生效之日起"
    "{{ agreement.filing_days_cn }}日内共同向有管辖权的"
    "人民法院申请司法确认；人民法院依法确认本协议有效后，一方当事人拒绝履行或者未全部履行的，"
    "对方当事人可以向人民法院申请强制执行。",
    "+ 本协议一式{{ agreement.copies_cn }}份，{{ agreement.sides_cn }}当事人各执一份，"
    "{{ office.short_name }}"
    "存档一份，具有同等效力。",
    "",
    "%p for s in agreement.signatories %",
    "+ > {{ s.role }}：{{ s.name }}（签名或盖章）",
    "R {% if s.signed_on_cn %}{{ s.signed_on_cn }}{% else %}年　　月　　日{% endif %}",
    "%p endfor %",
    "+ > 调解员：{{ mediator }}（签名）",
    "R {% if agreement.mediator_signed_on_cn %}{{ agreement.mediator_signed_on_cn }}"
    "{% else %}年　　月　　日{% endif %}",
    *SIGNATURE,
]

MEDIATION_TERMINATION: list[str] = [
    *HEADER,
    ADDRESSEE,
    "%p if not case.accepted_on_cn %",
    f"请求人{REQUESTER_NAMES}于{{{{ request.requested_on_cn }}}}请求{{{{ office.short_name }}}}"
    f"就其与被请求人{RESPONDENT_NAMES}之间的{{{{ dispute.name }}}}进行调解。",
    "%p else %",
    f"{MEDIATION_PHRASE}（案号：{{{{ case.number }}}}），{{{{ office.short_name }}}}于"
    "{{ case.accepted_on_cn }}开始调解。",
    "%p endif %",
    "{{ termination.facts }}依照{{ legal_basis }}的规定，{{ office.short_name }}于"
    "{{ termination.on_cn }}决定{{ termination.decision }}。",
    *_loop("termination.remedies"),
    "+ 特此通知。",
    *SIGNATURE_AND_NOTE,
]

CONFIRMATION_APPLICATION: list[str] = [
    *INTERNAL_HEADER,
    # Both parties apply; each is named as the agreement's terms name it (被请求人向请求人…).
    *_party_block("申请人（请求人）", "requesters"),
    *_party_block("申请人（被请求人）", "respondents"),
    "#1 一、请求事项",
    "请求{{ confirmation.court }}依法确认申请人于{{ agreement.effective_on_cn }}经"
    "{{ office.name }}主持调解达成的调解协议（{{ agreement.number }}）有效。",
    "#1 二、事实和理由",
    "申请人之间因{{ dispute.name }}发生纠纷，经{{ office.name }}主持调解，于"
    "{{ agreement.effective_on_cn }}达成调解协议，协议的主要内容如下：",
    *TERMS,
    "上述调解协议系申请人在自愿、平等的基础上达成，是申请人的真实意思表示，不违反法律、"
    "行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益，亦不涉及知识产权"
    "效力或者权属的认定。依照{{ legal_basis }}的规定，申请人自调解协议生效之日起"
    "{{ agreement.filing_days_cn }}日内共同向贵院申请司法确认。",
    "申请人承诺：申请人出于解决纠纷的目的申请司法确认，所提交的材料真实、合法，调解协议"
    "不存在恶意串通、规避法律的情形；如因虚假陈述造成他人损失的，愿意承担相应的法律责任。",
    "+ 此致",
    "+ > {{ confirmation.court }}",
    "",
    "%p for s in agreement.signatories %",
    "+ > 申请人：{{ s.name }}（签名或盖章）",
    "%p endfor %",
    "R {{ doc.date_cn }}",
    "> 附：调解协议书及司法确认申请材料清单所列材料。",
]

CONFIRMATION_MATERIALS: list[str] = [
    *INTERNAL_HEADER,
    f"> 申请人：{REQUESTER_NAMES}、{RESPONDENT_NAMES}",
    "> 调解协议：{{ agreement.number }}（{{ office.name }}主持调解达成）",
    "> 受理法院：{{ confirmation.court }}",
    "%p if confirmation.filing_due_cn %",
    "> 申请期限：自调解协议生效之日起{{ agreement.filing_days_cn }}日内，"
    "即至{{ confirmation.filing_due_cn }}止",
    "%p endif %",
    "> 依照{{ legal_basis }}的规定，随申请书提交下列材料：",
    "%p for m in confirmation.materials %",
    "{{ loop.index }}. {{ m.label }}：{% if m.ready %}已备齐{% else %}尚未备齐{% endif %}",
    "%p endfor %",
    "",
    "+ R 经办调解员：{{ mediator }}",
    "R {{ doc.date_cn }}",
]

HANDLERS = ("{% for m in panel %}{{ m.name }}{% if not loop.last %}、{% endif %}{% endfor %}")
APPROVAL_BOX = "\n\n签名：                年    月    日"
# (label, value, minimum row height in mm): signature and approval rows are tall enough
# to sign in.
Row = tuple[str, str, int]

CLOSING_ROWS: list[Row] = [
    ("承办人意见", f"建议结案。\n承办人：{HANDLERS}", 18),
    ("负责人审批意见", APPROVAL_BOX, 30),
]

EXTENSION_ROWS: list[Row] = [
    ("案由", "{{ case.cause }}", 10),
    ("请求人", REQUESTER_NAMES, 10),
    ("被请求人", RESPONDENT_NAMES, 10),
    ("立案日期", "{{ case.accepted_on_cn }}", 10),
    ("延长期限", "{{ extension.months_cn }}个月{% if extension.new_due_cn %}"
     "（延长至{{ extension.new_due_cn }}）{% endif %}", 10),
    ("延长理由", "{{ extension.reason }}", 18),
    ("承办人意见", f"建议延长审理期限。\n承办人：{HANDLERS}", 18),
    ("负责人审批意见", APPROVAL_BOX, 30),
]

SERVICE_ROWS: list[Row] = [
    ("送达文书", "{{ service.document_title }}", 10),
    ("文号", "{{ service.document_number }}", 10),
    ("受送达人", "{{ service.recipient }}", 10),
    ("送达地址", "{{ service.address }}", 10),
    ("送达方式", "{{ service.method }}", 10),
    ("送达日期", "{% if service.served_on_cn %}{{ service.served_on_cn }}{% else %}"
     "        年    月    日{% endif %}", 10),
    ("受送达人签名或盖章", "", 18),
    ("代收人签名及代收理由", "{{ service.received_by }}", 18),
    ("见证人签名（留置送达时）", "", 18),
    ("留置送达的原因及情况", "", 18),
    ("送达人签名", "{{ service.server_names|join('、') }}", 14),
    ("送达机关", "{{ office.name }}（印章）", 10),
    ("备注", "", 10),
]

DOCUMENTS: dict[str, tuple[list[str], list[Row] | None, list[str]]] = {
    # code: (lines before the table, table rows or None, lines after the table)
    "acceptance_notice": (ACCEPTANCE, None, []),
    "rejection_notice": (REJECTION, None, []),
    "correction_notice": (CORRECTION, None, []),
    "answer_notice": (ANSWER, None, []),
    "hearing_notice": (HEARING, None, []),
    "suspension_notice": (SUSPENSION, None, []),
    "resumption_notice": (RESUMPTION, None, []),
    "extension_approval": (INTERNAL_HEADER, EXTENSION_ROWS, []),
    "ruling": (RULING, None, []),
    # The receipt is a one-page form: the header without its blank line.
    "service_receipt": (HEADER[:3], SERVICE_ROWS, []),
    "reminder": (REMINDER, None, []),
    "enforcement_application": (ENFORCEMENT, None, []),
    "closing_report": (CLOSING, CLOSING_ROWS, []),
    "mediation_request_notice": (MEDIATION_REQUEST, None, []),
    "mediation_session_notice": (MEDIATION_SESSION, None, []),
    "mediation_record": (MEDIATION_RECORD, None, []),
    "mediation_agreement": (MEDIATION_AGREEMENT, None, []),
    "mediation_termination_notice": (MEDIATION_TERMINATION, None, []),
    "confirmation_application": (CONFIRMATION_APPLICATION, None, []),
    "confirmation_materials": (CONFIRMATION_MATERIALS, None, []),
}



# --- complaints and referral (issue 12): 行刑衔接, 案件移送, 投诉举报答复 -------------------
# Their contexts are the referral and complaints workflows' own (cases/referral/documents.py,
# cases/complaints/documents.py), not the ruling's.
SUSPECT_NAMES = "{{ suspects|map(attribute='name')|join('、') }}"


def _suspect_block() -> list[str]:
    return [
        "%p for p in suspects %",
        "涉嫌单位（人）：{{ p.name }}{% if p.address %}，{{ p.address_label }}："
        "{{ p.address }}{% endif %}{% if p.id_number %}，{{ p.id_label }}：{{ p.id_number }}"
        "{% endif %}。",
        "%p endfor %",
    ]


REFERRAL_LETTER: list[str] = [
    *HEADER,
    ADDRESSEE,
    "{{ office.short_name }}在办理{{ case.origin_title }}（案号：{{ case.origin_number }}）"
    f"过程中发现，{SUSPECT_NAMES}涉嫌{{{{ offence.name }}}}（{{{{ offence.article }}}}）。"
    "有关情况如下：",
    *_suspect_block(),
    *_loop("facts"),
    "%p if threshold %",
    "经核查，涉案数额已达到刑事追诉标准：",
    *_loop("threshold"),
    "%p endif %",
    "+ 依照{{ legal_basis }}的规定，现将该案移送你局，请依法审查并作出立案或者不予立案的决定，"
    "同时将决定书面告知{{ office.short_name }}。",
    "+ 附件：移送案件附件清单{% if attachments %}（共{{ attachments|length }}项）{% endif %}",
    *SIGNATURE_AND_NOTE,
]

REFERRAL_ATTACHMENTS: list[str] = [
    *HEADER,
    f"{{{{ office.short_name }}}}移送你局的{SUSPECT_NAMES}涉嫌{{{{ offence.name }}}}一案"
    "（案号：{{ case.origin_number }}），随案移送下列材料：",
    "%p set items = attachments %",
    "%p for a in items %",
    ITEM + "{{ a.title }}{% if a.detail %}：{{ a.detail }}{% endif %}",
    "%p endfor %",
    "+ 依照{{ legal_basis }}的规定，以上材料随涉嫌犯罪案件移送书一并移送。",
    *SIGNATURE_AND_NOTE,
]

RECONSIDERATION_REQUEST: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{{{{ office.short_name }}}}于{{{{ referral.sent_on_cn }}}}移送你局的{SUSPECT_NAMES}"
    "涉嫌{{ offence.name }}一案，你局于{{ referral.police_decided_on_cn }}作出不予立案的决定，"
    "理由如下：",
    *_loop("referral.not_filed_reasons"),
    "{{ office.short_name }}认为，该案涉案数额已达到刑事追诉标准，依法应当追究刑事责任：",
    *_loop("facts"),
    *_loop("threshold"),
    "依照{{ legal_basis }}的规定，{{ office.short_name }}提请你局复议。请你局自收到本提请复议书"
    "之日起{{ periods.reconsideration_answer_days_cn }}日内作出复议决定，并将复议决定书面告知"
    "{{ office.short_name }}。",
    "+ 特此提请。",
    *SIGNATURE_AND_NOTE,
]

EXHIBIT_TRANSFER: list[str] = [
    *HEADER,
    ADDRESSEE,
    f"{{{{ office.short_name }}}}移送的{SUSPECT_NAMES}涉嫌{{{{ offence.name }}}}一案，你局已于"
    "{{ referral.police_decided_on_cn }}立案侦查（{{ referral.police_case_number }}）。依照"
    "{{ legal_basis }}的规定，{{ office.short_name }}将该案涉案物品移交你局，清单如下：",
    *_loop("exhibits", numbered=True),
    "+ 以上物品共{{ exhibits|length }}项，经双方当面清点无误。",
    "",
    "R 移交人（签名）：            ",
    "R 接收人（签名）：            ",
    *SIGNATURE_AND_NOTE,
]

TRANSFER_LETTER: list[str] = [
    *HEADER,
    ADDRESSEE,
    "{{ office.short_name }}于{{ transfer.origin_received_on_cn }}收到"
    "{% if transfer.accused %}关于{{ transfer.accused }}的{% endif %}"
    "{{ transfer.origin_title }}（案号：{{ transfer.origin_number }}）。经审查，该案不属于"
    "{{ office.short_name }}管辖，理由如下：",
    *_loop("transfer.reasons", numbered=True),
    "依照{{ legal_basis }}的规定，现将该案移送你单位处理，案件材料随函移送。"
    "请你单位收到后将处理情况告知{{ office.short_name }}。",
    "+ 特此函告。",
    *SIGNATURE_AND_NOTE,
]

COMPLAINT_REPLY: list[str] = [
    *HEADER,
    ADDRESSEE,
    "你方于{{ complaint.received_on_cn }}{{ complaint.channel }}反映{{ complaint.accused }}"
    "{{ complaint.subject }}一事，{{ office.short_name }}已收悉。",
    "经审查，{{ complaint.outcome_text }}",
    "%p set items = reasons %",
    "%p if items %",
    "理由如下：",
    "%p for t in items %",
    ITEM + "{{ t }}",
    "%p endfor %",
    "%p endif %",
    "依照{{ legal_basis }}的规定，特此答复。",
    "+ 感谢你方对知识产权保护工作的支持。",
    *SIGNATURE_AND_NOTE,
]

DOCUMENTS.update({
    "referral_letter": (REFERRAL_LETTER, None, []),
    "referral_attachments": (REFERRAL_ATTACHMENTS, None, []),
    "reconsideration_request": (RECONSIDERATION_REQUEST, None, []),
    "exhibit_transfer_list": (EXHIBIT_TRANSFER, None, []),
    "transfer_letter": (TRANSFER_LETTER, None, []),
    "complaint_reply": (COMPLAINT_REPLY, None, []),
})

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
    if name in (STYLE_H1, STYLE_H2, STYLE_H3, STYLE_TITLE):
        # A heading is never left alone at the foot of a page.
        fmt.keep_with_next = True
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
    table = _paragraph_style(doc, STYLE_TABLE, east_asian=L.FONT_BODY,
                             size_pt=L.TABLE_SIZE_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    # Forms are set in 四号 on a 20 pt pitch, so a one-page form keeps room to sign.
    table.paragraph_format.line_spacing = Pt(L.TABLE_LINE_PITCH_PT)
    table.element.get_or_add_pPr().insert_element_before(
        _no_snap(), "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
        "w:sectPr", "w:pPrChange",
    )
    _paragraph_style(doc, STYLE_PAGE_NUMBER, east_asian=L.FONT_PAGE_NUMBER,
                     size_pt=L.PAGE_NUMBER_SIZE_PT, align=None)


def _no_snap() -> Any:
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    return snap


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
    STYLE_TABLE: (L.FONT_BODY, L.TABLE_SIZE_PT),
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
    centre_over: float | None = None
    if prefix == "C":
        width, _, text = rest.partition(" ")
        centre_over, align = float(width), WD_ALIGN_PARAGRAPH.CENTER
    paragraph = container.add_paragraph(style=styles[style_name])
    if align is not None:
        paragraph.alignment = align
    if centre_over is not None:
        _centre_over_date(paragraph, centre_over)
    elif no_indent and style_name == STYLE_BODY:
        _set_indent(paragraph, first_line_chars=0, right_chars=indent_right_chars)
    _write_text(paragraph, text, style_name)
    # The signature block (blank lines, panel, office; not the date that ends it) stays
    # with the paragraph before it: GB/T 9704 never leaves a date alone on a page.
    if keep_with_next or not text or prefix == "C" or (
            prefix == "R" and "doc.date_cn" not in text):
        paragraph.paragraph_format.keep_with_next = True


def _centre_over_date(paragraph: Paragraph, date_chars: float) -> None:
    """Indents that centre the paragraph over a date of ``date_chars`` characters set four
    characters in from the right: the widest box around the date's centre that fits."""
    centre = L.CHARS_PER_LINE - 4 - date_chars / 2
    half = min(centre, L.CHARS_PER_LINE - centre)
    left, right = centre - half, L.CHARS_PER_LINE - centre - half
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr._remove_ind()
    ind = p_pr.get_or_add_ind()
    pitch = float(L.CHAR_PITCH_PT) * 20
    ind.set(qn("w:leftChars"), str(round(left * 100)))
    ind.set(qn("w:left"), str(round(left * pitch)))
    ind.set(qn("w:rightChars"), str(round(right * 100)))
    ind.set(qn("w:right"), str(round(right * pitch)))
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")


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


def _add_table(doc: Any, rows: Sequence[Row]) -> None:
    """A two-column form: every row at least its height, never split, and the whole table
    kept on one page (each row's paragraphs keep with the next)."""
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    label_width, value_width = Mm(46), Mm(110)
    # LibreOffice lays tables out from the grid columns, Word from the cell widths: set both.
    table.autofit = False
    table.columns[0].width = label_width
    table.columns[1].width = value_width
    for index, (row, (label, value, height)) in enumerate(zip(table.rows, rows, strict=True)):
        row.height = Mm(height)
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        last_row = index == len(rows) - 1
        for cell, text, width in ((row.cells[0], label, label_width),
                                  (row.cells[1], value, value_width)):
            cell.width = width
            for n, line in enumerate(text.split("\n")):
                paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                paragraph.style = doc.styles[STYLE_TABLE]
                _write_text(paragraph, line, STYLE_TABLE)
                paragraph.paragraph_format.keep_with_next = not last_row


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
