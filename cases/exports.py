"""Export of a (scoped, filtered) case list to Excel (.xlsx), with the columns offices
report: number, 案由, IP type and patent number, parties, officer, the dates, state, each
workflow's statistics fields (for a ruling: platform, accepted on, outcome), the issued
ruling's 文号 and the days taken.

openpyxl's write-only mode streams rows into the workbook without keeping cell objects,
and the export stops at :data:`EXPORT_ROW_LIMIT` rows with a note in the sheet, so a
careless "export everything" cannot exhaust the server.

Every text cell of every export passes through :func:`neutralise`: a party name typed as
``=HYPERLINK(...)`` must reach the spreadsheet as text, not as a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

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
# The ruling's 文号: the case's issued (not voided) document of kind "ruling", by the
# reverse relation's name, so the kernel does not import the documents app.
RULING_NUMBER = Max("documents__number",
                    filter=Q(documents__kind="ruling", documents__state="issued"))


def _rows(qs: QuerySet[Case], limit: int) -> Iterator[Case]:
    # Chunked iteration keeps prefetching (parties, rights) to one query per chunk. What a
    # workflow names its sides by (a complaint's complainant, a referral's suspect) is read
    # with the rows, as the case list reads it.
    yield from (qs.select_related(*workflows.list_relations())
                .annotate(ruling_number=RULING_NUMBER, **workflows.list_annotations())
                .prefetch_related("rights")[:limit].iterator(chunk_size=CHUNK))


def _sides(case: Case) -> tuple[list[str], list[str]]:
    """(requesters, respondents) as the case list names them: the case parties, or for a
    workflow that names its sides itself, the side the case is brought against (named last:
    a complaint's accused party, a referral's suspect) as respondents and the others as
    requesters."""
    listed = workflows.list_parties(case)
    if listed is None:
        parties = list(case.case_parties.all())
        return ([p.party.name for p in parties if p.role == PartyRole.REQUESTER],
                [p.party.name for p in parties if p.role == PartyRole.RESPONDENT])
    if not listed:
        return [], []
    *others, (_label, against) = listed
    return [name for _heading, names in others for name in names], list(against)


def _header(spec: workflows.Workflow, name: str) -> str:
    field = spec.model._meta.get_field(name)
    return capfirst(str(getattr(field, "verbose_name", name)))


def _cell(flow: Any, name: str) -> Any:
    display = getattr(flow, f"get_{name}_display", None)
    if display is not None:
        return display()
    value = getattr(flow, name)
    return float(value) if isinstance(value, Decimal) else value


def _extra_headers(extra: list[tuple[workflows.Workflow, str]]) -> list[str]:
    """The statistics fields' headers; one that two workflows share (a ruling's and a
    mediation's 处理结果) names its workflow, so that the columns can be told apart."""
    headers = [_header(spec, name) for spec, name in extra]
    shared = {header for header in headers if headers.count(header) > 1}
    return [f"{header}（{spec.label}）" if header in shared else header
            for header, (spec, _name) in zip(headers, extra, strict=True)]


def _columns(extra: list[tuple[workflows.Workflow, str]]) -> list[tuple[str, int]]:
    """(header, width in characters)."""
    return [(_("Case number"), 24), (_("Cause of action"), 26), (_("IP type"), 14),
            (_("Patent number"), 22), (_("Requesters"), 30), (_("Respondents"), 30),
            (_("Officer in charge"), 10), (_("Received on"), 12), (_("State"), 10),
            *((header, 14) for header in _extra_headers(extra)),
            (_("Ruling document number"), 22), (_("Closed on"), 12), (_("Days taken"), 10)]


def _row(case: Case, extra: list[tuple[workflows.Workflow, str]], today: date) -> list[Any]:
    requesters, respondents = _sides(case)
    rights = list(case.rights.all())
    end = case.closed_on or today  # an open case: the days so far
    return [
        case.number, case.title,
        "、".join(dict.fromkeys(r.get_kind_display() for r in rights)),
        "、".join(r.display_number for r in rights if r.number),
        "、".join(requesters), "、".join(respondents),
        case.officer_in_charge.display_name if case.officer_in_charge else "",
        case.received_on, case.get_state_display(),
        *(_cell(case.flow, name) if case.workflow == spec.name else None
          for spec, name in extra),
        getattr(case, "ruling_number", None) or "", case.closed_on,
        (end - case.received_on).days,
    ]


def export_cases_xlsx(qs: QuerySet[Case], limit: int = EXPORT_ROW_LIMIT) -> tuple[io.BytesIO,
                                                                                  str]:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Cases"))
    # The statistics fields of each workflow the list holds (blank for cases of another).
    present = set(qs.order_by().values_list("workflow", flat=True).distinct())
    extra = [(spec, name) for spec in workflows.all_workflows() if spec.name in present
             for name in spec.statistics_fields]
    columns = _columns(extra)
    for index, (_header_text, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    header_cells = []
    for text, _width in columns:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
        header_cells.append(cell)
    ws.append(header_cells)
    today = timezone.localdate()
    count = 0
    for case in _rows(qs, limit + 1):
        count += 1
        if count > limit:
            ws.append([_("Only the first %(n)s rows were exported; narrow the filters to "
                         "export the rest.") % {"n": limit}])
            break
        row = []
        for value in _row(case, extra, today):
            cell = WriteOnlyCell(ws, value=neutralise(value))
            if hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, float):  # an amount of money, as the pages print it
                cell.number_format = "#,##0.00"
            row.append(cell)
        ws.append(row)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{min(count, limit) + 1}"
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return out, f"{_('Case list')}-{stamp}.xlsx"
