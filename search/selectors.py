"""Precedent search for staff: scoped inside the backend query, hydrated from the database."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from cases.errors import OutOfScope
from cases.selectors.scope import visible_office_paths
from search.backends import get_backend
from search.backends.base import Filters, SearchQuery, check_page
from search.masking import masked
from search.models import Decision

if TYPE_CHECKING:
    from cases.models import User

SNIPPET_CHARS = 160


@dataclass
class PrecedentHit:
    decision: Decision
    score: float
    snippet: str  # HTML: escaped text with <mark> around the matched terms
    # The criminal thresholds the decision's figures reach (search.thresholds).
    thresholds: list[Any] = field(default_factory=list)

    @property
    def amount(self) -> tuple[str, Decimal] | None:
        """The amount the index sorts by (the largest of damages, settlement, fine), with
        the name of its field, so a page sorted by amount can show it."""
        d = self.decision
        values = [(name, getattr(d, name)) for name in ("damages_awarded", "settlement_amount",
                                                         "fine") if getattr(d, name) is not None]
        return max(values, key=lambda nv: nv[1]) if values else None


@dataclass
class PrecedentPage:
    hits: list[PrecedentHit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 20
    # "any" when every word together found little and the page shows decisions matching
    # most of them; "facts" when the query was read as a description of facts.
    mode: str = ""
    # The facets were counted over the most relevant matches only (FACET_SAMPLE of them),
    # the query matching more than FACET_EXACT_LIMIT decisions; the total is exact.
    facets_sampled: bool = False
    # Typing slips searched as the known term they are one edit from: (typed, searched).
    corrections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def visible_decisions(user: User) -> QuerySet[Decision]:
    """The same visibility rule as the index query, for detail pages and hydration."""
    base = Decision.objects.filter(is_deleted=False)
    paths = visible_office_paths(user)
    if paths is None:
        return base
    scope = Q(is_public=True)
    for path in paths:
        scope |= Q(office_path__startswith=path)
    return base.filter(scope)


def decision_detail(user: User, pk: int) -> Decision:
    try:
        return visible_decisions(user).select_related("office").get(pk=pk)
    except (Decision.DoesNotExist, ValueError):
        raise OutOfScope() from None


def snippet(text: str, terms: list[str], size: int = SNIPPET_CHARS) -> str:
    """An escaped excerpt around the first match, every match wrapped in <mark>."""
    text = text or ""
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    # Index terms are lower-cased: "led" marks LED, "iphone" marks iPhone.
    pattern = (re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
               if terms else None)
    first = pattern.search(text) if pattern else None
    # Only the window around the first match is cut, normalised and marked.
    raw_start = max(0, (first.start() if first else 0) - size)
    window = re.sub(r"\s+", " ", text[raw_start:raw_start + 3 * size])
    at = pattern.search(window) if pattern else None
    start = max(0, (at.start() if at else 0) - size // 3)
    excerpt = window[start:start + size]
    more_before = raw_start + start > 0
    more_after = raw_start + 3 * size < len(text) or start + size < len(window)
    if pattern is None:
        return html.escape(excerpt)
    out, last = [], 0
    for m in pattern.finditer(excerpt):
        out.append(html.escape(excerpt[last:m.start()]))
        out.append(f"<mark>{html.escape(m.group())}</mark>")
        last = m.end()
    out.append(html.escape(excerpt[last:]))
    return ("…" if more_before else "") + "".join(out) + ("…" if more_after else "")


_CLAUSE_END = "，。；：、！？"


def masked_snippet(text: str, terms: list[str], size: int = SNIPPET_CHARS) -> str:
    """``snippet`` of the masked text, masking only the whole clauses around the first
    match: the window is cut at clause punctuation (which no personal-data pattern spans,
    see ``search.masking``), masked, and only then is the excerpt computed and marked, so
    it can never end inside a half-masked number. A judgment of thousands of characters is
    not masked in full for a 160-character excerpt."""
    text = text or ""
    ordered = sorted({t for t in terms if t}, key=len, reverse=True)
    pattern = (re.compile("|".join(re.escape(t) for t in ordered), re.IGNORECASE)
               if ordered else None)
    first = pattern.search(text) if pattern else None
    at = first.start() if first else 0
    lo = max(text.rfind(c, 0, max(0, at - size)) for c in _CLAUSE_END) + 1
    ends = [i for c in _CLAUSE_END if (i := text.find(c, at + 2 * size)) >= 0]
    hi = min(ends) + 1 if ends else len(text)
    out = snippet(masked(text[lo:hi]), terms, size)
    if lo > 0 and not out.startswith("…"):
        out = "…" + out
    if hi < len(text) and not out.endswith("…"):
        out += "…"
    return out


def run_query(user: User, query: SearchQuery) -> tuple[list[tuple[Decision, float]], Any]:
    query.visible_paths = visible_office_paths(user)
    result = get_backend().search(query)
    by_id = {d.pk: d for d in visible_decisions(user).select_related("office")
             .filter(pk__in=[h.id for h in result.hits])}
    # The index may briefly lag a deletion; a hit without a visible row is skipped.
    return [(by_id[h.id], h.score) for h in result.hits if h.id in by_id], result


def search_precedents(user: User, text: str = "", filters: Filters | None = None,
                      sort: str = "relevance", page: int = 1,
                      page_size: int = 20) -> PrecedentPage:
    offset = check_page(page, page_size)  # InvalidWindow before the backend sees it
    query = SearchQuery(text=text, filters=filters or Filters(), sort=sort,
                        offset=offset, limit=page_size)
    rows, result = run_query(user, query)
    hits = [PrecedentHit(d, score, masked_snippet(d.full_text or d.holding or d.title,
                                           result.highlight))
            for d, score in rows]
    return PrecedentPage(hits=hits, total=result.total, facets=result.facets, page=page,
                         page_size=page_size, mode=result.mode,
                         facets_sampled=result.facets_sampled,
                         corrections=result.corrections)


def pending_index_rows() -> int:
    """Outbox rows not yet in the index: decisions saved but not searchable yet."""
    from search.models import SearchOutbox

    return SearchOutbox.objects.filter(processed_at__isnull=True).count()
