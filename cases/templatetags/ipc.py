"""Template helpers shared by every page: Bootstrap form fields, state badges, countdowns."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()

# Calm colours by the stage of the case; terminal states are grey.
STATE_TONES = {
    "received": "info", "correction_requested": "warning", "accepted": "primary",
    "awaiting_answer": "primary", "investigation": "primary", "hearing_scheduled": "primary",
    "deliberation": "primary", "pending_approval": "warning", "decided": "success",
    "served": "success", "in_litigation": "danger", "effective": "success",
    "enforcement": "danger", "suspended": "secondary", "mediating": "info",
}


@register.filter
def state_tone(state: str) -> str:
    return STATE_TONES.get(state, "secondary")


@register.inclusion_tag("components/field.html")
def field(bound: forms.BoundField, **attrs: Any) -> dict[str, Any]:
    widget = bound.field.widget
    if isinstance(widget, (forms.CheckboxInput,)):
        css = "form-check-input"
    elif isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
        css = ""
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if bound.errors:
        css += " is-invalid"
    extra: dict[str, str | bool] = {"class": css.strip()}
    if bound.errors:
        extra["aria-invalid"] = "true"
        extra["aria-describedby"] = f"{bound.auto_id}_errors"
    extra.update({k.replace("_", "-"): v for k, v in attrs.items()})
    return {"f": bound, "widget": bound.as_widget(attrs=extra),
            "checkbox": isinstance(widget, forms.CheckboxInput),
            "multi": isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect))}


@register.filter
def remaining_text(remaining: int | None, unit: str) -> str:
    """"3 working days left" / "overdue by 2 days" in the user's language."""
    if remaining is None:
        return ""
    n = abs(remaining)
    if unit == "working_days":
        text = ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n}
    elif unit == "hours":
        text = ngettext("%(n)s hour", "%(n)s hours", n) % {"n": n}
    else:
        text = ngettext("%(n)s day", "%(n)s days", n) % {"n": n}
    if remaining < 0:
        return _("overdue by %(time)s") % {"time": text}
    if remaining == 0:
        return _("due today")
    return _("%(time)s left") % {"time": text}


@register.simple_tag
def nav_for(user: Any) -> dict[str, Any]:
    """What the menu offers this user: by role and office (issue 6)."""
    from django.urls import NoReverseMatch, reverse

    from cases.models import Role

    if not getattr(user, "is_authenticated", False):
        return {}
    has_office = user.office_id is not None
    search = None
    if user.has_role(Role.LEGAL, Role.HEAD) or user.is_system_admin:
        try:
            search = reverse("precedent-search")
        except NoReverseMatch:  # the search app's pages are not installed
            search = None
    return {
        "cases": has_office or user.is_system_admin,
        "intake": has_office and user.has_role(Role.OFFICER),
        "approvals": has_office and user.has_role(Role.HEAD),
        "search": search,
        "admin": user.is_system_admin,
    }


@register.filter
def state_label(value: str) -> str:
    from cases.ruling.models import CaseState

    try:
        return str(CaseState(value).label)
    except ValueError:
        return value


@register.filter
def action_label(name: str) -> str:
    from cases.selectors.cases import event_label

    return event_label(name)


@register.filter
def event_detail(event: Any) -> str:
    from cases.selectors.cases import event_detail as detail

    return detail(event)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def outcome_label(value: str) -> str:
    from search.models import DecisionOutcome

    try:
        return str(DecisionOutcome(value).label)
    except ValueError:
        return value


@register.filter
def amount_label(name: str) -> str:
    return {"damages_awarded": _("Damages awarded"), "settlement_amount": _("Settlement"),
            "fine": _("Fine")}.get(name, name)
