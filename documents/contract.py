"""Checks a built context against the TypedDict of its document kind before rendering.

Each workflow registers, per document kind, the TypedDict its context builder returns
(``cases.workflows.DocumentRule.context_type``); mypy checks the builder against it, and
:func:`check_context` checks the value at run time, so a key a template relies on cannot
silently go missing (a template would render it empty).
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict


class ContextMismatch(TypeError):
    """A built context does not have the keys of its kind's TypedDict."""


def _typed_dict_in(annotation: Any) -> Any:
    """The TypedDict an annotation holds (``X``, ``X | None``, ``list[X]``), if any."""
    if is_typeddict(annotation):
        return annotation
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType, list):
        for arg in get_args(annotation):
            found = _typed_dict_in(arg)
            if found is not None:
                return found
    return None


def problems(value: Mapping[str, Any], contract: Any, path: str = "") -> list[str]:
    """What differs between ``value`` and the TypedDict ``contract``, key by key."""
    hints = get_type_hints(contract)
    found = [f"{path}{key}: missing" for key in hints if key not in value]
    found += [f"{path}{key}: not in the contract" for key in value if key not in hints]
    for key, annotation in hints.items():
        nested = _typed_dict_in(annotation)
        item = value.get(key)
        if nested is None or item is None:
            continue
        items = item if isinstance(item, list) else [item]
        for i, element in enumerate(items):
            where = f"{path}{key}[{i}]." if isinstance(item, list) else f"{path}{key}."
            if isinstance(element, Mapping):
                found += problems(element, nested, where)
            else:
                found.append(f"{where[:-1]}: not a mapping")
    return found


def check_context(value: Mapping[str, Any], contract: Any) -> None:
    mismatches = problems(value, contract)
    if mismatches:
        raise ContextMismatch("; ".join(mismatches))

