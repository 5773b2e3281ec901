"""Query understanding, shared by both backends so they behave the same.

Every query is segmented (rjieba with the domain dictionary; ``search.analysis``) into
concepts; each concept matches its own word, its synonyms and abbreviations
(``search.synonyms``), the Chinese metadata labels (``labels``) and, for a statute
reference, the article keys under every numbering (``search.statutes``).

- A short query (a few concepts) requires every concept (``ALL``). When that finds
  little (fewer than ``FEW`` decisions) the search runs again ranked any-word with a
  minimum-should-match (``ANY``): one word phrased differently no longer empties the page.
- A long query is a description of facts (``FACTS``): stop-words dropped, words every
  decision uses (party names, procedure) down-weighted, any-word with a small
  minimum-should-match, ranked by BM25 — never one long phrase.
- "quoted text" stays an exact phrase (character bigrams in sequence); -word excludes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from pathlib import Path

import rjieba

from search.analysis import domain_terms, index_words, normalise, query_bigrams, words
from search.statutes import query_keys
from search.synonyms import expand, expansions

FEW = 10  # a strict query finding fewer decisions than this falls back to any-word
LONG_CONCEPTS = 6  # more concepts than this: a description of facts
SYNONYM_WEIGHT = 0.9  # a synonym scores a little below the word the user typed
COMMON_WEIGHT = 0.3  # procedural words in a description of facts
FACTS_SHARE = 0.2  # share of a description's concepts a decision must match
# A description's evidence: at most this many telling concepts (dictionary terms first,
# then the words in the order written); the rest are not scored (decision 84).
TELLING = 12
# A description's word held by more than this share of the decisions is scored, not
# counted towards FACTS_SHARE (by document frequency; search.frequency).
FACTS_COMMON_SHARE = 0.5
# A term of a description's scored-only evidence (a common word, a character bigram)
# held by more than this share of the decisions is left out of its scoring: its
# BM25 weight is small (an IDF below ln(1 + 0.4/0.6) ≈ 0.51, times the evidence's
# weight of 0.3 or 0.5), its postings most of the scoring pass (decision 76).
FACTS_EVIDENCE_SHARE = 0.6
ANY_SHARE = 0.5  # share of a short query's concepts the fallback requires
MAX_CONCEPTS = 40
MAX_BIGRAMS = 120
BIGRAM_WEIGHT = 0.5  # the bigram evidence of a description of facts
FIELD_TIE = 0.3  # a word in text, title and labels: the best field, plus this share of the rest
TITLE_BOOST = 1.5  # a word in the title
LABEL_BOOST = 1.0  # a word among the metadata labels
STATUTE_BOOST = 1.5  # a statute reference matching an article key
# A typing slip is corrected to a known term of at least this many characters (a shorter
# one is one edit from too many everyday words: 专力 is also 专利's neighbour 主力).
SLIP_TERM = 3
SLIP_SEGMENTS = 4  # a slip spans at most this many of the segmenter's words (著 做 权)

_QUOTED = re.compile(r"[\"“”「」『』]([^\"“”「」『』]+)[\"“”「」『』]")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")
_NEGATION = re.compile(r"[不未非无没否]")
_JUNK = re.compile(r"[了吗呢吧啊呀么着过]$|^[了个着]")  # 改了, 开了个: segmentation debris
# A statute reference, with its law when named: one concept (its article keys).
# Its paragraph and item (第一款, 第(二)项) belong to it: the index keys articles only.
_NUMBER = r"[0-9零〇一二两三四五六七八九十百]+"
_STATUTE = re.compile(rf"(?:《?(?:中华人民共和国)?(?:专利法|商标法|著作权法|版权法)》?)?"
                      rf"第{_NUMBER}条(?:第{_NUMBER}款)?(?:第[(（]?{_NUMBER}[)）]?项)?")

# Function words: never a concept.
STOP = frozenset("""
的 了 在 是 和 与 及 或 对 为 被 把 将 从 向 以 于 其 该 此
这 那 之 等 也 都 又 并 而 但 则 就 即 已 已经 以及 并且 或者
因为 所以 如果 由于 关于 对于 按照 根据 通过 进行 没有 一个 一种
一些 这个 那个 这些 那些 我们 他们 其中 什么 怎么 如何 是否 可以
能否 应当 应该 有 无 个 件 次 上 下 中 内 外 后 前 时 称 经 某
其他 相关 有关 情况 问题 案 案件 一 二 三 月 日 年 元 万元 人
""".split())

# What people add around the facts when they type or paste a question: never a concept.
FILLER = frozenset("""
请问 想问 想知道 了解 看看 参考 类似 相似 先例 判例 案例 一般 通常
多少 能不能 能否 有没有 是不是 怎么办 怎么样 怎样 这种 那种 这样 那样
这类 我们 我 你 您 他 她 它 对方 人家 自己 只是 就是 还是 还要
差不多 一家 一下 一直 天天 不少 很多 一大批 许多 偷偷 结果
处理结果 情况 时候 的话
""".split())
# And in a short query, typed as a question (别人抄我家灯的设计, 第一次卖假货不罚可以吗):
# who asks and how, never what about (decision 100).
ASKING = FILLER | frozenset("""
别人 我家 我司 咱们 咱家 这边 那边 不是 可不可以 会不会 算不算 要不要 行不行
咋办 咋整 怎么弄 吗 呢 啊 吧
""".split())
# Not filler, though people add them too: 一样 and 很像 say what the facts are (相同, 近似:
# synonyms). 差不多 stays: as often "about" (差不多两百台) as "alike"; 样子差不多 and
# 长得差不多 are synonyms of 近似 (decision 91).

# Words every decision uses whatever it is about: kept in a description of facts, but
# with little weight, so the facts decide the ranking.
COMMON = frozenset("""
请求人 被请求人 原告 被告 申请人 被申请人 投诉人 被投诉人 当事人 第三人
本院 本局 本机关 我局 法院 认为 查明 审理 经审理 诉讼 请求 诉称 辩称
判决 裁决 决定 处理 依法 规定 条 款 法 公司 有限公司 有限责任公司
商行 经营部 店 厂 个体工商户 负责人 法定代表人 委托 代理人 提交 提供
证据 主张 认定 事实 理由 如下 本案 涉案 被诉 纠纷 侵权 专利 产品
要求 支付 承担 人民币 合计
""".split())


class Mode(str, Enum):
    ALL = "all"
    ANY = "any"
    FACTS = "facts"


@dataclass
class Concept:
    """One query word: alternative token sequences (the word, then its synonyms), any of
    which matches; statute keys; a single character matches inside longer words."""

    alternatives: list[tuple[str, ...]]
    weights: list[float]
    statutes: list[str] = field(default_factory=list)
    char: str | None = None
    weight: float = 1.0
    # The typed word the concept comes from (宠物喂食器 → 宠物, 喂食: one word): the
    # any-word fallback counts typed words, not the pieces the segmenter cut them into.
    word: int = 0
    # Scored where it matches, never a reason to match (words every decision uses, in a
    # description of facts): the posting lists of 请求人 or 专利 hold nearly every decision.
    optional: bool = False

    @property
    def known(self) -> bool:
        """A term of the synonym dictionary: the word and its other forms are all known, so
        none of them in the index means no decision speaks of it."""
        return len(self.alternatives) > 1


@dataclass
class Plan:
    mode: Mode
    concepts: list[Concept]
    phrases: list[tuple[str, ...]]  # bigram sequences, each must match in order
    excluded: list[Concept]
    minimum: int  # concepts that must match in ANY / FACTS
    highlight: list[str]
    # A description of facts also scores its character bigrams (BM25 over bigrams adds
    # the evidence of words the segmenter cut differently); they never decide a match.
    bigrams: list[str] = field(default_factory=list)
    # Typing slips searched as the known term they are one edit from: (typed, searched).
    corrections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.concepts or self.phrases or self.bigrams)

    def words(self) -> list[list[Concept]]:
        """The concepts by typed word, in order: what ``minimum`` counts (the optional
        ones only when there is nothing else)."""
        counted = [c for c in self.concepts if not c.optional] or self.concepts
        grouped: dict[int, list[Concept]] = {}
        for c in counted:
            grouped.setdefault(c.word, []).append(c)
        return list(grouped.values())

    def optional(self) -> list[Concept]:
        """Concepts that only score (when others decide the match)."""
        return [c for c in self.concepts if c.optional] if any(
            not c.optional for c in self.concepts) else []


def _concept(word: str, *, weight: float = 1.0, synonyms: bool = True,
             inside: bool = False) -> Concept | None:
    """``inside``: a single character cut from a longer typed word matches by its
    synonyms only, not inside every longer word (书 of 盗版书 is not 决定书)."""
    keys = query_keys(word) if _STATUTE.search(word) else []
    single = len(word) == 1 and re.match(r"[\u3400-\u9fff]", word) is not None
    alternatives: list[tuple[str, ...]] = []
    weights: list[float] = []
    others = expand(word) if synonyms else ()
    negated = (_negation_term(word) if synonyms and not others and not keys
               and word[:1] in _NEGATION_STARTS else None)
    if negated:  # the negated term, not its whole group (不构成侵权 is not always scope)
        others = (negated,)
    for i, alt in enumerate([word, *others]):
        if single and i == 0:
            continue  # one character: matched inside longer words (chars), below
        tokens = tuple(words(alt))
        if tokens and tokens not in alternatives:
            alternatives.append(tokens)
            weights.append(1.0 if i == 0 else SYNONYM_WEIGHT)
    if inside and single:
        single = False
        weights = [1.0] * len(weights)  # its synonyms are all that is left of the word
    if not alternatives and not keys and not single:
        return None
    return Concept(alternatives=alternatives, weights=weights, statutes=keys,
                   char=word if single else None, weight=weight)


def _add_pieces(concept: Concept, word: str) -> None:
    """A description's word of three or more characters outside the dictionaries (盗版软件,
    手机支架, 运动衣: words of everyday speech the segmenter keeps whole) also matches the
    dictionary words inside it (盗版 软件), all of them, scored as their mean like a
    synonym: a decision says 盗版 and 软件 apart."""
    if len(word) < 3 or not _CJK_CHAR.match(word):
        return
    pieces = tuple(p for p in index_words(word)
                   if p != word and len(p) > 1 and p not in STOP and p not in FILLER)
    if pieces and pieces not in concept.alternatives:
        concept.alternatives.append(pieces)
        concept.weights.append(SYNONYM_WEIGHT)


def _most_telling(concepts: list[Concept], domain: set[str]) -> list[Concept]:
    """A description's concepts with at most ``TELLING`` of the telling ones: the terms of
    the domain or synonym dictionaries and statute references first, then the other words
    in the order written (the facts come first; what is asked about them, with its
    everyday words, last). The words every decision uses stay, scored only."""
    telling = [c for c in concepts if not c.optional]
    if len(telling) <= TELLING:
        return concepts

    def known(c: Concept) -> bool:
        return c.known or bool(c.statutes) or "".join(c.alternatives[0]) in domain

    ranked = sorted(range(len(telling)), key=lambda i: (not known(telling[i]), i))
    kept = {id(telling[i]) for i in ranked[:TELLING]}
    return [c for c in concepts if c.optional or id(c) in kept]


def _segments(text: str) -> list[str]:
    """Query words: statute references kept whole, everything else segmented."""
    out: list[str] = []
    pos = 0
    for m in _STATUTE.finditer(text):
        out.extend(words(text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.extend(words(text[pos:]))
    return out


@lru_cache(maxsize=1)
def _domain() -> frozenset[str]:
    return frozenset(domain_terms())


_terms_cache: tuple[int, frozenset[str]] = (0, frozenset())


def _terms() -> frozenset[str]:
    """The terms of the synonym dictionary (same-meaning terms, categories, members)."""
    global _terms_cache
    table = expansions()
    if _terms_cache[0] != id(table):
        _terms_cache = (id(table), frozenset(table).union(*table.values()))
    return _terms_cache[1]


def _known(word: str) -> bool:
    """A term of the synonym dictionary (a same-meaning term, a category or a member) or
    of the domain dictionary."""
    return word in _terms() or word in _domain()


def _split(word: str) -> list[str]:
    """An everyday compound the segmenter made of two known terms (盗版书 → 盗版 书, 假酒 →
    假 酒, 盗版软件 → 盗版 软件), not itself a dictionary term: its parts. Left whole when
    no cut gives two known parts (假冒 is not 假 and 冒, 生产线 not 生产)."""
    if not 2 <= len(word) <= 4 or not _CJK_CHAR.match(word) or _known(word) \
            or word in STOP or word in FILLER or _STATUTE.search(word):
        return [word]
    halves = [(word[:i], word[i:]) for i in range(1, len(word))]
    for a, b in halves:
        if _known(a) and _known(b):
            return [a, b]
    return [word]


_NEGATIONS = ("未", "不", "没", "没有", "并未", "并没有", "不算")
_NEGATION_STARTS = frozenset(n[0] for n in _NEGATIONS)


def _negated(segments: list[str]) -> list[str]:
    """A negation the segmenter cut off the word it negates (没 落入保护范围, 不 构成侵权)
    joined back when the dictionaries know the negated term (未落入保护范围): dropped as a
    leftover character it would turn the query into its opposite."""
    out: list[str] = []
    for w in segments:
        if out and out[-1] in _NEGATIONS and _negation_term(out[-1] + w):
            out[-1] += w  # as typed: 不落入保护范围 is said so in decisions too
            continue
        out.append(w)
    return out


def _negation_term(word: str) -> str | None:
    """The dictionary's term of a negated word as typed (没落入保护范围, 不落入保护范围 →
    未落入保护范围), if any."""
    for negation in sorted(_NEGATIONS, key=len, reverse=True):
        if word.startswith(negation) and len(word) > len(negation):
            rest = word[len(negation):]
            return next((n + rest for n in ("未", "不") if _known(n + rest)), None)
    return None


_CJK_WORD = re.compile(r"[\u3400-\u9fff]+")
_slips_cache: tuple[int, dict[str, frozenset[str]], int] = (0, {}, 0)


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _slip_index() -> tuple[dict[str, frozenset[str]], int]:
    """The known terms of ``SLIP_TERM`` or more Chinese characters under themselves and
    each of their one-character deletions: a word one character replaced, missing, extra or
    two swapped away from a term shares one of these keys with it (symmetric deletion), so
    finding its candidates costs a few dictionary look-ups; and the longest such term.
    Rebuilt when the synonym table changes."""
    global _slips_cache
    table = expansions()
    if _slips_cache[0] != id(table):
        index: dict[str, set[str]] = {}
        for term in _terms() | _domain():
            if len(term) >= SLIP_TERM and _CJK_WORD.fullmatch(term):
                for key in {term, *_deletions(term)}:
                    index.setdefault(key, set()).add(term)
        _slips_cache = (id(table), {k: frozenset(v) for k, v in index.items()},
                        max((len(k) for k in index), default=0))
    return _slips_cache[1], _slips_cache[2]


HOMOPHONES = Path(__file__).resolve().parent / "dictionary" / "homophones.txt"


@lru_cache(maxsize=1)
def _syllables() -> dict[str, frozenset[str]]:
    """Each character's readings (pinyin without tones; search/dictionary/homophones.txt)."""
    readings: dict[str, set[str]] = {}
    for line in HOMOPHONES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            syllable, characters = line.split()
            for char in characters:
                readings.setdefault(char, set()).add(syllable)
    return {char: frozenset(r) for char, r in readings.items()}


def _sound_alike(a: str, b: str) -> bool:
    syllables = _syllables()
    return not syllables.get(a, frozenset()).isdisjoint(syllables.get(b, ()))


def _edited(typed: str, term: str, invented: set[int]) -> set[int]:
    """The positions of ``typed`` that the one slip turning it into ``term`` touches; empty
    when it is not one slip away. A slip as a pinyin input method makes it: a character
    replaced by one that sounds alike (侵全, 设记), two swapped (作著权), one typed twice
    (外观设计计) or one extra inside a word the segmenter had to guess (``invented``: not a
    word of its vocabulary), one missing inside the term (外观设专利). A word typed before,
    after or inside a term (直播间卖, 能罚多少, 不算侵权) or a term's end left off (正规进)
    is no slip."""
    n, m = len(typed), len(term)
    if n == m:
        diff = [i for i in range(n) if typed[i] != term[i]]
        if len(diff) == 1:
            return set(diff) if _sound_alike(typed[diff[0]], term[diff[0]]) else set()
        a, b = (diff + [0, 0])[:2]
        swapped = len(diff) == 2 and b == a + 1 and typed[a] == term[b] and typed[b] == term[a]
        return set(diff) if swapped else set()
    if n == m + 1:
        return {i for i in range(n) if typed[:i] + typed[i + 1:] == term
                and (typed[i] == typed[i - 1 if i else 1] or 0 < i < n - 1 and i in invented)}
    if n + 1 == m:
        gaps = [j for j in range(1, m - 1) if term[:j] + term[j + 1:] == typed]
        return {i for j in gaps for i in (j - 1, j)}
    return set()


def _one_meaning(terms: set[str]) -> bool:
    """The terms are forms of one same-meaning group of the synonym dictionary."""
    first, *others = sorted(terms)
    return all(other in expand(first) for other in others)


def _in_vocabulary(word: str) -> bool:
    """A word of the segmenter's dictionary (its general vocabulary and our terms): it cuts
    the word whole without guessing new words (调节, 进货, 盗版书 are words; 设记, 侵全 not)."""
    return len(word) > 1 and list(rjieba.cut(word, False)) == [word]


def _settled(word: str) -> bool:
    """A word the dictionaries know (or a function word): a slip is never in it."""
    return _known(word) or word in STOP or word in FILLER or word in ASKING \
        or not _CJK_WORD.fullmatch(word)


def _corrected(segments: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """A typing slip among one typed token's words searched as the known term it is one edit
    from (著 做权 → 著作权, 商标 侵全 → 商标 侵权, 外观设计 计 → 外观设计; decision 110): a
    run of words, itself neither a known term nor a word of the segmenter's vocabulary,
    one character replaced, missing, extra or two swapped away from exactly one known term
    of ``SLIP_TERM`` or more characters, the edit falling on a word the dictionaries do not
    know. Two candidate terms: left as typed. Returns the words and (typed, searched)."""
    out: list[str] = []
    corrections: list[tuple[str, str]] = []
    index, longest = _slip_index()
    # Per word once: a run of words the dictionaries all know holds no slip (most runs of a
    # description), and needs no look-up.
    settled = [_settled(w) for w in segments]
    i = 0
    while i < len(segments):
        found: tuple[int, str] | None = None
        for j in range(min(len(segments), i + SLIP_SEGMENTS), i, -1):
            if all(settled[i:j]):
                continue
            typed = "".join(segments[i:j])
            if not SLIP_TERM - 1 <= len(typed) <= longest + 1 or _known(typed) \
                    or not _CJK_WORD.fullmatch(typed):
                continue
            # Look-ups first: most runs of words are near no term, and need no more.
            candidates = set().union(*(index.get(k, ()) for k in {typed, *_deletions(typed)}))
            if not candidates or _STATUTE.search(typed) or _in_vocabulary(typed):
                continue
            unknown: set[int] = set()
            invented: set[int] = set()  # in a word the segmenter guessed (侵全, 设记)
            at = 0
            for w, known in zip(segments[i:j], settled[i:j], strict=True):
                if not known:
                    unknown.update(range(at, at + len(w)))
                    if len(w) > 1 and not _in_vocabulary(w):
                        invented.update(range(at, at + len(w)))
                at += len(w)
            fits = {t for t in candidates if _edited(typed, t, invented) & unknown}
            if len(fits) > 1 and not _one_meaning(fits):
                break  # two terms it could be: left as typed
            if fits:  # of terms of one meaning (外观设专利: 外观专利, 外观设计专利), the longest
                found = (j, max(sorted(fits), key=len))
                break
        if found:
            j, term = found
            corrections.append(("".join(segments[i:j]), term))
            out.append(term)
            i = j
        else:
            out.append(segments[i])
            i += 1
    return out, corrections


def _typed(raw: str, *, split: bool = True
           ) -> tuple[list[str], set[str], list[tuple[str, str]]]:
    """The words of one typed token, the single characters among them cut from a longer
    token, and its typing slips corrected (typed, searched). Such a character left over by
    the segmenter (宠物喂食器 → 宠物 喂食 器) is debris, not a concept of its own (it would
    match any decision with that character), unless the synonym dictionary knows it (灯,
    鞋, 书: 卖假鞋 → 假 鞋); a character typed alone (锁) stays."""
    segments = _segments(raw)
    corrections: list[tuple[str, str]] = []
    if split:  # a short query (a description keeps its words as the segmenter cut them)
        # Its slips corrected too; not a description's, one word of many (its bigrams still
        # score), whose hundred runs of words cost 0.4 ms to check (decision 110).
        segments, corrections = _corrected(segments)
        segments = _negated([p for w in segments for p in _split(w)])
    if len(segments) == 1 and len(raw) == 1:
        return segments, set(), corrections
    inner = {w for w in segments if len(w) == 1 and _CJK_CHAR.match(w)}
    kept = [w for w in segments if w not in inner or (split and expand(w))]
    if not kept:
        return segments, set(), corrections
    return kept, inner, corrections


_QUESTION = frozenset("怎么 如何 怎样 咋 怎么样 该怎么 要怎么".split())


def _query_words(kept: list[str], *, split: bool
                 ) -> tuple[list[tuple[str, int]], set[str], dict[str, str]]:
    """(word, typed word) of the typed tokens, stop-words out, the single characters
    cut from a longer token, and each corrected slip's term with the slip as typed.
    ``split`` (a short query): compounds split, negations joined, and a word every
    decision uses right after a question word (怎么处理, 如何认定) is part of the question:
    left out too. A description keeps its words as before (decision 100
    changes only short queries)."""
    typed: list[tuple[str, int]] = []
    inner: set[str] = set()
    slips: dict[str, str] = {}
    for n, raw in enumerate(kept):
        token_words, token_inner, corrections = _typed(raw, split=split)
        for slip, term in corrections:
            slips.setdefault(term, slip)
        previous = ""
        for w in token_words:
            if w not in STOP and not (split and w in COMMON and previous in _QUESTION):
                typed.append((w, n))
            previous = w
        inner |= token_inner
    return typed, inner, slips


def understand(text: str) -> Plan:
    text = normalise(text)
    phrases = [p.strip() for p in _QUOTED.findall(text) if p.strip()]
    rest = _QUOTED.sub(" ", text)
    excluded_words: list[str] = []
    kept: list[str] = []
    for raw in rest.split():
        if raw[:1] in {"-", "－"} and len(raw) > 1:
            excluded_words.append(raw[1:])
        elif raw not in {"-", "－"}:
            kept.append(raw)
    typed, inner, slips = _query_words(kept, split=False)
    if len({w for w, _n in typed}) > LONG_CONCEPTS:
        typed = [(w, n) for w, n in typed if w not in FILLER and not _JUNK.search(w)]
    else:
        # A short query: its everyday compounds split (卖假鞋 → 假 鞋), and the words
        # people add around what they ask (能不能, 吗, 别人, 处理 of 怎么处理) no concept
        # while another word is left.
        typed, inner, slips = _query_words(kept, split=True)
        typed = [(w, n) for w, n in typed if w not in ASKING and not _JUNK.search(w)] or typed
    segmented = [w for w, _n in typed]
    word_of = {w: n for w, n in reversed(typed)}  # the first typed word holding it
    distinct = list(dict.fromkeys(segmented))
    long_query = len(distinct) > LONG_CONCEPTS
    concepts: list[Concept] = []
    highlight: list[str] = list(phrases)
    if long_query:
        domain = set(domain_terms())
        counts = {w: segmented.count(w) for w in distinct}
        typed_word: dict[int, str] = {}
        for w in distinct[:MAX_CONCEPTS]:
            if len(w) < 2 and not w.isdigit():
                continue
            weight = COMMON_WEIGHT if w in COMMON else (1.3 if w in domain else 1.0)
            weight *= 1 + 0.25 * min(counts[w] - 1, 2)
            concept = _concept(w, weight=weight)
            if concept and w not in domain and not concept.known:
                _add_pieces(concept, w)
            if concept and w in slips:
                _keep_slip(concept, slips[w])
            if concept:
                concept.optional = w in COMMON
                concepts.append(concept)
                typed_word[id(concept)] = w
        concepts = _most_telling(concepts, domain)
        for n, concept in enumerate(concepts):
            concept.word = n  # a description of facts: every concept
            if not concept.optional:
                highlight.append(typed_word[id(concept)])
    else:
        # Typed without spaces, the whole query is one typed word: its pieces count.
        spaced = len(kept) > 1
        for w in distinct:
            concept = _concept(w, inside=w in inner)
            if concept and w in slips:
                _keep_slip(concept, slips[w])
            if concept:
                concept.word = word_of[w] if spaced else len(concepts)
                concepts.append(concept)
                highlight.append(w)
                highlight.extend("".join(a) for a in concept.alternatives[1:]
                                 if len("".join(a)) > 1)
    excluded = [c for c in (_concept(w, synonyms=False) for w in excluded_words) if c]
    bigram_phrases = [query_bigrams(p) for p in phrases if query_bigrams(p)]
    if long_query:
        scored = [c for c in concepts if not c.optional]
        minimum = max(1, math.floor(FACTS_SHARE * len(scored)))
        return Plan(Mode.FACTS, concepts, bigram_phrases, excluded, minimum, highlight,
                    bigrams=evidence_bigrams(concepts)[:MAX_BIGRAMS],
                    corrections=_searched(slips, concepts))
    return Plan(Mode.ALL, concepts, bigram_phrases, excluded, len(concepts), highlight,
                corrections=_searched(slips, concepts))


def _keep_slip(concept: Concept, slip: str) -> None:
    """The slip as typed stays an alternative of the term it is searched as (a decision
    may hold the word the user meant to type; decision 110)."""
    tokens = tuple(words(slip))
    if tokens and tokens not in concept.alternatives:
        concept.alternatives.append(tokens)
        concept.weights.append(SYNONYM_WEIGHT)


def _searched(slips: dict[str, str], concepts: list[Concept]) -> list[tuple[str, str]]:
    """(typed, searched) of the slips corrected among the concepts searched."""
    kept = {"".join(c.alternatives[0]) for c in concepts if c.alternatives}
    return [(slip, term) for term, slip in slips.items() if term in kept]


def evidence_bigrams(concepts: list[Concept]) -> list[str]:
    """A description's character-bigram evidence: the pairs inside the words it keeps (as
    typed), not the pairs of the whole paragraph — those of the words people add around
    the facts (想知道, 一般罚多少), of the words left beyond ``TELLING`` and of the pairs
    across two words (的东, 西是) only add noise and postings to read (decision 84)."""
    out: dict[str, None] = {}
    for c in concepts:
        if c.alternatives:
            out.update(dict.fromkeys(query_bigrams("".join(c.alternatives[0]))))
    return list(out)


def _with_pieces(concepts: list[Concept]) -> list[Concept]:
    """Copies of ``concepts`` in which a word of three or more characters also matches the
    two or more words inside it, in any order and apart (合法来源: 来源合法, 合法取得的来源),
    as a description's everyday compounds do. Not one word inside it (小专利 is not every
    decision saying 专利), nor a word that negates (侵权不成立's pieces 侵权 and 成立 would
    find the opposite finding)."""
    out = []
    for c in concepts:
        copy = replace(c, alternatives=list(c.alternatives), weights=list(c.weights))
        word = "".join(c.alternatives[0]) if c.alternatives else ""
        if not _NEGATION.search(word):
            _add_pieces(copy, word)
            if len(copy.alternatives) > len(c.alternatives) and len(copy.alternatives[-1]) < 2:
                del copy.alternatives[-1], copy.weights[-1]
        out.append(copy)
    return out


def relaxed(plan: Plan) -> Plan | None:
    """The fallback of a plan that found little: any word (each also by its pieces), or
    for one word, that word by its pieces; None when there is none."""
    if plan.mode == Mode.ALL:
        concepts = _with_pieces(plan.concepts)
        if len(plan.concepts) >= 2:
            typed = len(plan.words())
            minimum = 1 if typed <= 2 else math.ceil(ANY_SHARE * typed)
            return Plan(Mode.ANY, concepts, plan.phrases, plan.excluded, minimum,
                        plan.highlight, corrections=plan.corrections)
        if concepts and len(concepts[0].alternatives) > len(plan.concepts[0].alternatives):
            return Plan(Mode.ALL, concepts, plan.phrases, plan.excluded, plan.minimum,
                        plan.highlight, corrections=plan.corrections)
    if plan.mode == Mode.FACTS and plan.minimum > 1:
        return Plan(Mode.FACTS, plan.concepts, plan.phrases, plan.excluded, 1, plan.highlight,
                    bigrams=plan.bigrams, corrections=plan.corrections)
    return None


def characters(plan: Plan, text: str) -> Plan:
    """The last resort of a query no word of which matched: any of its character pairs."""
    return Plan(Mode.ANY, [], plan.phrases, plan.excluded, 1, plan.highlight,
                bigrams=baseline_terms(text)[:MAX_BIGRAMS])  # no word searched: no correction


def baseline_terms(text: str) -> list[str]:
    """The BM25 baseline's query: the text's character bigrams, any of which matches."""
    text = normalise(text)
    return list(dict.fromkeys(query_bigrams(_QUOTED.sub(" ", text).replace("-", " "))))
