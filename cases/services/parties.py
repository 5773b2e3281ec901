"""Writes to parties (当事人), agents (代理人) and IP rights.

Each call validates the whole record (``full_clean``) before anything is written, so bad
input changes nothing, refuses an actor who cannot see the registering office, and records
who did what in the admin's change history (``LogEntry``), whether the change came from a
form, the API or a command.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from cases.models import Agent, IPRight, Party
from cases.selectors.scope import can_see_office

if TYPE_CHECKING:
    from cases.models import Office, User

M = TypeVar("M", bound=models.Model)

# Set by the services themselves, never by the caller's fields.
_PROTECTED = {"id", "pk", "office", "office_id", "created_by", "created_by_id", "created_at",
              "updated_at"}


def _require_office(actor: User, office: Office) -> None:
    if not can_see_office(actor, office):
        raise PermissionDenied(_("You may not register records for this office."))


def _record(actor: User, instance: models.Model, *, changed: list[str] | None = None) -> None:
    """The change history the admin shows for the record (who, when, which fields)."""
    message = [{"added": {}}] if changed is None else [{"changed": {"fields": changed}}]
    LogEntry.objects.log_actions(
        user_id=actor.pk, queryset=[instance], action_flag=ADDITION if changed is None
        else CHANGE, change_message=json.dumps(message), single_object=True)


def _apply(instance: M, fields: dict[str, Any]) -> M:
    protected = _PROTECTED & set(fields)
    if protected:
        raise ValidationError({name: [_("This field cannot be set here.")]
                               for name in sorted(protected)})
    known = {f.name for f in instance._meta.get_fields()} | {
        f.attname for f in instance._meta.concrete_fields}
    unknown = set(fields) - known
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


@transaction.atomic
def create_party(*, actor: User, office: Office, **fields: Any) -> Party:
    """Register a natural or legal person with this office."""
    _require_office(actor, office)
    party = _apply(Party(office=office, created_by=actor), fields)
    party.full_clean()
    party.save()
    _record(actor, party)
    return party


@transaction.atomic
def update_party(*, party: Party, actor: User, **fields: Any) -> Party:
    """Change a party's details; the registering office stays."""
    locked = Party.objects.select_for_update().select_related("office").get(pk=party.pk)
    _require_office(actor, locked.office)
    before = {name: getattr(locked, name, None) for name in fields}
    _apply(locked, fields)
    locked.full_clean()
    locked.save()
    labels = {f.name: str(f.verbose_name) for f in Party._meta.concrete_fields}
    changed = [labels.get(name, name) for name in fields if getattr(locked, name) != before[name]]
    if changed:
        _record(actor, locked, changed=changed)
    return locked


@transaction.atomic
def create_agent(*, actor: User, office: Office, **fields: Any) -> Agent:
    """Register an agent (lawyer, patent attorney, citizen agent) with this office."""
    _require_office(actor, office)
    agent = _apply(Agent(office=office), fields)
    agent.full_clean()
    agent.save()
    _record(actor, agent)
    return agent


@transaction.atomic
def create_ip_right(*, actor: User, office: Office, **fields: Any) -> IPRight:
    """Register an IP right; a patent number is stored in its normalised form."""
    _require_office(actor, office)
    holder = fields.get("holder")
    if holder is not None and not can_see_office(actor, holder.office):
        raise PermissionDenied(_("You may not use a party registered by another office."))
    right = _apply(IPRight(office=office), fields)
    right.full_clean()
    right.save()
    _record(actor, right)
    return right
