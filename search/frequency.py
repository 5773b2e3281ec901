"""A description's words weighed by how many decisions hold them (decisions 62 and 76).

The same rules for both backends, each asking its index how many decisions hold a term
(``DocFreq``): the embedded index answers from its term dictionary, the cluster from one
request of filter aggregations (``needed``).

- A typed word held by more than ``FACTS_COMMON_SHARE`` of the decisions (by its most
  frequent way of saying it) is scored, not counted towards the any-word minimum: 销售
  or 网店 in a description of facts would otherwise let most of the index match.
- A term of the scored-only evidence (a common word or a way of saying it, a character
  bigram) held by more than ``FACTS_EVIDENCE_SHARE`` of the decisions is left out: its
  BM25 weight is small, its postings most of the scoring pass.

Only a description (``Mode.FACTS``) is weighed; other plans are as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from search.query import FACTS_COMMON_SHARE, FACTS_EVIDENCE_SHARE, Concept, Mode, Plan


class DocFreq(Protocol):
    """How many decisions the index holds, and how many hold a term of a field."""

    @property
    def num_docs(self) -> int: ...

    def __call__(self, field: str, token: str) -> int: ...


class KnownFrequencies:
    """Document frequencies read ahead (the cluster's one request); a term not read
    counts as held by none."""

    def __init__(self, num_docs: int, counts: dict[tuple[str, str], int]) -> None:
        self._num_docs = num_docs
        self.counts = counts

    @property
    def num_docs(self) -> int:
        return self._num_docs

    def __call__(self, field: str, token: str) -> int:
        return self.counts.get((field, token), 0)


def weighed(plan: Plan | None) -> bool:
    return plan is not None and plan.mode == Mode.FACTS


def needed(plan: Plan | None) -> set[tuple[str, str]]:
    """The terms whose document frequency the rules below read for ``plan``."""
    if plan is None or not weighed(plan):
        return set()
    concepts: Iterable[Concept] = [c for g in plan.words() for c in g] + plan.optional()
    terms = {("words", t) for c in concepts for a in c.alternatives for t in a}
    if plan.concepts:
        terms |= {("bigrams", t) for t in plan.bigrams}
    return terms


def _frequency(group: list[Concept], df: DocFreq) -> int:
    """An upper bound of the decisions one typed word matches in the text."""
    return max((min(df("words", t) for t in alternative)
                for c in group for alternative in c.alternatives), default=0)


def counted(plan: Plan, df: DocFreq | None) -> tuple[list[list[Concept]], list[Concept]]:
    """The typed words counted towards the any-word minimum, and the concepts only
    scored (the plan's common words, and those of a description held by more than
    ``FACTS_COMMON_SHARE`` of the decisions, unless every word is)."""
    words, optional = plan.words(), plan.optional()
    if not weighed(plan) or df is None or not df.num_docs:
        return words, optional
    limit = FACTS_COMMON_SHARE * df.num_docs
    rare = [g for g in words if _frequency(g, df) <= limit]
    if not rare:
        return words, optional
    common = [c for g in words if g not in rare for c in g]
    return rare, optional + common


def too_common(plan: Plan, df: DocFreq | None) -> Callable[[str, tuple[str, ...]], bool]:
    """Whether a term of a description's scored-only evidence is held by more than
    ``FACTS_EVIDENCE_SHARE`` of the decisions (a word of several tokens: by its rarest).
    No term is, outside a description or without index statistics."""
    if not weighed(plan) or df is None or not df.num_docs:
        return lambda field, tokens: False
    limit = FACTS_EVIDENCE_SHARE * df.num_docs
    return lambda field, tokens: min(df(field, t) for t in tokens) > limit


def scored_only(plan: Plan, optional: list[Concept], df: DocFreq | None
                ) -> list[tuple[Concept, Callable[[tuple[str, ...]], bool]]]:
    """The scored-only concepts kept, each with the test of the ways of saying it that
    are kept: a concept goes when every way of saying it is too common and it has no
    statute key or character of its own."""
    common = too_common(plan, df)

    def telling(alternative: tuple[str, ...]) -> bool:
        return not common("words", alternative)

    return [(c, telling) for c in optional
            if c.statutes or c.char or any(telling(a) for a in c.alternatives)]


def evidence(plan: Plan, df: DocFreq | None) -> list[str]:
    """The character bigrams scored as evidence (all of them when no word is left: they
    are then the match itself)."""
    if not plan.concepts:
        return list(plan.bigrams)
    common = too_common(plan, df)
    return [t for t in plan.bigrams if not common("bigrams", (t,))]
