"""Import of earlier decisions (an office's own and the courts') for precedent search.

A metadata sheet (CSV with a header row, or a JSON list of objects) names one document
file per row (.docx or .txt). Every row is validated completely before anything is
written; a valid row is saved in its own transaction (never half a row), re-importing
the same ``external_id`` updates that decision in place, and every rejected row is
reported with its line number and reason.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.models import Office, User
from cases.models.rights import InfringingAct, RightKind
from documents.redaction import mask_text
from documents.text import extract_text
from search.models import Decision, DecisionOutcome, DecisionSource
from search.services import save_decision

AMOUNTS = ("damages_claimed", "damages_awarded", "settlement_amount", "illegal_turnover",
           "illegal_gain", "fine")
REQUIRED = ("file", "external_id", "title", "decided_on", "ip_type", "outcome")
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def read_metadata(name: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs; line numbers count the CSV header as line 1."""
    text = data.decode("utf-8-sig")
    if name.lower().endswith(".json"):
        rows = json.loads(text)
        if not isinstance(rows, list):
            raise ValidationError(_("The JSON metadata must be a list of objects."))
        return [(i + 1, dict(row)) for i, row in enumerate(rows)]
    reader = csv.DictReader(io.StringIO(text))
    return [(i + 2, {k.strip(): (v or "").strip() for k, v in row.items() if k})
            for i, row in enumerate(reader)]


def document_text(name: str, data: bytes) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".txt":
        return mask_text(data.decode("utf-8-sig"))
    if suffix == ".docx":
        return mask_text(extract_text(data))
    raise ValueError(_("Only .docx and .txt files can be imported."))


def _list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value or "").replace("；", ";").split(";") if v.strip()]


def _bool(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "yes", "是", "y"}


def clean_row(row: dict[str, Any], read_file: Callable[[str], bytes]) -> dict[str, Any]:
    """Validate one row completely; the fields for ``save_decision`` or ValidationError."""
    missing = [k for k in REQUIRED if not str(row.get(k) or "").strip()]
    if missing:
        raise ValidationError(_("missing %(fields)s") % {"fields": ", ".join(missing)})
    try:
        decided_on = date.fromisoformat(str(row["decided_on"]))
    except ValueError:
        raise ValidationError(_("decided_on must be a date like 2024-05-31")) from None
    if row["ip_type"] not in RightKind.values:
        raise ValidationError(_("unknown ip_type %(v)s") % {"v": row["ip_type"]})
    if row["outcome"] not in DecisionOutcome.values:
        raise ValidationError(_("unknown outcome %(v)s") % {"v": row["outcome"]})
    acts = _list(row.get("acts"))
    bad_acts = [a for a in acts if a not in InfringingAct.values]
    if bad_acts:
        raise ValidationError(_("unknown acts %(v)s") % {"v": ", ".join(bad_acts)})
    amounts: dict[str, Decimal | None] = {}
    for name in AMOUNTS:
        raw = str(row.get(name) or "").replace(",", "").strip()
        try:
            amounts[name] = Decimal(raw) if raw else None
        except InvalidOperation:
            raise ValidationError(_("%(field)s is not an amount") % {"field": name}) from None
        if amounts[name] is not None and amounts[name] < 0:  # type: ignore[operator]
            raise ValidationError(_("%(field)s cannot be negative") % {"field": name})
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
        "decided_on": decided_on, "ip_type": row["ip_type"], "infringing_acts": acts,
        "platform": str(row.get("platform") or "").strip(),
        "product_category": str(row.get("product_category") or "").strip(),
        "outcome": row["outcome"], "statutes_cited": _list(row.get("statutes")),
        "disputed_issues": str(row.get("disputed_issues") or "").strip(),
        "holding": str(row.get("holding") or "").strip(), "full_text": text,
        "is_public": _bool(row.get("is_public")),
        "is_guiding_case": _bool(row.get("is_guiding_case")), **amounts,
    }


def import_rows(rows: Iterable[tuple[int, dict[str, Any]]], *, office: Office, source: str,
                read_file: Callable[[str], bytes],
                progress: Callable[[int], None] | None = None,
                actor: User | None = None) -> ImportReport:
    if source not in {DecisionSource.OFFICE, DecisionSource.COURT}:
        raise ValueError("source must be 'office' or 'court'")
    report = ImportReport()
    for line, row in rows:
        try:
            fields = clean_row(row, read_file)
            existed = Decision.objects.filter(source=source,
                                              external_id=fields["external_id"]).exists()
            save_decision(source=source, office=office, actor=actor, **fields)
        except ValidationError as exc:
            report.rejected.append((line, "; ".join(exc.messages)))
        else:
            if existed:
                report.updated += 1
            else:
                report.created += 1
        if progress:
            progress(1)
    return report
