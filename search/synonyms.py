"""The synonym and abbreviation dictionary, applied at query time by both backends.

Groups live in ``search.Synonym`` (admin-editable, seeded from
``search/dictionary/synonyms.txt``). ``expansions()`` maps every term to the terms a query
word should also match: all the members of its equivalence groups (groups sharing a term
are one), and for a category word its members. The map is cached per process and rebuilt
when a group changes (signal) or after ``CACHE_SECONDS`` (a change made by another
process).
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

SEED = Path(__file__).resolve().parent / "dictionary" / "synonyms.txt"
CACHE_SECONDS = 60
_SPLIT = re.compile(r"[\s,，、;；]+")
_lock = threading.Lock()
_cache: tuple[float, dict[str, tuple[str, ...]]] | None = None


def parse_seed(text: str) -> list[tuple[str, list[str]]]:
    """(kind, terms) groups of the seed file: ``a = b = c`` or ``category > m1 m2``."""
    groups: list[tuple[str, list[str]]] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if ">" in line:
            head, members = line.split(">", 1)
            terms = [head.strip(), *[t for t in _SPLIT.split(members) if t]]
            groups.append(("category", [t.lower() for t in terms if t]))
        else:
            terms = [t.strip().lower() for t in line.split("=") if t.strip()]
            groups.append(("equivalent", terms))
    return groups


def seed_groups() -> list[tuple[str, list[str]]]:
    return parse_seed(SEED.read_text(encoding="utf-8"))


def joined(groups: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The groups with the same-meaning groups that share a term merged into one: a line
    ``近似 = 很像 = 搞混`` gives 近似's everyday forms every other form of 近似, and the seed
    command adds it to an installation whose 近似 group legal staff have edited. Categories
    are left as they are."""
    merged: list[list[str]] = []
    for kind, terms in groups:
        if kind != "equivalent":
            continue
        overlapping = [g for g in merged if not set(g).isdisjoint(terms)]
        union = list(dict.fromkeys([t for g in overlapping for t in g] + terms))
        merged = [g for g in merged if all(g is not o for o in overlapping)] + [union]
    return [*(("equivalent", g) for g in merged),
            *((kind, terms) for kind, terms in groups if kind != "equivalent")]


def build(groups: list[tuple[str, list[str]]]) -> dict[str, tuple[str, ...]]:
    groups = joined(groups)
    out: dict[str, list[str]] = {}

    def add(term: str, others: list[str]) -> None:
        bucket = out.setdefault(term, [])
        bucket.extend(o for o in others if o != term and o not in bucket)

    for kind, terms in groups:
        if len(terms) < 2:
            continue
        if kind == "category":
            add(terms[0], terms[1:])
        else:
            for term in terms:
                add(term, terms)
    # A category's equivalents find its members too (灯饰 = 灯具 > 台灯).
    for term, others in list(out.items()):
        for other in list(others):
            for member in [m for kind, ts in groups if kind == "category" and ts[0] == other
                           for m in ts[1:]]:
                if member != term and member not in out[term]:
                    out[term].append(member)
    return {k: tuple(v) for k, v in out.items()}


def _load() -> dict[str, tuple[str, ...]]:
    from django.db import DatabaseError, transaction

    from search.models import Synonym

    try:
        with transaction.atomic():  # a savepoint: a failure leaves the caller's transaction
            groups = [(s.kind, s.term_list())
                      for s in Synonym.objects.filter(is_active=True)]
    except DatabaseError:  # no table yet (a fresh database before migrate)
        groups = seed_groups()
    return build(groups)


def expansions() -> dict[str, tuple[str, ...]]:
    global _cache
    now = time.monotonic()
    cached = _cache
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    with _lock:
        table = _load()
        _cache = (now, table)
    from search.analysis import add_terms

    add_terms(table.keys())
    return table


def invalidate(*_args: object, **_kwargs: object) -> None:
    global _cache
    _cache = None


def expand(term: str) -> tuple[str, ...]:
    return expansions().get(term.lower(), ())
