"""The document of the complaints workflow: the reply to a named complainant (投诉举报答复书),
built from the complaint's triage (outcome, reasons, the case it became)."""

from __future__ import annotations

import datetime
from typing import TypedDict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.complaints.models import (
    Channel,
    ComplaintCase,
    ComplaintState,
    TriageOutcome,
    has_named_complainant,
)
from cases.models import Case, DocumentKind, Party
from cases.referral.documents import (
    contact,
    doc_context,
    legal_basis,
    matter,
    office_context,
    referral_sample,
    sample_legal_basis,
)
from cases.workflows import DocumentRule
from documents.context import DOCUMENT_TITLES, DocCtx, OfficeCtx
from documents.selectors import cn_date, sentences, unnumbered

# How the complainant reached the office, as the reply's first sentence says it
# (你方于…{channel}反映…).
CHANNEL_WORDS: dict[str, str] = {
    Channel.HOTLINE_12345: "通过12345政务服务便民热线",
    Channel.HOTLINE_12315: "通过12315热线",
    Channel.LETTER: "来信",
    Channel.ONLINE: "通过网络平台",
    Channel.VISIT: "来访",
}
# What the office decided, in the reply's words; {office} is how it names itself, {case}
# the number of the case the matter became (with its brackets), {target} where it went.
OUTCOME_WORDS: dict[str, str] = {
    TriageOutcome.RULING: "你方反映的事项属于专利侵权纠纷，{office}已依权利人的请求立案处理"
                          "{case}。",
    TriageOutcome.MEDIATION: "你方反映的事项适宜通过行政调解解决，{office}已转入行政调解程序"
                             "{case}。",
    TriageOutcome.TRANSFER: "你方反映的事项不属于{office}管辖，{office}已将其移送{target}"
                            "依法处理。",
    TriageOutcome.REFERRAL: "你方反映的事项涉嫌犯罪，{office}已依法移送公安机关处理。",
    TriageOutcome.NOT_ACCEPTED: "{office}决定不予受理。",
}
_DERIVED_WORKFLOW: dict[str, str] = {
    TriageOutcome.RULING: "ruling", TriageOutcome.MEDIATION: "mediation",
    TriageOutcome.TRANSFER: "transfer", TriageOutcome.REFERRAL: "referral"}


class RecipientCtx(TypedDict):
    name: str
    address: str


class ComplaintCtx(TypedDict):
    number: str
    kind: str  # 投诉 / 举报
    received_on_cn: str
    channel: str  # 通过12345政务服务便民热线 …
    accused: str
    subject: str  # the matter as registered (the case's title)
    outcome: str  # TriageOutcome value
    outcome_text: str  # the decision, in one sentence
    decided_on_cn: str


class ComplaintReplyContext(TypedDict):
    office: OfficeCtx
    doc: DocCtx
    recipient: RecipientCtx
    complaint: ComplaintCtx
    reasons: list[str]
    legal_basis: str
    contact: str


def _derived_number(case: Case, outcome: str) -> str:
    workflow = _DERIVED_WORKFLOW.get(outcome)
    if workflow is None:
        return ""
    derived = (Case.objects.filter(origin=case, workflow=workflow).order_by("id")
               .values_list("number", flat=True).first())
    return derived or ""


def outcome_text(complaint: ComplaintCase) -> str:
    words = OUTCOME_WORDS.get(complaint.outcome, "")
    number = _derived_number(complaint.case, complaint.outcome)
    return words.format(office="本局", case=f"（案号：{number}）" if number else "",
                        target=complaint.transfer_target or "有管辖权的机关")


def reply_context(flow: ComplaintCase, *, kind: str, number: str = "",
                  on: datetime.date | None = None, party: Party | None = None,
                  ) -> ComplaintReplyContext:
    on = on or timezone.localdate()
    case = flow.case
    office = case.office
    complainant = flow.complainant_party
    channel = (f"向{flow.source_authority}" if flow.channel == Channel.FROM_AUTHORITY
               else CHANNEL_WORDS.get(flow.channel, ""))
    return {
        "office": office_context(office),
        "doc": doc_context(kind, number, on),
        "recipient": {
            "name": "" if flow.anonymous else (
                flow.complainant_name or (complainant.name if complainant else "")),
            "address": flow.complainant_address or (complainant.domicile if complainant
                                                    else ""),
        },
        "complaint": {
            "number": case.number, "kind": "投诉" if flow.kind == "complaint" else "举报",
            "received_on_cn": cn_date(case.received_on), "channel": channel,
            "accused": flow.accused_party.name, "subject": matter(case.title),
            "outcome": flow.outcome, "outcome_text": outcome_text(flow),
            "decided_on_cn": cn_date(flow.decided_on),
        },
        "reasons": unnumbered(sentences(flow.decision_reasons)),
        "legal_basis": legal_basis(kind, on),
        "contact": contact(case, office),
    }


def reply_sample() -> ComplaintReplyContext:
    base = referral_sample("referral_letter")
    return {
        "office": base["office"],
        "doc": {**base["doc"], "number": "南知复字〔2026〕12号", "kind": "complaint_reply",
                "title": DOCUMENT_TITLES["complaint_reply"]},
        "recipient": {"name": "广西壮乡食品有限公司 & 子公司",
                      "address": "南宁市西乡塘区大学东路 1 号"},
        "complaint": {"number": "南知案字〔2026〕27号", "kind": "投诉",
                      "received_on_cn": "二〇二六年十一月十六日",
                      "channel": "通过12345政务服务便民热线",
                      "accused": "南宁市某某商贸有限公司 <门店>",
                      "subject": "销售假冒“壮乡”商标白酒", "outcome": TriageOutcome.NOT_ACCEPTED,
                      "outcome_text": "本局决定不予受理。",
                      "decided_on_cn": "二〇二六年十一月二十日"},
        "reasons": ["所反映事项不属于知识产权侵权，属于产品质量问题。"],
        "legal_basis": sample_legal_basis("complaint_reply"),
        "contact": "联系人：李明，联系电话：0771-5512345",
    }


S = ComplaintState
COMPLAINT_DOCUMENTS: dict[str, DocumentRule] = {
    DocumentKind.COMPLAINT_REPLY: DocumentRule(
        kind=DocumentKind.COMPLAINT_REPLY, context=reply_context,
        context_type=ComplaintReplyContext, steps=("record_reply",),
        offered_in=frozenset({S.DECIDED, S.CLOSED}), offered_if=has_named_complainant,
        suggested_in=frozenset({S.DECIDED}),
        required=(("office.name", _("name of the office")),
                  ("recipient.name", _("complainant")),
                  ("complaint.outcome_text", _("triage outcome")),
                  ("complaint.received_on_cn", _("date received")),
                  ("legal_basis", _("legal basis (legal basis rules)"))),
        sample=lambda: dict(reply_sample()), dated=lambda flow: flow.replied_on),
}
