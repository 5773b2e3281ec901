"""Import of earlier decisions (an office's own and the courts') for precedent search.

A metadata sheet (CSV or .xlsx with a header row, or a JSON list of objects) names one
document file per row (.docx or .txt). Text files and CSV may be UTF-8 (with or without
BOM) or GBK/GB18030; headers, IP types, acts and outcomes may be written in Chinese, dates
as 2024/3/1 or 2024年3月1日 (``search.import_formats``). Every row is validated completely
before anything is written; a valid row is saved in its own transaction (never half a
row), re-importing the same ``external_id`` updates that decision in place, and every
row's result (created, updated, or rejected with its reason) is in the report.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.models import Office, User
from cases.workflows import FigureRecord, judge_figures
from documents.redaction import mask_text
from documents.text import extract_text
from search import import_formats as formats
from search.models import Decision, DecisionSource
from search.services import save_decision
from search.thresholds import figure_record

AMOUNTS = ("damages_claimed", "damages_awarded", "settlement_amount", "illegal_turnover",
           "illegal_gain", "fine")
REQUIRED = ("file", "external_id", "title", "decided_on", "ip_type", "outcome")
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class RowResult:
    line: int
    external_id: str
    status: str  # "created" | "updated" | "rejected"
    reason: str = ""
    # The criminal thresholds an office's decision reaches (涉嫌犯罪，应当移送), in words.
    thresholds: str = ""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)  # every row, in sheet order

    @property
    def over_threshold(self) -> int:
        """Rows whose decision reaches a criminal threshold."""
        return sum(1 for row in self.rows if row.thresholds)


def read_metadata(name: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs; line numbers count the header as line 1."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        return formats.xlsx_rows(data)
    text = formats.decode(data, name)
    if name.lower().endswith(".json"):
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:  # its own message is English
            raise ValidationError(_(
                "The JSON metadata cannot be read near line %(line)s, column %(column)s; check "
                "its brackets, quotation marks and commas, or save it as .xlsx or CSV.")
                % {"line": exc.lineno, "column": exc.colno}) from None
        except RecursionError:  # brackets nested thousands deep: not a sheet of rows
            raise ValidationError(_("The JSON metadata is nested too deeply to be a list of "
                                    "rows.")) from None
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ValidationError(_("The JSON metadata must be a list of objects."))
        return [(i + 1, {formats.header(k): v for k, v in row.items()})
                for i, row in enumerate(rows)]
    reader = csv.DictReader(io.StringIO(text))
    try:
        return [(i + 2, {formats.header(k): (v or "").strip() for k, v in row.items() if k})
                for i, row in enumerate(reader)]
    except csv.Error as exc:  # a stray quote makes the rest of the sheet one field
        raise ValidationError(_(
            "The metadata sheet cannot be read as CSV near line %(line)s (%(error)s); check "
            "that every quotation mark is closed, or save it as .xlsx.")
            % {"line": reader.line_num, "error": exc}) from None


def document_text(name: str, data: bytes) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".txt":
        return mask_text(formats.decode(data, name))
    if suffix == ".docx":
        return mask_text(extract_text(data))
    raise ValueError(_("Only .docx and .txt files can be imported."))


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").replace("；", ";").split(";") if v.strip()]


_YES = {"1", "true", "yes", "y", "是", "公开", "已公开", "对", "√"}
_NO = {"", "0", "false", "no", "n", "否", "不公开", "未公开", "非公开", "none"}


def _bool(value: Any, label: str) -> bool:
    """A yes/no column: empty is no; anything else not understood is the row's error
    (a "公开" read as "not public" would silently hide the decision, or the reverse)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
    text = str(value if value is not None else "").strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValidationError(_("%(column)s: “%(value)s” is not understood; write 是 or 否.")
                          % {"column": label, "value": str(value)[:40]})


def clean_row(row: dict[str, Any], read_file: Callable[[str], bytes],
              regions: Mapping[str, str]) -> dict[str, Any]:
    """Validate one row completely; the fields for ``save_decision`` or ValidationError."""
    missing = [k for k in REQUIRED if not str(row.get(k) or "").strip()]
    if missing:
        raise ValidationError(_("missing %(fields)s") % {"fields": ", ".join(missing)})
    decided_on = formats.parse_date(row["decided_on"])
    ip_type = formats.ip_type(row["ip_type"])
    outcome = formats.outcome(row["outcome"])
    acts = formats.acts(_list(str(row.get("acts") or "").replace("、", ";").replace("，", ";")
                              .replace(",", ";")))
    region_code = formats.region(row.get("region_code"), regions)
    amounts = {name: formats.amount(row.get(name), name) for name in AMOUNTS}
    try:
        data = read_file(str(row["file"]))
    except (OSError, KeyError):
        raise ValidationError(_("file %(f)s not found") % {"f": row["file"]}) from None
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(_("file %(f)s is larger than 20 MB") % {"f": row["file"]})
    try:
        text = document_text(str(row["file"]), data)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    except Exception:  # noqa: BLE001 - a corrupt .docx is a rejected row, not a crash
        raise ValidationError(_("file %(f)s cannot be read") % {"f": row["file"]}) from None
    if not text.strip():
        raise ValidationError(_("file %(f)s has no text") % {"f": row["file"]})
    return {
        "external_id": str(row["external_id"]).strip(), "title": str(row["title"]).strip(),
        "document_number": str(row.get("document_number") or "").strip(),
        "decided_on": decided_on, "ip_type": ip_type, "infringing_acts": acts,
        "region_code": region_code,
        "platform": str(row.get("platform") or "").strip(),
        "product_category": str(row.get("product_category") or "").strip(),
        "outcome": outcome, "statutes_cited": _list(row.get("statutes")),
        "disputed_issues": str(row.get("disputed_issues") or "").strip(),
        "holding": str(row.get("holding") or "").strip(), "full_text": text,
        "is_public": _bool(row.get("is_public"), "is_public"),
        "is_guiding_case": _bool(row.get("is_guiding_case"), "is_guiding_case"), **amounts,
    }


def import_rows(rows: Iterable[tuple[int, dict[str, Any]]], *, office: Office, source: str,
                read_file: Callable[[str], bytes],
                progress: Callable[[int], None] | None = None,
                actor: User | None = None) -> ImportReport:
    if source not in {DecisionSource.OFFICE, DecisionSource.COURT}:
        raise ValueError("source must be 'office' or 'court'")
    report = ImportReport()
    judged: dict[int, FigureRecord] = {}
    regions = formats.region_names(Office.objects.values_list("region_code", "region_name"))
    for line, row in rows:
        try:
            fields = clean_row(row, read_file, regions)
            existed = Decision.objects.filter(source=source,
                                              external_id=fields["external_id"]).exists()
            decision = save_decision(source=source, office=office, actor=actor, **fields)
        except ValidationError as exc:
            reason = "; ".join(exc.messages)
            report.rejected.append((line, reason))
            report.rows.append(RowResult(line, str(row.get("external_id") or ""), "rejected",
                                         reason))
        else:
            if existed:
                report.updated += 1
            else:
                report.created += 1
            report.rows.append(RowResult(line, fields["external_id"],
                                         "updated" if existed else "created"))
            record = figure_record(decision)
            if record is not None:
                judged[len(report.rows) - 1] = replace(record, key=len(report.rows) - 1)
        if progress:
            progress(1)
    for index, hits in judge_figures(judged.values()).items():
        report.rows[index].thresholds = "；".join(str(hit) for hit in hits)
    return report
