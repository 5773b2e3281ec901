"""The documents of the referral (D1) and transfer (D2) workflows: the template context of
each kind, built from the case, and when the documents menu offers it.

- 涉嫌犯罪案件移送书 (``referral_letter``) and 移送案件附件清单 (``referral_attachments``): the
  letter to the police and the list of the package sent with it;
- 提请复议书 (``reconsideration_request``): when the police decline to file;
- 移交涉案物品清单 (``exhibit_transfer_list``): the exhibits handed over once filed;
- 案件移送函 (``transfer_letter``): a case transferred to the competent authority.

The context is this module's own contract (:class:`ReferralContext`,
:class:`TransferContext`), not the ruling's: a referral has a suspect, an offence and the
police, no requester or patent panel. The legal basis comes from the legal-basis rules
(``documents.LegalBasisRule``), the periods from the time-limit rules.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypedDict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, DeadlineRule, DocumentKind, Office, Party, User
from cases.models.participants import AssignmentRole, PartyRole
from cases.referral.models import ReferralCase, ThresholdFlag, TransferCase
from cases.referral.models.police import PACKAGE_TITLES, PackageItem, ReferralState, package_detail
from cases.referral.models.transfer import TransferState
from cases.workflows import DocumentRule
from documents.context import DOCUMENT_TITLES, DocCtx, OfficeCtx
from documents.formatting import date_cn, number_cn
from documents.legal_basis import DEFAULT_LEGAL_BASIS
from documents.models import LegalBasisRule
from documents.selectors import arabic_dates, clause, cn_date, sentences, unnumbered

# The offences as a referral letter names them (罪名) and their article of the 刑法.
OFFENCE_NAMES: dict[str, str] = {
    "213": "假冒注册商标罪", "214": "销售假冒注册商标的商品罪",
    "215": "非法制造、销售非法制造的注册商标标识罪", "216": "假冒专利罪",
    "217": "侵犯著作权罪", "218": "销售侵权复制品罪", "219": "侵犯商业秘密罪",
}


# --- the contract -------------------------------------------------------------------------


class AddresseeCtx(TypedDict):
    name: str  # 南宁市公安局 / the receiving authority


class SuspectCtx(TypedDict):
    name: str
    address_label: str  # 住所 / 住址
    address: str
    id_label: str  # 统一社会信用代码 / 公民身份号码
    id_number: str


class OffenceCtx(TypedDict):
    code: str  # 213 …
    name: str  # 假冒注册商标罪
    article: str  # 《中华人民共和国刑法》第二百一十三条


class ReferralCaseCtx(TypedDict):
    number: str  # the referral's case number
    origin_number: str  # the administrative case in which the crime was suspected
    origin_title: str


class ReferralStepsCtx(TypedDict):
    approved_on_cn: str
    sent_on_cn: str
    receipt_on_cn: str
    police_decided_on_cn: str
    police_case_number: str
    not_filed_reasons: list[str]
    exhibits_handed_over_on_cn: str


class AttachmentCtx(TypedDict):
    title: str  # 涉案物品清单
    detail: str  # what was sent for it (its number or file name)


class ReferralPeriodsCtx(TypedDict):
    reconsideration_answer_days: int
    reconsideration_answer_days_cn: str


class ReferralContext(TypedDict):
    office: OfficeCtx
    doc: DocCtx
    case: ReferralCaseCtx
    recipient: AddresseeCtx
    suspects: list[SuspectCtx]
    offence: OffenceCtx
    facts: list[str]  # the referral report (or the grounds of suspicion before it)
    threshold: list[str]  # the thresholds reached, one per paragraph
    referral: ReferralStepsCtx
    attachments: list[AttachmentCtx]
    exhibits: list[str]
    task_force: list[str]
    periods: ReferralPeriodsCtx
    legal_basis: str
    contact: str


class TransferStepsCtx(TypedDict):
    origin_number: str
    origin_title: str
    origin_received_on_cn: str
    accused: str
    reasons: list[str]
    sent_on_cn: str


class TransferContext(TypedDict):
    office: OfficeCtx
    doc: DocCtx
    case: ReferralCaseCtx
    recipient: AddresseeCtx
    transfer: TransferStepsCtx
    legal_basis: str
    contact: str


# --- shared pieces ------------------------------------------------------------------------


def office_context(office: Office) -> OfficeCtx:
    return {"name": office.name, "short_name": "本局", "address": office.address,
            "postcode": "", "phone": office.phone,
            "government": f"{office.region_name}人民政府"}


def doc_context(kind: str, number: str, on: datetime.date) -> DocCtx:
    return {"number": number, "kind": kind, "title": DOCUMENT_TITLES.get(kind, ""),
            "date": on, "date_cn": cn_date(on), "arabic_dates": arabic_dates()}


def _attachment(item: str, detail: str) -> AttachmentCtx:
    """One item of the referral package; a detail that only repeats the item's title (as
    officers often enter it: 涉嫌犯罪案件移送书：涉嫌犯罪案件移送书) is printed once."""
    return {"title": PACKAGE_TITLES[item], "detail": package_detail(item, detail)}


# The label officers put before a complaint's or tip-off's title (投诉：…, 匿名举报:…).
_MATTER_LABEL = re.compile(r"^\s*(?:匿名)?(?:投诉|举报|线索)\s*[：:]\s*")


def matter(title: str) -> str:
    """A case's title as the matter a letter names: "反映某公司投诉：网店销售…一事" and
    "在办理举报：假冒注册商标案过程中" read the register's label as if it were the matter."""
    return _MATTER_LABEL.sub("", title)


def legal_basis(kind: str, on: datetime.date) -> str:
    rule = LegalBasisRule.objects.in_force(kind=kind, on=on)
    return rule.text if rule else ""


def contact(case: Case, office: Office) -> str:
    officer: User | None = case.officer_in_charge
    if officer is None:
        return ""
    return f"联系人：{officer.display_name}" + (f"，联系电话：{office.phone}"
                                              if office.phone else "")


def _date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def suspect_context(party: Party) -> SuspectCtx:
    natural = party.is_natural_person
    return {"name": party.name, "address_label": "住址" if natural else "住所",
            "address": party.domicile, "id_label": "公民身份号码" if natural
            else "统一社会信用代码", "id_number": party.id_number or ""}


def accused_parties(origin: Case | None) -> list[Party]:
    """Who the case is against: a complaint's accused party, a case's respondents."""
    if origin is None:
        return []
    complaint = getattr(origin, "complaint", None) if origin.workflow == "complaint" else None
    if complaint is not None:
        return [complaint.accused_party]
    return [cp.party for cp in origin.case_parties.select_related("party")
            .filter(role=PartyRole.RESPONDENT).order_by("position", "id")]


# How a threshold's measure is worded in a document, and its unit.
MEASURE_WORDS: dict[str, tuple[str, str]] = {
    "turnover": ("非法经营数额", "元"), "gain": ("违法所得数额", "元"),
    "sales": ("销售金额", "元"), "unsold_value": ("尚未销售的侵权产品货值金额", "元"),
    "loss": ("给权利人造成的损失", "元"), "copies": ("复制品数量", "份"),
    "labels": ("注册商标标识数量", "件"),
}


def _figure(value: str, unit: str) -> str:
    number = Decimal(value)
    if unit == "元":
        return f"{number:,.2f}元"
    return f"{number:,.0f}{unit}"


def threshold_paragraphs(origin: Case | None, flow: ReferralCase) -> list[str]:
    """The thresholds of the offence referred that were reached, one sentence each: from
    the origin's flag (the rule and the figures that triggered it), else the referral's
    own summary. Another offence's threshold is never named: the letter refers the case for
    one offence (a turnover over art. 213's figure also reaches art. 215's)."""
    flag = ThresholdFlag.objects.filter(case=origin).first() if origin is not None else None
    hits = [h for h in (flag.hits if flag is not None else []) if h.get("offence") == flow.offence]
    sentences = []
    for hit in hits:
        for figure in hit.get("figures", []):
            label, unit = MEASURE_WORDS.get(figure.get("measure", ""), ("涉案数额", ""))
            sentences.append(
                f"{label}{_figure(figure['value'], unit)}，已达到{hit.get('article', '')}"
                f"规定的{_figure(figure['threshold'], unit)}的追诉标准"
                + (f"（{hit['legal_basis']}）" if hit.get("legal_basis") else "") + "。")
    if sentences:
        return sentences
    return [clause(line) + "。" for line in flow.threshold_lines()]


def _days(code: str, on: datetime.date) -> int:
    try:
        return DeadlineRule.objects.in_force(code, on).amount
    except DeadlineRule.DoesNotExist:
        return 0


# --- referral to public security ----------------------------------------------------------


def referral_context(flow: ReferralCase, *, kind: str, number: str = "",
                     on: datetime.date | None = None, party: Party | None = None,
                     ) -> ReferralContext:
    """The context of a document of ``kind`` for the referral ``flow``: every key filled,
    what has not happened yet empty."""
    on = on or timezone.localdate()
    case = flow.case
    office = case.office
    origin = case.origin
    members = [a.user.display_name for a in case.assignments.select_related("user")
               .filter(role=AssignmentRole.MEMBER).order_by("id")]
    answer_days = _days("referral.reconsideration_answer", on)
    facts = sentences(flow.report) or sentences(flow.suspicion)
    return {
        "office": office_context(office),
        "doc": doc_context(kind, number, on),
        "case": {"number": case.number, "origin_number": origin.number if origin else "",
                 "origin_title": matter(origin.title if origin else case.title)},
        # The same-level public security bureau unless the officer named another.
        "recipient": {"name": flow.police_bureau or f"{office.region_name}公安局"},
        "suspects": [suspect_context(p) for p in accused_parties(origin)],
        "offence": {"code": flow.offence, "name": OFFENCE_NAMES.get(flow.offence, ""),
                    "article": f"《中华人民共和国刑法》第{number_cn(int(flow.offence))}条"
                    if flow.offence.isdigit() else ""},
        "facts": facts,
        "threshold": threshold_paragraphs(origin, flow),
        "referral": {
            "approved_on_cn": cn_date(_date(flow.approved_at)),
            "sent_on_cn": cn_date(_date(flow.sent_at)),
            "receipt_on_cn": cn_date(_date(flow.receipt_at)),
            "police_decided_on_cn": cn_date(flow.police_decided_on),
            "police_case_number": flow.police_case_number,
            "not_filed_reasons": sentences(flow.not_filed_reasons),
            "exhibits_handed_over_on_cn": cn_date(flow.exhibits_handed_over_on),
        },
        "attachments": [_attachment(item, flow.package[item])
                        for item in PackageItem.values if flow.package.get(item)],
        "exhibits": unnumbered([str(item) for item in flow.exhibits or []]),
        "task_force": members,
        "periods": {"reconsideration_answer_days": answer_days,
                    "reconsideration_answer_days_cn": number_cn(answer_days)},
        "legal_basis": legal_basis(kind, on),
        "contact": contact(case, office),
    }


R = ReferralState
_AFTER_APPROVAL = frozenset({R.APPROVED, R.SENT, R.WITH_POLICE, R.FILED, R.NOT_FILED,
                             R.RECONSIDERATION, R.SUPERVISION, R.CLOSED})
_SENT = _AFTER_APPROVAL - {R.APPROVED}
_LEGAL_BASIS = ("legal_basis", _("legal basis (legal basis rules)"))
_COMMON = (("office.name", _("name of the office")), ("case.number", _("case number")),
           ("recipient.name", _("public security bureau")),
           ("suspects", _("the suspect (the accused party of the case)")),
           ("offence.name", _("suspected offence")), _LEGAL_BASIS)


def _sample_office() -> OfficeCtx:
    return {"name": "南宁市知识产权局", "short_name": "本局",
            "address": "广西壮族自治区南宁市青秀区民族大道 100 号", "postcode": "530022",
            "phone": "0771-5512345", "government": "南宁市人民政府"}


def _sample_doc(kind: str, code: str) -> DocCtx:
    day = datetime.date(2026, 11, 24)
    return {"number": f"{code}〔2026〕12号", "kind": kind, "title": DOCUMENT_TITLES[kind],
            "date": day, "date_cn": date_cn(day), "arabic_dates": False}


def sample_legal_basis(kind: str) -> str:
    """The shipped legal basis of ``kind`` (documents.legal_basis)."""
    return next((text for k, _outcome, _right, text in DEFAULT_LEGAL_BASIS if k == kind), "")


_SAMPLE_CODES = {"referral_letter": "南知移字", "referral_attachments": "南知移附字",
                 "reconsideration_request": "南知复议字", "exhibit_transfer_list": "南知移物字",
                 "transfer_letter": "南知转字"}


def referral_sample(kind: str) -> ReferralContext:
    """A complete context of a referral document (template validation, tests); the names
    and free text carry ``&``, ``<``, ``>`` and quotes on purpose."""
    return {
        "office": _sample_office(),
        "doc": _sample_doc(kind, _SAMPLE_CODES[kind]),
        "case": {"number": "南知案字〔2026〕31号", "origin_number": "南知案字〔2026〕27号",
                 "origin_title": "销售假冒“壮乡”商标白酒 <举报>"},
        "recipient": {"name": "南宁市公安局"},
        "suspects": [{"name": "南宁市某某商贸有限公司 & 分店", "address_label": "住所",
                      "address": "南宁市青秀区民族大道 88 号", "id_label": "统一社会信用代码",
                      "id_number": "91450100MA5KXXXX1X"}],
        "offence": {"code": "213", "name": "假冒注册商标罪",
                    "article": "《中华人民共和国刑法》第二百一十三条"},
        "facts": ["经查，当事人未经商标注册人许可，在同一种商品上使用与其注册商标相同的商标。",
                  "现场查获假冒“壮乡”商标白酒 120 箱。"],
        "threshold": ["假冒注册商标：非法经营数额 80000.00 元，达到 50000 元的追诉标准。"],
        "referral": {"approved_on_cn": "二〇二六年十一月二十日",
                     "sent_on_cn": "二〇二六年十一月二十日",
                     "receipt_on_cn": "二〇二六年十一月二十一日",
                     "police_decided_on_cn": "二〇二六年十一月二十三日",
                     "police_case_number": "南公（经）立字〔2026〕8号",
                     "not_filed_reasons": ["现有证据不足以证明涉案数额。"],
                     "exhibits_handed_over_on_cn": "二〇二六年十一月二十四日"},
        "attachments": [{"title": "涉嫌犯罪案件移送书", "detail": "南知移字〔2026〕11号"},
                        {"title": "涉嫌犯罪案件调查报告", "detail": "调查报告 1 份"},
                        {"title": "涉案物品清单", "detail": "清单 1 份（2 页）"}],
        "exhibits": ["假冒“壮乡”商标白酒 120 箱", "商标标识 3000 张"],
        "task_force": ["李明", "王芳"],
        "periods": {"reconsideration_answer_days": 3, "reconsideration_answer_days_cn": "三"},
        "legal_basis": sample_legal_basis(kind),
        "contact": "联系人：李明，联系电话：0771-5512345",
    }


def _rule(kind: str, *, steps: tuple[str, ...], offered_in: frozenset[str],
          required: tuple[tuple[str, Any], ...], offered_if: Any = None,
          repeatable: bool = False,
          dated: Callable[[ReferralCase], datetime.date | None]) -> DocumentRule:
    return DocumentRule(
        kind=kind, context=referral_context, context_type=ReferralContext, steps=steps,
        offered_in=offered_in, offered_if=offered_if, repeatable=repeatable,
        required=(*_COMMON, *required), sample=lambda: dict(referral_sample(kind)),
        dated=dated)


# The day of the act each document is the written form of (DocumentRule.dated): printed
# again later, the letter is still dated the day the case was sent.
def _sent_on(flow: ReferralCase) -> datetime.date | None:
    return _date(flow.sent_at)


REFERRAL_DOCUMENTS: dict[str, DocumentRule] = {
    # The letter is drafted with the report for the head's approval and sent with it.
    DocumentKind.REFERRAL_LETTER: _rule(
        DocumentKind.REFERRAL_LETTER, steps=("approve", "send"),
        offered_in=frozenset({R.PENDING_APPROVAL}) | _AFTER_APPROVAL,
        required=(("facts", _("referral report")),
                  ("case.origin_number", _("case in which the crime was suspected"))),
        dated=_sent_on),
    # The list records the package as sent (the checklist is the send step's input).
    DocumentKind.REFERRAL_ATTACHMENTS: _rule(
        DocumentKind.REFERRAL_ATTACHMENTS, steps=("send",), offered_in=_SENT,
        required=(("attachments", _("referral package (sent)")),), dated=_sent_on),
    DocumentKind.RECONSIDERATION_REQUEST: _rule(
        DocumentKind.RECONSIDERATION_REQUEST, steps=("request_reconsideration",),
        offered_in=frozenset({R.NOT_FILED, R.RECONSIDERATION}),
        offered_if=lambda flow: flow.reconsideration_requested_on is None
        or flow.state == R.RECONSIDERATION,
        required=(("referral.police_decided_on_cn", _("date of the police's decision")),
                  ("referral.not_filed_reasons", _("police's reasons for not filing")),
                  ("referral.sent_on_cn", _("date the referral was sent"))),
        dated=lambda flow: flow.reconsideration_requested_on),
    DocumentKind.EXHIBIT_TRANSFER_LIST: _rule(
        DocumentKind.EXHIBIT_TRANSFER_LIST, steps=("hand_over_exhibits",),
        offered_in=frozenset({R.CLOSED}), offered_if=lambda flow: bool(flow.exhibits),
        required=(("exhibits", _("exhibits handed over")),
                  ("referral.police_case_number", _("police case number")),
                  ("referral.police_decided_on_cn", _("date of the police's decision"))),
        dated=lambda flow: flow.exhibits_handed_over_on),
}


# --- transfer to another authority --------------------------------------------------------


def transfer_context(flow: TransferCase, *, kind: str, number: str = "",
                     on: datetime.date | None = None, party: Party | None = None,
                     ) -> TransferContext:
    on = on or timezone.localdate()
    case = flow.case
    office = case.office
    origin = case.origin
    return {
        "office": office_context(office),
        "doc": doc_context(kind, number, on),
        "case": {"number": case.number, "origin_number": origin.number if origin else "",
                 "origin_title": matter(origin.title if origin else case.title)},
        "recipient": {"name": flow.receiver_label},
        "transfer": {
            "origin_number": origin.number if origin else "",
            "origin_title": matter(origin.title) if origin else "",
            "origin_received_on_cn": cn_date(origin.received_on) if origin else "",
            "accused": "、".join(p.name for p in accused_parties(origin)),
            "reasons": unnumbered(sentences(flow.reasons)),
            "sent_on_cn": cn_date(flow.sent_on),
        },
        "legal_basis": legal_basis(kind, on),
        "contact": contact(case, office),
    }


def transfer_sample() -> TransferContext:
    return {
        "office": _sample_office(),
        "doc": _sample_doc("transfer_letter", _SAMPLE_CODES["transfer_letter"]),
        "case": {"number": "南知案字〔2026〕33号", "origin_number": "南知案字〔2026〕29号",
                 "origin_title": "销售假冒“壮乡”商标白酒 <投诉>"},
        "recipient": {"name": "柳州市知识产权局"},
        "transfer": {"origin_number": "南知案字〔2026〕29号",
                     "origin_title": "销售假冒“壮乡”商标白酒 <投诉>",
                     "origin_received_on_cn": "二〇二六年十一月十六日",
                     "accused": "柳州市某某贸易有限公司 & 分店",
                     "reasons": ["被投诉人住所地及侵权行为地均在柳州市。",
                                 "本局对该案无地域管辖权。"],
                     "sent_on_cn": "二〇二六年十一月二十四日"},
        "legal_basis": sample_legal_basis("transfer_letter"),
        "contact": "联系人：李明，联系电话：0771-5512345",
    }


T = TransferState
TRANSFER_DOCUMENTS: dict[str, DocumentRule] = {
    DocumentKind.TRANSFER_LETTER: DocumentRule(
        kind=DocumentKind.TRANSFER_LETTER, context=transfer_context,
        context_type=TransferContext, steps=("send",),
        offered_in=frozenset({T.PREPARING, T.SENT, T.RECEIPTED}),
        suggested_in=frozenset({T.PREPARING}),
        required=(("office.name", _("name of the office")), ("case.number", _("case number")),
                  ("recipient.name", _("receiving authority")),
                  ("transfer.origin_number", _("case transferred")),
                  ("transfer.reasons", _("why this office has no jurisdiction")),
                  _LEGAL_BASIS),
        sample=lambda: dict(transfer_sample()), dated=lambda flow: flow.sent_on),
}
