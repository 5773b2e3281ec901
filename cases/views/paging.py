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
from datetime import date
from typing import Any

from django.db.models import Model, Q, QuerySet


@dataclass(frozen=True)
class SortSpec:
    key: str
    fields: tuple[str, ...]  # the last one is always "pk"
    types: tuple[type, ...]


def encode_cursor(values: list[Any]) -> str:
    plain = [v.isoformat() if isinstance(v, date) else v for v in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, spec: SortSpec) -> list[Any] | None:
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(spec.fields):
            return None
        return [date.fromisoformat(v) if t is date else t(v) for v, t in zip(raw, spec.types,
                                                                           strict=True)]
    except (ValueError, TypeError, json.JSONDecodeError):
        return None


def _beyond(fields: tuple[str, ...], values: list[Any], descending: bool) -> Q:
    """Rows strictly after ``values`` in the (fields...) order."""
    op = "lt" if descending else "gt"
    q = Q(pk__in=[])
    for i, name in enumerate(fields):
        step = Q(**{f"{name}__{op}": values[i]})
        for prev, value in zip(fields[:i], values[:i], strict=True):
            step &= Q(**{prev: value})
        q |= step
    return q


@dataclass
class KeysetPage:
    rows: list[Any]
    next_cursor: str | None
    prev_cursor: str | None
    is_first: bool


def keyset_page(qs: QuerySet[Any], spec: SortSpec, *, descending: bool, size: int,
                after: str | None = None, before: str | None = None,
                rows_of: Callable[[list[Any]], QuerySet[Any]] | None = None) -> KeysetPage:
    """A page of ``qs``; with ``rows_of``, the page's keys are read from ``qs`` and its rows
    from ``rows_of(keys)`` (the same columns and order annotations, without the filters
    that chose the keys, which the database would otherwise plan and apply again)."""
    order = [f"-{f}" if descending else f for f in spec.fields]
    reverse = [f[1:] if f.startswith("-") else f"-{f}" for f in order]

    def cursor_of(row: Model) -> str:
        return encode_cursor([getattr(row, "pk" if f == "pk" else f) for f in spec.fields])

    if before and (values := decode_cursor(before, spec)) is not None:
        rows = _rows(qs.filter(_beyond(spec.fields, values, not descending)), reverse,
                     size + 1, rows_of)
        has_prev = len(rows) > size
        rows = list(reversed(rows[:size]))
        return KeysetPage(rows, cursor_of(rows[-1]) if rows else None,
                          cursor_of(rows[0]) if rows and has_prev else None, not has_prev)
    values = decode_cursor(after, spec) if after else None
    if values is not None:
        qs = qs.filter(_beyond(spec.fields, values, descending))
    rows = _rows(qs, order, size + 1, rows_of)
    has_next = len(rows) > size
    rows = rows[:size]
    return KeysetPage(
        rows, cursor_of(rows[-1]) if rows and has_next else None,
        cursor_of(rows[0]) if rows and values is not None else None, values is None,
    )


def _rows(qs: QuerySet[Any], order: list[str], limit: int,
          rows_of: Callable[[list[Any]], QuerySet[Any]] | None) -> list[Any]:
    """The first ``limit`` rows of ``qs`` in ``order``: their keys first, on the filter and
    the order alone (the joins the page's columns need, which the database cannot drop,
    would otherwise be made for every matching row the order considers: thousands for a
    search), then those rows with everything the page shows."""
    keys = list(qs.order_by(*order).values_list("pk", flat=True)[:limit])
    if not keys:
        return []
    rows = rows_of(keys) if rows_of is not None else qs.filter(pk__in=keys)
    return list(rows.order_by(*order))
