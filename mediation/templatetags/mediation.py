"""Template tags of the mediation panels."""

from __future__ import annotations

from typing import Any

from django import template

from mediation.models import Court
from mediation.selectors import may_apply_for_confirmation as _may_apply

register = template.Library()


@register.simple_tag
def may_apply_for_confirmation(mediation: Any, user: Any) -> bool:
    return _may_apply(mediation, user)


@register.simple_tag
def active_courts() -> Any:
    return Court.objects.filter(is_active=True)
