from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def figure(cell: Any) -> SafeString:
    """A figure, linked to the case list filtered to exactly the cases it counts."""
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
    url = reverse("case-list") + "?" + urlencode(cell.params)
    return format_html('<a href="{}" data-figure="{}">{}</a>', url,
                       cell.params.get("fig", ""), text)


@register.filter
def cell_of(row: Any, key: str) -> Any:
    return row.cells.get(key)


@register.filter
def params_url(params: dict[str, str]) -> str:
    return reverse("case-list") + "?" + urlencode(params)
