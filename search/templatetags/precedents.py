"""Template filters of the precedent pages and the similar-cases panel."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from search.masking import masked as masked_text
from search.models import DecisionOutcome

register = template.Library()


@register.filter
def outcome_label(value: str) -> str:
    try:
        return str(DecisionOutcome(value).label)
    except ValueError:
        return value


@register.filter
def amount_label(name: str) -> str:
    return {"damages_awarded": _("Damages awarded"), "settlement_amount": _("Settlement"),
            "fine": _("Fine")}.get(name, name)


@register.filter
def masked(value: str | None) -> str:
    """A decision's free text with personal data masked, as the index and the snippets
    have it (``documents.redaction.mask_text``)."""
    return masked_text(str(value or ""))
