"""Template tags of the mediation panels."""

from __future__ import annotations

from typing import Any

from django import template

from mediation.jurisdiction import competent_courts, right_kinds
from mediation.selectors import may_apply_for_confirmation as _may_apply

register = template.Library()


@register.simple_tag
def may_apply_for_confirmation(mediation: Any, user: Any) -> bool:
    return _may_apply(mediation, user)


@register.simple_tag
def confirmation_courts(case: Any) -> Any:
    """The courts that may confirm the agreement of this mediation case."""
    return competent_courts(right_kinds(case))
