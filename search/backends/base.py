"""The contract both search backends implement, and the query they both understand."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from django.utils.translation import gettext as _

from search.query import FEW, Mode, Plan, characters, relaxed, understand

FACET_FIELDS = ("ip_type", "outcome", "acts", "platform", "region", "year")
# A relevance-ranked query matching more decisions than this has its facets counted over
# its ``FACET_SAMPLE`` most relevant matches (as Elasticsearch's ``sampler``), not over all
# of them: a second pass over hundreds of thousands of matches is what the page cannot
# afford. The total stays exact (the scoring pass visits every match anyway).
FACET_EXACT_LIMIT = 10_000
FACET_SAMPLE = 500


@dataclass
class Filters:
    ip_types: list[str] = field(default_factory=list)
    acts: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    outcomes: list[str] = field(default_factory=list)
    office_path: str | None = None  # an office subtree, e.g. "450000/450100/"
    region_prefix: str | None = None  # e.g. "45" (Guangxi) or "4501" (Nanning)
    date_from: date | None = None
    date_to: date | None = None
    amount_min: float | None = None
    amount_max: float | None = None
    guiding_only: bool = False
    exclude_ids: list[int] = field(default_factory=list)


@dataclass
class SearchQuery:
    text: str = ""
    filters: Filters = field(default_factory=Filters)
    # Scope: None = every office; else path prefixes whose non-public decisions are visible.
    visible_paths: list[str] | None = None
    sort: str = "relevance"  # relevance | date | amount
    offset: int = 0
    limit: int = 20
    facets: bool = True
    boost_guiding: bool = True
    # Extra ranking features (similar cases): ip_type and acts that weigh more.
    prefer_ip_type: str | None = None
    prefer_acts: list[str] = field(default_factory=list)
    # Plain BM25 over the text's character bigrams, any of which may match (the
    # evaluation baseline): no synonyms, no boosts, no features.
    plain: bool = False
    # Any term may match (similar cases: a case's facts are a bag of words).
    match_any: bool = False


# The deepest result any caller may page to (offset + limit). tantivy allocates a buffer of
# that many hits up front and aborts the whole process when it cannot; Elasticsearch
# refuses beyond its max_result_window (10,000 by default). Both are refused here first.
MAX_RESULT_WINDOW = 10_000
MAX_PAGE_SIZE = 100


class InvalidWindow(ValueError):
    """A page, offset or page size outside what a search may ask for (an input error)."""


def check_window(offset: object, limit: object) -> None:
    """Refuse an offset/limit pair before it reaches a backend."""
    if (not isinstance(offset, int) or isinstance(offset, bool) or offset < 0
            or not isinstance(limit, int) or isinstance(limit, bool)
            or not 1 <= limit <= MAX_PAGE_SIZE or offset + limit > MAX_RESULT_WINDOW):
        raise InvalidWindow(_("Only the first %(window)d results can be paged through, at "
                              "most %(size)d a page; narrow the search.")
                            % {"window": MAX_RESULT_WINDOW, "size": MAX_PAGE_SIZE})


def check_page(page: object, page_size: object) -> int:
    """A page number from the caller (1-based) as an offset, or ``InvalidWindow``."""
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise InvalidWindow(_("The page number must be a whole number from 1."))
    if not isinstance(page_size, int) or isinstance(page_size, bool):
        raise InvalidWindow(_("The page size must be a whole number."))
    offset = (page - 1) * page_size
    check_window(offset, page_size)
    return offset


@dataclass
class Hit:
    id: int
    score: float


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # The facets were counted over the most relevant ``FACET_SAMPLE`` matches, not over
    # every match (a query matching more than ``FACET_EXACT_LIMIT``); the total is exact.
    facets_sampled: bool = False
    # How the text was understood: "all", "any" (the fallback), "facts" or "" (no text),
    # and the words to highlight (the query's words and the synonyms it matched).
    mode: str = ""
    highlight: list[str] = field(default_factory=list)
    # Typing slips searched as the known term they are one edit from: (typed, searched).
    corrections: list[tuple[str, str]] = field(default_factory=list)


def execute(query: SearchQuery, run: Callable[[Plan | None], SearchResult]) -> SearchResult:
    """Both backends' search: the plan of the text, then the any-word fallback when the
    plan finds little. ``run(None)`` is the BM25 baseline (``plain``)."""
    if query.plain:
        return run(None)
    plan = understand(query.text)
    if query.match_any and plan.concepts:
        plan = Plan(Mode.ANY, plan.concepts, plan.phrases, plan.excluded, 1, plan.highlight,
                    corrections=plan.corrections)
    result = run(plan)
    if result.total < FEW and not plan.empty:
        fallback = relaxed(plan)
        if fallback is not None:
            wider = run(fallback)
            if wider.total > result.total:
                result = wider
                plan = fallback
    if result.total == 0 and plan.concepts and not any(c.statutes for c in plan.concepts) \
            and not all(c.known for c in plan.concepts):
        # No word matched as a word (a term the segmenter cuts differently from the
        # decisions): the text's character pairs, ranked, rather than an empty page. An
        # article number that no decision cites stays unanswered, and so does a query of
        # terms the dictionary knows with every form of them: no decision holds
        # 侵权不成立, 不构成侵权 or 未落入保护范围, and its pieces (侵权, 成立) would list
        # decisions that found the opposite.
        pairs = characters(plan, query.text)
        if pairs.bigrams:
            result = run(pairs)
            plan = pairs
    result.mode = plan.mode.value if not plan.empty else ""
    result.highlight = plan.highlight
    result.corrections = list(plan.corrections)
    return result


class Backend(Protocol):
    name: str

    def index(self, docs: list[dict[str, Any]]) -> None: ...

    def delete(self, ids: list[int]) -> None: ...

    def search(self, query: SearchQuery) -> SearchResult: ...

    def rebuild(self, docs: Any, progress: Any = None) -> int: ...

    def start_rebuild(self) -> str: ...

    def has_rebuild_target(self, target: str) -> bool: ...

    def add_to_rebuild(self, target: str, docs: list[dict[str, Any]]) -> None: ...

    def finish_rebuild(self, target: str) -> None: ...

    def count(self) -> int: ...

    def versions(self) -> dict[int, int]: ...

    def health(self) -> bool: ...

    def clear(self) -> None: ...


class BackendUnavailable(RuntimeError):
    """The search backend cannot be reached; outbox rows stay for a later retry."""
