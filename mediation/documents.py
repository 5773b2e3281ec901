"""The documents of mediation (行政调解) and judicial confirmation (司法确认): the template
context of each kind, built from the mediation or confirmation case, who gets one, when
the documents menu offers it and what it cannot be printed without.

Kinds (cases.models.DocumentKind):

- 调解请求通知书 (``mediation_request_notice``) to each respondent, with the request copy;
- 调解会议通知书 (``mediation_session_notice``) to each party, for the next session;
- 调解笔录 (``mediation_record``), the minutes of the last session held (internal: no 文号);
- 调解协议书 (``mediation_agreement``), numbered with the agreement's own number, which it
  takes when the agreement is concluded (the document does not take a second one);
- 调解终止通知书 (``mediation_termination_notice``): declined (to the requester), failed
  or withdrawn (to each party);
- 司法确认申请书 (``confirmation_application``) and its materials list
  (``confirmation_materials``), prepared for the parties' joint application (no 文号).

The legal basis a document cites comes from data: the dispute type's provision
(mediation.DisputeType.legal_basis) and the kind's rule (documents.LegalBasisRule), never
from the template text.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypedDict

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.errors import TransitionNotAllowed
from cases.models import DeadlineRule, DocumentKind, Party, User
from cases.models.participants import PartyRole
from cases.workflows import DocumentRule
from documents.context import CaseCtx, DocCtx, OfficeCtx, PartyCtx
from documents.formatting import amount_capital, amount_figures, date_cn, number_cn
from documents.models import LegalBasisRule
from documents.selectors import (
    arabic_dates,
    clause,
    cn_date,
    paragraphs,
    party_context,
    sentences,
    time_cn,
    unnumbered,
)
from mediation.models import Agreement, ConfirmationCase, MediationCase, MediationSession
from mediation.models.confirmation import ConfirmationState as CS
from mediation.models.confirmation import filing_window_ends_on
from mediation.models.mediation import DeclineReason, MediationOutcome
from mediation.models.mediation import MediationState as MS

K = DocumentKind

TITLES: dict[str, str] = {  # the same as documents.context.DOCUMENT_TITLES
    K.MEDIATION_REQUEST_NOTICE: "调解请求通知书",
    K.MEDIATION_SESSION_NOTICE: "调解会议通知书",
    K.MEDIATION_RECORD: "调解笔录",
    K.MEDIATION_AGREEMENT: "调解协议书",
    K.MEDIATION_TERMINATION_NOTICE: "调解终止通知书",
    K.CONFIRMATION_APPLICATION: "司法确认申请书",
    K.CONFIRMATION_MATERIALS: "司法确认申请材料清单",
}


# --- the context contract ------------------------------------------------------------------


class DisputeCtx(TypedDict):
    name: str  # 专利侵权纠纷赔偿数额 (mediation.DisputeType)
    legal_basis: str  # the provision that lets the office mediate it


class RequestCtx(TypedDict):
    requested_on_cn: str
    summary: list[str]  # what the requester asks, one paragraph each
    amount_claimed_figures: str  # "" when no amount was claimed
    served_on_cn: str  # the request copy reached the respondent; "" before
    answer_days: int  # the respondent's answer period (mediation.respondent_answer)
    answer_days_cn: str


class SessionCtx(TypedDict):
    n: int
    n_cn: str  # 一 / 二 …: 第二次调解
    at_cn: str  # 2026年4月10日上午9时30分 (the time fixed)
    place: str  # the room, or 网络视频调解 (the online room)
    held_at_cn: str  # "" before it took place
    attendees: list[str]
    minutes: list[str]
    requester_position: list[str]
    respondent_position: list[str]
    confirmed: bool  # the parties confirmed the minutes


class TermCtx(TypedDict):
    n: int
    text: str  # the term as agreed: what, by whom, by when, how much
    obligor: str
    due_cn: str
    amount_figures: str  # "" for a term without an amount
    amount_capital: str


class SignatoryCtx(TypedDict):
    role: str  # 请求人 / 被请求人
    name: str
    signed_on_cn: str  # "" while not signed


class AgreementCtx(TypedDict):
    number: str  # the agreement's number (调解协议书编号); "" before it is concluded
    facts: list[str]
    issues: list[str]
    terms: list[TermCtx]
    other_terms: list[str]
    amount_total_figures: str  # "" when no term has an amount
    amount_total_capital: str
    effective_on_cn: str  # "" before it is concluded
    mediator_signed_on_cn: str
    signatories: list[SignatoryCtx]
    sides_cn: str  # 双方 between two parties, 各方 among more (当事人各执一份)
    copies_cn: str  # one copy per party and one for the office
    filing_days_cn: str  # the parties' window for judicial confirmation (30)


class TerminationCtx(TypedDict):
    reason: str  # declined / failed / request_withdrawn (MediationOutcome)
    facts: str  # what happened, one sentence or two, ending with 。
    decision: str  # what the office decides: 不予调解 / 终止调解
    on_cn: str
    remedies: list[str]  # what the parties may do now


class MaterialCtx(TypedDict):
    label: str
    ready: bool


class ConfirmationCtx(TypedDict):
    court: str
    court_address: str
    materials: list[MaterialCtx]
    filing_due_cn: str  # the last day of the 30-day window; "" when no clock runs
    filed_on_cn: str
    court_case_number: str


class MediationDocumentContext(TypedDict):
    office: OfficeCtx
    doc: DocCtx
    case: CaseCtx
    requesters: list[PartyCtx]
    respondents: list[PartyCtx]
    recipient: PartyCtx | None  # the addressee of a notice
    recipient_role: str  # requester / respondent / ""
    dispute: DisputeCtx
    request: RequestCtx
    mediator: str  # the mediator's name; "" before one is assigned
    session: SessionCtx | None  # the session the notice or the record is about
    sessions_held_cn: str  # how many sessions took place, in words ("" for none)
    agreement: AgreementCtx | None
    termination: TerminationCtx | None
    confirmation: ConfirmationCtx | None
    legal_basis: str  # the dispute's provision and the kind's rule (LegalBasisRule)
    contact: str


# --- building it ---------------------------------------------------------------------------


def _rule_amount(code: str, default: int) -> int:
    rule = DeadlineRule.objects.in_force(code, timezone.localdate())
    return rule.amount if rule is not None else default


def _zh(label: Any) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(label)


def _money(amount: Decimal | None) -> tuple[str, str]:
    if amount is None:
        return "", ""
    return amount_figures(amount), amount_capital(amount)


def _mediation_of(flow: Any) -> MediationCase:
    """The mediation a document is about (a confirmation's is its agreement's)."""
    mediation: MediationCase = (flow.agreement.mediation if isinstance(flow, ConfirmationCase)
                                else flow)
    return mediation


def _agreement_of(flow: Any) -> Agreement | None:
    agreement: Agreement | None = (flow.agreement if isinstance(flow, ConfirmationCase)
                                   else flow.agreement_or_none)
    return agreement


def _session_for(mediation: MediationCase, kind: str) -> MediationSession | None:
    """The session a notice announces (the next one not yet held) or the record is of
    (the last one held)."""
    sessions = mediation.sessions.all()
    if kind == K.MEDIATION_SESSION_NOTICE:
        return (sessions.filter(held_at__isnull=True).order_by("-n").first()
                or sessions.order_by("-n").first())
    if kind == K.MEDIATION_RECORD:
        return sessions.filter(held_at__isnull=False).order_by("-n").first()
    return None


def _session(session: MediationSession | None) -> SessionCtx | None:
    if session is None:
        return None
    place = session.place
    if session.online:
        place = "网络视频调解" + (f"（{session.online_link}）" if session.online_link else "")
        if session.place:
            place = f"{session.place}（网络视频调解）"
    return {
        "n": session.n, "n_cn": number_cn(session.n),
        "at_cn": time_cn(session.scheduled_at), "place": place,
        "held_at_cn": time_cn(session.held_at) if session.held_at else "",
        "attendees": [str(a) for a in session.attendees or [] if str(a).strip()],
        "minutes": paragraphs(session.minutes),
        "requester_position": paragraphs(session.requester_position),
        "respondent_position": paragraphs(session.respondent_position),
        "confirmed": session.confirmed_by_parties,
    }


def sides_cn(parties: int) -> str:
    """双方 for the two parties of a dispute, 各方 for three or more (一式五份，各方当事人
    各执一份: “双方” would leave two of four parties out)."""
    return "双方" if parties <= 2 else "各方"


def _term_text(description: str, obligor: str, due: str, figures: str, capital: str) -> str:
    text = f"{clause(unnumbered([description])[0])}。履行人：{obligor}；履行期限：{due}前"
    if figures:
        text += f"；金额：{figures}（{capital}）"
    return text + "。"


def _agreement(agreement: Agreement | None, roles: dict[str, str]) -> AgreementCtx | None:
    if agreement is None:
        return None
    terms: list[TermCtx] = []
    for term in agreement.terms.select_related("obligor").order_by("n"):
        figures, capital = _money(term.amount)
        due = cn_date(term.due_on)
        terms.append({"n": term.n, "obligor": term.obligor.name, "due_cn": due,
                      "amount_figures": figures, "amount_capital": capital,
                      "text": _term_text(term.description, term.obligor.name, due, figures,
                                         capital)})
    total_figures, total_capital = _money(agreement.amount_total())
    signed = {s.party_id: s.signed_on for s in agreement.signatures.all()}
    case = agreement.mediation.case
    signatories: list[SignatoryCtx] = [
        {"role": roles.get(cp.role, ""), "name": cp.party.name,
         "signed_on_cn": cn_date(signed.get(cp.party_id))}
        for cp in case.case_parties.select_related("party").order_by("role", "position", "id")
    ]
    return {
        "number": agreement.number, "facts": sentences(agreement.facts),
        "issues": paragraphs(agreement.issues), "terms": terms,
        "other_terms": paragraphs(agreement.other_terms),
        "amount_total_figures": total_figures, "amount_total_capital": total_capital,
        "effective_on_cn": cn_date(agreement.effective_on),
        "mediator_signed_on_cn": cn_date(agreement.mediator_signed_on),
        "signatories": signatories, "sides_cn": sides_cn(len(signatories)),
        "copies_cn": number_cn(len(signatories) + 1),
        "filing_days_cn": number_cn(_rule_amount("confirmation.filing", 30)),
    }


_REMEDY_SUIT = "当事人可以就该纠纷依法向人民法院提起民事诉讼。"


def _termination(mediation: MediationCase, answer_days: int) -> TerminationCtx | None:
    """Why mediation ended without agreement, in the notice's words."""
    case = mediation.case
    on = cn_date(case.closed_on)
    origin = case.origin
    remedies = [_REMEDY_SUIT]
    if origin is not None and origin.workflow == "ruling":
        remedies.insert(0, f"你方与对方当事人之间的专利侵权纠纷处理一案（案号：{origin.number}），"
                           "本局将依法继续处理。")
    if mediation.state == MS.DECLINED:
        served = cn_date(mediation.request_served_on)
        if mediation.decline_reason == DeclineReason.REFUSED:
            answer = f"被请求人于{cn_date(mediation.response_on)}表示不同意调解。"
        else:
            answer = (f"被请求人在收到调解请求书副本之日起{number_cn(answer_days)}日内未提交"
                      "意见陈述书。")
        facts = (f"本局已于{served}将调解请求书副本送达被请求人。" if served else "") + answer
        return {"reason": MediationOutcome.DECLINED, "facts": facts, "decision": "不予调解",
                "on_cn": on, "remedies": remedies}
    if mediation.state == MS.FAILED:
        held = mediation.sessions.filter(held_at__isnull=False).count()
        facts = f"经本局主持调解{number_cn(held)}次，" if held else "经本局主持调解，"
        facts += f"{sides_cn(mediation.case.case_parties.count())}当事人未能达成协议。"
        reason = clause(mediation.failure_reason)
        if reason:
            facts += f"{reason}。"
        return {"reason": MediationOutcome.FAILED, "facts": facts,
                "decision": "终止调解，本调解案件予以撤销", "on_cn": on, "remedies": remedies}
    if mediation.state == MS.WITHDRAWN:
        facts = f"请求人于{on}撤回调解请求。"
        reason = clause(mediation.withdrawal_reason)
        if reason:
            facts = f"请求人于{on}以{reason}为由撤回调解请求。"
        return {"reason": MediationOutcome.WITHDRAWN, "facts": facts, "decision": "终止调解",
                "on_cn": on, "remedies": remedies}
    return None


def _confirmation(flow: MediationCase | ConfirmationCase) -> ConfirmationCtx | None:
    if not isinstance(flow, ConfirmationCase):
        return None
    court = flow.court
    return {
        "court": court.name if court else "", "court_address": court.address if court else "",
        "materials": [{"label": _zh(label), "ready": ready}
                      for _code, label, ready in flow.materials_list],
        "filing_due_cn": cn_date(filing_window_ends_on(flow.agreement)),
        "filed_on_cn": cn_date(flow.filed_on),
        "court_case_number": flow.court_case_number,
    }


def _legal_basis(kind: str, dispute_basis: str, outcome: str, on: datetime.date) -> str:
    """The dispute's provision and the kind's procedural rule; "" without a rule (the
    document is then refused with the missing value named)."""
    rule = LegalBasisRule.objects.in_force(kind=kind, on=on, outcome=outcome)
    if rule is None:
        return ""
    if kind in (K.CONFIRMATION_APPLICATION, K.CONFIRMATION_MATERIALS) or not dispute_basis:
        return rule.text
    return f"{dispute_basis}，{rule.text}"


_ROLES: dict[str, str] = {PartyRole.REQUESTER: "请求人", PartyRole.RESPONDENT: "被请求人"}


def document_context(flow: MediationCase | ConfirmationCase, *, kind: str, number: str = "",
                     on: datetime.date | None = None, party: Party | None = None,
                     ) -> MediationDocumentContext:
    """The context of a document of ``kind`` for a mediation or confirmation case (for
    ``party``, the addressee of a notice): every key filled, optional parts None."""
    on = on or timezone.localdate()
    case = flow.case
    office = case.office
    mediation = _mediation_of(flow)
    m_case = mediation.case
    parties = list(m_case.case_parties.select_related("party", "agent")
                   .order_by("role", "position", "id"))
    requesters = [party_context(cp) for cp in parties if cp.role == PartyRole.REQUESTER]
    respondents = [party_context(cp) for cp in parties if cp.role == PartyRole.RESPONDENT]
    if party is None:
        addressees = addressees_of(kind)(flow)
        party = addressees[0] if addressees else None
    concerned = next((cp for cp in parties if party is not None and cp.party_id == party.pk),
                     None)
    dispute = mediation.dispute_type
    answer_days = _rule_amount("mediation.respondent_answer", 15)
    mediator = mediation.mediator
    termination = _termination(mediation, answer_days)
    figures, _capital = _money(mediation.amount_claimed)
    held = mediation.sessions.filter(held_at__isnull=False).count()
    officer = m_case.officer_in_charge
    contact_name = mediator.display_name if mediator else (
        officer.display_name if officer else "")
    outcome = termination["reason"] if termination else ""
    return {
        "office": {"name": office.name, "short_name": "本局", "address": office.address,
                   "postcode": "", "phone": office.phone,
                   "government": f"{office.region_name}人民政府"},
        "doc": {"number": number, "kind": kind, "title": TITLES.get(kind, ""), "date": on,
                "date_cn": cn_date(on), "arabic_dates": arabic_dates()},
        "case": {"number": case.number, "cause": dispute.name, "state": flow.state,
                 "request_date_cn": cn_date(mediation.requested_on),
                 "received_on_cn": cn_date(m_case.received_on),
                 "accepted_on_cn": cn_date(mediation.accepted_on),
                 "closed_on_cn": cn_date(case.closed_on)},
        "requesters": requesters,
        "respondents": respondents,
        "recipient": party_context(concerned) if concerned is not None else None,
        "recipient_role": concerned.role if concerned is not None else "",
        "dispute": {"name": dispute.name, "legal_basis": dispute.legal_basis},
        "request": {"requested_on_cn": cn_date(mediation.requested_on),
                    "summary": paragraphs(mediation.request_summary),
                    "amount_claimed_figures": figures,
                    "served_on_cn": cn_date(mediation.request_served_on),
                    "answer_days": answer_days, "answer_days_cn": number_cn(answer_days)},
        "mediator": mediator.display_name if mediator else "",
        "session": _session(_session_for(mediation, kind)),
        "sessions_held_cn": number_cn(held) if held else "",
        "agreement": _agreement(_agreement_of(flow), _ROLES),
        "termination": termination,
        "confirmation": _confirmation(flow),
        "legal_basis": _legal_basis(kind, dispute.legal_basis, outcome, on),
        "contact": (f"联系人：{contact_name}"
                    + (f"，联系电话：{office.phone}" if office.phone else "")) if contact_name
        else "",
    }


# --- who gets a document, when it is offered ------------------------------------------------


def _parties(flow: MediationCase | ConfirmationCase, *roles: str) -> list[Party | None]:
    case = _mediation_of(flow).case
    return [cp.party for cp in case.case_parties.select_related("party")
            .filter(role__in=roles).order_by("role", "position", "id")]


def _termination_addressees(flow: MediationCase) -> list[Party | None]:
    """Declined: the requester is told (专利行政执法办法: 不予立案并通知请求人); failed or
    withdrawn: both parties."""
    if flow.state == MS.DECLINED:
        return _parties(flow, PartyRole.REQUESTER)
    return _parties(flow, PartyRole.REQUESTER, PartyRole.RESPONDENT)


def addressees_of(kind: str) -> Callable[[Any], Sequence[Party | None]]:
    if kind == K.MEDIATION_REQUEST_NOTICE:
        return lambda flow: _parties(flow, PartyRole.RESPONDENT)
    if kind == K.MEDIATION_SESSION_NOTICE:
        return lambda flow: _parties(flow, PartyRole.REQUESTER, PartyRole.RESPONDENT)
    if kind == K.MEDIATION_TERMINATION_NOTICE:
        return _termination_addressees
    return lambda flow: [None]


def _has_pending_session(flow: MediationCase) -> bool:
    return flow.sessions.filter(held_at__isnull=True).exists()


def _has_held_session(flow: MediationCase) -> bool:
    return flow.sessions.filter(held_at__isnull=False).exists()


def _has_agreement(flow: MediationCase) -> bool:
    return flow.agreement_or_none is not None


def _agreement_number(flow: MediationCase) -> str:
    agreement = flow.agreement_or_none
    return agreement.number if agreement is not None else ""


def _may_issue_agreement(flow: MediationCase, actor: User) -> None:
    """The 调解协议书 is issued with the number the agreement took when concluded."""
    if not _agreement_number(flow):
        raise TransitionNotAllowed(gettext(
            "The agreement takes its number when it is concluded: print the draft for "
            "signing, conclude the agreement, then issue the 调解协议书."))


def _concluded_on(flow: MediationCase) -> datetime.date | None:
    """The day the agreement took effect: the 调解协议书 printed again later (a copy for a
    party, one voided and issued again) is still dated that day."""
    agreement = flow.agreement_or_none
    return agreement.effective_on if agreement is not None else None


def _ended_on(flow: MediationCase) -> datetime.date | None:
    """The day the office declined or ended the mediation, which the notice states."""
    return flow.case.closed_on


def _filed_on(flow: ConfirmationCase) -> datetime.date | None:
    """The day the parties applied to the court: the application and its list, printed
    again after filing, are dated that day."""
    return flow.filed_on


_AFTER_AGREEMENT = frozenset({MS.AGREED, MS.PERFORMING, MS.PERFORMED, MS.BREACHED})
_CONF_OPEN = frozenset({CS.PREPARING, CS.FILED})


# --- what each kind cannot be printed without ------------------------------------------------

_COMMON: tuple[tuple[str, Any], ...] = (
    ("office.name", _("name of the office")), ("case.number", _("case number")),
    ("dispute.name", _("dispute type")), ("requesters", _("requester")),
    ("respondents", _("respondent")),
)
_NOTICE: tuple[tuple[str, Any], ...] = (
    ("recipient", _("addressee")), ("legal_basis", _("legal basis (legal basis rules)")))

REQUIRED: dict[str, tuple[tuple[str, Any], ...]] = {
    K.MEDIATION_REQUEST_NOTICE: (*_COMMON, *_NOTICE,
                                 ("request.requested_on_cn", _("date of the request"))),
    K.MEDIATION_SESSION_NOTICE: (*_COMMON, *_NOTICE,
                                 ("session.at_cn", _("session time")),
                                 ("session.place", _("session place")),
                                 ("mediator", _("mediator"))),
    K.MEDIATION_RECORD: (*_COMMON, ("session.held_at_cn", _("session held at")),
                         ("session.attendees", _("attendees")),
                         ("session.minutes", _("minutes")), ("mediator", _("mediator"))),
    K.MEDIATION_AGREEMENT: (*_COMMON, ("agreement.facts", _("facts")),
                            ("agreement.issues", _("issues in dispute")),
                            ("agreement.terms", _("agreed terms")),
                            ("legal_basis", _("legal basis (legal basis rules)")),
                            ("mediator", _("mediator"))),
    K.MEDIATION_TERMINATION_NOTICE: (*_COMMON, *_NOTICE,
                                     ("termination.facts", _("why mediation ended")),
                                     ("termination.on_cn", _("date mediation ended"))),
    K.CONFIRMATION_APPLICATION: (*_COMMON, ("agreement.number", _("agreement number")),
                                 ("agreement.effective_on_cn",
                                  _("date the agreement took effect")),
                                 ("agreement.terms", _("agreed terms")),
                                 ("confirmation.court", _("court to apply to")),
                                 ("legal_basis", _("legal basis (legal basis rules)"))),
    K.CONFIRMATION_MATERIALS: (*_COMMON, ("agreement.number", _("agreement number")),
                               ("confirmation.court", _("court to apply to")),
                               ("confirmation.materials", _("materials checklist"))),
}


# --- samples: a complete, realistic context of each kind --------------------------------------

_SAMPLE_NUMBERS: dict[str, str] = {
    K.MEDIATION_REQUEST_NOTICE: "南知调通字〔2026〕12号",
    K.MEDIATION_SESSION_NOTICE: "南知调会字〔2026〕12号",
    K.MEDIATION_AGREEMENT: "南知调字〔2026〕12号",
    K.MEDIATION_TERMINATION_NOTICE: "南知调终字〔2026〕12号",
}


def _sample_base() -> dict[str, Any]:
    from documents.context import sample_context as ruling_sample

    ruling = ruling_sample("acceptance_notice")
    issued = datetime.date(2026, 11, 24)
    effective = datetime.date(2026, 11, 20)
    requester, respondent = ruling["requesters"][0], ruling["respondents"][0]
    t1, t2 = Decimal("30000"), Decimal("20000.50")
    terms: list[TermCtx] = []
    for n, (amount, due) in enumerate(((t1, datetime.date(2026, 12, 20)),
                                       (t2, datetime.date(2027, 1, 20))), start=1):
        terms.append({"n": n, "obligor": respondent["name"], "due_cn": date_cn(due),
                      "amount_figures": amount_figures(amount),
                      "amount_capital": amount_capital(amount),
                      "text": _term_text(f"被请求人向请求人支付第{number_cn(n)}期赔偿金",
                                         respondent["name"], date_cn(due),
                                         amount_figures(amount), amount_capital(amount))})
    ctx: MediationDocumentContext = {
        "office": ruling["office"],
        "doc": {"number": "", "kind": "", "title": "", "date": issued,
                "date_cn": date_cn(issued), "arabic_dates": False},
        "case": {"number": "南知案字〔2026〕7号", "cause": "专利侵权纠纷赔偿数额",
                 "state": "in_session", "request_date_cn": date_cn(datetime.date(2026, 10, 9)),
                 "received_on_cn": date_cn(datetime.date(2026, 10, 9)),
                 "accepted_on_cn": date_cn(datetime.date(2026, 10, 20)),
                 "closed_on_cn": ""},
        "requesters": [requester],
        "respondents": [respondent],
        "recipient": respondent,
        "recipient_role": "respondent",
        "dispute": {"name": "专利侵权纠纷赔偿数额",
                    "legal_basis": "《中华人民共和国专利法》第六十五条"},
        "request": {"requested_on_cn": date_cn(datetime.date(2026, 10, 9)),
                    "summary": ["请求被请求人赔偿因销售“SmartLock <Pro> & Plus”智能门锁"
                                "给请求人造成的经济损失人民币100,000.00元。"],
                    "amount_claimed_figures": "100,000.00元",
                    "served_on_cn": date_cn(datetime.date(2026, 10, 12)),
                    "answer_days": 15, "answer_days_cn": number_cn(15)},
        "mediator": "陈静",
        "session": {"n": 2, "n_cn": number_cn(2), "at_cn": "二〇二六年十一月十日上午九时三十分",
                    "place": "南宁市知识产权局第一调解室（民族大道119号5楼）",
                    "held_at_cn": "二〇二六年十一月十日上午九时三十分",
                    "attendees": ["陈静（调解员）", "陈志远（请求人法定代表人）",
                                  "周明（请求人委托代理人）", "林海（被请求人法定代表人）"],
                    "minutes": ["调解员告知双方当事人调解的原则和权利义务，双方均表示清楚。",
                                "双方就赔偿数额及支付方式进行了协商 & 交换了意见。"],
                    "requester_position": ["要求被请求人赔偿经济损失人民币100,000.00元。"],
                    "respondent_position": ["同意赔偿人民币50,000.50元，分两期支付。"],
                    "confirmed": True},
        "sessions_held_cn": number_cn(2),
        "agreement": {"number": "南知调字〔2026〕12号",
                      "facts": ["被请求人销售了落入请求人ZL2020\u00a02\u00a00123456.7号实用新型专利"
                                "保护范围的“SmartLock <Pro> & Plus”智能门锁。"],
                      "issues": ["被请求人应当赔偿的数额及支付方式。"],
                      "terms": terms,
                      "other_terms": ["被请求人承诺不再销售被诉侵权产品。"],
                      "amount_total_figures": amount_figures(t1 + t2),
                      "amount_total_capital": amount_capital(t1 + t2),
                      "effective_on_cn": date_cn(effective),
                      "mediator_signed_on_cn": date_cn(effective),
                      "signatories": [
                          {"role": "请求人", "name": requester["name"],
                           "signed_on_cn": date_cn(effective)},
                          {"role": "被请求人", "name": respondent["name"],
                           "signed_on_cn": date_cn(effective)}],
                      "sides_cn": sides_cn(2), "copies_cn": number_cn(3),
                      "filing_days_cn": number_cn(30)},
        "termination": {"reason": MediationOutcome.FAILED,
                        "facts": "经本局主持调解二次，双方当事人未能达成协议。"
                                 "双方对赔偿数额分歧较大。",
                        "decision": "终止调解，本调解案件予以撤销",
                        "on_cn": date_cn(datetime.date(2026, 11, 20)),
                        "remedies": [_REMEDY_SUIT]},
        "confirmation": {"court": "南宁知识产权法庭", "court_address": "广西壮族自治区南宁市",
                         "materials": [{"label": label, "ready": True} for label in (
                             "司法确认申请书", "调解协议书", "双方当事人的身份证明",
                             "调解协议系经本局调解达成的证明", "双方当事人的送达地址及联系方式")],
                         "filing_due_cn": date_cn(datetime.date(2026, 12, 31)),
                         "filed_on_cn": "", "court_case_number": ""},
        "legal_basis": "",
        "contact": "联系人：陈静，联系电话：0771-5512345",
    }
    return dict(ctx)


_PATENT_65 = "《中华人民共和国专利法》第六十五条"
_LEGAL_BASIS_SAMPLES: dict[str, str] = {
    K.MEDIATION_REQUEST_NOTICE: f"{_PATENT_65}，《专利行政执法办法》第二十三条",
    K.MEDIATION_SESSION_NOTICE: f"{_PATENT_65}，《专利行政执法办法》第二十四条",
    K.MEDIATION_RECORD: f"{_PATENT_65}，《专利行政执法办法》第二十五条",
    K.MEDIATION_AGREEMENT: f"{_PATENT_65}，《专利行政执法办法》第二十六条",
    K.MEDIATION_TERMINATION_NOTICE: f"{_PATENT_65}，《专利行政执法办法》第二十六条",
    K.CONFIRMATION_APPLICATION: "《中华人民共和国民事诉讼法》第二百零五条、第二百零六条",
    K.CONFIRMATION_MATERIALS: "《最高人民法院关于人民调解协议司法确认程序的若干规定》第三条",
}


def sample(kind: str) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        ctx = _sample_base()
        ctx["doc"] = {**ctx["doc"], "kind": kind, "title": TITLES[kind],
                      "number": _SAMPLE_NUMBERS.get(kind, "")}
        ctx["legal_basis"] = _LEGAL_BASIS_SAMPLES[kind]
        if kind == K.MEDIATION_TERMINATION_NOTICE:
            ctx["case"]["closed_on_cn"] = ctx["termination"]["on_cn"]
        if kind not in (K.MEDIATION_SESSION_NOTICE, K.MEDIATION_RECORD):
            ctx["session"] = None
        if kind in (K.MEDIATION_REQUEST_NOTICE, K.MEDIATION_SESSION_NOTICE,
                    K.MEDIATION_RECORD, K.MEDIATION_TERMINATION_NOTICE):
            ctx["agreement"] = None
        if kind != K.MEDIATION_TERMINATION_NOTICE:
            ctx["termination"] = None
        if kind not in (K.CONFIRMATION_APPLICATION, K.CONFIRMATION_MATERIALS):
            ctx["confirmation"] = None
        if kind not in (K.MEDIATION_REQUEST_NOTICE, K.MEDIATION_SESSION_NOTICE,
                        K.MEDIATION_TERMINATION_NOTICE):
            ctx["recipient"], ctx["recipient_role"] = None, ""
        return copy.deepcopy(ctx)
    return build


# --- default legal bases (documents.LegalBasisRule), seeded with the templates -------------

_PROCEDURE = "《专利行政执法办法》"
_CIVIL_PROCEDURE = "《中华人民共和国民事诉讼法》"
_CIVIL_INTERPRETATION = "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》"
_CONFIRMATION_RULES = "《最高人民法院关于人民调解协议司法确认程序的若干规定》"
# The dispute type's own provision (DisputeType.legal_basis) comes first in a mediation
# document; these are the procedure of the kind, by how a mediation ended where it matters
# (MediationOutcome). Article numbers are to be verified by legal staff (documents.legal_basis).
LEGAL_BASIS_DEFAULTS: list[tuple[str, str, str, str]] = [
    (K.MEDIATION_REQUEST_NOTICE, "", "", f"{_PROCEDURE}第二十三条"),
    (K.MEDIATION_SESSION_NOTICE, "", "", f"{_PROCEDURE}第二十四条"),
    (K.MEDIATION_RECORD, "", "", f"{_PROCEDURE}第二十五条"),
    (K.MEDIATION_AGREEMENT, "", "", f"{_PROCEDURE}第二十六条"),
    (K.MEDIATION_TERMINATION_NOTICE, MediationOutcome.DECLINED, "", f"{_PROCEDURE}第二十四条"),
    (K.MEDIATION_TERMINATION_NOTICE, MediationOutcome.FAILED, "", f"{_PROCEDURE}第二十六条"),
    (K.MEDIATION_TERMINATION_NOTICE, MediationOutcome.WITHDRAWN, "",
     f"{_PROCEDURE}第二十六条"),
    (K.CONFIRMATION_APPLICATION, "", "",
     f"{_CIVIL_PROCEDURE}第二百零五条、第二百零六条，{_CONFIRMATION_RULES}第一条"),
    (K.CONFIRMATION_MATERIALS, "", "",
     f"{_CONFIRMATION_RULES}第三条，{_CIVIL_INTERPRETATION}第三百五十二条"),
]


# --- the rules ------------------------------------------------------------------------------


def _rule(kind: str, steps: tuple[str, ...], offered_in: frozenset[str], **extra: Any,
          ) -> DocumentRule:
    return DocumentRule(kind=kind, context=document_context,
                        context_type=MediationDocumentContext, steps=steps,
                        offered_in=offered_in, addressees=addressees_of(kind),
                        required=REQUIRED[kind], sample=sample(kind), **extra)


MEDIATION_DOCUMENTS: dict[str, DocumentRule] = {
    K.MEDIATION_REQUEST_NOTICE: _rule(
        K.MEDIATION_REQUEST_NOTICE, ("serve_request",),
        frozenset({MS.REQUESTED, MS.AWAITING_RESPONSE}),
        suggested_in=frozenset({MS.REQUESTED})),
    K.MEDIATION_SESSION_NOTICE: _rule(
        K.MEDIATION_SESSION_NOTICE, ("schedule_session",), frozenset({MS.IN_SESSION}),
        offered_if=_has_pending_session, repeatable=True,
        suggested_in=frozenset({MS.IN_SESSION})),
    K.MEDIATION_RECORD: _rule(
        K.MEDIATION_RECORD, ("record_session",),
        frozenset({MS.IN_SESSION, MS.FAILED, *_AFTER_AGREEMENT}),
        offered_if=_has_held_session, repeatable=True),
    K.MEDIATION_AGREEMENT: _rule(
        K.MEDIATION_AGREEMENT, ("sign_agreement", "agree"),
        frozenset({MS.IN_SESSION, *_AFTER_AGREEMENT}), offered_if=_has_agreement,
        single_issued=True, may_issue=_may_issue_agreement, number_of=_agreement_number,
        suggested_in=frozenset({MS.AGREED}), dated=_concluded_on),
    K.MEDIATION_TERMINATION_NOTICE: _rule(
        K.MEDIATION_TERMINATION_NOTICE, ("decline", "fail", "withdraw_request"),
        frozenset({MS.DECLINED, MS.FAILED, MS.WITHDRAWN}),
        suggested_in=frozenset({MS.DECLINED, MS.FAILED, MS.WITHDRAWN}), dated=_ended_on),
}

CONFIRMATION_DOCUMENTS: dict[str, DocumentRule] = {
    K.CONFIRMATION_APPLICATION: _rule(
        K.CONFIRMATION_APPLICATION, ("file_application",), _CONF_OPEN,
        suggested_in=frozenset({CS.PREPARING}), dated=_filed_on),
    K.CONFIRMATION_MATERIALS: _rule(
        K.CONFIRMATION_MATERIALS, ("check_materials", "file_application"), _CONF_OPEN,
        dated=_filed_on),
}
