"""Chinese text analysis shared by both backends.

Text is pre-tokenised here, in Python, so the embedded index and a cluster without
Chinese analysis plugins see exactly the same terms:

- words: rjieba segmentation with the domain dictionary of IP-law terms
  (``search/dictionary/ip_terms.txt``) and the synonym dictionary's terms, for word-level
  matching. Documents are cut in search mode (a long word also yields the dictionary words
  inside it: 外观设计专利 → 外观 设计 外观设计 专利 外观设计专利), queries precisely, so a
  query word finds the longer words that contain it;
- bigrams: overlapping character pairs, so two-character words and exact phrases always
  match, whatever the segmenter did;
- chars: single characters, for one-character queries.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import rjieba

DICTIONARY = Path(__file__).resolve().parent / "dictionary" / "ip_terms.txt"
_CJK = re.compile(r"[\u3400-\u9fff]")
_TOKEN = re.compile(r"[\u3400-\u9fff]+|[A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*")
_MIXED = re.compile(r"[\u3400-\u9fffa-z0-9]+")
_lock = threading.Lock()
_loaded = False


def normalise(text: str | None) -> str:
    """Full-width letters, digits and spaces as their ASCII forms (ＬＥＤ → LED, 第１１条 →
    第11条; NFKC), so text typed or scanned in full width finds and is found like the rest."""
    return unicodedata.normalize("NFKC", text or "")


def domain_terms() -> list[str]:
    lines = DICTIONARY.read_text(encoding="utf-8").splitlines()
    return [line.split()[0] for line in lines if line.strip() and not line.startswith("#")]


def _ensure_dictionary() -> None:
    global _loaded
    if _loaded:
        return
    with _lock:
        if not _loaded:
            from search.synonyms import seed_groups

            for term in domain_terms():
                rjieba.add_word(term, 2000, None)
            for _kind, terms in seed_groups():
                for term in terms:
                    for form in _segmenter_forms(term):
                        rjieba.add_word(form, 2000, None)
            _loaded = True


def _segmenter_forms(term: str) -> list[str]:
    """The forms of a synonym term the segmenter learns: a Chinese word, and a word of
    Latin letters and Chinese characters (a货, t恤: the dictionary keeps terms lower-cased)
    as written and in capitals (A货), since the segmenter matches letters by case."""
    if len(term) < 2 or not _CJK.search(term):
        return []
    return list(dict.fromkeys([term, term.upper()]))


_added: set[str] = set()


def add_terms(terms: object) -> None:
    """Teach the segmenter terms added in the synonym admin (query side)."""
    _ensure_dictionary()
    for term in terms:  # type: ignore[attr-defined]
        if term not in _added:
            with _lock:
                for form in _segmenter_forms(term):
                    rjieba.add_word(form, 2000, None)
                _added.add(term)


def _kept(tokens: list[str], *, pieces: bool) -> list[str]:
    """The word tokens among the segmenter's, lower-cased, punctuation dropped. A word of
    Latin letters or digits and Chinese characters (LED灯, U盘, T恤, the dictionary has
    them) is kept whole; in a document also as its pieces (led, 灯), so a query typed with
    a space between them finds it too."""
    out = []
    for token in tokens:
        token = token.strip().lower()
        if not token:
            continue
        if _TOKEN.fullmatch(token):
            out.append(token)
        elif _MIXED.fullmatch(token):
            out.append(token)
            if pieces:
                out.extend(_TOKEN.findall(token))
    return out


def words(text: str) -> list[str]:
    """Word tokens (lower-cased), punctuation dropped."""
    _ensure_dictionary()
    return _kept(rjieba.cut(normalise(text)), pieces=False)


def index_words(text: str) -> list[str]:
    """Search-mode word tokens for documents: every dictionary word inside a longer word
    too, so a query's shorter word matches."""
    _ensure_dictionary()
    return _kept(rjieba.cut_for_search(normalise(text)), pieces=True)


def bigrams(text: str) -> list[str]:
    """Overlapping CJK character bigrams; runs of one character give the character;
    Latin/digit runs are kept whole (lower-cased)."""
    out: list[str] = []
    for run in _TOKEN.findall(normalise(text).lower()):
        if _CJK.match(run):
            if len(run) == 1:
                out.append(run)
            else:
                out.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return out


def chars(text: str) -> list[str]:
    """Single CJK characters, so a one-character query (锁, 灯) finds longer words."""
    return _CJK.findall(normalise(text))


@lru_cache(maxsize=4096)
def query_bigrams(text: str) -> tuple[str, ...]:
    return tuple(bigrams(text))


def analysed(text: str) -> dict[str, str]:
    """The two analysed forms, joined for a whitespace tokenizer."""
    return {"words": " ".join(words(text)), "bigrams": " ".join(bigrams(text))}
