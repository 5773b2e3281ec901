"""The documents of the ruling workflow: the template context of each kind, built from
the ruling case, and when a ruling may be issued or voided.

Every kind of the ruling takes the whole context contract (``DocumentContext``): notices
and the ruling share parties, patents, periods and dates, and an uploaded template may use
any of them.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext

from cases.errors import TransitionNotAllowed
from cases.models import CaseEvent, DeadlineRule, DocumentKind, User
from cases.models.participants import AssignmentRole, PartyRole
from cases.ruling.models import CaseState, RulingCase, infringement_found, is_head
from cases.workflows import DocumentRule
from documents.context import (
    DOCUMENT_TITLES,
    DocumentContext,
    PartyCtx,
    PeriodsCtx,
    ServiceCtx,
)
from documents.formatting import amount_capital, amount_figures, date_cn, number_cn
from documents.selectors import cn_date, issued_ruling, paragraphs, party_context, time_cn

_PATENT_LABELS = {"invention_patent": "发明", "utility_model": "实用新型",
                  "design_patent": "外观设计"}
_ACTS = {"make": "制造", "use": "使用", "offer": "许诺销售", "sell": "销售", "import": "进口"}
_SERVICE_METHODS = {"direct": "直接送达", "mail": "邮寄送达", "electronic": "电子送达",
                    "left": "留置送达", "public_notice": "公告送达"}
_LEGAL_BASIS = {
    "infringement_found": "《中华人民共和国专利法》第十一条第一款、第六十五条",
    "dismissed": "《中华人民共和国专利法》第六十五条，《专利行政执法办法》第十四条",
}

# Periods written into documents come from the time-limit rules in force today, so an
# administrator's change of a rule changes the wording of the next document too.
_PERIOD_RULES = {"suit_days": "ruling.suit_period", "answer_days": "ruling.answer_period",
                 "performance_days": "ruling.demand_wait",
                 "enforcement_months": "ruling.enforcement_window"}


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
    }


def _event(case: Any, name: str) -> CaseEvent | None:
    return case.events.filter(name=name).order_by("-at", "-id").first()


def _service(flow: RulingCase, kind: str, recipient: PartyCtx | None) -> ServiceCtx | None:
    if kind != DocumentKind.SERVICE_RECEIPT:
        return None
    case = flow.case
    ruling = issued_ruling(case)
    record = ruling.service_records.order_by("-served_on", "-id").first() if ruling else None
    method = (record.method if record else flow.respondent_service_method) or "direct"
    return {
        "document_title": DOCUMENT_TITLES[DocumentKind.RULING] if ruling else "",
        "document_number": (ruling.number or "") if ruling else "",
        "recipient": recipient["name"] if recipient else "",
        "address": recipient["address"] if recipient else "",
        "method": _SERVICE_METHODS.get(method, ""),
        "served_on_cn": cn_date(record.served_on if record else flow.ruling_served_on),
        "server_names": [m.user.display_name
                         for m in case.assignments.panel().select_related("user")][:2],
    }


def document_context(flow: RulingCase, *, kind: str, number: str = "",
                     on: datetime.date | None = None) -> DocumentContext:
    """The context for rendering a document of ``kind`` for the ruling case ``flow``:
    every key of the contract filled, optional parts ``None`` or empty lists."""
    on = on or timezone.localdate()
    case = flow.case
    office = case.office
    parties = list(case.case_parties.select_related("party", "agent").all())
    requesters = [party_context(cp) for cp in parties if cp.role == PartyRole.REQUESTER]
    respondents = [party_context(cp) for cp in parties if cp.role == PartyRole.RESPONDENT]
    to_requester = kind in {DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.REJECTION_NOTICE,
                            DocumentKind.CORRECTION_NOTICE}
    addressees = requesters if to_requester else respondents
    recipient = addressees[0] if addressees else None
    outcome = flow.outcome or flow.draft_outcome
    panel_members = list(case.assignments.panel().select_related("user"))
    suspended = _event(case, "suspend")
    resumed = _event(case, "resume")
    extended = _event(case, "extend_time_limit")
    reasons: list[str] = []
    if kind == DocumentKind.REJECTION_NOTICE:
        reasons = paragraphs(flow.rejection_reasons)
    elif kind == DocumentKind.SUSPENSION_NOTICE:
        reasons = paragraphs(flow.suspension_reason)
    elif kind == DocumentKind.EXTENSION_APPROVAL and extended:
        reasons = paragraphs(extended.reason)
    amount = flow.amount_claimed
    officer = case.officer_in_charge
    return {
        "office": {"name": office.name, "short_name": "本局", "address": office.address,
                   "postcode": "", "phone": office.phone},
        "doc": {"number": number, "kind": kind, "title": DOCUMENT_TITLES.get(kind, ""),
                "date": on, "date_cn": date_cn(on)},
        "case": {"number": case.number, "cause": case.title, "state": flow.state,
                 "request_date_cn": cn_date(case.received_on),
                 "received_on_cn": cn_date(case.received_on),
                 "accepted_on_cn": cn_date(flow.accepted_on),
                 "closed_on_cn": cn_date(case.closed_on)},
        "requesters": requesters,
        "respondents": respondents,
        "recipient": recipient,
        "patents": [
            {"number_display": right.display_number, "title": right.title,
             "kind_label": _PATENT_LABELS.get(right.kind, right.get_kind_display()),
             "grant_date_cn": cn_date(right.grant_date),
             "holder": right.holder.name if right.holder else right.holder_name}
            for right in case.rights.select_related("holder").all()
        ],
        "products": [{"name": str(p), "model": ""} for p in flow.accused_products or []],
        "acts": [_ACTS.get(a, a) for a in flow.infringing_acts or []],
        "panel": [
            {"name": m.user.display_name,
             "role": "审理人员" if flow.is_simple else
             ("合议组组长" if m.role == AssignmentRole.PRESIDING else "合议组成员")}
            for m in panel_members
        ],
        "hearing": {"at_cn": time_cn(flow.hearing_at), "place": flow.hearing_place,
                    "held": flow.hearing_held_at is not None} if flow.hearing_at else None,
        "suspension": {
            "from_cn": cn_date(timezone.localdate(suspended.at)),
            "to_cn": cn_date(timezone.localdate(resumed.at))
            if resumed and resumed.at >= suspended.at else "",
            "reason": flow.suspension_reason,
        } if suspended else None,
        "extension": {
            "approved_on_cn": cn_date(timezone.localdate(extended.at)), "months": 1,
            "months_cn": number_cn(1), "new_due_cn": "", "reason": extended.reason,
        } if extended else None,
        "outcome": outcome,
        "orders": paragraphs(flow.order_text or flow.draft_order_text),
        "requester_claims": paragraphs(flow.requester_claims),
        "respondent_defence": paragraphs(flow.respondent_defence),
        "facts": paragraphs(flow.findings) or paragraphs(flow.facts),
        "reasoning": {"claim_construction": paragraphs(flow.reasoning),
                      "feature_comparison": [], "defences": []},
        "legal_basis": _LEGAL_BASIS.get(outcome, ""),
        "reasons": reasons,
        "correction_items": [str(item) for item in flow.correction_items or []],
        "amounts": {"claimed": amount,
                    "claimed_figures": amount_figures(amount) if amount is not None else "",
                    "claimed_cn_capital": amount_capital(amount) if amount is not None
                    else ""},
        "periods": _periods(),
        "service": _service(flow, kind, recipient),
        "court": flow.enforcement_court or flow.litigation_court,
        "closing_summary": paragraphs(flow.closing_summary),
        "contact": f"联系人：{officer.display_name}  电话：{office.phone}" if officer else "",
    }


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

S = CaseState
_BEFORE_DECISION = frozenset({S.ACCEPTED, S.AWAITING_ANSWER, S.INVESTIGATION,
                              S.HEARING_SCHEDULED, S.DELIBERATION, S.PENDING_APPROVAL,
                              S.SUSPENDED, S.MEDIATING})
# The states in which each kind belongs to the case's next step (or records the last one):
# the documents menu offers nothing else.
_OFFERED_IN: dict[str, frozenset[str]] = {
    "correction_notice": frozenset({S.RECEIVED, S.CORRECTION_REQUESTED}),
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
    "closing_report": frozenset({S.EFFECTIVE, S.ENFORCEMENT, S.WITHDRAWN, S.CLOSED}),
}
_OFFERED_IF: dict[str, Any] = {
    "reminder": infringement_found,
    "enforcement_application": lambda flow: infringement_found(flow)
    and flow.demand_served_on is not None,
    "resumption_notice": lambda flow: flow.case.events.filter(name="resume").exists(),
}
_REPEATABLE = {"service_receipt", "hearing_notice"}

DOCUMENT_RULES: dict[str, DocumentRule] = {
    kind: DocumentRule(kind=kind, context=document_context, context_type=DocumentContext,
                       steps=steps, offered_in=_OFFERED_IN[kind],
                       offered_if=_OFFERED_IF.get(kind), repeatable=kind in _REPEATABLE,
                       suggested_in=frozenset({S.ACCEPTED}) if kind == "answer_notice"
                       else frozenset())
    for kind, steps in _STEPS.items()
}
DOCUMENT_RULES[DocumentKind.RULING] = DocumentRule(
    kind=DocumentKind.RULING, context=document_context, context_type=DocumentContext,
    steps=_STEPS["ruling"],
    suggested_in=frozenset({CaseState.DELIBERATION, CaseState.PENDING_APPROVAL}),
    offered_in=_OFFERED_IN["ruling"],
    single_issued=True, may_issue=_may_issue_ruling, may_void_issued=_may_void_issued_ruling,
)
