"""Who handles a case: the officer in charge (承办人), the panel (合议组), the mediator.

Generic over workflows: a workflow declares in ``Workflow.assignment_roles`` which of
these it assigns ("officer", "panel", "mediator") and, for a panel, its own rule
(``Workflow.check_panel``). Only the head of the case's office (or of a superior office)
changes them, with a reason; the officer in charge of a case that has a mediator also
names the mediator (:func:`assignable`). Every change is one timeline entry
(``assignment_changed``) with the old and the new assignees. The head also distributes
new requests (:func:`reassign_cases`), all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from cases import workflows
from cases.errors import OutOfScope, TransitionNotAllowed
from cases.models import Case, CaseAssignment, CaseEvent, Role, User
from cases.models.events import EventKind
from cases.models.notifications import Notification, NotificationKind
from cases.models.participants import PANEL_ROLES, AssignmentRole
from cases.permissions import is_head
from cases.selectors.scope import case_scope_q
from cases.services.runner import record_event, schedule_after_commit
from cases.text_limits import check_typed_text

OFFICER = "officer"
PANEL = "panel"
MEDIATOR = "mediator"
EVENT = "assignment_changed"
# At most this many cases in one batch.
BATCH_LIMIT = 200


def roles_of(case: Case) -> tuple[str, ...]:
    return workflows.of(case).assignment_roles


def eligible(case: Case, slot: str) -> QuerySet[User]:
    """Who may be assigned to ``slot`` on ``case``: active users of the case's own office
    with the role the slot needs (an officer; a mediator for the mediator)."""
    role = Role.MEDIATOR if slot == MEDIATOR else Role.OFFICER
    return (User.objects.filter(office_id=case.office_id, groups__name=role, is_active=True)
            .distinct().order_by("name", "username"))


def assignable(case: Case, user: Any, *, open_only: bool = True) -> tuple[str, ...]:
    """What ``user`` may change on the case: the head of the case's office (or of a
    superior office) everything its workflow assigns; the officer in charge the mediator
    (the officer who handles a mediation names who mediates it). Nothing on a closed
    case (unless ``open_only`` is False: a 409 for a finished case, a 403 for a user
    who may not change it)."""
    roles = roles_of(case)
    if not roles or (open_only and not case.is_open) or not user.is_authenticated:
        return ()
    if is_head(case, user):
        return roles
    if (MEDIATOR in roles and user.has_role(Role.OFFICER)
            and case.officer_in_charge_id == user.pk):
        return (MEDIATOR,)
    return ()


def may_assign(case: Case, user: Any) -> bool:
    """Whether ``user`` may change any assignment of the open case."""
    return bool(assignable(case, user))


def refusal(case: Case) -> str:
    """The 403's message: who may change the assignments of cases like this one."""
    if MEDIATOR in roles_of(case):
        return _("Only the head of the case's office changes who handles it; the officer "
                 "in charge may name the mediator.")
    return _("Only the head of the case's office changes who handles it.")


@dataclass(frozen=True)
class Current:
    officer: User | None
    panel: list[User]
    mediator: User | None


def current(case: Case) -> Current:
    rows = list(case.assignments.select_related("user").order_by("id"))
    panel = [a.user for a in rows if a.role in PANEL_ROLES]
    # The presiding officer first.
    panel.sort(key=lambda u: (0 if any(a.user_id == u.pk and a.role == AssignmentRole.PRESIDING
                                       for a in rows) else 1, u.pk))
    mediator = next((a.user for a in rows if a.role == AssignmentRole.MEDIATOR), None)
    return Current(officer=case.officer_in_charge, panel=panel, mediator=mediator)


def _brief(user: User | None) -> dict[str, Any] | None:
    return {"id": user.pk, "name": user.display_name} if user is not None else None


_UNSET: Any = object()


def _check_case(case: Case, actor: User, slots: Iterable[str] = (OFFICER,)) -> None:
    if not roles_of(case):
        raise TransitionNotAllowed(_("Nobody is assigned on cases of this kind."))
    allowed = assignable(case, actor, open_only=False)
    if not allowed or not set(slots) <= set(allowed):
        raise PermissionDenied(refusal(case))
    if not case.is_open:
        raise TransitionNotAllowed(_("The case is closed: its assignments no longer "
                                     "change."))


def _apply(case: Case, actor: User, *, officer: Any, panel: Sequence[User] | None,
           mediator: Any, reason: str) -> CaseEvent | None:
    """Validate and write one case's change (the caller holds the case's row lock).
    Returns the timeline entry, or None when nothing would change."""
    spec = workflows.of(case)
    roles = spec.assignment_roles
    errors: dict[str, list[str]] = {}
    if officer is not _UNSET and OFFICER not in roles:
        errors["officer_in_charge"] = [_("Cases of this kind have no officer in charge to "
                                         "assign.")]
    if panel is not None and PANEL not in roles:
        errors["panel"] = [_("Cases of this kind have no panel.")]
    if mediator is not _UNSET and MEDIATOR not in roles:
        errors["mediator"] = [_("Cases of this kind have no mediator to assign.")]
    if errors:
        raise ValidationError(errors)

    before = current(case)
    new_officer = before.officer if officer is _UNSET else officer
    if officer is not _UNSET:
        if officer is None:
            errors["officer_in_charge"] = [_("Choose the officer in charge.")]
        elif not eligible(case, OFFICER).filter(pk=officer.pk).exists():
            errors["officer_in_charge"] = [
                _("%(user)s is not an active enforcement officer of %(office)s.")
                % {"user": officer.display_name, "office": case.office.name}]
    new_panel = before.panel
    if PANEL in roles and (panel is not None or officer is not _UNSET) and not errors:
        if panel is None:
            # A new officer in charge presides: a member of the panel already keeps the
            # panel as it is (the former officer stays a member); an officer from outside
            # takes the former one's seat.
            new_pk = getattr(new_officer, "pk", None)
            if not before.panel or new_officer is None:
                new_panel = []
            elif any(u.pk == new_pk for u in before.panel):
                new_panel = [new_officer, *[u for u in before.panel if u.pk != new_pk]]
            else:
                old_pk = getattr(before.officer, "pk", None)
                new_panel = [new_officer, *[u for u in before.panel if u.pk != old_pk]]
        else:
            outsiders = [u for u in panel
                         if not eligible(case, PANEL).filter(pk=u.pk).exists()]
            if outsiders:
                errors["panel"] = [_("Not an active enforcement officer of %(office)s: "
                                     "%(users)s.") % {
                    "office": case.office.name,
                    "users": "、".join(u.display_name for u in outsiders)}]
            new_panel = list({u.pk: u for u in panel}.values())
            if new_officer is not None and all(u.pk != new_officer.pk for u in new_panel):
                new_panel = [new_officer, *new_panel]
        if new_panel and new_officer is not None and not errors and spec.check_panel:
            try:
                spec.check_panel(case.flow, new_officer, new_panel)
            except ValidationError as exc:
                errors["panel"] = list(exc.messages)
    new_mediator = before.mediator if mediator is _UNSET else mediator
    if mediator is not _UNSET:
        if mediator is None:
            errors["mediator"] = [_("Choose the mediator.")]
        elif not eligible(case, MEDIATOR).filter(pk=mediator.pk).exists():
            errors["mediator"] = [_("%(user)s is not an active mediator of %(office)s.")
                                  % {"user": mediator.display_name,
                                     "office": case.office.name}]
    if errors:
        raise ValidationError(errors)

    changes: dict[str, Any] = {}
    if getattr(new_officer, "pk", None) != getattr(before.officer, "pk", None):
        changes["officer_in_charge"] = {"old": _brief(before.officer),
                                        "new": _brief(new_officer)}
    if sorted(u.pk for u in new_panel) != sorted(u.pk for u in before.panel) or (
            new_panel and new_officer is not None
            and before.panel and before.panel[0].pk != new_officer.pk):
        changes["panel"] = {"old": [_brief(u) for u in before.panel],
                            "new": [_brief(u) for u in new_panel]}
    if getattr(new_mediator, "pk", None) != getattr(before.mediator, "pk", None):
        changes["mediator"] = {"old": _brief(before.mediator), "new": _brief(new_mediator)}
    if not changes:
        return None

    if "officer_in_charge" in changes:
        case.officer_in_charge = new_officer
        case.save(update_fields=["officer_in_charge", "updated_at"])
    if "panel" in changes:
        case.assignments.panel().delete()
        CaseAssignment.objects.bulk_create(
            CaseAssignment(case=case, user=u,
                           role=AssignmentRole.PRESIDING
                           if new_officer is not None and u.pk == new_officer.pk
                           else AssignmentRole.MEMBER)
            for u in new_panel)
    if "mediator" in changes and new_mediator is not None:
        case.assignments.filter(role=AssignmentRole.MEDIATOR).delete()
        CaseAssignment.objects.create(case=case, user=new_mediator,
                                      role=AssignmentRole.MEDIATOR)
    state = case.state
    event = record_event(case, actor=actor, kind=EventKind.CHANGE, name=EVENT,
                         from_state=state, to_state=state, reason=reason,
                         payload=changes)
    _notify_newcomers(case, actor, event, before, new_officer, new_panel, new_mediator)
    transaction.on_commit(lambda: schedule_after_commit(event))
    return event


def _notify_newcomers(case: Case, actor: User, event: CaseEvent, before: Current,
                      officer: User | None, panel: Sequence[User],
                      mediator: User | None) -> None:
    """Who is newly assigned hears of it in their notifications (not the actor)."""
    had = {u.pk for u in before.panel} | {
        u.pk for u in (before.officer, before.mediator) if u is not None}
    now = [u for u in (officer, *panel, mediator) if u is not None]
    newcomers = {u.pk: u for u in now if u.pk not in had and u.pk != actor.pk}
    with translation.override(settings.LANGUAGE_CODE):
        message = _("%(case)s was assigned to you by %(head)s.") % {
            "case": case.number, "head": actor.display_name}
    Notification.objects.bulk_create([
        Notification(recipient=u, case=case, kind=NotificationKind.ASSIGNED,
                     dedupe_key=f"assignment-{event.pk}", message=message[:300])
        for u in newcomers.values()], ignore_conflicts=True)


def _reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise ValidationError({"reason": [_("Give the reason for the change.")]})
    check_typed_text("reason", text)
    return text


def _locked(case_id: int, actor: User) -> Case:
    case = (Case.objects.select_for_update(of=("self",))
            .filter(case_scope_q(actor), pk=case_id).select_related("office").first())
    if case is None:
        raise OutOfScope()
    return case


def change_assignment(case_id: int, actor: User, *, reason: str | None,
                      officer: Any = _UNSET, panel: Sequence[User] | None = None,
                      mediator: Any = _UNSET) -> CaseEvent:
    """Change who handles one case. Leave an argument out to keep that assignment.

    404 outside the actor's scope, 403 unless the head (or, for the mediator alone, the
    officer in charge), 409 on a closed case, 400 on an
    assignee outside the case's office, a panel the workflow refuses, no reason, or no
    change at all. Atomic: nothing is written unless all of it is.
    """
    text = _reason(reason)
    slots = [slot for slot, given in ((OFFICER, officer is not _UNSET),
                                      (PANEL, panel is not None),
                                      (MEDIATOR, mediator is not _UNSET)) if given]
    with transaction.atomic():
        case = _locked(case_id, actor)
        _check_case(case, actor, slots)
        event = _apply(case, actor, officer=officer, panel=panel, mediator=mediator,
                       reason=text)
        if event is None:
            raise ValidationError(_("Nothing changes: these are already the case's "
                                    "assignees."))
        return event


@dataclass(frozen=True)
class BatchResult:
    changed: list[Case]
    unchanged: list[Case]


def reassign_cases(case_ids: Iterable[int], actor: User, *, officer: User,
                   reason: str | None) -> BatchResult:
    """Give each of these cases ``officer`` as the officer in charge (taking the former
    officer's seat on the panel), with one reason: distributing new requests, or handing
    over an officer's cases. All or nothing: one case the actor may not change, or an
    officer not of a case's office, and no case changes (the error names the cases)."""
    text = _reason(reason)
    ids = list(dict.fromkeys(case_ids))
    if not ids:
        raise ValidationError({"cases": [_("Select at least one case.")]})
    if len(ids) > BATCH_LIMIT:
        raise ValidationError({"cases": [_("At most %(n)s cases at a time.")
                                         % {"n": BATCH_LIMIT}]})
    changed: list[Case] = []
    unchanged: list[Case] = []
    with transaction.atomic():
        cases = {c.pk: c for c in Case.objects.select_for_update(of=("self",))
                 .filter(case_scope_q(actor), pk__in=ids).select_related("office")}
        missing = [i for i in ids if i not in cases]
        if missing:
            raise ValidationError({"cases": [
                _("Not found, or you are not allowed to see them: %(ids)s.")
                % {"ids": ", ".join(str(i) for i in missing)}]})
        denied = [c.number for c in cases.values() if not is_head(c, actor)]
        if denied:
            raise PermissionDenied(_("Only the head of the case's office changes who "
                                     "handles it: %(cases)s.") % {"cases": "、".join(denied)})
        refused = [c.number for c in cases.values()
                   if not c.is_open or OFFICER not in roles_of(c)]
        if refused:
            raise TransitionNotAllowed(_("These cases are closed or have no officer in "
                                         "charge to assign: %(cases)s.")
                                       % {"cases": "、".join(refused)})
        errors: list[str] = []
        for pk in ids:
            case = cases[pk]
            try:
                event = _apply(case, actor, officer=officer, panel=None, mediator=_UNSET,
                               reason=text)
            except ValidationError as exc:
                errors += [f"{case.number}: {m}" for m in exc.messages]
                continue
            (changed if event is not None else unchanged).append(case)
        if errors:
            raise ValidationError({"officer_in_charge": errors})
    return BatchResult(changed=changed, unchanged=unchanged)

