"""The statistics as a report for submission (.xlsx: title, office, period, one table per
breakdown with its totals row, the generated-at line) and as CSV; the repeat-infringer
list for credit supervision; the charts' data."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from cases import workflows
from cases.exports import neutralise
from stats.figures import COMMON_LABELS
from stats.repeat import Finding
from stats.selectors import Report, Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REPEAT_EXPORT_LIMIT = 5_000


def _value(cell_value: Any) -> Any:
    if isinstance(cell_value, Decimal):
        return float(cell_value)
    return "" if cell_value is None else cell_value


def _title(report: Report) -> str:
    return _("IP dispute case statistics")


def _period(report: Report) -> str:
    """The period as the statistics page writes it (2026-01-01至2026-12-31 in Chinese)."""
    return _("%(start)s to %(end)s") % {"start": f"{report.start:%Y-%m-%d}",
                                         "end": f"{report.end:%Y-%m-%d}"}


def _workflow(report: Report) -> str:
    return (str(workflows.get(report.workflow).label) if report.workflow
            else _("All workflows"))


def _tables(report: Report) -> list[Table]:
    return [report.summary, *report.tables, _trend_table(report)]


def _trend_table(report: Report) -> Table:
    from stats.selectors import Cell, Row

    months = report.trend.get("months", [])
    rows = [Row(m["month"], {"received": Cell(m["received"]), "closed": Cell(m["closed"])})
            for m in months]
    total = Row(_("Total"), {"received": Cell(sum(m["received"] for m in months)),
                             "closed": Cell(sum(m["closed"] for m in months))})
    return Table("trend", _("Month by month"),
                 [(key, str(COMMON_LABELS[key])) for key in ("received", "closed")], rows, total)


def report_xlsx(report: Report) -> HttpResponse:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Statistics")[:31]
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDE6F0")
    total_fill = PatternFill("solid", fgColor="F2F2F2")
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = max(len(t.columns) for t in _tables(report)) + 1
    ws.cell(row=1, column=1, value=_title(report)).font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.cell(row=2, column=1, value=_("Office")).font = bold
    ws.cell(row=2, column=2, value=neutralise(report.office.name))
    ws.cell(row=3, column=1, value=_("Period")).font = bold
    ws.cell(row=3, column=2, value=_period(report))
    ws.cell(row=4, column=1, value=_("Workflow")).font = bold
    ws.cell(row=4, column=2, value=_workflow(report))
    row = 6
    for table in _tables(report):
        ws.cell(row=row, column=1, value=table.title).font = Font(bold=True, size=12)
        row += 1
        headers = ["", *(label for _key, label in table.columns)]
        for col, text in enumerate(headers, start=1):
            c = ws.cell(row=row, column=col, value=text)
            c.font, c.fill, c.border = bold, head_fill, border
            c.alignment = Alignment(wrap_text=True, vertical="center")
        row += 1
        body = list(table.rows) + ([table.total] if table.total else [])
        for r in body:
            is_total = r is table.total
            c = ws.cell(row=row, column=1, value=neutralise(r.label))
            c.border = border
            if is_total:
                c.font, c.fill = bold, total_fill
            for col, (key, _label) in enumerate(table.columns, start=2):
                cell = r.cells.get(key)
                c = ws.cell(row=row, column=col, value=_value(cell.value) if cell else "")
                c.border = border
                if is_total:
                    c.font, c.fill = bold, total_fill
            row += 1
        if not table.rows:
            ws.cell(row=row, column=1, value=_("No cases."))
            row += 1
        if table.note:
            ws.cell(row=row, column=1, value=table.note).font = Font(italic=True)
            row += 1
        row += 1
    ws.cell(row=row, column=1, value=_("Generated at %(time)s") % {
        "time": timezone.localtime().strftime("%Y-%m-%d %H:%M")})
    ws.column_dimensions["A"].width = 34
    for col in range(2, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 16
    out = io.BytesIO()
    wb.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = _attachment(report, "xlsx")
    return response


def _attachment(report: Report, ext: str) -> str:
    from urllib.parse import quote

    name = (f"{_('Statistics')}-{report.office.region_code}-"
            f"{report.start:%Y%m%d}-{report.end:%Y%m%d}.{ext}")
    return f"attachment; filename=\"statistics.{ext}\"; filename*=UTF-8''{quote(name)}"


def report_csv(report: Report) -> HttpResponse:
    """The same tables one after the other: the table's title, its header, its rows."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([_title(report)])
    w.writerow([_("Office"), report.office.name])
    w.writerow([_("Period"), _period(report)])
    w.writerow([_("Workflow"), _workflow(report)])
    for table in _tables(report):
        w.writerow([])
        w.writerow([table.title])
        w.writerow(["", *(label for _key, label in table.columns)])
        for r in list(table.rows) + ([table.total] if table.total else []):
            w.writerow([neutralise(r.label), *(
                _value(r.cells[key].value) if key in r.cells else ""
                for key, _label in table.columns)])
        if table.note:
            w.writerow([table.note])
    w.writerow([])
    w.writerow([_("Generated at %(time)s") % {
        "time": timezone.localtime().strftime("%Y-%m-%d %H:%M")}])
    # A byte-order mark, so that Excel opens the Chinese text as UTF-8.
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(report, "csv")
    return response


def chart_data(report: Report) -> dict[str, Any]:
    """What the page's ECharts draw (static/ipcases/stats.js), with translated labels."""
    def bars(table: Table, keys: tuple[str, ...]) -> dict[str, Any]:
        labels = dict(table.columns)
        return {"categories": [r.label for r in table.rows],
                "series": [{"name": labels[k], "data": [_value(r.cells[k].value)
                                                        for r in table.rows]}
                           for k in keys if k in labels]}

    office = next((t for t in report.tables if t.key == "office"), None)
    ip = next((t for t in report.tables if t.key == "ip"), None)
    acts = next((t for t in report.tables if t.key == "act"), None)
    months = report.trend.get("months", [])
    return {
        "trend": {"categories": [m["month"] for m in months], "series": [
            {"name": str(COMMON_LABELS["received"]), "data": [m["received"] for m in months]},
            {"name": str(COMMON_LABELS["closed"]), "data": [m["closed"] for m in months]}]},
        "workflows": bars(report.summary, ("received", "closed", "open")),
        "offices": bars(office, ("received", "closed")) if office else None,
        "ip": {"data": [{"name": r.label, "value": r.cells["received"].value}
                        for r in ip.rows if r.cells["received"].value]} if ip else None,
        "acts": bars(acts, ("received", "closed")) if acts else None,
    }


def repeat_export(rows: list[dict[str, Any]], found: dict[str, list[Finding]],
                  fmt: str) -> HttpResponse:
    """One line per finding: the infringer's identifier and names, the case, its office
    and the day the infringement was established."""
    header = [_("Identifier"), _("Name"), _("Findings"), _("Case number"), _("Office"),
              _("Workflow"), _("Established on"), _("Name in that case")]
    lines: list[list[Any]] = []
    for r in rows:
        names = "、".join(dict.fromkeys(x for x in (r["name"], r["other_name"]) if x))
        for finding in found.get(r["party__id_number"], []):
            lines.append([r["party__id_number"], names, r["findings"], finding.number,
                          finding.office, str(finding.workflow), finding.on, finding.name])
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "csv":
        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(header)
        for line in lines:
            w.writerow([neutralise(v) for v in line])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        wb = Workbook()
        ws = wb.active
        ws.title = _("Repeat infringers")[:31]
        ws.append(header)
        for c in ws[1]:
            c.font = Font(bold=True)
        for line in lines:
            ws.append([neutralise(v) for v in line])
        for col, width in enumerate((22, 30, 8, 26, 24, 16, 14, 30), start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        ws.append([])
        ws.append([_("Generated at %(time)s") % {
            "time": timezone.localtime().strftime("%Y-%m-%d %H:%M")}])
        out_b = io.BytesIO()
        wb.save(out_b)
        response = HttpResponse(out_b.getvalue(), content_type=XLSX)
    from urllib.parse import quote

    name = f"{_('Repeat infringers')}-{stamp}.{fmt}"
    response["Content-Disposition"] = (f"attachment; filename=\"repeat-infringers.{fmt}\"; "
                                       f"filename*=UTF-8''{quote(name)}")
    return response
