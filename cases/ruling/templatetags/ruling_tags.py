"""Template helpers of the ruling's case page: who may open the draft and review pages."""

from __future__ import annotations

from typing import Any

from django import template

from cases.ruling import review

register = template.Library()


@register.simple_tag
def draft_links(case: Any, user: Any) -> dict[str, bool]:
    """``{% draft_links case user as links %}``: links.edit, links.review."""
    ruling = case.flow
    started = ruling.state in review.DRAFT_STATES or any(
        getattr(ruling, name) for name in review.DRAFT_FIELDS)
    return {"edit": started and ruling.state == review.CaseState.DELIBERATION
            and review.may_edit_draft(case, user),
            "review": started and review.may_review(case, user)}
