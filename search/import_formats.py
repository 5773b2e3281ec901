"""Files as offices have them: encodings, spreadsheets, Chinese headers, labels and dates.

Excel on Chinese Windows writes CSV in GBK; Notepad writes UTF-8 with a BOM; clerks type
外观设计专利 and 侵权成立 rather than internal values, and 2024/3/1 or 2024年3月1日 rather
than ISO dates. These helpers turn such input into what ``search.importing`` validates.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from search.labels import ACT_LABELS, IP_TYPE_LABELS, OUTCOME_LABELS, value_for

ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 is a superset of GBK and GB2312


def decode(data: bytes, what: str) -> str:
    """Text of a file in UTF-8 (with or without BOM) or GBK/GB18030."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("%(what)s is neither UTF-8 nor GBK/GB18030 text; save it as UTF-8 "
                            "and import it again.") % {"what": what})


UTF8_NAME_FLAG = 0x800


def archive_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """The archive's files under the names the sheet gives them, to their entry names.

    Windows Explorer (发送到 → 压缩文件夹) writes the names in GBK without the UTF-8 flag,
    which ``zipfile`` reads as cp437, and puts every file under the zipped folder's name;
    the sheet names the files alone (判决书1.txt)."""
    names: dict[str, str] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        name = info.filename
        if not info.flag_bits & UTF8_NAME_FLAG:
            raw = name.encode("cp437")
            for encoding in ("utf-8", "gb18030"):
                try:
                    name = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
        names[name] = info.filename
    files = [n for n in names if not n.startswith("__MACOSX/")]
    folders = {n.split("/", 1)[0] for n in files}
    if len(folders) == 1 and all("/" in n for n in files):
        prefix = f"{folders.pop()}/"
        names.update({n[len(prefix):]: names[n] for n in files})
    return names


# Column headers legal staff write, for the internal column names.
HEADERS = {
    "文件": "file", "文件名": "file", "文书文件": "file",
    "编号": "external_id", "外部编号": "external_id", "唯一编号": "external_id",
    "标题": "title", "案件名称": "title", "案名": "title",
    "文号": "document_number", "案号": "document_number", "决定书文号": "document_number",
    "日期": "decided_on", "决定日期": "decided_on", "裁判日期": "decided_on",
    "作出日期": "decided_on", "结案日期": "decided_on",
    "类型": "ip_type", "权利类型": "ip_type", "知识产权类型": "ip_type", "专利类型": "ip_type",
    "行为": "acts", "侵权行为": "acts", "平台": "platform", "销售平台": "platform",
    "产品类别": "product_category", "产品类型": "product_category",
    "结果": "outcome", "处理结果": "outcome", "裁判结果": "outcome",
    "请求赔偿": "damages_claimed", "判赔金额": "damages_awarded", "赔偿金额": "damages_awarded",
    "调解金额": "settlement_amount", "违法经营额": "illegal_turnover",
    "违法所得": "illegal_gain", "罚款": "fine", "罚款金额": "fine",
    "法条": "statutes", "适用法条": "statutes", "法律依据": "statutes",
    "争议焦点": "disputed_issues", "裁判要旨": "holding", "要旨": "holding",
    "公开": "is_public", "是否公开": "is_public", "指导案例": "is_guiding_case",
    "地区": "region_code", "行政区划": "region_code", "行政区划代码": "region_code",
    "地区代码": "region_code", "region": "region_code",
}


def header(name: Any) -> str:
    text = str(name or "").strip().lstrip("\ufeff")
    return HEADERS.get(text, text)


def xlsx_rows(data: bytes) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same user error
        raise ValidationError(_("The spreadsheet cannot be read; save it as .xlsx or CSV "
                                "and import it again.")) from None
    rows = sheet.iter_rows(values_only=True)
    names = [header(c) for c in next(rows, ())]
    out = []
    for i, values in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in values):
            continue
        row = {n: ("" if v is None else v) for n, v in zip(names, values, strict=False) if n}
        out.append((i, {k: v.strip() if isinstance(v, str) else v for k, v in row.items()}))
    return out


def plain(value: Any) -> str:
    """A cell's text with full-width digits, letters and punctuation made ASCII (NFKC:
    ２０２４／３／１, １２，０００) and the surrounding spaces gone."""
    return unicodedata.normalize("NFKC", str(value if value is not None else "")).strip()


_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# 二〇二四年三月一日, as official documents date themselves (〇, ○ and 零 are all written).
_CHINESE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0",
                                                                          "零": "0", "Ｏ": "0"}
_CHINESE_DATE = re.compile(r"^([〇○零Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月"
                           r"([一二三四五六七八九十]{1,3})日$")
# Day 1 of a spreadsheet's serial dates is 1900-01-01, counted with Excel's 1900-02-29.
_SERIAL_EPOCH = date(1899, 12, 30)


def _chinese_number(text: str) -> int:
    """一 … 九, 十, 十一 … 十九, 二十 … 三十一."""
    if "十" not in text:
        return int(_CHINESE_DIGITS[text])
    tens, _sep, units = text.partition("十")
    return (int(_CHINESE_DIGITS[tens]) if tens else 1) * 10 + (
        int(_CHINESE_DIGITS[units]) if units else 0)


def parse_date(value: Any) -> date:
    """2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, 二〇二四年三月一日, with a
    time of day after it as Excel writes one (2024/3/1 0:00), or a spreadsheet date (a
    date cell, or its serial number in a cell formatted as a number)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return _SERIAL_EPOCH + timedelta(days=int(value))
    text = plain(value)
    parts: tuple[int, ...] | None = None
    match = _DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        parts = tuple(int(g) for g in match.groups())
    elif chinese := _CHINESE_DATE.match(text):
        year = int("".join(_CHINESE_DIGITS[c] for c in chinese.group(1)))
        parts = (year, _chinese_number(chinese.group(2)), _chinese_number(chinese.group(3)))
    if parts:
        try:
            return date(*parts)
        except ValueError:
            pass
    raise ValidationError(_("decided_on must be a date like 2024-05-31 or 2024/5/31"))


_NOTHING = {"", "-", "--", "—", "——", "/", "无", "不详", "未知"}
_CURRENCY = re.compile(r"^(?:人民币|RMB|CNY)?\s*[¥￥]?\s*([-+]?[\d,]*\.?\d+)\s*(万)?\s*(?:元|圆)?"
                       r"(?:人民币)?$", re.IGNORECASE)


def amount(value: Any, field: str) -> Decimal | None:
    """An amount as clerks type it: 50000, 50,000.00, ¥50,000, 5万元, 人民币3万元, １２，０００;
    empty, 无 or a dash is no amount."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        text = plain(value).replace(" ", "")
        if text in _NOTHING:
            return None
        match = _CURRENCY.match(text)
        if not match:
            raise ValidationError(_("%(field)s is not an amount") % {"field": field})
        try:
            number = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:
            raise ValidationError(_("%(field)s is not an amount") % {"field": field}) from None
        if match.group(2):
            number *= 10_000
    if number < 0:
        raise ValidationError(_("%(field)s cannot be negative") % {"field": field})
    return number


def ip_type(value: Any) -> str:
    found = value_for(IP_TYPE_LABELS, str(value))
    if found is None:
        raise ValidationError(_("unknown ip_type %(v)s") % {"v": value})
    return found


def outcome(value: Any) -> str:
    found = value_for(OUTCOME_LABELS, str(value))
    if found is None:
        raise ValidationError(_("unknown outcome %(v)s") % {"v": value})
    return found


def acts(values: list[str]) -> list[str]:
    found = [value_for(ACT_LABELS, v) for v in values]
    bad = [v for v, f in zip(values, found, strict=True) if f is None]
    if bad:
        raise ValidationError(_("unknown acts %(v)s") % {"v": ", ".join(bad)})
    return list(dict.fromkeys(f for f in found if f))


def region(value: Any, regions: Mapping[str, str]) -> str:
    """A six-digit region code, or the name of a region of the office tree as clerks write
    it (南宁市, 南宁, or 450100 南宁市); ``regions`` maps the tree's region names to their
    codes (:func:`region_names`)."""
    text = plain(value)
    if text.endswith(".0"):  # a number cell read from a spreadsheet
        text = text[:-2]
    if not text or re.fullmatch(r"\d{6}", text):
        return text
    code = re.match(r"^(\d{6})\s*\D", text)
    if code:
        return code.group(1)
    found = regions.get(text) or regions.get(_SHORT_NAME.sub("", text))
    if found:
        return found
    raise ValidationError(_("region_code: “%(value)s” is neither a six-digit code like 450100 "
                            "nor the name of a region of this system")
                          % {"value": text[:40]})


# 南宁市 is also written 南宁, 广西壮族自治区 广西; a district keeps its 区 (青秀区).
_SHORT_NAME = re.compile(r"(?:壮族自治区|回族自治区|维吾尔自治区|自治区|省|市|地区|盟)$")


def region_names(names: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each region's name and its short form to its code, from (code, name) pairs; a name
    or short form that two regions share is left out (the row is then refused by name)."""
    codes: dict[str, set[str]] = {}
    for code, name in names:
        for key in {name, _SHORT_NAME.sub("", name)} - {""}:
            codes.setdefault(key, set()).add(code)
    return {key: found.pop() for key, found in codes.items() if len(found) == 1}
