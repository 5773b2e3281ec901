"""The precedent index schema, defined once; both backends derive their mappings from it.

Text is pre-tokenised (``search.analysis``) into whitespace-separated ``words`` (rjieba
with the domain dictionary, search mode, boilerplate left out) and ``bigrams`` (character
pairs); ``labels`` holds the Chinese labels of the metadata (IP type, acts, outcome,
platform, product category) and ``statutes`` the article keys of the statutes cited
(``search.statutes``); structured fields are exact keywords or numbers. ``to_document``
turns a ``Decision`` into the index document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from search.analysis import bigrams, chars, index_words
from search.labels import label_words, without_boilerplate
from search.masking import masked
from search.statutes import statute_keys

if TYPE_CHECKING:
    from search.models import Decision

# name → kind: "id" | "text" (whitespace-tokenised, positions) | "keyword" (exact, may be
# multi-valued, facetable) | "int" | "float" | "bool"
FIELDS: dict[str, str] = {
    "id": "id",
    "version": "int",
    "title_words": "text",
    "words": "text",
    "bigrams": "text",
    "chars": "text",
    "labels": "text",
    "statutes": "keyword",
    "ip_type": "keyword",
    "acts": "keyword",
    "platform": "keyword",
    "outcome": "keyword",
    "product_category": "keyword",
    "office_paths": "keyword",
    "region_prefixes": "keyword",
    "region": "keyword",
    "year": "keyword",
    "decided": "int",
    "amount": "float",
    "is_public": "bool",
    "is_guiding": "bool",
    "guiding_weight": "float",
}

OFFLINE = "offline"


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def _region_prefixes(code: str) -> list[str]:
    code = code or ""
    out = []
    for size in (2, 4, 6):
        if len(code) >= size:
            out.append(code[:size])
    return out


def amount_of(d: Decision) -> float:
    values = [v for v in (d.damages_awarded, d.settlement_amount, d.fine) if v is not None]
    return float(max(values)) if values else 0.0


def text_of(d: Decision) -> str:
    """The searchable text, personal data masked (``documents.redaction.mask_text``, the
    masking of public copies and snippets, through ``search.masking``): a phone or ID
    number in a decision is never an index term, so searching for one cannot reveal which
    decision holds it."""
    return masked("\n".join(x for x in (d.title, d.holding, d.disputed_issues,
                                            d.full_text) if x))


def to_document(d: Decision) -> dict[str, Any]:
    text = text_of(d)
    acts = list(d.infringing_acts or [])
    labels = label_words(d.ip_type, acts, d.outcome, d.platform, d.product_category)
    return {
        "id": d.pk,
        "version": int(d.updated_at.timestamp() * 1000),
        "title_words": " ".join(index_words(masked(d.title or ""))),
        # Boilerplate (驳回…其他诉讼请求, court fees, appeal notice) is not indexed as words.
        "words": " ".join(index_words(without_boilerplate(text))),
        "bigrams": " ".join(bigrams(text)),
        "chars": " ".join(chars(text)),
        "labels": " ".join(index_words(" ".join(labels))),
        "statutes": statute_keys([*(d.statutes_cited or []), text], d.decided_on),
        "ip_type": [d.ip_type],
        "acts": acts,
        "platform": [d.platform or OFFLINE],
        "outcome": [d.outcome],
        "product_category": [d.product_category] if d.product_category else [],
        "office_paths": _prefixes(d.office_path),
        "region_prefixes": _region_prefixes(d.region_code),
        "region": [(d.region_code or "")[:4] + "00"] if d.region_code else [],
        "year": [str(d.decided_on.year)],
        "decided": int(d.decided_on.strftime("%Y%m%d")),
        "amount": amount_of(d),
        "is_public": bool(d.is_public),
        "is_guiding": bool(d.is_guiding_case),
        "guiding_weight": 2.0 if d.is_guiding_case else 0.0,
    }


def as_decimal(value: float) -> Decimal:
    return Decimal(str(value))
