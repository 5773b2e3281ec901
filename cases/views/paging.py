"""Keyset pagination: "next" and "previous" by the sort key plus the id, never a COUNT.

An OFFSET deep into a million rows reads and throws away every row before it; a keyset
condition (``(received_on, id) < (last seen)``) lets the database start at the right
index position, so page 5,000 costs what page 1 costs.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import F, Model, OrderBy, Q, QuerySet
from django.http import QueryDict

from cases.selectors.join_order import joins_as_written


@dataclass(frozen=True)
class SortSpec:
    key: str
    fields: tuple[str, ...]  # the last one is always "pk"
    types: tuple[type, ...]
    # Fields that may be NULL: their NULLs come after every value in ascending order (and
    # first in descending order), on every database.
    nullable: frozenset[str] = frozenset()


def encode_cursor(values: list[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, date) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, spec: SortSpec) -> list[Any] | None:
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(spec.fields):
            return None
        return [_value(v, t, name in spec.nullable)
                for v, t, name in zip(raw, spec.types, spec.fields, strict=True)]
    except (ValueError, TypeError, json.JSONDecodeError):
        return None


def _value(raw: Any, kind: type, nullable: bool) -> Any:
    if raw is None and nullable:
        return None
    if kind is datetime:
        return datetime.fromisoformat(raw)
    return date.fromisoformat(raw) if kind is date else kind(raw)


def _after(name: str, value: Any, descending: bool, nullable: bool) -> Q:
    """Rows whose ``name`` comes strictly after ``value`` (NULLs last when ascending)."""
    if not nullable:
        return Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
    if value is None:
        return Q(**{f"{name}__isnull": False}) if descending else Q(pk__in=[])
    if descending:
        return Q(**{f"{name}__lt": value})
    return Q(**{f"{name}__gt": value}) | Q(**{f"{name}__isnull": True})


def _beyond(spec: SortSpec, values: list[Any], descending: bool) -> Q:
    """Rows strictly after ``values`` in the (fields...) order."""
    q = Q(pk__in=[])
    for i, name in enumerate(spec.fields):
        step = _after(name, values[i], descending, name in spec.nullable)
        for prev, value in zip(spec.fields[:i], values[:i], strict=True):
            step &= Q(**{f"{prev}__isnull": True}) if value is None else Q(**{prev: value})
        q |= step
    return q


def _order(spec: SortSpec, descending: bool) -> list[OrderBy]:
    return [F(name).desc(nulls_first=True) if descending else F(name).asc(nulls_last=True)
            if name in spec.nullable
            else F(name).desc() if descending else F(name).asc() for name in spec.fields]


# How a list reads the first keys of its query in an order: (query, order, how many).
KeysOf = Callable[[QuerySet[Any], list[OrderBy], int], list[Any]]


@dataclass
class KeysetPage:
    rows: list[Any]
    next_cursor: str | None
    prev_cursor: str | None
    is_first: bool


def keyset_page(qs: QuerySet[Any], spec: SortSpec, *, descending: bool, size: int,
                after: str | None = None, before: str | None = None,
                rows_of: Callable[[list[Any]], QuerySet[Any]] | None = None,
                keys_of: KeysOf | None = None) -> KeysetPage:
    """A page of ``qs``; with ``rows_of``, the page's keys are read from ``qs`` and its rows
    from ``rows_of(keys)`` (the same columns and order annotations, without the filters
    that chose the keys, which the database would otherwise plan and apply again); with
    ``keys_of`` too, the keys are ``keys_of(qs, order, limit)``: the first ``limit`` keys of
    ``qs`` in ``order``, read as the list knows best (the case list's walked search)."""
    order = _order(spec, descending)
    reverse = _order(spec, not descending)

    def cursor_of(row: Model) -> str:
        return encode_cursor([getattr(row, "pk" if f == "pk" else f) for f in spec.fields])

    if before and (values := decode_cursor(before, spec)) is not None:
        rows = _rows(qs.filter(_beyond(spec, values, not descending)), reverse,
                     size + 1, rows_of, keys_of)
        has_prev = len(rows) > size
        rows = list(reversed(rows[:size]))
        return KeysetPage(rows, cursor_of(rows[-1]) if rows else None,
                          cursor_of(rows[0]) if rows and has_prev else None, not has_prev)
    values = decode_cursor(after, spec) if after else None
    if values is not None:
        qs = qs.filter(_beyond(spec, values, descending))
    rows = _rows(qs, order, size + 1, rows_of, keys_of)
    has_next = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows, cursor_of(rows[-1]) if rows and has_next else None,
        cursor_of(rows[0]) if rows and values is not None else None, values is None,
    )


def _rows(qs: QuerySet[Any], order: list[OrderBy], limit: int,
          rows_of: Callable[[list[Any]], QuerySet[Any]] | None,
          keys_of: KeysOf | None) -> list[Any]:
    """The first ``limit`` rows of ``qs`` in ``order``: their keys first, on the filter and
    the order alone (the joins the page's columns need, which the database cannot drop,
    would otherwise be made for every matching row the order considers: thousands for a
    search), then those rows with everything the page shows."""
    keys = (keys_of(qs, order, limit) if keys_of is not None
            else list(qs.order_by(*order).values_list("pk", flat=True)[:limit]))
    if not keys:
        return []
    if rows_of is None:
        return list(qs.filter(pk__in=keys).order_by(*order))
    with joins_as_written():  # a few rows by key, each join to one row at most
        return list(rows_of(keys).order_by(*order))


@dataclass(frozen=True)
class PageLinks:
    """Query strings (``?…``) of a keyset page's first, previous and next pages."""

    first: str | None
    previous: str | None
    next: str | None


def page_links(params: QueryDict, page: KeysetPage, prefix: str = "") -> PageLinks:
    """The links of ``page``, keeping every other parameter of the request: a list's
    cursors are ``<prefix>after`` and ``<prefix>before``, so the several lists of one page
    (the mediator's workbench, the referral dashboard) each page on their own."""
    base = params.copy()
    for key in (f"{prefix}after", f"{prefix}before"):
        base.pop(key, None)

    def link(key: str | None, cursor: str | None) -> str:
        query = base.copy()
        if key is not None:
            query[key] = cursor or ""
        return f"?{query.urlencode()}"

    return PageLinks(
        first=None if page.is_first else link(None, None),
        previous=link(f"{prefix}before", page.prev_cursor) if page.prev_cursor else None,
        next=link(f"{prefix}after", page.next_cursor) if page.next_cursor else None)
