from __future__ import annotations

import re
from decimal import Decimal
from typing import Any
from urllib.parse import quote_plus

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()
# What urlencode leaves as it is: most of a figure's parameters (keys, days, numbers).
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*\Z")


def _quote(value: Any) -> str:
    text = str(value)
    return text if _PLAIN.match(text) else quote_plus(text)


def query_string(params: dict[str, Any]) -> str:
    """``urlencode(params)``, faster for the plain values most figures' parameters are:
    a report's page links each of its (about a thousand) figures."""
    return "&".join(f"{_quote(k)}={_quote(v)}" for k, v in params.items())


def _case_list(context: template.Context) -> str:
    """The list's address, looked up once per page rather than once per figure."""
    cache = context.render_context
    if "stats_case_list" not in cache:
        cache["stats_case_list"] = reverse("case-list")
    return str(cache["stats_case_list"])


def _figure(cell: Any, case_list: str) -> SafeString:
    if cell is None:
        return format_html("{}", "—")
    value = cell.value
    if value is None:
        text = "—"
    elif isinstance(value, Decimal):
        text = f"{value:,.2f}"
    elif isinstance(value, float):
        text = f"{value:g}"
    else:
        text = f"{value:,}"
    if cell.params is None or value in (None, 0):
        return format_html("{}", text)
    return format_html('<a href="{}" data-figure="{}">{}</a>',
                       case_list + "?" + query_string(cell.params),
                       cell.params.get("fig", ""), text)


@register.simple_tag(takes_context=True)
def figure_cells(context: template.Context, row: Any, columns: list[tuple[str, str]]
                 ) -> SafeString:
    """A table row's figures, one right-aligned cell per column (a report's page has
    about a thousand: rendered here rather than by a template loop per cell)."""
    case_list = _case_list(context)
    return format_html_join("", '<td class="text-end">{}</td>',
                            ((_figure(row.cells.get(key), case_list),)
                             for key, _label in columns))


@register.filter
def params_url(params: dict[str, str]) -> str:
    return reverse("case-list") + "?" + query_string(params)
