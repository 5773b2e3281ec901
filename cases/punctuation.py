"""Chinese punctuation in free text typed with an ASCII keyboard layout.

Officers type requests, reasons and findings with the input method in half-width mode:
``产品,并通过"拼多多"网店销售(型号:SL-2026).`` A formal document writes Chinese text with
full-width marks (GB/T 15834-2011): ``产品，并通过“拼多多”网店销售（型号：SL-2026）。``
A mark is converted only where it touches Chinese text, so Latin names and addresses
(``Lumière GmbH & Co. KG``, ``Marienplatz 8, 80331 München``), figures (``12,345.60``,
``10:30``) and numbered items (``1.责令``) stay as typed.
"""

from __future__ import annotations

import re
from typing import Any

# Han characters and the marks of Chinese text (CJK punctuation, full-width forms, quotes).
_CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60“”‘’]")
_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def _chinese(ch: str) -> bool:
    return bool(ch) and _CHINESE.match(ch) is not None


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character before (step -1) or after (step 1) position ``i`` that is not
    a space, or "" at either end."""
    i += step
    while 0 <= i < len(text) and text[i] == " ":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _pairs(text: str, opening: str, closing: str) -> list[tuple[int, int]]:
    stack: list[int] = []
    pairs = []
    for i, ch in enumerate(text):
        if ch == opening:
            stack.append(i)
        elif ch == closing and stack:
            pairs.append((stack.pop(), i))
    return pairs


def _touches_chinese(text: str, start: int, end: int) -> bool:
    """Whether the bracketed span text[start..end] has Chinese next to either mark."""
    return any(_chinese(_neighbour(text, i, step))
               for i, step in ((start, -1), (start, 1), (end, -1), (end, 1)))


def full_width(text: str) -> str:
    """``text`` with the ASCII marks that touch Chinese text written full-width."""
    if not text or _CHINESE.search(text) is None:
        return text
    chars = list(text)
    converted: set[int] = set()
    for start, end in _pairs(text, "(", ")"):
        if _touches_chinese(text, start, end):
            chars[start], chars[end] = "（", "）"
            converted |= {start, end}
    quotes = [i for i, ch in enumerate(text) if ch == '"']
    if len(quotes) % 2 == 0:
        for start, end in zip(quotes[::2], quotes[1::2], strict=True):
            if _touches_chinese(text, start, end):
                chars[start], chars[end] = "“", "”"
                converted |= {start, end}
    bracketed = "".join(chars)  # a mark after a converted bracket touches Chinese too
    for i, ch in enumerate(bracketed):
        before, after = _neighbour(bracketed, i, -1), _neighbour(bracketed, i, 1)
        if ch in _MARKS and not (before.isdigit() and after.isdigit()) and (
                _chinese(before) or _chinese(after)):
            chars[i] = _MARKS[ch]
            converted.add(i)
        elif ch == "." and _chinese(before) and (not after or _chinese(after)):
            chars[i] = "。"
            converted.add(i)
    for i in converted:
        # The spaces typed around a converted mark: a full-width mark carries its own.
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(text) and text[j] == " ":
                chars[j] = ""
                j += step
    return "".join(chars)


def full_width_values(value: Any) -> Any:
    """Every string of a document's context through ``full_width`` (lists and dicts
    walked, other values as they are)."""
    if isinstance(value, str):
        return full_width(value)
    if isinstance(value, dict):
        return {key: full_width_values(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(full_width_values(item) for item in value)
    return value


def typed_half_width(stored: str, text: str) -> bool:
    """Whether ``stored`` is ``text`` written with half-width marks (as the seeds of an
    earlier version stored legal bases: ``(法释〔2004〕19号) 第一条``): nothing but its
    punctuation differs. A seed may rewrite such a value as it ships it now; any other
    difference is an administrator's edit, which it keeps."""
    return stored != text and full_width(stored) == text
