"""Files as offices have them: encodings, spreadsheets, Chinese headers, labels and dates.

Excel on Chinese Windows writes CSV in GBK; Notepad writes UTF-8 with a BOM; clerks type
外观设计专利 and 侵权成立 rather than internal values, and 2024/3/1 or 2024年3月1日 rather
than ISO dates. These helpers turn such input into what ``search.importing`` validates.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
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


_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(value: Any) -> date:
    """2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, or a spreadsheet date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DATE.match(str(value or ""))
    if match:
        try:
            return date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise ValidationError(_("decided_on must be a date like 2024-05-31 or 2024/5/31"))


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


def region(value: Any) -> str:
    text = str(value or "").strip()
    if text.endswith(".0"):  # a number cell read from a spreadsheet
        text = text[:-2]
    if text and not re.fullmatch(r"\d{6}", text):
        raise ValidationError(_("region_code must be a six-digit code like 450100"))
    return text
