"""Statute citations normalised to article keys that survive law revisions.

A decision cites articles by the numbering in force when it was decided: the prior-art
defence is 专利法第六十二条 under the 2008 patent law and 第六十七条 under the 2020 one.
Every citation becomes a key in the current numbering (``专利法:67``), so a search for
either number finds both. Citations are read from the imported statutes column and from
the text, including lists (``《专利法》第十一条、第六十五条、第六十七条``).

A query has no decision date: an article number in a query is read under every
numbering and matches the keys of all of them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """第六十七 → 67, 一百零五 → 105, 11 → 11."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current or None


@dataclass(frozen=True)
class Revision:
    law: str
    in_force: date  # the revision that renumbered the articles took effect on this day
    old_to_new: dict[int, int]  # articles of the earlier numbering that moved


# Only the renumbered articles legal staff cite in infringement matters are listed; an
# article that kept its number maps to itself.
REVISIONS = (
    # 专利法 2008 → 2020 (in force 2021-06-01)
    Revision("专利法", date(2021, 6, 1), {
        59: 64,  # scope of protection (保护范围)
        60: 65,  # infringement disputes: court or administrative handling
        61: 66,  # burden of proof for process patents; evaluation report
        62: 67,  # prior art / prior design defence (现有技术抗辩)
        63: 68,  # passing off patents (假冒专利)
        64: 69,  # powers of the administrative authority
        65: 71,  # damages (赔偿数额)
        66: 72,  # pre-suit injunction
        67: 73,  # evidence preservation
        68: 74,  # limitation period
        69: 75,  # non-infringing uses (先用权, 权利用尽…)
        70: 77,  # innocent seller (合法来源)
    }),
    # 商标法 2001 → 2013 (in force 2014-05-01); the 2019 amendment kept the numbering
    Revision("商标法", date(2014, 5, 1), {
        52: 57,  # infringing acts
        53: 60,  # administrative handling, fines
        54: 61,
        55: 62,  # powers of the administrative authority
        56: 63,  # damages
        57: 65,
    }),
    # 著作权法 2010 → 2020 (in force 2021-06-01)
    Revision("著作权法", date(2021, 6, 1), {
        46: 51,
        47: 52,  # civil liability acts
        48: 53,  # acts also punished administratively
        49: 54,  # damages
        50: 56,
        51: 57,
        52: 58,
        53: 59,  # lawful source of copies
    }),
)
_BY_LAW = {r.law: r for r in REVISIONS}
_LAW_NAMES = {"专利法": "专利法", "商标法": "商标法", "著作权法": "著作权法", "版权法": "著作权法"}
_NUM = r"[0-9零〇一二两三四五六七八九十百]+"
_CITATION = re.compile(
    rf"(?:《)?(?:中华人民共和国)?(专利法|商标法|著作权法|版权法)(?:实施细则)?(?:》)?"
    rf"((?:[（(][^）)]{{0,12}}[）)])?(?:\s*[、，,和及与]?\s*第{_NUM}条(?:第{_NUM}款)?)+)")
_ARTICLE = re.compile(rf"第({_NUM})条")


def key(law: str, article: int) -> str:
    return f"{law}:{article}"


def normalise(law: str, article: int, decided: date | None) -> str:
    """The key of one citation; ``decided`` tells which numbering the text used."""
    revision = _BY_LAW.get(law)
    if revision and decided is not None and decided < revision.in_force:
        article = revision.old_to_new.get(article, article)
    return key(law, article)


def readings(law: str | None, article: int) -> list[str]:
    """Every key a bare article number may stand for (a query has no date)."""
    laws = [law] if law else list(_BY_LAW)
    out: list[str] = []
    for name in laws:
        revision = _BY_LAW[name]
        for candidate in (key(name, article),
                          key(name, revision.old_to_new.get(article, article))):
            if candidate not in out:
                out.append(candidate)
    return out


def citations(text: str) -> list[tuple[str, int]]:
    """(law, article) pairs cited in a text, lists included."""
    found: list[tuple[str, int]] = []
    for match in _CITATION.finditer(unicodedata.normalize("NFKC", text or "")):
        if "实施细则" in match.group(0):
            continue
        law = _LAW_NAMES[match.group(1)]
        for number in _ARTICLE.findall(match.group(2)):
            article = chinese_number(number)
            if article and (law, article) not in found:
                found.append((law, article))
    return found


def statute_keys(texts: list[str], decided: date | None) -> list[str]:
    keys: list[str] = []
    for text in texts:
        for law, article in citations(text):
            k = normalise(law, article, decided)
            if k not in keys:
                keys.append(k)
    return keys


def query_keys(text: str) -> list[str]:
    """Keys for the statute references in a query: with a law name, that law's readings;
    a bare 第六十七条, the readings under every law."""
    keys: list[str] = []
    named = citations(text)
    for law, article in named:
        keys.extend(k for k in readings(law, article) if k not in keys)
    if not named:
        for number in _ARTICLE.findall(unicodedata.normalize("NFKC", text or "")):
            bare = chinese_number(number)
            if bare:
                keys.extend(k for k in readings(None, bare) if k not in keys)
    return keys
