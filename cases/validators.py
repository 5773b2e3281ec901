"""Validators for the identifiers a dispute case carries (DOMAIN.md, "Identifiers").

Each raises ``ValidationError`` with a message naming the rule that failed (and, through
``params``, the offending value) and a ``code``; models attach the error to the field, so
the form shows it there.

Patent application numbers: only the 12-digit form in use since 1 October 2003 is
accepted (``YYYYTNNNNNNN.C``). The older 8-digit form (``YYTNNNNN.C``, e.g. 98123456.X)
used a different serial layout and is refused with the format message; rights that old
have expired (20 years at most), so no dispute about them reaches an office any more.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# --- 统一社会信用代码 (GB 32100-2015) ----------------------------------------------------
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> None:
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)s."),
            code="uscc_length", params={"n": len(code)})
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        raise ValidationError(
            _("A unified social credit code may not contain %(chars)s (the letters I, O, Z, "
              "S and V are never used)."), code="uscc_char", params={"chars": "".join(bad)})
    if not code[2:8].isdigit():
        raise ValidationError(
            _("Characters 3 to 8 of a unified social credit code are the region code and "
              "must be digits."), code="uscc_region")
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong: it should "
              "be %(expected)s, not %(given)s. Check for a typing error."),
            code="uscc_check", params={"expected": expected, "given": code[17]})


# --- 公民身份号码 (GB 11643-1999) -----------------------------------------------------
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def resident_id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def validate_resident_id(value: str) -> None:
    number = (value or "").strip().upper()
    if len(number) != 18:
        raise ValidationError(
            _("A resident identity number has 18 characters; this one has %(n)s."),
            code="id_length", params={"n": len(number)})
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError(
            _("A resident identity number is 17 digits followed by a digit or X; %(value)s "
              "is not."), code="id_char", params={"value": number})
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            _("Digits 7 to 14 of a resident identity number are the date of birth; "
              "%(value)s is not a valid date."), code="id_birth",
            params={"value": number[6:14]}) from None
    if born > timezone.localdate() or born.year < 1900:
        raise ValidationError(
            _("The date of birth %(value)s in this resident identity number is impossible."),
            code="id_birth", params={"value": born.isoformat()})
    expected = resident_id_check_char(number[:17])
    if number[17] != expected:
        raise ValidationError(
            _("The check digit of this resident identity number is wrong: it should be "
              "%(expected)s, not %(given)s (ISO 7064 MOD 11-2)."),
            code="id_check", params={"expected": expected, "given": number[17]})


# --- 专利申请号 ------------------------------------------------------------------------
PATENT_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
PATENT_TYPES = {"1": "invention", "2": "utility_model", "3": "design", "8": "invention",
                "9": "utility_model"}


def patent_check_char(twelve: str) -> str:
    remainder = sum(int(c) * w for c, w in zip(twelve, PATENT_WEIGHTS, strict=True)) % 11
    return "X" if remainder == 10 else str(remainder)


_PATENT_RE = re.compile(r"^(?:ZL|CN)?(\d{12})\.?([\dX])$")


def normalize_patent_application_number(value: str) -> str:
    """"ZL2020 1 0123456.7" / "202010123456.7" / "2020101234567" → "202010123456.7";
    typed in full width (ＺＬ２０２０…．７, a Chinese input method's full-width mode) too."""
    compact = re.sub(r"[\s\u3000]", "", unicodedata.normalize("NFKC", value or "")).upper()
    match = _PATENT_RE.match(compact)
    if not match:
        raise ValidationError(
            _("%(value)s is not a patent application number: it is 12 digits, a dot and a "
              "check digit, e.g. 202010123456.7 or ZL2020 1 0123456.7 (the form used since "
              "2003)."), code="patent_format", params={"value": (value or "").strip()})
    return f"{match.group(1)}.{match.group(2)}"


def patent_number_part(value: str) -> str:
    """A part of a patent number as typed ("ZL2017 129", "ＺＬ２０１７１２９") as the stored
    numbers write it ("2017129"): full width read, spaces and the ZL prefix dropped. Only
    for a text that starts with ZL and goes on in digits; anything else is returned as
    given."""
    compact = re.sub(r"[\s\u3000]", "", unicodedata.normalize("NFKC", value or "")).upper()
    if re.fullmatch(r"ZL[0-9][0-9.]*", compact):
        return compact[2:]
    return value


def validate_patent_application_number(value: str) -> None:
    number = normalize_patent_application_number(value)
    digits, check = number[:12], number[13]
    year = int(digits[:4])
    if year < 2003 or year > timezone.localdate().year:
        raise ValidationError(
            _("The application year %(year)s in this patent number is not possible."),
            code="patent_year", params={"year": year})
    if digits[4] not in PATENT_TYPES:
        raise ValidationError(
            _("The fifth digit of a patent application number is the type (1 invention, "
              "2 utility model, 3 design, 8 or 9 PCT); %(digit)s is not a type."),
            code="patent_type", params={"digit": digits[4]})
    expected = patent_check_char(digits)
    if check != expected:
        raise ValidationError(
            _("The check digit of this patent application number is wrong: it should be "
              "%(expected)s, not %(given)s."),
            code="patent_check", params={"expected": expected, "given": check})


def patent_type_of(number: str) -> str:
    return PATENT_TYPES[normalize_patent_application_number(number)[4]]


def format_patent_number(number: str) -> str:
    """202010123456.7 → ZL2020 1 0123456.7"""
    n = normalize_patent_application_number(number)
    return f"ZL{n[:4]} {n[4]} {n[5:]}"


# --- trademarks and contacts ----------------------------------------------------------


def validate_nice_class(value: int | str | None) -> None:
    """尼斯分类: the 11th and later editions have 45 classes (34 goods, 11 services)."""
    try:
        number = int(value) if value is not None and str(value).strip() else None
    except (TypeError, ValueError):
        number = None
    if value is None or str(value).strip() == "":
        raise ValidationError(
            _("A trademark needs its Nice class, a number from 1 to 45."), code="nice_class")
    if number is None or not 1 <= number <= 45:
        raise ValidationError(
            _("The Nice class must be a number from 1 to 45; %(value)s is not."),
            code="nice_class", params={"value": value})


def validate_trademark_registration_number(value: str) -> None:
    """商标注册号: CNIPA numbers registrations and applications with one serial of plain
    digits, today 8 digits and growing; older ones are shorter. 10 digits leaves room
    without accepting letters (international registrations are entered by their Chinese
    number too)."""
    if not (value or "").strip():
        raise ValidationError(
            _("A trademark needs its registration number (1 to 10 digits)."),
            code="trademark_number")
    if not re.fullmatch(r"\d{1,10}", (value or "").strip()):
        raise ValidationError(
            _("A trademark registration number consists of 1 to 10 digits; %(value)s "
              "does not."), code="trademark_number", params={"value": (value or "").strip()})


# A case or document number as people type it: the year in any brackets (半角/全角
# parentheses, square brackets, 【】, 〔〕, ﹝﹞), spaces, 第 before the sequence.
_CASE_NUMBER_RE = re.compile(
    r"^\s*(?P<prefix>[^\s\d()（）\[\]【】〔〕﹝﹞［］]*)\s*[(（\[【〔﹝［]\s*(?P<year>\d{4})\s*"
    r"[)）\]】〕﹞］]\s*(?:第?\s*(?P<seq>\d+)\s*(?P<suffix>号?))?\s*$")


def normalize_case_number(value: str) -> str:
    """``value`` in the numbers' own form (南知案字〔2026〕7号) when it is shaped like a case
    or document number however it was typed (南知案字(2026)7号, 南知案字【2026】第7号,
    〔2026〕7, 南知案字（2026）), else unchanged."""
    match = _CASE_NUMBER_RE.match(value)
    if match is None:
        return value
    return (f"{match['prefix']}〔{match['year']}〕{match['seq'] or ''}"
            f"{match['suffix'] or ''}")


# The brackets people type around a number's year (半角/全角 parentheses, square brackets,
# 【】, 〔〕, ﹝﹞, ［］), and the other half-width brackets in it.
_YEAR_IN_BRACKETS = re.compile(r"[(（\[【〔﹝［]\s*(\d{4})\s*[)）\]】〕﹞］]")
_HALF_WIDTH_PARENS = str.maketrans({"(": "（", ")": "）"})
_SQUARE_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "［": "〔",
                                  "］": "〕", "﹝": "〔", "﹞": "〕"})


def normalize_court_case_number(value: str) -> str:
    """A court's case number in the court's own form, however it was typed: the year in
    full-width parentheses, no spaces ("(2026)桂01民特88号", "【2026】桂01 民特88号" and
    "（2026）桂01民特88号" are all （2026）桂01民特88号)."""
    value = "".join((value or "").split())
    value = _YEAR_IN_BRACKETS.sub(r"（\1）", value)
    return value.translate(_HALF_WIDTH_PARENS)


def normalize_document_number(value: str) -> str:
    """A police or other authority's document number (文号) in its official form, however it
    was typed: the year in 六角括号 〔〕, other parentheses full-width, no spaces
    ("南公(经)立字[2026]88号" is 南公（经）立字〔2026〕88号)."""
    value = "".join((value or "").split())
    value = _YEAR_IN_BRACKETS.sub(r"〔\1〕", value)
    return value.translate(_HALF_WIDTH_PARENS).translate(_SQUARE_BRACKETS)


_PHONE_RE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$")


def validate_phone(value: str) -> None:
    """A mainland mobile number (1[3-9] + 9 digits) or a landline with its area code and an
    optional extension (0771-5551234, 07715551234, 0772-2345678-8001)."""
    if value and not _PHONE_RE.match(value.strip()):
        raise ValidationError(
            _("%(value)s is not a phone number: enter a mobile number (11 digits starting "
              "with 13 to 19) or a landline with its area code, e.g. 0771-5551234."),
            code="phone", params={"value": value.strip()})


def validate_region_code(value: str) -> None:
    """行政区划代码 (GB/T 2260): six digits, province (2) + city (2) + county (2)."""
    # Imported here: cases.models imports this module, so a module-level import would be
    # circular whenever the validators are imported first.
    from cases.models.offices import region_code_validator

    region_code_validator(value)


# --- database ids in query strings --------------------------------------------------------
MAX_ID = 2**63 - 1  # the largest 64-bit primary key (PostgreSQL bigint, SQLite INTEGER)


def parse_id(raw: object) -> int | None:
    """A primary key typed by a client, or None when it cannot be one (not plain digits,
    zero, or beyond a 64-bit key: SQLite raises OverflowError, a 500, for those)."""
    text = str(raw).strip() if raw is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


# --- names ---------------------------------------------------------------------------------
# Control characters (NUL among them: PostgreSQL refuses it in any text, a 500) and the
# invisible formatting characters.
_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\ufeff]")
_SPACE_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])")


def clean_name(value: str) -> str:
    """A person's or company's name, or a text searched for one, as it is meant: without
    control or invisible characters (zero-width spaces and joiners, direction marks, soft
    hyphens, pasted from web pages and chats),
    without spaces between Chinese characters (广西 南宁星河 is 广西南宁星河), other runs
    of spaces as one, nothing around it. Full-width brackets stay: they are the name's."""
    value = _INVISIBLE.sub("", value or "")
    value = _SPACE_BETWEEN_HAN.sub("", value)
    return " ".join(value.split())
