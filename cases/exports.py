"""Export of a (scoped, filtered) case list to Excel (.xlsx).

openpyxl's write-only mode streams rows into the workbook without keeping cell objects,
and the export stops at :data:`EXPORT_ROW_LIMIT` rows with a note in the sheet, so a
careless "export everything" cannot exhaust the server.

Every text cell of every export passes through :func:`neutralise`: a party name typed as
``=HYPERLINK(...)`` must reach the spreadsheet as text, not as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from cases import workflows
from cases.models.participants import PartyRole

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from cases.models import Case

EXPORT_ROW_LIMIT = 10_000
CHUNK = 1_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text that a spreadsheet would read as a formula, prefixed with ``'`` (OWASP's
    advice for CSV injection); any other value unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _rows(qs: QuerySet[Case], limit: int) -> Iterator[Case]:
    # Chunked iteration keeps prefetching (parties) to one query per chunk.
    yield from qs[:limit].iterator(chunk_size=CHUNK)


def _header(spec: workflows.Workflow, name: str) -> str:
    field = spec.model._meta.get_field(name)
    return capfirst(str(getattr(field, "verbose_name", name)))


def _cell(flow: Any, name: str) -> Any:
    value = getattr(flow, name)
    return float(value) if isinstance(value, Decimal) else value


def export_cases_xlsx(qs: QuerySet[Case], limit: int = EXPORT_ROW_LIMIT) -> tuple[io.BytesIO,
                                                                                  str]:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Cases"))
    # Then the statistics fields of each workflow (blank for cases of another workflow).
    extra = [(spec, name) for spec in workflows.all_workflows()
             for name in spec.statistics_fields]
    headers = [_("Case number"), _("Cause of action"), _("State"), _("Handling office"),
               _("Officer in charge"), _("Received on"), _("Requesters"), _("Respondents"),
               *(_header(spec, name) for spec, name in extra)]
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    count = 0
    for case in _rows(qs, limit + 1):
        count += 1
        if count > limit:
            ws.append([_("Only the first %(n)s rows were exported; narrow the filters to "
                         "export the rest.") % {"n": limit}])
            break
        parties = list(case.case_parties.all())
        ws.append([neutralise(value) for value in (
            case.number, case.title, case.get_state_display(), case.office.name,
            case.officer_in_charge.display_name if case.officer_in_charge else "",
            case.received_on,
            "、".join(p.party.name for p in parties if p.role == PartyRole.REQUESTER),
            "、".join(p.party.name for p in parties if p.role == PartyRole.RESPONDENT),
            *(_cell(case.flow, name) if case.workflow == spec.name else None
              for spec, name in extra),
        )])
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return out, f"cases-{stamp}.xlsx"
