"""The admin's notice about a broken or missing precedent index."""

from __future__ import annotations

from django import template

from search.health import IndexStatus, index_status

register = template.Library()


@register.simple_tag
def precedent_index_status() -> IndexStatus:
    return index_status()
