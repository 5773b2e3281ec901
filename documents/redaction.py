"""The public copy (公开版) of a document context: personal information masked (PIPL).

``public_context(context)`` returns a masked deep copy; render it with the same template
to get the publishable document. What is masked:

- for every NATURAL person (requesters, respondents, the addressee): the ID number keeps
  its first 6 characters (the region, which the district-level address shows anyway) and
  its last 4, the eight birth-date digits become ``*`` (``450103********1236``); the phone
  number keeps its first 3 and last 4 digits (``138****5678``); the home address keeps
  province, city and district (``广西壮族自治区南宁市青秀区****``);
- agents' phone numbers (agents are natural persons, their firm stays);
- inside every free-text string of the context, with :func:`mask_text`: home addresses
  (kept down to the district; with or without a road word, a road without its number, a
  village group or a housing estate's building without a district), phone numbers in the
  usual formats (mobile with or without +86 and separators, landlines with area code),
  15- and 18-digit resident ID numbers,
  bank account numbers, vehicle plates and e-mail addresses.

:func:`mask_text` is THE masking function: the public copy, the corrected uploads' public
copy (:func:`mask_docx`), the precedent index and the search snippets all call it, so what
is hidden in one place is hidden in all.

Legal persons' names, unified social credit codes, business addresses and phone numbers
stay, as do the office's own details. Natural persons' names stay too: the brief for
public copies (DOMAIN.md) does not ask for pseudonyms.
"""

from __future__ import annotations

import copy
import difflib
import re
from typing import Any

from cases.validators import uscc_check_char

MASK = "****"
# GB 11643: 6-digit region, 8-digit birth date, 3-digit sequence, check digit or X.
RESIDENT_ID = re.compile(
    r"(?<![0-9A-Za-z])(\d{6})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"(\d{3}[\dXx])(?![0-9A-Za-z])"
)
# The first-generation 15-digit number: region, YYMMDD, sequence.
OLD_RESIDENT_ID = re.compile(
    r"(?<![0-9A-Za-z])(\d{6})(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3})"
    r"(?![0-9A-Za-z])"
)
MOBILE = re.compile(r"(?<![\d+])(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)")
LANDLINE = re.compile(r"(?<!\d)([（(]0\d{2,3}[)）]\s?|0\d{2,3}[\s-]?)(\d{7,8})(?!\d)")
# 16 to 19 digits, grouped or not (bank cards and accounts).
BANK_ACCOUNT = re.compile(r"(?<![\d.])\d(?:[\s-]?\d){15,18}(?![\d.])")
PLATE = re.compile(r"([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z])"
                   r"[·•\s]?([A-HJ-NP-Z0-9]{4,5}[A-HJ-NP-Z0-9挂学警]?)(?![A-Za-z0-9])")
EMAIL = re.compile(r"([A-Za-z0-9])[A-Za-z0-9._%+-]*(@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_HAN = "\u4e00-\u9fa5"
# A number that ends an address (3栋, 2单元, 501室, 5号楼, 12号); a plain 号 not after
# 初/终/字/第/执, where it ends a case or document number (桂0103民初123号, 字第1024号).
_NUMBERED = r"(?:(?<![初终字第执\d])\d+号楼?|\d+(?:室|栋|幢|单元|楼|组|层))"
# A text of addresses' characters without 的 (an address has none; "销售的电路" is not one).
_PLACE = rf"(?:(?!的)[{_HAN}A-Za-z0-9\-－])"
# An address inside free text: province/city/district, then a street-level part, which
# is what is masked: a road, village or town with a number (民族大道100号, XX村3组); a
# place with a numbered building or room and no road word (朝阳广场旁3栋2单元501室); a
# road named alone at the end of a clause (住所地：柳州市城中区中山西路).
ADDRESS = re.compile(
    rf"((?:[{_HAN}]{{2,7}}?(?:省|自治区))?(?:[{_HAN}]{{2,10}}?(?:市|自治州|地区|盟))?"
    rf"[{_HAN}]{{1,10}}?(?:区|县|旗))"
    rf"([{_HAN}A-Za-z0-9\-－]{{1,30}}?(?:路|街|道|巷|弄|村|镇|乡|里)"
    rf"[{_HAN}A-Za-z0-9\-－#]{{0,30}}?(?:号|室|栋|幢|单元|楼|组|层)"
    rf"|{_PLACE}{{1,30}}?{_NUMBERED}"
    rf"|(?:(?!的)[{_HAN}]){{1,10}}?(?<![电线回通网思套销退铁])(?:路|街|大道|巷|弄)"
    rf"(?![{_HAN}A-Za-z0-9]))"
    rf"((?:[A-Za-z0-9\-－]*(?:号|室|栋|幢|单元|楼|组|层))*)"
)
# A village or housing estate with a numbered group, building or room, and no district
# before it (XX村XX组12号, XX花园3栋): masked whole, from after the words that lead to it
# (住、在、于…), which keep the name of who lives there out of it.
ESTATE = re.compile(
    rf"(?:(?![省市区县旗州的住在于至到位为与和及])[{_HAN}]){{1,10}}(?:村|小区|花园|公寓|大厦|社区|家园|苑)"
    rf"{_PLACE}{{0,20}}?{_NUMBERED}"
    rf"(?:[A-Za-z0-9\-－]*(?:号|室|栋|幢|单元|楼|组|层))*"
)
# A business's premises (商场2层B12铺位, 万达广场3楼, 购物中心L3层305号商铺): a shop or
# a mall's floor is where a business trades, not where a person lives, and a public copy
# keeps it. Read in the masked place and the rest of its clause; a word of a home in the
# place (a flat's room, unit, building, a village group, a housing estate) or a
# lead naming where somebody lives (住址, 家住) makes it a home address whatever else it says.
_BUSINESS = re.compile(r"商场|商城|商厦|商铺|商业|购物中心|百货|市场|广场|铺位|铺面|门面|门店|店铺|"
                       r"档口|摊位|专柜|\d+号铺")
_HOME = re.compile(r"室|单元|栋|幢|号楼|组|村|小区|花园|公寓|家园|苑|宿舍")
_HOME_LEAD = re.compile(r"(?:住址|家住|居住|户籍|住在|现住|暂住)[:：\s]*$")
_CLAUSE_END = re.compile(r"[，,。；;、\n（(）)]")


def _is_business_place(text: str, match: re.Match[str], place: str) -> bool:
    """Whether the address ``place`` found by ``match`` in ``text`` is a business's premises."""
    rest = text[match.end():match.end() + 20]
    end = _CLAUSE_END.search(rest)
    clause = place + (rest[:end.start()] if end else rest)
    lead = text[max(match.start() - 6, 0):match.start()]
    return (_BUSINESS.search(clause) is not None and _HOME.search(clause) is None
            and _HOME_LEAD.search(lead) is None)


def _mask_address_match(match: re.Match[str]) -> str:
    if _is_business_place(match.string, match, match.group(2) + match.group(3)):
        return match.group(0)
    return match.group(1) + MASK


# Province (省/自治区/直辖市), then city (市/自治州/州/盟/地区), then county level. A city's
# name may hold 州 (柳州市, 梧州市, 广州市): read as a county-level 市, it lost the district.
_DISTRICT = re.compile(
    r"^((?:[^省市]{2,7}?省|[^区]{2,10}?自治区|北京市|天津市|上海市|重庆市)?"
    r"(?:[^市盟区]{1,10}?(?:自治州|地区|市|盟|州))?"
    r"(?:[^区县旗市]{1,10}?(?:自治县|自治旗|区|县|旗|市)))"
)

_PARTY_LISTS = ("requesters", "respondents")


def mask_id_number(value: str) -> str:
    value = value.strip()
    if len(value) < 10:
        return MASK
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 7:
        return MASK
    return digits[:3] + "****" + digits[-4:]


def mask_address(value: str) -> str:
    """Keep the address down to the district (区/县) level."""
    match = _DISTRICT.match(value.strip())
    if not match or match.group(1) == value.strip():
        return MASK if not match else match.group(1)
    return match.group(1) + MASK


# Full-width digits, Latin letters and the signs of e-mail addresses and numbers (１３８…,
# ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ, typed in full-width mode) as ASCII, one character for
# one: the patterns below are written for ASCII.
_HALF_WIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９＠．－＿＋"
               "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"}


def _mask_segment(original: str) -> str:
    """``original`` with its personal data masked; a string that has any is returned with
    its full-width digits and letters as ASCII (a phone number typed in full width is
    found), one that has none exactly as it was."""
    value = original.translate(_HALF_WIDTH)
    unchanged = value
    # Longest numbers first, so a bank account is not read as a phone number.
    value = ADDRESS.sub(_mask_address_match, value)
    value = ESTATE.sub(MASK, value)
    value = EMAIL.sub(lambda m: m.group(1) + "***" + m.group(2), value)
    value = RESIDENT_ID.sub(lambda m: mask_id_number(m.group(0)), value)
    value = OLD_RESIDENT_ID.sub(lambda m: mask_id_number(m.group(0)), value)
    value = BANK_ACCOUNT.sub(lambda m: "*" * 8 + re.sub(r"\D", "", m.group(0))[-4:], value)
    value = MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), value)
    value = LANDLINE.sub(lambda m: m.group(1) + "****" + m.group(2)[-2:], value)
    value = PLATE.sub(lambda m: m.group(1) + "*" * len(m.group(2)), value)
    return original if value == unchanged else value


# A credit code where the text names it (统一社会信用代码：…, 信用代码为…): 18 characters of
# GB 32100's set. Eighteen digits are also a bank account's length, so only a code that
# is labelled as one and passes its check character is kept.
_LABELLED_CREDIT_CODE = re.compile(
    r"信用代码[\s:：为是]*([0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10})(?![0-9A-Za-z])")


def labelled_credit_codes(text: str) -> frozenset[str]:
    """The legal persons' credit codes ``text`` names as such (DOMAIN.md: they stay in
    public copies), with a valid check character."""
    return frozenset(code for code in _LABELLED_CREDIT_CODE.findall(text)
                     if uscc_check_char(code[:17]) == code[17])


def mask_text(value: str, *, keep: frozenset[str] = frozenset()) -> str:
    """Personal information in free text masked; the strings in ``keep`` (legal persons'
    credit codes, addresses and phones, the office's own) and the credit codes the text
    labels as such are left as they are."""
    keep = keep | labelled_credit_codes(value)
    kept = sorted((k for k in keep if k and k in value), key=len, reverse=True)
    if not kept:
        return _mask_segment(value)
    pattern = re.compile("(" + "|".join(re.escape(k) for k in kept) + ")")
    return "".join(part if i % 2 else _mask_segment(part)
                   for i, part in enumerate(pattern.split(value)))


def _mask_party(party: dict[str, Any]) -> None:
    if party.get("is_natural_person"):
        if party.get("id_number"):
            party["id_number"] = mask_id_number(party["id_number"])
        if party.get("phone"):
            party["phone"] = mask_phone(party["phone"])
        if party.get("address"):
            party["address"] = mask_address(party["address"])
    agent = party.get("agent")
    if isinstance(agent, dict) and agent.get("phone"):
        agent["phone"] = mask_phone(agent["phone"])


def published_details(context: dict[str, Any]) -> frozenset[str]:
    """What legal persons and the office publish about themselves: never masked."""
    kept: set[str] = set()
    for key in _PARTY_LISTS:
        for party in context.get(key) or []:
            if not party.get("is_natural_person"):
                kept.update(str(party.get(field) or "")
                            for field in ("id_number", "address", "phone"))
    office = context.get("office") or {}
    kept.update(str(office.get(field) or "") for field in ("address", "phone"))
    return frozenset(k for k in kept if k)


def _mask_free_text(value: Any, keep: frozenset[str]) -> Any:
    if isinstance(value, str):
        return mask_text(value, keep=keep)
    if isinstance(value, list):
        return [_mask_free_text(item, keep) for item in value]
    if isinstance(value, dict):
        return {k: _mask_free_text(v, keep) for k, v in value.items()}
    return value


def public_context(context: dict[str, Any]) -> dict[str, Any]:
    """A masked deep copy of ``context`` for the public copy of a document."""
    public = copy.deepcopy(context)
    keep = published_details(public)
    for key in _PARTY_LISTS:
        for party in public.get(key) or []:
            _mask_party(party)
    if isinstance(public.get("recipient"), dict):
        _mask_party(public["recipient"])
    service = public.get("service")
    if isinstance(service, dict) and isinstance(public.get("recipient"), dict):
        recipient = public["recipient"]
        if recipient.get("is_natural_person") and service.get("recipient") == recipient.get(
            "name"
        ) and service.get("address"):
            service["address"] = mask_address(service["address"])
    for key, value in list(public.items()):
        # The office's own address and phone are public by nature.
        if key != "office":
            public[key] = _mask_free_text(value, keep)
    return public


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARAGRAPH = f"{_W}p"
# The text of a paragraph as Word shows it: its w:t, with tabs and line breaks between
# them as python-docx's ``paragraph.text`` has them (they are not rewritten).
_SEPARATORS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
# Text a paragraph also holds, each masked on its own: a tracked deletion's text (still in
# the file, shown by Word as struck through), a field's code (HYPERLINK "tel:…"), an
# equation's text.
_OTHER_STREAMS = (f"{_W}delText", f"{_W}instrText",
                  "{http://schemas.openxmlformats.org/officeDocument/2006/math}t")
# The parts whose text is paragraphs: the body, every header and footer (default, first
# and even page, of every section), footnotes, endnotes, comments, building blocks.
_STORIES = {f"{_W}{name}" for name in ("document", "hdr", "ftr", "footnotes", "endnotes",
                                       "comments", "glossaryDocument")}
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
# Who wrote and last saved the file, and the manager: CLEARED in a public copy, not masked
# (decision 123). They name a person (the uploader, possibly a party or an agent, or an
# officer), which mask_text keeps as it keeps names in the text, and they are not part of
# what the document says: nobody reading the public copy needs them. The other properties
# (title, subject, keywords, comments/description, category, app.xml's company, custom
# properties) describe the document and are masked like its body.
_CLEARED = {f"{_DC}creator", f"{_CP}lastModifiedBy", f"{_EXTENDED}Manager"}
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# Attributes that hold text a reader can see: pictures' and shapes' alternative text;
# and a document variable's value.
_TEXT_ATTRIBUTES = ("descr", "title", "alt")
_DOC_VAR = f"{_W}docVar"


def _owner(element: Any) -> Any:
    """The nearest paragraph holding ``element`` (a text box's paragraph, not the one its
    picture is anchored in), or None."""
    parent = element.getparent()
    while parent is not None and parent.tag != _PARAGRAPH:
        parent = parent.getparent()
    return parent


def _mask_stream(pieces: list[tuple[Any, str | None]], keep: frozenset[str]) -> bool:
    """Mask the text that ``pieces`` make together (an element with its writable text,
    or a separator with its fixed character) and put it back over the same elements, so a
    number split over runs is found and each run keeps its formatting where the mask is as
    long as what it hides; where it is shorter or longer, it goes into the run where the
    hidden text began."""
    texts = [element.text or "" if fixed is None else fixed for element, fixed in pieces]
    original = "".join(texts)
    masked = mask_text(original, keep=keep)
    if masked == original:
        return False
    owner = [i for i, text in enumerate(texts) for _ in text]
    writable = [fixed is None for _, fixed in pieces]

    def writable_at(position: int) -> int:
        if not owner:
            return next(i for i, ok in enumerate(writable) if ok)
        start = owner[min(position, len(owner) - 1)]
        for i in [*range(start, -1, -1), *range(start + 1, len(pieces))]:
            if writable[i]:
                return i
        raise ValueError("no text to write into")

    new: list[list[str]] = [[] for _ in pieces]
    matcher = difflib.SequenceMatcher(None, original, masked, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace") and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                piece = owner[i1 + k]
                if writable[piece]:
                    new[piece].append(masked[j1 + k])
                elif masked[j1 + k] != original[i1 + k]:
                    new[writable_at(i1 + k)].append(masked[j1 + k])
        else:
            new[writable_at(i1)].append(masked[j1:j2])
    for (element, fixed), parts in zip(pieces, new, strict=True):
        if fixed is None:
            element.text = "".join(parts)
            element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return True


def _mask_story(root: Any, keep: frozenset[str]) -> bool:
    """Every paragraph of a body, header, footer, footnote… part, text boxes and tables
    (nested ones too) included, masked as one text."""
    streams: dict[tuple[Any, str], list[tuple[Any, str | None]]] = {}
    for element in root.iter(f"{_W}t", *_SEPARATORS, *_OTHER_STREAMS):
        if element.tag in _OTHER_STREAMS:
            stream, fixed = element.tag, None
        else:
            stream, fixed = f"{_W}t", _SEPARATORS.get(element.tag)
        streams.setdefault((_owner(element), stream), []).append((element, fixed))
    changed = False
    for (paragraph, _stream), pieces in streams.items():
        if paragraph is None:  # text outside any paragraph: each on its own
            for piece in pieces:
                changed |= _mask_stream([piece], keep) if piece[1] is None else False
        elif any(fixed is None for _, fixed in pieces):
            changed |= _mask_stream(pieces, keep)
    for element in root.iter():
        if isinstance(element.tag, str):
            changed |= _mask_attributes(element, keep)
    return changed


def _mask_attributes(element: Any, keep: frozenset[str]) -> bool:
    names = (*_TEXT_ATTRIBUTES, f"{_W}val") if element.tag == _DOC_VAR else _TEXT_ATTRIBUTES
    changed = False
    for name in names:
        value = element.get(name)
        if value and mask_text(value, keep=keep) != value:
            element.set(name, mask_text(value, keep=keep))
            changed = True
    return changed


def _mask_elements(root: Any, keep: frozenset[str]) -> bool:
    """Every other text and text attribute of a part, each on its own; the properties that
    name who made the file cleared."""
    changed = False
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _CLEARED:
            if element.text:
                element.text, changed = "", True
            continue
        changed |= _mask_attributes(element, keep)
        for attribute in ("text", "tail"):
            value = getattr(element, attribute)
            if value and value.strip() and mask_text(value, keep=keep) != value:
                setattr(element, attribute, mask_text(value, keep=keep))
                changed = True
    return changed


def _drop_thumbnails(parts: dict[str, Any]) -> set[str]:
    """The package's thumbnail (a picture of the first page, which cannot be masked) left
    out: its relationship and content type go too. The names of the dropped parts."""
    rels = parts.get("_rels/.rels")
    if rels is None:
        return set()
    dropped = set()
    for relationship in list(rels.iter(f"{_PKG_RELS}Relationship")):
        if relationship.get("Type") == _THUMBNAIL:
            dropped.add(relationship.get("Target", "").lstrip("/"))
            rels.remove(relationship)
    types = parts.get("[Content_Types].xml")
    if types is not None:
        for override in list(types.iter(f"{_CONTENT_TYPES}Override")):
            if override.get("PartName", "").lstrip("/") in dropped:
                types.remove(override)
    return dropped


def mask_docx(data: bytes, *, keep: frozenset[str] = frozenset(),
              stories: bool = True) -> bytes:
    """The public copy of a .docx: every part where text lives put through
    :func:`mask_text` — with ``stories``, the body, all headers and footers, footnotes,
    endnotes, comments and text boxes, paragraph by paragraph (a number split over several
    runs is still found, and the runs keep their formatting); always the document's
    properties (core, extended and custom: who made the file cleared, the rest masked), any
    other XML part's text, external links' targets (``tel:``, ``mailto:``); the page
    thumbnail is left out. Without ``stories`` (a copy rendered from the masked context,
    whose text is masked already) the text of the document is left exactly as it is.

    Parts are read and written at the zip level, so nothing python-docx does not know is
    lost; a part that does not change is copied byte for byte."""
    import io
    import zipfile

    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [info.filename for info in source.infolist()]
    trees: dict[str, Any] = {}
    for name in names:
        # Without stories the document's own parts (word/…, its relationships aside) are
        # not even read.
        if name.lower().endswith(".rels") or (name.lower().endswith(".xml") and (
                stories or not name.startswith("word/"))):
            trees[name] = etree.fromstring(source.read(name), parser)
    changed: set[str] = set()
    dropped = _drop_thumbnails(trees)
    if dropped:
        changed.update({"_rels/.rels", "[Content_Types].xml"} & set(trees))
    for name, root in trees.items():
        if name.endswith(".rels"):
            for relationship in root.iter(f"{_PKG_RELS}Relationship"):
                target = relationship.get("Target", "")
                if relationship.get("TargetMode") == "External" and (
                        mask_text(target, keep=keep) != target):
                    relationship.set("Target", mask_text(target, keep=keep))
                    changed.add(name)
        elif root.tag in _STORIES:
            if _mask_story(root, keep):
                changed.add(name)
        elif _mask_elements(root, keep):
            changed.add(name)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in dropped:
                continue
            content = (etree.tostring(trees[info.filename], xml_declaration=True,
                                      encoding="UTF-8", standalone=True)
                       if info.filename in changed else source.read(info.filename))
            target.writestr(info, content)
    return out.getvalue()
