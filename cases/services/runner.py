"""The one transition runner: every action of every workflow goes through
:func:`perform_transition`, which dispatches on ``case.workflow`` through the registry.

In one transaction and always in this order: lock the case (not visible → 404), find the
action (unknown → 409), check the expected state (changed meanwhile → 409), the state
(409) and the actor's permission (403), the action's own rules beyond the state (409),
validate its fields (400), check its guards (409); then run the model transition,
``full_clean`` and save the workflow record and the header, append the timeline event,
run the clock effects, call the transition listeners (outbox rows, e.g. the precedent),
and schedule the after-commit work. Bad input therefore changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from cases import workflows
from cases.errors import ConcurrentChange, OutOfScope, TransitionNotAllowed
from cases.models import Case, CaseEvent
from cases.models.events import EventKind
from cases.selectors.scope import case_scope_q
from cases.services import deadlines, outbox
from cases.workflows import Action, TransitionDone, Workflow

if TYPE_CHECKING:
    from cases.models import User


def lock_case(case_id: int, actor: User) -> Case:
    """The case header, locked, if the actor may see it (else 404)."""
    try:
        return (
            Case.objects.filter(case_scope_q(actor)).select_for_update(of=("self",))
            .select_related("office").get(pk=case_id)
        )
    except Case.DoesNotExist:
        raise OutOfScope() from None


def lock_flow(case: Case) -> Any:
    """The case's workflow record, locked and attached to ``case``."""
    spec = workflows.of(case)
    flow = spec.model._default_manager.select_for_update().get(pk=case.pk)
    setattr(case, spec.related_name, flow)
    return flow


def available_actions(case: Case, actor: User) -> list[Action]:
    """Actions the actor may run on the case now (state, guards and permission met)."""
    spec = workflows.of(case)
    flow = case.flow
    return [action for action in spec.actions.values()
            if has_transition_perm(getattr(flow, action.transition), actor)]


def action_of(case: Case, name: str) -> Action | None:
    return workflows.of(case).actions.get(name)


def make_form(case: Case, actor: User, name: str, data: Mapping[str, Any] | None = None,
              **kwargs: Any) -> Any:
    """The form of action ``name`` of the case's workflow (the action must exist)."""
    return workflows.of(case).actions[name].form(data, case=case, actor=actor, **kwargs)


def _check_allowed(case: Case, flow: Any, actor: User, action: Action) -> None:
    """State (409) and permission (403); guards are checked once the input is applied."""
    method = getattr(flow, action.transition)
    if not can_proceed(method, check_conditions=False):
        raise TransitionNotAllowed(
            gettext("“%(action)s” is not possible while the case is %(state)s.")
            % {"action": action.label, "state": case.get_state_display()}
        )
    if not method._django_fsm.has_transition_perm(flow, flow.state, actor):
        raise PermissionDenied(gettext("You may not perform “%(action)s” on this case.")
                               % {"action": action.label})


def _check_guards(flow: Any, action: Action) -> None:
    if not can_proceed(getattr(flow, action.transition)):
        raise TransitionNotAllowed(
            action.guard_message or gettext("The conditions for this action are not met.")
        )


def perform_transition(
    *, case_id: int, actor: User, name: str, data: Mapping[str, Any] | None = None,
    expected_state: str | None = None,
) -> Case:
    """Run action ``name`` on the case for ``actor`` with the action's fields in ``data``."""
    # A QueryDict (a web form's POST) stays one: its .get gives one value per field and
    # multi-selects keep their lists; a plain dict (JSON) is copied.
    fields: Any = data if isinstance(data, QueryDict) else dict(data or {})
    expected_state = expected_state or fields.get("expected_state") or None
    with transaction.atomic():
        case = lock_case(case_id, actor)
        spec = workflows.of(case)
        action = spec.actions.get(name)
        if action is None:
            raise TransitionNotAllowed(gettext("Unknown action “%(name)s”.") % {"name": name})
        flow = lock_flow(case)
        if expected_state and flow.state != expected_state:
            raise ConcurrentChange()
        _check_allowed(case, flow, actor, action)
        if action.precheck is not None:
            action.precheck(flow)
        if action.prefill is not None:
            fields = action.prefill(flow, fields)
        form = action.form(fields, case=case, actor=actor)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        from_state = str(flow.state)
        if action.apply_form is not None:
            action.apply_form(flow, form)
        _check_guards(flow, action)
        getattr(flow, action.transition)(**form.to_kwargs())
        case.full_clean()
        flow.full_clean(exclude=["state"])
        case.save()
        try:
            flow.save()
        except ConcurrentTransition as exc:
            raise ConcurrentChange() from exc
        event = record_event(
            case, actor=actor, kind=EventKind.TRANSITION, name=name, from_state=from_state,
            to_state=flow.state, reason=form.cleaned_data.get("reason", ""),
            payload=form.payload(),
        )
        deadlines.apply_effects(case, flow, spec.clock_effects.get(name), action=name)
        _notify_listeners(case, flow, spec, name, from_state, event)
        schedule_after_commit(event)
    return case


def _notify_listeners(case: Case, flow: Any, spec: Workflow, name: str, from_state: str,
                      event: CaseEvent) -> None:
    done = TransitionDone(case=case, flow=flow, workflow=spec, action=name,
                          from_state=from_state, to_state=str(flow.state), event=event)
    for listener in workflows.transition_listeners():
        listener(done)


def create_case(*, case: Case, flow: Any, actor: User | None, payload: dict[str, Any] | None = None
                ) -> CaseEvent:
    """Save a new case of the workflow of ``flow`` (the header already saved), record
    its ``create`` event, start its clocks and schedule the after-commit work."""
    spec = workflows.of(case)
    flow.case = case
    flow.full_clean(exclude=["state", "case"])
    flow.save(force_insert=True)
    setattr(case, spec.related_name, flow)
    event = record_event(case, actor=actor, kind=EventKind.CREATED, name="create",
                         to_state=flow.state, payload=payload)
    deadlines.apply_effects(case, flow, spec.clock_effects.get("create"), action="create")
    schedule_after_commit(event)
    return event


def record_event(
    case: Case, *, actor: User | None, kind: str, name: str, from_state: str = "",
    to_state: str = "", reason: str = "", payload: dict[str, Any] | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, actor=actor, kind=kind, name=name, from_state=from_state,
        to_state=to_state, reason=reason or "", payload=payload or {},
    )


def schedule_after_commit(event: CaseEvent) -> None:
    """The one place after-commit work of an event is sent (notifications), through the
    outbox so that a broker outage loses nothing."""
    outbox.enqueue("cases.tasks.after_case_event", event.pk)
