"""The documents of the ruling workflow: the template context of each kind, built from
the ruling case, and when a ruling may be issued or voided.

Every kind of the ruling takes the whole context contract (``DocumentContext``): notices
and the ruling share parties, patents, periods and dates, and an uploaded template may use
any of them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext

from cases.errors import TransitionNotAllowed
from cases.models import (
    ApprovalOutcome,
    ApprovalRequest,
    Case,
    CaseEvent,
    DeadlineRule,
    DocumentKind,
    EvidenceItem,
    Office,
    Party,
    User,
)
from cases.models.participants import AssignmentRole, PartyRole
from cases.ruling.models import (
    Attendance,
    CaseState,
    LitigationResult,
    Outcome,
    RulingCase,
    demand_wait_elapsed,
    infringement_found,
    is_head,
)
from cases.workflows import DocumentRule
from documents.context import (
    DOCUMENT_TITLES,
    DocumentContext,
    ExtensionCtx,
    PanelMemberCtx,
    PartyCtx,
    PatentCtx,
    PeriodsCtx,
    ProductCtx,
    ReasoningCtx,
    RulingRefCtx,
    ServiceCtx,
    SuspensionCtx,
)
from documents.formatting import amount_capital, amount_figures, number_cn
from documents.models import Document, DocumentState, LegalBasisRule
from documents.selectors import (
    arabic_dates,
    clause,
    cn_date,
    issued_ruling,
    keep_patent_numbers_whole,
    paragraphs,
    party_context,
    sentences,
    time_cn,
    unnumbered,
)

_PATENT_LABELS = {"invention_patent": "发明", "utility_model": "实用新型",
                  "design_patent": "外观设计"}
_ACTS = {"make": "制造", "use": "使用", "offer": "许诺销售", "sell": "销售", "import": "进口"}
_ACT_ORDER = {act: n for n, act in enumerate(_ACTS)}
_SERVICE_METHODS = {"direct": "直接送达", "mail": "邮寄送达", "electronic": "电子送达",
                    "left": "留置送达", "public_notice": "公告送达"}

# Periods written into documents come from the time-limit rules in force today, so an
# administrator's change of a rule changes the wording of the next document too.
_PERIOD_RULES = {"suit_days": "ruling.suit_period", "answer_days": "ruling.answer_period",
                 "performance_days": "ruling.demand_wait",
                 "enforcement_months": "ruling.enforcement_window",
                 "reconsideration_days": "general.reconsideration_period",
                 "general_suit_months": "general.suit_period"}


def _periods() -> PeriodsCtx:
    today = timezone.localdate()
    amount = {key: DeadlineRule.objects.in_force(code, today).amount
              for key, code in _PERIOD_RULES.items()}
    return {
        "suit_days": amount["suit_days"], "suit_days_cn": number_cn(amount["suit_days"]),
        "answer_days": amount["answer_days"],
        "answer_days_cn": number_cn(amount["answer_days"]),
        "correction_days": 15, "correction_days_cn": number_cn(15),
        "performance_days": amount["performance_days"],
        "performance_days_cn": number_cn(amount["performance_days"]),
        "enforcement_months": amount["enforcement_months"],
        "enforcement_months_cn": number_cn(amount["enforcement_months"]),
        "reconsideration_days": amount["reconsideration_days"],
        "reconsideration_days_cn": number_cn(amount["reconsideration_days"]),
        "general_suit_months": amount["general_suit_months"],
        "general_suit_months_cn": number_cn(amount["general_suit_months"]),
    }


def _event(case: Case, name: str) -> CaseEvent | None:
    return case.events.filter(name=name).order_by("-at", "-id").first()


# Who gets a document of each kind: one document per party (None: one for the case).
_TO_REQUESTERS = {DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.REJECTION_NOTICE,
                  DocumentKind.CORRECTION_NOTICE}
_TO_RESPONDENTS = {DocumentKind.ANSWER_NOTICE, DocumentKind.REMINDER}
# Both parties: the requester's absence from the hearing counts as withdrawal, so he is
# notified too; suspension and resumption concern both.
_TO_BOTH = {DocumentKind.HEARING_NOTICE, DocumentKind.SUSPENSION_NOTICE,
            DocumentKind.RESUMPTION_NOTICE}


def _parties_in_role(case: Case, *roles: str) -> list[Party]:
    return [cp.party for cp in case.case_parties.select_related("party")
            .filter(role__in=roles).order_by("role", "position", "id")]


def _pending_extension(case: Case) -> str | None:
    """The reasons of an extension submitted for the head's approval and not decided yet."""
    request = (ApprovalRequest.objects.filter(case=case, action="extend_time_limit",
                                              outcome=ApprovalOutcome.PENDING)
               .order_by("-requested_at").first())
    return None if request is None else str(request.payload.get("reason") or "")


def _extension_asked(flow: RulingCase) -> bool:
    """The 延长审理期限审批表 has something to say: an extension approved, or submitted."""
    return (flow.case.events.filter(name="extend_time_limit").exists()
            or _pending_extension(flow.case) is not None)


def _something_to_serve(flow: RulingCase) -> bool:
    """A 送达回证 records the service of an issued document: the notice to answer, or the
    ruling once issued."""
    return Document.objects.filter(
        case=flow.case, state=DocumentState.ISSUED,
        kind__in=[DocumentKind.ANSWER_NOTICE, DocumentKind.RULING]).exists()


def _draft_entered(flow: RulingCase) -> bool:
    """The ruling is drafted from the panel's draft: nothing to print before its outcome."""
    return bool(flow.outcome or flow.draft_outcome)


def document_served(flow: RulingCase, party: Party | None) -> Document | None:
    """The issued document a 送达回证 for ``party`` records the service of: the ruling once
    issued, before it the notice to answer addressed to that party."""
    ruling = issued_ruling(flow.case)
    if ruling is not None:
        return ruling
    return (Document.objects.filter(case=flow.case, kind=DocumentKind.ANSWER_NOTICE,
                                    state=DocumentState.ISSUED, party=party)
            .order_by("-issued_at", "-id").first())


def document_addressees(flow: RulingCase, kind: str) -> list[Party | None]:
    """One entry per document of ``kind`` the case gets: the party it is for, or None."""
    case = flow.case
    roles: tuple[str, ...] = ()
    if kind in _TO_REQUESTERS:
        roles = (PartyRole.REQUESTER,)
    elif kind in _TO_RESPONDENTS:
        roles = (PartyRole.RESPONDENT,)
    elif kind in _TO_BOTH:
        roles = (PartyRole.REQUESTER, PartyRole.RESPONDENT)
    elif kind == DocumentKind.SERVICE_RECEIPT:
        roles = (PartyRole.REQUESTER, PartyRole.RESPONDENT) if issued_ruling(case) else (
            PartyRole.RESPONDENT,)
    else:
        return [None]
    return list(_parties_in_role(case, *roles))


def _service(flow: RulingCase, kind: str, recipient: PartyCtx | None,
             party: Party | None) -> ServiceCtx | None:
    """送达回证: what is served on whom; how and when only once service is recorded."""
    if kind != DocumentKind.SERVICE_RECEIPT:
        return None
    served = document_served(flow, party)
    record = None
    if served is not None:
        records = served.service_records.order_by("-served_on", "-id")
        record = (records.filter(party=party) if party is not None else records).first()
    return {
        "document_title": DOCUMENT_TITLES.get(served.kind, "") if served else "",
        "document_number": (served.number or "") if served else "",
        "recipient": recipient["name"] if recipient else "",
        "address": recipient["address"] if recipient else "",
        "method": _SERVICE_METHODS.get(record.method, "") if record else "",
        "served_on_cn": cn_date(record.served_on) if record else "",
        "received_by": record.recipient if record else "",
        "server_names": [m.user.display_name for m in
                         flow.case.assignments.panel().select_related("user")][:2],
    }


def _ruling_ref(flow: RulingCase) -> RulingRefCtx | None:
    """The issued ruling a 催告书 or 强制执行申请书 refers to."""
    ruling = issued_ruling(flow.case)
    if ruling is None:
        return None
    record = ruling.service_records.order_by("-served_on", "-id").first()
    served_on = record.served_on if record else flow.ruling_served_on
    issued_on = timezone.localdate(ruling.issued_at) if ruling.issued_at else flow.decided_on
    return {"title": DOCUMENT_TITLES[DocumentKind.RULING], "number": ruling.number or "",
            "date_cn": cn_date(issued_on), "served_on_cn": cn_date(served_on),
            "litigation": _litigation(flow)}


# How a suit against the ruling ended, when the ruling stands (a revoked ruling closes the
# case: nothing is demanded nor enforced).
_LITIGATION_ENDS: dict[str, str] = {
    LitigationResult.UPHELD: "该院判决驳回原告的诉讼请求，该判决已于{on}发生法律效力。",
    LitigationResult.SUIT_WITHDRAWN: "原告撤回起诉，该院裁定准许，该裁定已于{on}发生法律效力。",
}


_YEAR_BRACKETS = re.compile(r"^[(（]\s*(\d{4})\s*[)）]")


def _litigation(flow: RulingCase) -> str:
    """The suit brought against the ruling, as a 催告书 or 强制执行申请书 states it: they
    must not say that no suit was brought when one was (decision 122)."""
    end = _LITIGATION_ENDS.get(flow.litigation_result)
    if not flow.litigation_court or end is None:
        return ""
    # A court's case number has its own brackets, full-width (（2026）桂01行初123号) however
    # they were typed.
    typed = _YEAR_BRACKETS.sub(r"（\1）", clause(flow.litigation_case_number))
    number = f"，案号为{typed}" if typed else ""
    return (f"该裁决书送达后，当事人不服，向{clause(flow.litigation_court)}提起行政诉讼{number}。"
            + end.format(on=cn_date(flow.effective_on)))


def competent_court(office: Office) -> str:
    """The court for suits against the office's decisions: as configured, else the
    intermediate people's court of the office's city (of the province's capital office)."""
    if office.competent_court:
        return str(office.competent_court)
    node: Office | None = office
    while node is not None and node.level == "county":
        node = node.parent
    if node is None or node.level != "city":
        return ""
    return f"{node.region_name}中级人民法院"


def _cause(kinds: set[str]) -> str:
    """案由 from the kind of right: 侵害外观设计专利权纠纷."""
    if len(kinds) == 1:
        return f"侵害{_PATENT_LABELS.get(next(iter(kinds)), '')}专利权纠纷"
    return "侵害专利权纠纷"


def _orders(flow: RulingCase, outcome: str, respondents: list[PartyCtx],
            patents: list[PatentCtx], products: list[ProductCtx], acts: list[str],
            ) -> list[str]:
    """The one list of operative items: what the officer wrote, else the standard item."""
    written = unnumbered(paragraphs(flow.order_text or flow.draft_order_text))
    if written:
        return written
    names = "、".join(p["name"] for p in respondents)
    if outcome == "dismissed":
        return ["驳回请求人的请求。"]
    if outcome != "infringement_found":
        return []
    patent_phrase = "、".join(f"{p['number_display']}号{p['kind_label']}专利" for p in patents)
    product_phrase = "、".join(
        p["name"] + (f"（型号：{p['model']}）" if p["model"] else "") for p in products)
    return [f"被请求人{names}立即停止{'、'.join(acts)}侵犯{patent_phrase}权的产品"
            f"{product_phrase}的行为。"]


_ORDINALS = "一二三四五六七八九十"


def _patent_statement(patents: list[PatentCtx], requesters: list[PartyCtx]) -> list[str]:
    """What the request rests on, at the head of 请求人称: the patent in suit by number,
    title and kind, its holder and grant (the orders and the reasoning then say 涉案专利)."""
    names = {p["name"] for p in requesters}
    out = []
    for i, patent in enumerate(patents):
        holder = patent["holder"]
        # Among several requesters, the one who holds the patent is named.
        whose = ((f"请求人{holder}是" if len(names) > 1 else "请求人是") if holder in names
                 else f"{holder}是" if holder else "")
        text = (f"{whose}专利号为{patent['number_display']}、名称为“{patent['title']}”的"
                f"{patent['kind_label']}专利"
                + ("（以下简称涉案专利）" if len(patents) == 1 else f"（以下简称涉案专利{i + 1}）")
                + ("的专利权人" if whose else ""))
        if patent["grant_date_cn"]:
            text += f"，该专利于{patent['grant_date_cn']}授权公告"
        out.append(text + "。")
    return out


def _headings(sections: dict[str, bool]) -> dict[str, str]:
    """The ruling's headings, numbered over the sections that have content."""
    titles = {"claims": "请求人称", "defence": "被请求人辩称", "evidence": "证据及质证",
              "facts": "经审理查明", "issues": "争议焦点", "reasoning": "本局认为",
              "order": "裁决如下"}
    present = [key for key in titles if sections.get(key, True)]
    return {key: f"{_ORDINALS[present.index(key)]}、{titles[key]}" if key in present else ""
            for key in titles}


def _attended(role: str, parties: list[PartyCtx]) -> list[str]:
    return [f"{role}{p['name']}" + (f"及其委托代理人{p['agent']['name']}" if p["agent"] else "")
            for p in parties]


_ROLE_CN: dict[str, str] = {PartyRole.REQUESTER: "请求人", PartyRole.RESPONDENT: "被请求人"}


def _hearing_held(flow: RulingCase, panel: list[PanelMemberCtx]) -> str:
    """The hearing as recorded: date, the panel members who sat, who attended for each
    party, and 缺席审理 for an absent respondent."""
    held = cn_date(timezone.localdate(flow.hearing_held_at))
    sat = "、".join(m["name"] for m in flow.hearing_panel) or "、".join(
        m["name"] for m in panel)
    bench = "审理人员" if flow.is_simple else "合议组成员"
    text = f"本局于{held}依法进行了口头审理，{bench}{sat}出席。"
    present, absent_req, absent_resp = [], [], []
    for entry in flow.hearing_attendance:
        who = f"{_ROLE_CN.get(entry['role'], '')}{entry['name']}"
        if entry["status"] == Attendance.AGENT:
            present.append(f"{who}的委托代理人{entry['agent']}")
        elif entry["status"] == Attendance.PRESENT:
            present.append(who)
        elif entry["role"] == PartyRole.REQUESTER:
            absent_req.append(entry["name"])
        else:
            absent_resp.append(entry["name"])
    clauses = []
    if present:
        clauses.append(f"{'、'.join(present)}到庭参加了口头审理")
    if absent_req:
        clauses.append(f"请求人{'、'.join(absent_req)}经本局依法通知未到庭")
    if absent_resp:
        clauses.append(f"被请求人{'、'.join(absent_resp)}经本局依法通知，无正当理由拒不到庭，"
                       "本局依法缺席审理")
    return text + "；".join(clauses) + "。"


_FORM_CN = {"original": "原件", "copy": "复印件"}


def _evidence_catalogue(case: Case) -> list[str]:
    """证据及质证 from the evidence catalogue: per submitter, the items in order (name,
    original or copy, pages, what each proves), then the opinions given on them."""
    items = list(EvidenceItem.objects.filter(case=case)
                 .select_related("submitted_by__party").order_by("number"))
    groups: dict[str, list[EvidenceItem]] = {}
    for item in items:
        cp = item.submitted_by
        who = (f"{_ROLE_CN.get(cp.role, '第三人')}{cp.party.name}" if cp is not None
               else "本局依职权")
        groups.setdefault(who, []).append(item)
    out = []
    for who, group in groups.items():
        listed = "；".join(
            f"{n}．{item.name}（{_FORM_CN.get(item.form, '')}，{item.pages}页），"
            f"证明{clause(item.purpose)}"
            for n, item in enumerate(group, start=1))
        verb = "调取了以下证据" if who == "本局依职权" else "提交了以下证据"
        out.append(f"{who}{verb}：{listed}。")
        out += [f"对{who}提交的{item.name}，{clause(item.examination)}。"
                if who != "本局依职权" else f"对{item.name}，{clause(item.examination)}。"
                for item in group if clause(item.examination)]
    return out


def _procedure(flow: RulingCase, cause: str, requesters: list[PartyCtx],
               respondents: list[PartyCtx], panel: list[PanelMemberCtx],
               suspension: SuspensionCtx | None, extension: ExtensionCtx | None,
               ) -> list[str]:
    """The ruling's account of the procedure as it actually went."""
    case = flow.case
    req = "、".join(p["name"] for p in requesters)
    resp = "、".join(p["name"] for p in respondents)
    names = "、".join(m["name"] for m in panel)
    who = (f"由审理人员{names}独任审理" if flow.is_simple
           else f"依法组成由{names}参加的合议组进行审理")
    out = [f"请求人{req}与被请求人{resp}{cause}一案，请求人于{cn_date(case.received_on)}"
           "向本局提出处理请求，本局于"
           f"{cn_date(flow.accepted_on)}依法立案受理，{who}。"]
    if flow.respondent_served_on:
        served = (f"本局于{cn_date(flow.respondent_served_on)}向被请求人{resp}送达了请求书副本"
                  "及答辩通知书。")
        if flow.answer_received_on:
            served += f"被请求人于{cn_date(flow.answer_received_on)}提交了答辩书"
            served += (f"，本局于{cn_date(flow.answer_copy_sent_on)}将答辩书副本送达请求人。"
                       if flow.answer_copy_sent_on else "。")
        else:
            served += "被请求人在答辩期内未提交答辩书。"
        out.append(served)
    if flow.hearing_held_at and flow.hearing_attendance:
        out.append(_hearing_held(flow, panel))
    elif flow.hearing_held_at:  # recorded before attendance was kept per party
        held = cn_date(timezone.localdate(flow.hearing_held_at))
        attended = _attended("请求人", requesters)
        text = f"本局于{held}依法进行了口头审理，"
        if flow.respondent_absent:
            text += (f"{'、'.join(attended)}到庭参加了口头审理；被请求人{resp}经本局依法通知，"
                     "无正当理由拒不到庭，本局依法缺席审理。")
        else:
            attended += _attended("被请求人", respondents)
            text += f"{'、'.join(attended)}到庭参加了口头审理。"
        out.append(text)
    else:
        out.append("本案事实清楚，本局依法进行了书面审理。")
    if suspension:
        text = f"因{suspension['reason']}，本局于{suspension['from_cn']}中止审理"
        if suspension["to_cn"]:
            text += f"，于{suspension['to_cn']}恢复审理"
        out.append(text + "，中止审理期间不计入审理期限。")
    if extension:
        out.append(f"因{extension['reason']}，经本局负责人批准，本案审理期限延长"
                   f"{extension['months_cn']}个月。")
    out.append("本案现已审理终结。")
    return out


def _requester_holds(patents: list[PatentCtx], requesters: list[PartyCtx]) -> bool:
    """Whether the requesters hold every patent in suit: only then is it 请求人的专利权; a
    licensee or another interested party requests on 涉案专利权."""
    names = {p["name"] for p in requesters}
    return bool(patents) and all(p["holder"] in names for p in patents)


def _reasoning(flow: RulingCase, outcome: str, is_design: bool, acts: list[str],
               requester_holds: bool = True) -> ReasoningCtx:
    """本局认为: the rule for the kind of patent, the officers' analysis, the conclusion."""
    if is_design:
        doctrine = ["根据《中华人民共和国专利法》第六十四条第二款的规定，外观设计专利权的保护范围"
                    "以表示在图片或者照片中的该产品的外观设计为准。判断被诉侵权产品的外观设计与"
                    "涉案外观设计是否相同或者近似，应当以一般消费者的知识水平和认知能力，对二者的"
                    "整体视觉效果进行综合判断。"]
        found = ("被诉侵权产品与涉案外观设计专利产品属于相同种类产品，二者的整体视觉效果无实质性"
                 "差异，构成近似，落入涉案外观设计专利权的保护范围。")
    else:
        doctrine = ["根据《中华人民共和国专利法》第六十四条第一款的规定，发明或者实用新型专利权的"
                    "保护范围以其权利要求的内容为准，说明书及附图可以用于解释权利要求的内容。"
                    "被诉侵权技术方案包含与权利要求记载的全部技术特征相同或者等同的技术特征的，"
                    "落入专利权的保护范围。"]
        found = ("被诉侵权产品的技术方案包含了与涉案专利权利要求记载的全部技术特征相同或者等同的"
                 "技术特征，落入涉案专利权的保护范围。")
    if outcome == "infringement_found":
        infringed = "请求人的专利权" if requester_holds else "涉案专利权"
        conclusion = (f"{found}被请求人未经专利权人许可，以生产经营为目的{'、'.join(acts)}"
                      f"被诉侵权产品，侵犯了{infringed}，请求人的请求成立，本局予以支持。")
    elif outcome == "dismissed":
        conclusion = ("现有证据不足以证明被请求人侵犯了涉案专利权，请求人的请求不能成立，"
                      "本局不予支持。")
    else:
        conclusion = ""
    return {"doctrine": doctrine, "analysis": sentences(flow.reasoning),
            "conclusion": conclusion}


def _legal_basis(kind: str, outcome: str, right_kind: str, on: datetime.date) -> str:
    rule = LegalBasisRule.objects.in_force(kind=kind, on=on, outcome=outcome,
                                           right_kind=right_kind)
    return rule.text if rule else ""


def document_context(flow: RulingCase, *, kind: str, number: str = "",
                     on: datetime.date | None = None, party: Party | None = None,
                     ) -> DocumentContext:
    """The context for rendering a document of ``kind`` for the ruling case ``flow`` (for
    ``party``, the addressee of a notice or the party served, else the first one
    concerned): every key of the contract filled, optional parts ``None`` or empty lists."""
    on = on or timezone.localdate()
    case = flow.case
    office = case.office
    parties = list(case.case_parties.select_related("party", "agent").all())
    requesters = [party_context(cp) for cp in parties if cp.role == PartyRole.REQUESTER]
    respondents = [party_context(cp) for cp in parties if cp.role == PartyRole.RESPONDENT]
    if party is None:
        addressees = document_addressees(flow, kind)
        party = addressees[0] if addressees else None
    concerned = next((cp for cp in parties if party is not None and cp.party_id == party.pk),
                     None)
    recipient = party_context(concerned) if concerned is not None else None
    outcome = flow.outcome or flow.draft_outcome
    panel_members = list(case.assignments.panel().select_related("user"))
    suspended = _event(case, "suspend")
    resumed = _event(case, "resume")
    extended = _event(case, "extend_time_limit")
    # Before the head approves, the approval form (审批表) is what goes to him: the
    # extension asked for, with the officer's reasons.
    pending_extension = None if extended else _pending_extension(case)
    reasons: list[str] = []
    if kind == DocumentKind.REJECTION_NOTICE:
        reasons = unnumbered(sentences(flow.rejection_reasons))
    elif kind == DocumentKind.SUSPENSION_NOTICE:
        reasons = unnumbered(sentences(flow.suspension_reason))
    elif kind == DocumentKind.EXTENSION_APPROVAL and extended:
        reasons = unnumbered(sentences(extended.reason))
    elif kind == DocumentKind.EXTENSION_APPROVAL and pending_extension is not None:
        reasons = unnumbered(sentences(pending_extension))
    # A ruling awards no damages (they are for mediation): no amount is claimed in it.
    amount = None
    officer = case.officer_in_charge
    rights = list(case.rights.select_related("holder").all())
    right_kind = rights[0].kind if rights else ""
    is_design = right_kind == "design_patent"
    patents: list[PatentCtx] = [
        {"number_display": keep_patent_numbers_whole(right.display_number),
         "title": right.title, "kind": right.kind,
         "kind_label": _PATENT_LABELS.get(right.kind, right.get_kind_display()),
         "grant_date_cn": cn_date(right.grant_date),
         "holder": right.holder.name if right.holder else right.holder_name}
        for right in rights
    ]
    products: list[ProductCtx] = [{"name": str(p), "model": ""}
                                  for p in flow.accused_products or []]
    # In the order of 专利法 art. 11, whatever order they were ticked in.
    acts = [_ACTS.get(a, a) for a in sorted(
        flow.infringing_acts or [], key=lambda a: _ACT_ORDER.get(a, len(_ACT_ORDER)))]
    panel: list[PanelMemberCtx] = [
        {"name": m.user.display_name,
         "role": "审理人员" if flow.is_simple else
         ("合议组组长" if m.role == AssignmentRole.PRESIDING else "合议组成员")}
        for m in panel_members
    ]
    suspension: SuspensionCtx | None = {
        "from_cn": cn_date(timezone.localdate(suspended.at)),
        "to_cn": cn_date(timezone.localdate(resumed.at))
        if resumed and resumed.at >= suspended.at else "",
        "reason": clause(flow.suspension_reason),
    } if suspended else None
    extension: ExtensionCtx | None = {
        "approved_on_cn": cn_date(timezone.localdate(extended.at)), "months": 1,
        "months_cn": number_cn(1), "new_due_cn": "", "reason": clause(extended.reason),
    } if extended else {
        "approved_on_cn": "", "months": 1, "months_cn": number_cn(1), "new_due_cn": "",
        "reason": clause(pending_extension),
    } if pending_extension is not None else None
    court = competent_court(office)
    if kind == DocumentKind.ENFORCEMENT_APPLICATION:
        court = flow.enforcement_court or court
    defence = sentences(flow.respondent_defence)
    if kind == DocumentKind.RULING and not defence:
        defence = ["被请求人在答辩期内未提交答辩书，在审理中亦未提出抗辩意见。"]
    cause = _cause({r.kind for r in rights})
    claims = sentences(flow.requester_claims)
    facts = sentences(flow.findings) or sentences(flow.facts)
    if kind == DocumentKind.RULING:
        # 请求人称 is the requester's account: the patent, his facts and reasons, what he
        # asks; 经审理查明 is only what the office found, never the request's allegations.
        claims = (_patent_statement(patents, requesters) + sentences(flow.facts)
                  + claims)
        facts = sentences(flow.findings)
    evidence = _evidence_catalogue(case) + sentences(flow.evidence_examination)
    issues = paragraphs(flow.disputed_issues)
    return {
        "office": {"name": office.name, "short_name": "本局", "address": office.address,
                   "postcode": "", "phone": office.phone,
                   # 行政复议 of a department's decision goes to the government at its level.
                   "government": f"{office.region_name}人民政府"},
        "doc": {"number": number, "kind": kind, "title": DOCUMENT_TITLES.get(kind, ""),
                "date": on, "date_cn": cn_date(on), "arabic_dates": arabic_dates()},
        "case": {"number": case.number, "cause": cause, "state": flow.state,
                 "request_date_cn": cn_date(case.received_on),
                 "received_on_cn": cn_date(case.received_on),
                 "accepted_on_cn": cn_date(flow.accepted_on),
                 "closed_on_cn": cn_date(case.closed_on)},
        "requesters": requesters,
        "respondents": respondents,
        "recipient": recipient,
        "recipient_role": concerned.role if concerned is not None else "",
        "patents": patents,
        "is_design": is_design,
        "products": products,
        "acts": acts,
        "panel": panel,
        "hearing": {"at_cn": time_cn(flow.hearing_at), "place": flow.hearing_place,
                    "held": flow.hearing_held_at is not None} if flow.hearing_at else None,
        "suspension": suspension,
        "extension": extension,
        "outcome": outcome,
        "orders": _orders(flow, outcome, respondents, patents, products, acts),
        "procedure": _procedure(flow, cause, requesters, respondents, panel, suspension,
                                extension) if kind == DocumentKind.RULING else [],
        "headings": _headings({"claims": bool(claims), "defence": bool(defence),
                               "evidence": bool(evidence), "facts": bool(facts),
                               "issues": bool(issues)}),
        "evidence": evidence,
        "disputed_issues": issues,
        "requester_claims": claims,
        "respondent_defence": defence,
        "facts": facts,
        "reasoning": _reasoning(flow, outcome, is_design, acts,
                                _requester_holds(patents, requesters)),
        "legal_basis": _legal_basis(kind, outcome, right_kind, on),
        "reasons": reasons,
        "correction_items": unnumbered([clause(str(item))
                                        for item in flow.correction_items or []]),
        "amounts": {"claimed": amount,
                    "claimed_figures": amount_figures(amount) if amount is not None else "",
                    "claimed_cn_capital": amount_capital(amount) if amount is not None
                    else ""},
        "periods": _periods(),
        "service": _service(flow, kind, recipient, party),
        "ruling_ref": _ruling_ref(flow),
        "court": court,
        "closing_summary": _closing_summary(flow),
        "closing_method": _closing_method(flow),
        "contact": (f"联系人：{officer.display_name}"
                    + (f"，联系电话：{office.phone}" if office.phone else "")) if officer else "",
    }


# Why a case was transferred (移送), as the closing report says it.
_REFERRAL_WORDS = {"crime": "本案涉嫌犯罪，本局于{on}将案件移送{target}。",
                   "jurisdiction": "本案不属于本局管辖，本局于{on}将案件移送{target}处理。",
                   "superior": "本案属重大案件，本局于{on}将案件移送{target}办理。"}


_WHAT_THE_RULING_FOUND = {"infringement_found": "认定侵权行为成立，责令停止侵权行为",
                          "dismissed": "驳回请求人的请求"}
_WHAT_THE_COURT_DID = {"upheld": "经行政诉讼，人民法院判决驳回原告的诉讼请求",
                       "suit_withdrawn": "当事人提起行政诉讼后撤回起诉",
                       "revoked": "经行政诉讼，人民法院判决撤销该裁决"}


def _closing_method(flow: RulingCase) -> str:
    """结案方式 of the closing report: how the case ended (a ruling with its 文号 and
    finding, and the suit against it; a settlement; a withdrawal; a transfer), "" while
    that is not known."""
    if flow.outcome == Outcome.SETTLED:
        return "经行政调解，双方当事人达成调解协议"
    if flow.state == CaseState.WITHDRAWN:
        return "请求人撤回处理请求"
    if flow.state == CaseState.TRANSFERRED:
        return f"移送{clause(flow.referral_target)}" if flow.referral_target.strip() else "移送"
    found = _WHAT_THE_RULING_FOUND.get(flow.outcome)
    if found is None:
        return ""
    ruling = issued_ruling(flow.case)
    number = f"（{ruling.number}）" if ruling is not None and ruling.number else ""
    court = _WHAT_THE_COURT_DID.get(flow.litigation_result)
    return f"作出行政裁决{number}，{found}" + (f"；{court}" if court else "")


def _closing_summary(flow: RulingCase) -> list[str]:
    """二、办理情况 of the closing report: the summary entered on closing, or, for a case
    that ends without one, the withdrawal and its reason or the transfer and where to."""
    if flow.closing_summary.strip():
        return sentences(flow.closing_summary)
    on = cn_date(flow.case.closed_on)
    if flow.state == CaseState.WITHDRAWN and flow.withdrawal_reason.strip():
        return [f"请求人于{on}撤回处理请求，理由：{clause(flow.withdrawal_reason)}。"]
    if flow.state == CaseState.TRANSFERRED and flow.referral_target.strip():
        words = _REFERRAL_WORDS.get(flow.referral_kind, "本局于{on}将案件移送{target}。")
        return [words.format(on=on, target=clause(flow.referral_target))]
    return []


# --- when documents may be issued or voided ----------------------------------------------


def _may_issue_ruling(flow: RulingCase, actor: User) -> None:
    """The ruling is the document the "decide" transition approves: only the head issues
    it, once legal review has passed."""
    if not is_head(flow, actor):
        raise PermissionDenied(gettext("Only the head of office may issue a ruling."))
    if flow.state != CaseState.PENDING_APPROVAL or flow.legal_review_passed is not True:
        raise TransitionNotAllowed(gettext(
            "A ruling can be issued only while it awaits approval and after it has "
            "passed legal review."))


def _demand_wait_over(flow: RulingCase) -> bool:
    """The demand for performance was served and its period has run (or enforcement was
    applied for): what the 强制执行申请书 states (经催告后逾期仍未履行)."""
    return flow.state == CaseState.ENFORCEMENT or (
        flow.demand_served_on is not None and demand_wait_elapsed(flow))


def _may_issue_enforcement_application(flow: RulingCase, actor: User) -> None:
    """Not issued before the demand's period has run: the application would say it had."""
    if not _demand_wait_over(flow):
        raise TransitionNotAllowed(gettext(
            "A demand for performance must be served and its waiting period must have "
            "ended first."))


def _may_void_issued_ruling(flow: RulingCase) -> None:
    if flow.state != CaseState.PENDING_APPROVAL:
        raise TransitionNotAllowed(gettext(
            "The ruling has taken effect in the case's workflow and cannot be voided."))


# Which workflow steps each kind belongs to (DocumentTemplate.allowed_actions).
_STEPS: dict[str, tuple[str, ...]] = {
    "acceptance_notice": ("accept",),
    "rejection_notice": ("reject",),
    "correction_notice": ("request_correction",),
    "answer_notice": ("serve_respondent",),
    "hearing_notice": ("schedule_hearing", "reschedule_hearing"),
    "suspension_notice": ("suspend",),
    "resumption_notice": ("resume",),
    "extension_approval": ("extend_time_limit",),
    "ruling": ("decide",),
    "service_receipt": ("serve_respondent", "serve_ruling"),
    "reminder": ("serve_demand",),
    "enforcement_application": ("apply_enforcement",),
    "closing_report": ("close",),
}

def _addressees_of(kind: str) -> Callable[[RulingCase], list[Party | None]]:
    return lambda flow: document_addressees(flow, kind)


S = CaseState
_BEFORE_DECISION = frozenset({S.ACCEPTED, S.AWAITING_ANSWER, S.INVESTIGATION,
                              S.HEARING_SCHEDULED, S.DELIBERATION, S.PENDING_APPROVAL,
                              S.SUSPENDED, S.MEDIATING})
# The states in which each kind belongs to the case's next step (or records the last one):
# the documents menu offers nothing else.
_OFFERED_IN: dict[str, frozenset[str]] = {
    # Not once the materials are received: the request's date is then that of the
    # complete materials, and the notice would say they were incomplete.
    "correction_notice": frozenset({S.CORRECTION_REQUESTED}),
    "rejection_notice": frozenset({S.REJECTED}),
    "acceptance_notice": _BEFORE_DECISION,
    "answer_notice": frozenset({S.ACCEPTED}),
    "hearing_notice": frozenset({S.HEARING_SCHEDULED}),
    "suspension_notice": frozenset({S.SUSPENDED}),
    "resumption_notice": _BEFORE_DECISION - {S.SUSPENDED},
    "extension_approval": _BEFORE_DECISION - {S.SUSPENDED, S.MEDIATING},
    "ruling": frozenset({S.DELIBERATION, S.PENDING_APPROVAL}),
    "service_receipt": _BEFORE_DECISION | {S.REJECTED, S.DECIDED, S.SERVED, S.IN_LITIGATION,
                                           S.EFFECTIVE, S.ENFORCEMENT},
    "reminder": frozenset({S.EFFECTIVE}),
    "enforcement_application": frozenset({S.EFFECTIVE, S.ENFORCEMENT}),
    "closing_report": frozenset({S.EFFECTIVE, S.ENFORCEMENT, S.WITHDRAWN, S.TRANSFERRED,
                                 S.CLOSED}),
}
_OFFERED_IF: dict[str, Any] = {
    "reminder": infringement_found,
    "enforcement_application": lambda flow: infringement_found(flow)
    and _demand_wait_over(flow),
    "resumption_notice": lambda flow: flow.case.events.filter(name="resume").exists(),
    # The data these are printed from is entered by an action first (the items to correct,
    # the extension asked for, the draft, the closing report): before it, the menu would
    # offer a document that can only be refused with a list of what is missing.
    "correction_notice": lambda flow: bool(flow.correction_items),
    "extension_approval": _extension_asked,
    "ruling": _draft_entered,
    "closing_report": lambda flow: bool(_closing_summary(flow)),
}
_REPEATABLE = {"service_receipt", "hearing_notice"}


def _event_day(name: str) -> Callable[[RulingCase], datetime.date | None]:
    def day(flow: RulingCase) -> datetime.date | None:
        event = _event(flow.case, name)
        return timezone.localdate(event.at) if event is not None else None
    return day


# The day of the act each kind is the written form of (DocumentRule.dated): a notice of
# acceptance printed again a month later is still dated the day the case was accepted.
# The others are acts of their own (a notice to answer, a hearing notice, a demand), or
# forms without a date of issue; the ruling cannot be issued again once decided.
_DATED: dict[str, Callable[[RulingCase], datetime.date | None]] = {
    "acceptance_notice": lambda flow: flow.accepted_on,
    "rejection_notice": lambda flow: flow.case.closed_on,
    "correction_notice": _event_day("request_correction"),
    "suspension_notice": _event_day("suspend"),
    "resumption_notice": _event_day("resume"),
    "enforcement_application": lambda flow: flow.enforcement_applied_on,
}

DOCUMENT_RULES: dict[str, DocumentRule] = {
    kind: DocumentRule(kind=kind, context=document_context, context_type=DocumentContext,
                       steps=steps, addressees=_addressees_of(kind),
                       offered_in=_OFFERED_IN[kind],
                       offered_if=_OFFERED_IF.get(kind), repeatable=kind in _REPEATABLE,
                       dated=_DATED.get(kind),
                       suggested_in=frozenset({S.ACCEPTED}) if kind == "answer_notice"
                       else frozenset())
    for kind, steps in _STEPS.items()
}
DOCUMENT_RULES[DocumentKind.SERVICE_RECEIPT] = DocumentRule(
    kind=DocumentKind.SERVICE_RECEIPT, context=document_context, context_type=DocumentContext,
    steps=_STEPS["service_receipt"], addressees=_addressees_of("service_receipt"),
    served_document=document_served, offered_in=_OFFERED_IN["service_receipt"],
    offered_if=_something_to_serve, repeatable=True,
)
DOCUMENT_RULES[DocumentKind.ENFORCEMENT_APPLICATION] = replace(
    DOCUMENT_RULES[DocumentKind.ENFORCEMENT_APPLICATION],
    may_issue=_may_issue_enforcement_application)
DOCUMENT_RULES[DocumentKind.RULING] = DocumentRule(
    kind=DocumentKind.RULING, context=document_context, context_type=DocumentContext,
    steps=_STEPS["ruling"],
    suggested_in=frozenset({CaseState.DELIBERATION, CaseState.PENDING_APPROVAL}),
    offered_in=_OFFERED_IN["ruling"], offered_if=_OFFERED_IF["ruling"],
    single_issued=True, may_issue=_may_issue_ruling, may_void_issued=_may_void_issued_ruling,
    # A corrected copy uploaded after the legal review (法制审核) needs a new review.
    review_event="record_legal_review",
)
