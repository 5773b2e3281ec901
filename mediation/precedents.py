"""How a mediation agreement becomes a precedent (类案): outcome settled, with the amounts
claimed and agreed, so legal staff see settlements next to rulings."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cases.workflows import CaseFeatures, PrecedentMapping
from mediation.models import MediationCase
from mediation.models.mediation import MediationState
from search.models import DecisionOutcome, DecisionSource


def _agreement_text(mediation: MediationCase) -> list[str]:
    agreement = getattr(mediation, "agreement", None)
    if agreement is None:
        return []
    terms = [f"{t.n}. {t.description}" for t in agreement.terms.order_by("n")]
    return [agreement.facts, agreement.issues, *terms, agreement.other_terms]


def decision_fields(mediation: MediationCase) -> dict[str, Any]:
    case = mediation.case
    right = case.rights.first()
    agreement = getattr(mediation, "agreement", None)
    parts = [mediation.request_summary, *_agreement_text(mediation)]
    return {
        "title": f"{case.title}（{case.number}）",
        "document_number": agreement.number if agreement is not None and agreement.number
        else case.number,
        "office": case.office, "decided_on": mediation.agreed_on or timezone.localdate(),
        "ip_type": right.kind if right else "invention_patent",
        "outcome": DecisionOutcome.SETTLED,
        "damages_claimed": mediation.amount_claimed,
        "settlement_amount": mediation.amount_agreed,
        "statutes_cited": [mediation.dispute_type.legal_basis],
        "disputed_issues": agreement.issues if agreement is not None else "",
        "full_text": "\n".join(p for p in parts if p),
        "is_public": False,
    }


def features(mediation: MediationCase) -> CaseFeatures:
    case = mediation.case
    right = case.rights.first()
    text = "\n".join([case.title, mediation.request_summary, *_agreement_text(mediation)])
    return CaseFeatures(text=text, ip_type=right.kind if right else None)


def draft_outcome(mediation: MediationCase) -> str | None:
    return DecisionOutcome.SETTLED if mediation.outcome == "settled" else None


PRECEDENT = PrecedentMapping(
    recorded_on=MediationState.AGREED, source=DecisionSource.MEDIATION,
    fields=decision_fields, features=features, draft_outcome=draft_outcome,
)
