"""Template helpers shared by every page: Bootstrap form fields, state badges, countdowns."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms, template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases import workflows
from cases.models import Role
from cases.punctuation import full_width as full_width_text
from cases.selectors.cases import EventField, event_label
from cases.selectors.cases import event_detail as selected_event_detail
from cases.selectors.cases import event_fields as selected_event_fields
from cases.shown import shown

register = template.Library()

@register.filter
def full_width(text: Any) -> str:
    """Stored Chinese legal text (a legal basis, the thresholds a case reached) with the
    punctuation the documents print (cases.punctuation): what an earlier seed or an
    administrator typed in half-width mode, "(法释〔2004〕19号) 第一条", shows as
    "（法释〔2004〕19号）第一条"."""
    return full_width_text(str(text)) if text is not None else ""


@register.filter
def state_tone(state: str) -> str:
    """The badge colour its workflow gives the state; neutral grey otherwise."""
    return workflows.state_tone(state) or "secondary"


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


# An hour clock (the 24 hours to transfer an approved referral) counts in hours up to
# two days; beyond, in days.
HOURS_SHOWN = 48


@register.filter
def remaining_text(remaining: int | None, unit: str) -> str:
    """"3 working days left" / "overdue by 2 days" in the user's language."""
    if remaining is None:
        return ""
    n = abs(remaining)
    if unit == "working_days":
        text = ngettext("%(n)s working day", "%(n)s working days", n) % {"n": n}
    elif unit == "hours" and n < HOURS_SHOWN:
        text = ngettext("%(n)s hour", "%(n)s hours", n) % {"n": n}
    elif unit == "hours":  # long overdue: 640 days, not 15,365 hours
        days = n // 24
        text = ngettext("%(n)s calendar day", "%(n)s calendar days", days) % {"n": days}
    else:
        text = ngettext("%(n)s calendar day", "%(n)s calendar days", n) % {"n": n}
    if remaining < 0:
        return _("overdue by %(time)s") % {"time": text}
    if remaining == 0:
        return _("due today")
    return _("%(time)s left") % {"time": text}


def _url_if_installed(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:  # the app offering the page is not installed
        return None


@register.simple_tag
def nav_for(user: Any) -> dict[str, Any]:
    """What the menu offers this user: by role and office (issue 6)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    has_office = user.office_id is not None
    search = None
    if user.has_role(Role.LEGAL, Role.HEAD) or user.is_system_admin:
        try:
            search = reverse("precedent-search")
        except NoReverseMatch:  # the search app's pages are not installed
            search = None
    mediator_day = None
    if has_office and user.has_role(Role.MEDIATOR):
        try:
            mediator_day = reverse("mediator-workbench")
        except NoReverseMatch:  # the mediation app's pages are not installed
            mediator_day = None
    return {
        "cases": has_office or user.is_system_admin,
        "mediator_day": mediator_day,
        "intake": has_office and user.has_role(Role.OFFICER),
        "approvals": has_office and user.has_role(Role.HEAD),
        # The workbench filtered to the state where cases wait for the head's approval.
        "approval_state": next((spec.approval_state for spec in workflows.all_workflows()
                                if spec.approval_state), ""),
        "search": search,
        "complaint": _url_if_installed("complaint-register")
        if has_office and user.has_role(Role.OFFICER) else None,
        "referrals": _url_if_installed("referral-dashboard")
        if has_office and user.has_role(Role.HEAD, Role.LEGAL) else None,
        "statistics": _url_if_installed("statistics")
        if (has_office or user.is_system_admin)
        and (user.has_role(Role.HEAD, Role.LEGAL) or user.is_system_admin) else None,
        "admin": user.is_system_admin,
    }


@register.filter
def case_markers(case: Any) -> list[workflows.Marker]:
    """The badges apps put on this case of a list (annotated by the list's selector)."""
    return [m for m in workflows.markers() if getattr(case, f"marker_{m.name}", False)]


@register.filter
def due_shown(clock: Any) -> str:
    """When a clock ends: its day, and for a clock counted in hours (移送 within 24
    hours) the local time too, ``2026-12-07 10:00``."""
    due_at = getattr(clock, "due_at", None)
    if getattr(clock, "unit", "") == "hours" and due_at is not None:
        return shown(due_at)
    due_on = getattr(clock, "due_on", None)
    return shown(due_on) if due_on is not None else ""


@register.filter
def state_label(value: str, workflow: str = "") -> str:
    """``{{ state|state_label:case.workflow }}``."""
    return workflows.state_label(workflow, value)


@register.filter
def action_label(name: str, workflow: str = "") -> str:
    """``{{ event.name|action_label:case.workflow }}``."""
    return event_label(name, workflow)


@register.filter
def event_detail(event: Any) -> str:
    return selected_event_detail(event)


@register.filter
def event_fields(event: Any) -> list[EventField]:
    return selected_event_fields(event)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def yuan(value: Any) -> Any:
    """An amount of money as pages show it, grouped by thousands with two decimals
    (30,000.00), as the documents print it; a count grouped (1,200); anything else as it
    is (None stays None, for ``default``)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (Decimal, float)):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    return value
