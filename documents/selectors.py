"""Reads for formal documents: a case's documents (scoped) and the template context.

``document_context(case, kind=..., number=..., on=...)`` builds the plain dict of the
context contract (``documents.context.DocumentContext``) from the case; every key is
filled, optional parts are ``None`` or empty lists. Values are plain text: the renderer
escapes them.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from cases.errors import OutOfScope
from cases.models.events import CaseEvent
from cases.models.offices import DocumentKind
from cases.models.participants import PanelRole, PartyRole
from cases.selectors.cases import case_detail
from documents.context import DOCUMENT_TITLES
from documents.formatting import amount_capital, amount_figures, date_cn, number_cn
from documents.models import Document, DocumentState, ServiceRecord

if TYPE_CHECKING:
    from cases.models import Case, CaseParty, User

_PATENT_LABELS = {"invention_patent": "发明", "utility_model": "实用新型",
                  "design_patent": "外观设计"}
_ACTS = {"make": "制造", "use": "使用", "offer": "许诺销售", "sell": "销售", "import": "进口"}
_AGENT_TITLES = {"lawyer": "律师", "patent_attorney": "专利代理师", "citizen": "公民代理人",
                 "employee": "工作人员"}
_SERVICE_METHODS = {"direct": "直接送达", "mail": "邮寄送达", "electronic": "电子送达",
                    "left": "留置送达", "public_notice": "公告送达"}
_LEGAL_BASIS = {
    "infringement_found": "《中华人民共和国专利法》第十一条第一款、第六十五条",
    "dismissed": "《中华人民共和国专利法》第六十五条，《专利行政执法办法》第十四条",
}


# --- documents of a case ------------------------------------------------------------------


def case_documents(user: User, case_id: int) -> QuerySet[Document]:
    """The documents of a case the user may see (404 when the case is out of scope)."""
    case = case_detail(user, case_id)
    return (Document.objects.filter(case=case).select_related("template", "issued_by")
            .prefetch_related("versions").order_by("created_at", "id"))


def document_detail(user: User, document_id: int) -> Document:
    """A document whose case the user may see, else OutOfScope (404)."""
    try:
        document = Document.objects.select_related("case", "case__office", "template").get(
            pk=document_id)
    except (Document.DoesNotExist, ValueError, TypeError):
        raise OutOfScope() from None
    case_detail(user, document.case_id)  # raises OutOfScope outside the user's offices
    return document


# Periods written into documents come from the time-limit rules in force today, so an
# administrator's change of a rule changes the wording of the next document too.
_PERIOD_RULES = {"suit_days": "ruling.suit_period", "answer_days": "ruling.answer_period",
                 "performance_days": "ruling.demand_wait",
                 "enforcement_months": "ruling.enforcement_window"}


def _periods() -> dict[str, Any]:
    from django.utils import timezone

    from cases.models import DeadlineRule

    today = timezone.localdate()
    periods: dict[str, Any] = {"correction_days": 15, "correction_days_cn": number_cn(15)}
    for key, code in _PERIOD_RULES.items():
        amount = DeadlineRule.objects.in_force(code, today).amount
        periods[key] = amount
        periods[f"{key}_cn"] = number_cn(amount)
    return periods


def issued_ruling(case: Case) -> Document | None:
    return (Document.objects.filter(case=case, kind=DocumentKind.RULING,
                                    state=DocumentState.ISSUED)
            .order_by("-issued_at", "-id").first())


def ruling_service_record(case: Case) -> ServiceRecord | None:
    """The latest 送达回证 of the case's issued ruling: the date service is counted from."""
    ruling = issued_ruling(case)
    if ruling is None:
        return None
    return ruling.service_records.order_by("-served_on", "-id").first()


# --- the template context ------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _cn(day: datetime.date | None) -> str:
    return date_cn(day) if day else ""


def _time_cn(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    half = "上午" if local.hour < 12 else "下午"
    hour = local.hour if local.hour <= 12 else local.hour - 12
    minutes = f"{number_cn(local.minute)}分" if local.minute else ""
    return f"{date_cn(local.date())}{half}{number_cn(hour)}时{minutes}"


def _party(cp: CaseParty) -> dict[str, Any]:
    party = cp.party
    natural = party.is_natural_person
    agent = None
    if cp.agent is not None:
        agent = {"name": cp.agent.name, "firm": cp.agent.firm,
                 "title": _AGENT_TITLES.get(cp.agent.kind, ""), "phone": cp.agent.phone}
    return {
        "name": party.name,
        "kind": party.kind,
        "is_natural_person": natural,
        "address_label": "住址" if natural else "住所",
        "address": party.domicile,
        "id_label": "公民身份号码" if natural else "统一社会信用代码",
        "id_number": party.id_number or "",
        "legal_representative": "" if natural else party.legal_representative,
        "legal_representative_title": "" if natural or not party.legal_representative
        else "法定代表人",
        "phone": party.phone,
        "agent": agent,
    }


def _event(case: Case, name: str) -> CaseEvent | None:
    return case.events.filter(name=name).order_by("-at", "-id").first()


def _service(case: Case, kind: str, recipient: dict[str, Any] | None) -> dict[str, Any] | None:
    if kind != DocumentKind.SERVICE_RECEIPT:
        return None
    ruling = issued_ruling(case)
    record = ruling.service_records.order_by("-served_on", "-id").first() if ruling else None
    method = (record.method if record else case.respondent_service_method) or "direct"
    return {
        "document_title": DOCUMENT_TITLES[DocumentKind.RULING] if ruling else "",
        "document_number": (ruling.number or "") if ruling else "",
        "recipient": recipient["name"] if recipient else "",
        "address": recipient["address"] if recipient else "",
        "method": _SERVICE_METHODS.get(method, ""),
        "served_on_cn": _cn(record.served_on if record else case.ruling_served_on),
        "server_names": [m.user.display_name for m in case.panel_members.all()][:2],
    }


def document_context(case: Case, *, kind: str, number: str = "",
                     on: datetime.date | None = None) -> dict[str, Any]:
    """The context for rendering a document of ``kind`` for ``case``."""
    on = on or timezone.localdate()
    office = case.office
    parties = list(case.case_parties.select_related("party", "agent").all())
    requesters = [_party(cp) for cp in parties if cp.role == PartyRole.REQUESTER]
    respondents = [_party(cp) for cp in parties if cp.role == PartyRole.RESPONDENT]
    to_requester = kind in {DocumentKind.ACCEPTANCE_NOTICE, DocumentKind.REJECTION_NOTICE,
                            DocumentKind.CORRECTION_NOTICE}
    addressees = requesters if to_requester else respondents
    recipient = addressees[0] if addressees else None
    outcome = case.outcome or case.draft_outcome
    panel_members = list(case.panel_members.select_related("user").all())
    suspended = _event(case, "suspend")
    resumed = _event(case, "resume")
    extended = _event(case, "extend_time_limit")
    reasons: list[str] = []
    if kind == DocumentKind.REJECTION_NOTICE:
        reasons = _paragraphs(case.rejection_reasons)
    elif kind == DocumentKind.SUSPENSION_NOTICE:
        reasons = _paragraphs(case.suspension_reason)
    elif kind == DocumentKind.EXTENSION_APPROVAL and extended:
        reasons = _paragraphs(extended.reason)
    amount = case.amount_claimed
    officer = case.officer_in_charge
    return {
        "office": {"name": office.name, "short_name": "本局", "address": office.address,
                   "postcode": "", "phone": office.phone},
        "doc": {"number": number, "kind": kind, "title": DOCUMENT_TITLES.get(kind, ""),
                "date": on, "date_cn": date_cn(on)},
        "case": {"number": case.number, "cause": case.title, "state": case.state,
                 "request_date_cn": _cn(case.received_on),
                 "received_on_cn": _cn(case.received_on),
                 "accepted_on_cn": _cn(case.accepted_on),
                 "closed_on_cn": _cn(case.closed_on)},
        "requesters": requesters,
        "respondents": respondents,
        "recipient": recipient,
        "patents": [
            {"number_display": right.display_number, "title": right.title,
             "kind_label": _PATENT_LABELS.get(right.kind, right.get_kind_display()),
             "grant_date_cn": _cn(right.grant_date),
             "holder": right.holder.name if right.holder else right.holder_name}
            for right in case.rights.select_related("holder").all()
        ],
        "products": [{"name": str(p), "model": ""} for p in case.accused_products or []],
        "acts": [_ACTS.get(a, a) for a in case.infringing_acts or []],
        "panel": [
            {"name": m.user.display_name,
             "role": "审理人员" if case.is_simple else
             ("合议组组长" if m.role == PanelRole.PRESIDING else "合议组成员")}
            for m in panel_members
        ],
        "hearing": {"at_cn": _time_cn(case.hearing_at), "place": case.hearing_place,
                    "held": case.hearing_held_at is not None} if case.hearing_at else None,
        "suspension": {
            "from_cn": _cn(timezone.localdate(suspended.at)),
            "to_cn": _cn(timezone.localdate(resumed.at))
            if resumed and resumed.at >= suspended.at else "",
            "reason": case.suspension_reason,
        } if suspended else None,
        "extension": {
            "approved_on_cn": _cn(timezone.localdate(extended.at)), "months": 1,
            "months_cn": number_cn(1), "new_due_cn": "", "reason": extended.reason,
        } if extended else None,
        "outcome": outcome,
        "orders": _paragraphs(case.order_text or case.draft_order_text),
        "requester_claims": _paragraphs(case.requester_claims),
        "respondent_defence": _paragraphs(case.respondent_defence),
        "facts": _paragraphs(case.findings) or _paragraphs(case.facts),
        "reasoning": {"claim_construction": _paragraphs(case.reasoning),
                      "feature_comparison": [], "defences": []},
        "legal_basis": _LEGAL_BASIS.get(outcome, ""),
        "reasons": reasons,
        "correction_items": [str(item) for item in case.correction_items or []],
        "amounts": {"claimed": amount,
                    "claimed_figures": amount_figures(amount) if amount is not None else "",
                    "claimed_cn_capital": amount_capital(amount) if amount is not None
                    else ""},
        "periods": _periods(),
        "service": _service(case, kind, recipient),
        "court": case.enforcement_court or case.litigation_court,
        "closing_summary": _paragraphs(case.closing_summary),
        "contact": f"联系人：{officer.display_name}  电话：{office.phone}" if officer else "",
    }
