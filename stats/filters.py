"""The case list's figure filter: ``/cases/?fig=closed&fig_office=3&fig_from=…&fig_to=…``
lists exactly the cases the statistics page counted for that figure (same filter)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext as _

from cases import workflows
from cases.selectors.scope import visible_offices
from stats import figures as f

if TYPE_CHECKING:
    from cases.models import Office, User


def parse_period(raw_from: str, raw_to: str) -> tuple[date, date]:
    try:
        start, end = date.fromisoformat(raw_from), date.fromisoformat(raw_to)
    except ValueError:
        raise ValueError(_("The period is not valid: give both dates as YYYY-MM-DD.")) from None
    if start > end:
        raise ValueError(_("The end date is before the start date."))
    return start, end


def office_for(user: User, raw: str) -> Office:
    office = (visible_offices(user).filter(pk=int(raw)).first()
              if raw.isdigit() else None)
    if office is None:
        raise ValueError(_("That office is not one whose statistics you may see."))
    return office


def figure_q(params: Mapping[str, str], user: User) -> tuple[Q, str]:
    """The filter of the figure ``params`` name, and its description."""
    key = params.get("fig", "")
    office = office_for(user, params.get("fig_office", ""))
    start, end = parse_period(params.get("fig_from", ""), params.get("fig_to", ""))
    workflow = params.get("fig_wf") or None
    spec = None
    if workflow is not None:
        try:
            spec = workflows.get(workflow)
        except workflows.UnknownWorkflow:
            raise ValueError(_("Unknown workflow: %(name)s.") % {"name": workflow}) from None
    if key in f.COMMON_LABELS:
        q, label = f.common_q(key, start, end, workflow), str(f.COMMON_LABELS[key])
    elif ":" in key and spec is not None:
        try:
            figure = f.own_figure(spec, key.split(":", 1)[1])
        except KeyError:
            raise ValueError(_("Unknown figure: %(name)s.") % {"name": key}) from None
        q, label = Q(workflow=spec.name) & figure.cases(start, end), str(figure.label)
    else:
        raise ValueError(_("Unknown figure: %(name)s.") % {"name": key})
    q &= f.scope_q(office, workflow)
    parts = [office.name, f"{start:%Y-%m-%d}–{end:%Y-%m-%d}"]
    if spec is not None:
        parts.append(str(spec.label))
    parts.append(label)
    dim = params.get("fig_dim", "")
    if dim:
        val = params.get("fig_val", "")
        try:
            q &= f.dimension_q(dim, val, office)
        except ValueError:
            raise ValueError(_("Unknown breakdown: %(dim)s = %(val)s.") % {
                "dim": dim, "val": val}) from None
        names = {d.key: str(d.label) for d in f.dimensions()}
        parts.append(f"{names.get(dim, dim)}: {_value_label(dim, val)}")
    return q, _("Statistics figure: %(what)s") % {"what": " · ".join(parts)}


def _value_label(dim: str, val: str) -> str:
    """A breakdown row's value as the user reads it (an office's or officer's name…)."""
    from cases.models import Office, User
    from cases.models.rights import InfringingAct, RightKind

    if dim == "office":
        return str(Office.objects.filter(pk=int(val)).values_list("name", flat=True).first()
                   or val)
    if dim == "officer":
        user = User.objects.filter(pk=int(val)).first() if val else None
        return user.display_name if user else _("(no officer assigned)")
    if dim == "ip" and val:
        return str(dict(RightKind.choices).get(val, val))
    if dim == "act" and val:
        return str(dict(InfringingAct.choices).get(val, val))
    return val or _("(not recorded)")


def figure_filter(params: Mapping[str, str], user: User) -> tuple[Q, str] | None:
    if not params.get("fig"):
        return None
    return figure_q(params, user)
