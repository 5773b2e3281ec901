"""What the hand-written labelled sets (``independent``, ``fresh``, ``plain``; ``heldout``
takes their case line) share: the case line each ``cases.py`` lists, its shorthands, the
decision record built from a case and its composed text (``fresh``, ``plain`` and
``everyday``), and writing a set's ``decisions.json`` and ``queries.json`` from its cases
and graded queries. The layouts, party names, procedural text and facts stay each set's own."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple


class Case(NamedTuple):
    id: str
    layout: str
    ip: str
    acts: tuple[str, ...]
    platform: str
    product: str
    category: str
    outcome: str
    amount: float | None
    date: str
    region: str
    topics: tuple[str, ...]
    facts: str
    # What a set writes by hand where the others compose it (``everyday``): the holding,
    # the parties, the statutes cited, and the amounts by field, in place of ``amount``.
    holding: str = ""
    parties: tuple[str, str] = ("", "")
    statutes: tuple[str, ...] = ()
    amounts: Mapping[str, float] | None = None


D, U, INV, T, C = "design_patent", "utility_model", "invention_patent", "trademark", "copyright"
FOUND, PART, DISM, SETL, CONF, WDRW = ("infringement_found", "partially_found", "dismissed",
                                       "settled", "confirmed", "withdrawn")

Rule = Callable[[Case], int]
# A query: its text, its type, the rule its grades follow in words, and that rule.
Query = tuple[str, str, str, Rule]


def record(case: Case, title: str, number: str, text: str,
           statutes: list[str]) -> dict[str, Any]:
    """A decision as the set lists it: the case's fields, its composed title, number and
    text, the statutes it cites, its holding if the case has one, and its amounts by field
    if the case names them, else its amount as damages (a judgment), a settlement (a
    mediation) or a fine (anything else)."""
    out: dict[str, Any] = {
        "external_id": case.id, "title": title, "document_number": number,
        "decided_on": case.date, "region_code": case.region, "ip_type": case.ip,
        "infringing_acts": list(case.acts), "platform": case.platform,
        "product_category": case.category, "outcome": case.outcome,
        "statutes_cited": statutes, **({"holding": case.holding} if case.holding else {}),
        "full_text": text, "layout": case.layout, "topics": list(case.topics),
    }
    if case.amounts is not None:
        out.update(case.amounts)
    elif case.amount:
        key = {"judgment": "damages_awarded", "mediation": "settlement_amount"}.get(
            case.layout, "fine")
        out[key] = case.amount
    return out


def grades(cases: Sequence[Case], rule: Rule) -> dict[str, int]:
    """Each case's grade under ``rule``, the ungraded (0) left out."""
    return {c.id: g for c in cases if (g := rule(c)) > 0}


def write_set(here: Path, cases: Sequence[Case], decision: Callable[[Case], dict[str, Any]],
              queries: Sequence[Query]) -> None:
    """The set's two committed files, written again from its cases and queries."""
    decisions = [decision(c) for c in cases]
    graded = [{"query": q, "type": kind, "rule": rule, "grades": grades(cases, fn)}
              for q, kind, rule, fn in queries]
    for name, data in (("decisions.json", decisions), ("queries.json", graded)):
        (here / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
