"""Similar decisions for a case (类案推送): its facts and its structured features.

Only decisions on the same kind of right are similar; among them, those sharing an
infringing act come first, then the most relevant by the case's telling words."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cases import workflows
from search.analysis import domain_terms, words
from search.backends.base import Filters, SearchQuery
from search.models import Decision
from search.selectors import run_query

if TYPE_CHECKING:
    from cases.models import Case, User

MAX_TERMS = 24
_STOP = {"被请求人", "请求人", "本局", "认为", "产品", "进行", "以及", "其中", "没有", "已经",
         "一种", "该", "其", "及", "与", "的", "了", "在", "是", "和", "对", "为"}


@dataclass
class Features:
    text: str
    ip_type: str | None = None
    acts: list[str] = field(default_factory=list)
    exclude_ids: list[int] = field(default_factory=list)


def features_of_case(case: Case) -> Features:
    """What the case is compared by, as its workflow's precedent mapping says."""
    own = list(Decision.objects.filter(case=case).values_list("pk", flat=True))
    mapping = workflows.of(case).precedent
    if mapping is None:
        # Compared like with like all the same: on the case's kind of right.
        right = case.rights.first()
        return Features(text=case.title, ip_type=right.kind if right else None,
                        exclude_ids=own)
    found = mapping.features(case.flow)
    return Features(text=found.text, ip_type=found.ip_type, acts=list(found.acts),
                    exclude_ids=own)


def query_terms(text: str) -> list[str]:
    """The most telling words of a text: domain terms first, then frequent words."""
    counts = Counter(w for w in words(text) if len(w) >= 2 and w not in _STOP)
    domain = set(domain_terms())
    ranked = sorted(counts, key=lambda w: (w not in domain, -counts[w], w))
    return ranked[:MAX_TERMS]


def similar_decisions(user: User, features: Features, k: int = 10
                      ) -> list[tuple[Decision, float]]:
    terms = query_terms(features.text)
    # Like with like: only decisions on the same kind of right (a design case is not
    # compared with invention patents), those sharing an infringing act first.
    query = SearchQuery(text=" ".join(terms), match_any=True, limit=k, facets=False,
                        prefer_ip_type=features.ip_type, prefer_acts=features.acts,
                        filters=Filters(exclude_ids=features.exclude_ids,
                                        ip_types=[features.ip_type] if features.ip_type else []))
    rows, _result = run_query(user, query)
    excluded = set(features.exclude_ids)
    acts = set(features.acts)
    rows = sorted(rows, key=lambda row: not acts & set(row[0].infringing_acts or []))
    return [(d, s) for d, s in rows if d.pk not in excluded][:k]


def similar_to_case(user: User, case: Case, k: int = 10) -> list[tuple[Decision, float]]:
    return similar_decisions(user, features_of_case(case), k)
