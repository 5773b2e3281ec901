"""How a decided ruling case becomes a precedent (类案) and what similar-case search
compares it by."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from cases.ruling.models import CaseState, RulingCase
from cases.workflows import CaseFeatures, PrecedentMapping
from documents.redaction import mask_text
from documents.selectors import issued_ruling
from search.models import DecisionOutcome, DecisionSource

OUTCOMES = {"infringement_found": DecisionOutcome.INFRINGEMENT_FOUND,
            "dismissed": DecisionOutcome.DISMISSED,
            "settled": DecisionOutcome.SETTLED}


def decision_fields(ruling: RulingCase) -> dict[str, Any]:
    """The precedent of a decided ruling case (search.models.Decision fields)."""
    case = ruling.case
    right = case.rights.first()
    document = issued_ruling(case)
    # The issued 行政裁决书's own text when there is one; else what the case records.
    parts = ([document.text] if document is not None and document.text else
             [ruling.requester_claims, ruling.respondent_defence, ruling.findings,
              ruling.reasoning, ruling.order_text])
    return {
        "title": f"{case.title}（{case.number}）",
        "document_number": document.number if document is not None and document.number
        else case.number,
        "office": case.office, "decided_on": ruling.decided_on or timezone.localdate(),
        "ip_type": right.kind if right else "invention_patent",
        "infringing_acts": list(ruling.infringing_acts or []),
        "platform": ruling.platform if ruling.sales_channel == "online" else "",
        "product_category": ruling.product_category,
        "outcome": OUTCOMES.get(ruling.outcome, DecisionOutcome.INFRINGEMENT_FOUND),
        "damages_claimed": None,
        "statutes_cited": ["《中华人民共和国专利法》第六十五条"],
        "disputed_issues": ruling.respondent_defence,
        "full_text": mask_text("\n".join(p for p in parts if p)),
        "is_public": False,
    }


def features(ruling: RulingCase) -> CaseFeatures:
    case = ruling.case
    right = case.rights.first()
    text = "\n".join([case.title, " ".join(ruling.accused_products or []),
                      ruling.product_category, ruling.platform, ruling.requester_claims,
                      ruling.facts, ruling.respondent_defence, ruling.findings,
                      ruling.reasoning])
    return CaseFeatures(text=text, ip_type=right.kind if right else None,
                        acts=list(ruling.infringing_acts or []))


def draft_outcome(ruling: RulingCase) -> str | None:
    return ruling.draft_outcome or ruling.outcome or None


PRECEDENT = PrecedentMapping(
    recorded_on=CaseState.DECIDED, source=DecisionSource.RULING, fields=decision_fields,
    features=features, draft_outcome=draft_outcome,
    compare_in=frozenset({CaseState.PENDING_APPROVAL}),
)
