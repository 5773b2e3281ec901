"""The one transition runner: every action of every workflow goes through
:func:`perform_transition`, which dispatches on ``case.workflow`` through the registry.

In one transaction and always in this order: lock the case (not visible → 404), find the
action (unknown → 409), check the expected state (changed meanwhile → 409), the state
(409) and the actor's permission (403), the action's own rules beyond the state (409),
validate its fields (400), check its guards (409); then run the model transition,
make the finish checks of a transition that finishes the case (an app's rules on ending
cases), validate what it changed (``full_clean`` of the changed columns), save the
workflow record (its changed columns), append the timeline event, run the clock effects,
save the header once (its changed columns and the next deadline the clocks set), call the
transition listeners (outbox rows, e.g. the precedent), and schedule the after-commit
work. Bad input therefore changes nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django_fsm import ConcurrentTransition, can_proceed

from cases import permissions, workflows
from cases.errors import ConcurrentChange, OutOfScope, TransitionNotAllowed
from cases.models import ApprovalOutcome, ApprovalRequest, Case, CaseEvent
from cases.models.events import EventKind
from cases.selectors.scope import may_see_case
from cases.services import deadlines, fixed_writes, outbox
from cases.services.fixed_queries import FixedQuery
from cases.shown import shown
from cases.workflows import Action, TransitionDone, Workflow

if TYPE_CHECKING:
    from cases.models import User


def lock_case(case_id: int, actor: User | None) -> Case:
    """The case header, locked, if the actor may see it (else 404); ``actor`` None: a
    periodic task acts, whatever the scope.

    A case of the actor's office tree is locked by its key with the office's path as the
    only condition (the office is joined for the check anyway): the whole scope's joins
    and its OR would cost more to build and plan on every transition. A case beyond the
    tree is locked only once what a workflow shares beyond it (:func:`may_see_case`, e.g. a
    transfer with its receiving office) lets the actor see it, so no-one locks, or holds
    up, a case they may not see."""
    if actor is None or actor.is_superuser:
        return _locked_case(case_id)
    own = actor.office if actor.is_authenticated else None
    if own is not None:
        found: list[Case] = _LOCKED_CASE_IN_TREE.rows(Case, case_id, own.path)
        if found:
            return found[0]
    seen = Case.objects.select_related("office").filter(pk=case_id).first()
    if seen is None or not may_see_case(actor, seen):
        raise OutOfScope()
    case = _locked_case(case_id)
    if not may_see_case(actor, case):  # moved between the check and the lock
        raise OutOfScope()
    return case


def _locking(model: type[Case]) -> Any:
    return model.objects.select_for_update(of=("self",)).select_related("office")


_LOCKED_CASE = FixedQuery(lambda model, pk: _locking(model).filter(pk=pk))
_LOCKED_CASE_IN_TREE = FixedQuery(
    lambda model, pk, path: _locking(model).filter(pk=pk, office__path__startswith=path),
    params=lambda pk, path: (f"{connection.ops.prep_for_like_query(path)}%", pk))


def _locked_case(case_id: int) -> Case:
    found: list[Case] = _LOCKED_CASE.rows(Case, case_id)
    if not found:
        raise OutOfScope()
    return found[0]


_LOCKED_FLOW = FixedQuery(
    lambda model, pk: model._default_manager.select_for_update().filter(pk=pk))


def lock_flow(case: Case) -> Any:
    """The case's workflow record, locked and attached to ``case``."""
    spec = workflows.of(case)
    found = _LOCKED_FLOW.rows(spec.model, case.pk)
    if not found:
        raise spec.model.DoesNotExist()  # type: ignore[attr-defined]
    flow = found[0]
    setattr(case, spec.related_name, flow)
    return flow


def available_actions(case: Case, actor: User) -> list[Action]:
    """Actions the actor may run (or submit for approval) on the case in its state, not
    those already done, those the workflow does not offer yet, nor those already waiting
    for approval. One whose guard (``conditions=``) or precheck does not hold yet is
    among them: :func:`blocked_reason` says why it is refused until then."""
    spec = workflows.of(case)
    flow = case.flow
    pending: set[str] = set()
    if any(a.needs_approval for a in spec.actions.values()):
        pending = set(case.approval_requests.filter(outcome=ApprovalOutcome.PENDING)
                      .values_list("action", flat=True))
    return [action for action in spec.actions.values()
            if not (action.done is not None and action.done(flow))
            and (action.offered is None or action.offered(flow))
            and action.name not in pending
            and can_proceed(getattr(flow, action.transition), check_conditions=False)
            and (getattr(flow, action.transition)._django_fsm.has_transition_perm(
                flow, flow.state, actor) or may_submit(case, flow, actor, action))]


def unavailable_reason(case: Case, actor: User, action: Action) -> str:
    """Why ``action`` is not among :func:`available_actions` for the actor now, in the
    words of the refusal the action itself would give (a 409 that says what is missing)."""
    flow = case.flow
    method = getattr(flow, action.transition)
    if case.approval_requests.filter(action=action.name,
                                     outcome=ApprovalOutcome.PENDING).exists():
        return gettext("“%(action)s” has already been submitted and is waiting for "
                       "approval.") % {"action": action.label}
    if action.done is not None and action.done(flow):
        return gettext("“%(action)s” has already been done or has nothing to do.") % {
            "action": action.label}
    if (not can_proceed(method, check_conditions=False)
            or (action.offered is not None and not action.offered(flow))):
        return gettext("“%(action)s” is not possible while the case is %(state)s.") % {
            "action": action.label, "state": case.get_state_display()}
    if not (method._django_fsm.has_transition_perm(flow, flow.state, actor)
            or may_submit(case, flow, actor, action)):
        return gettext("You may not perform “%(action)s” on this case.") % {
            "action": action.label}
    return gettext("This action is not available for this case now.")


def blocked_reason(case: Case, actor: User, action: Action) -> str:
    """Why an available ``action`` cannot be run yet, in the words of its precheck's
    refusal (no agreement drafted, the ruling not issued) or of its guard's (the answer
    period not over, the draft not reviewed: ``guard_message``), or "" when nothing stands
    in the way. The case page shows the button disabled with this, the API's
    ``available_transitions`` carries it, and running the action anyway is refused (409)
    with the same words: one rule each, the precheck and the guard. A submission for
    approval is not held up by the precheck (the approver's own condition, checked when
    approving), but by the guard, which the submission is checked against."""
    if action.precheck is not None and not submits_for_approval(case, actor, action):
        try:
            action.precheck(case.flow)
        except TransitionNotAllowed as exc:
            return str(exc.message)
    try:
        _check_guards(case.flow, action)
    except TransitionNotAllowed as exc:
        return str(exc.message)
    return ""


def may_submit(case: Case, flow: Any, actor: User, action: Action) -> bool:
    """Whether ``actor`` may submit ``action`` for approval (the state aside)."""
    if not action.needs_approval:
        return False
    if action.submit_permission is not None:
        return bool(action.submit_permission(flow, actor))
    method = getattr(flow, action.transition)
    return bool(method._django_fsm.has_transition_perm(flow, flow.state, actor))


def submits_for_approval(case: Case, actor: User, action: Action) -> bool:
    """The actor's request to run ``action`` becomes a submission for approval: the action
    needs one and the actor is not an approver of the case (a head decides directly)."""
    return action.needs_approval and not permissions.is_head(case, actor)


def action_of(case: Case, name: str) -> Action | None:
    return workflows.of(case).actions.get(name)


def make_form(case: Case, actor: User, name: str, data: Mapping[str, Any] | None = None,
              **kwargs: Any) -> Any:
    """The form of action ``name`` of the case's workflow (the action must exist). For
    an actor who submits it for approval, the date the approval sets is shown, not asked:
    it is the day the head approves (decision 30), and a date typed there was replaced
    without a word."""
    action = workflows.of(case).actions[name]
    form = action.form(data, case=case, actor=actor, **kwargs)
    field = form.fields.get(action.approved_on_field) if action.approved_on_field else None
    if field is not None and submits_for_approval(case, actor, action):
        field.disabled = True
        field.required = False
        field.initial = timezone.localdate()
        field.help_text = gettext("The day the head of office approves it.")
    return form


def _check_allowed(case: Case, flow: Any, actor: User, action: Action, *,
                   check_permission: bool = True) -> None:
    """State (409) and permission (403); guards are checked once the input is applied."""
    method = getattr(flow, action.transition)
    if not can_proceed(method, check_conditions=False):
        raise TransitionNotAllowed(
            gettext("“%(action)s” is not possible while the case is %(state)s.")
            % {"action": action.label, "state": case.get_state_display()}
        )
    if check_permission and not method._django_fsm.has_transition_perm(flow, flow.state,
                                                                        actor):
        raise PermissionDenied(gettext("You may not perform “%(action)s” on this case.")
                               % {"action": action.label})


def _check_dates(case: Case, flow: Any, action: Action, form: Any) -> None:
    """400 naming both dates when an entered date precedes one the case already has."""
    errors: dict[str, str] = {}
    for field_name, known_field in action.dates_after:
        record = flow if hasattr(flow, known_field) else case
        entered, known = form.cleaned_data.get(field_name), getattr(record, known_field)
        if entered is None or known is None or field_name in errors:
            continue
        if isinstance(entered, datetime) != isinstance(known, datetime):
            entered, known = _as_date(entered), _as_date(known)
        if entered < known:
            errors[field_name] = gettext(
                "%(field)s %(entered)s is before %(other)s %(known)s; check the date.") % {
                "field": form.fields[field_name].label, "entered": shown(entered),
                "other": getattr(record._meta.get_field(known_field), "verbose_name",
                                 known_field),
                "known": shown(known)}
    if errors:
        raise ValidationError(errors)


def _as_date(value: date) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _check_guards(flow: Any, action: Action) -> None:
    if not can_proceed(getattr(flow, action.transition)):
        raise TransitionNotAllowed(
            action.guard_message or gettext("The conditions for this action are not met.")
        )


class _DryRun(Exception):
    """Rolls a checked-but-not-wanted transition back (see :func:`check_transition`)."""


def check_transition(*, case_id: int, actor: User, name: str,
                     data: Mapping[str, Any] | None = None) -> None:
    """Everything :func:`perform_transition` checks for a submission for approval, then
    nothing kept: state (409), the submitter's permission (403), input (400), dates
    (400) and guards (409). The action's precheck is a condition on the approver's own
    work (e.g. the head issues the ruling) and is checked at approval."""
    try:
        with transaction.atomic():
            perform_transition(case_id=case_id, actor=actor, name=name, data=data,
                               _submitting=True)
            raise _DryRun()
    except _DryRun:
        pass


def perform_transition(
    *, case_id: int, actor: User, name: str, data: Mapping[str, Any] | None = None,
    expected_state: str | None = None, answering: Case | None = None,
    system: bool = False,
    approval: ApprovalRequest | None = None, _submitting: bool = False,
) -> Case:
    """Run action ``name`` on the case for ``actor`` with the action's fields in ``data``.

    ``answering`` is a case derived from this one whose result this action answers (see
    ``Workflow.on_derived_result``): the actor ended that case, so the action needs no
    permission of its own here; state, input and guards are checked as always.

    ``system``: a periodic task acts (e.g. a missed agreement term marks the agreement
    breached); ``actor`` is then the system user (:func:`system_user`), who has no office
    scope nor role, so scope and permission are not asked; state, input and guards are.

    An action that needs approval is run only by an approver of the case (a head of its
    office or above): directly, or approving ``approval`` (the request it answers, named
    on the timeline); anybody else submits it (cases.services.approvals)."""
    # A QueryDict (a web form's POST) stays one: its .get gives one value per field and
    # multi-selects keep their lists; a plain dict (JSON) is copied.
    fields: Any = data if isinstance(data, QueryDict) else dict(data or {})
    expected_state = expected_state or fields.get("expected_state") or None
    with transaction.atomic():
        case = lock_case(case_id, None if system else actor)
        spec = workflows.of(case)
        action = spec.actions.get(name)
        if action is None:
            raise TransitionNotAllowed(gettext("Unknown action “%(name)s”.") % {"name": name})
        flow = lock_flow(case)
        if expected_state and flow.state != expected_state:
            raise ConcurrentChange()
        _check_allowed(case, flow, actor, action,
                       check_permission=answering is None and not system
                       and not _submitting)
        if _submitting and not may_submit(case, flow, actor, action):
            raise PermissionDenied(gettext("You may not submit “%(action)s” for approval "
                                           "on this case.") % {"action": action.label})
        if (not _submitting and action.needs_approval and answering is None and not system
                and not permissions.is_head(case, actor)):
            raise PermissionDenied(gettext(
                "“%(action)s” needs the approval of the head of office: submit it for "
                "approval.") % {"action": action.label})
        if action.done is not None and action.done(flow):
            raise TransitionNotAllowed(gettext("“%(action)s” has already been done or has "
                                               "nothing to do.") % {"action": action.label})
        if action.precheck is not None and not _submitting:
            action.precheck(flow)
        if action.prefill is not None:
            fields = action.prefill(flow, fields)
        form = action.form(fields, case=case, actor=actor)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        _check_dates(case, flow, action, form)
        from_state = str(flow.state)
        case_before, flow_before = _snapshot(case), _snapshot(flow)
        if action.apply_form is not None:
            action.apply_form(flow, form)
        _check_guards(flow, action)
        getattr(flow, action.transition)(**form.to_kwargs())
        if spec.finishes(from_state, str(flow.state)):
            finishing = workflows.Finishing(
                case=case, flow=flow, workflow=spec, action=action, actor=actor,
                reason=str(form.cleaned_data.get("reason") or ""), submitting=_submitting,
                system=system)
            for check in workflows.finish_checks():
                check(finishing)
        _validate_changes(case, case_before)
        _validate_changes(flow, flow_before, also_exclude=("state",))
        try:
            # The state always: its optimistic check (UPDATE … WHERE state = before).
            fixed_writes.update(flow, _changed(flow, flow_before, always=("state",)))
        except ConcurrentTransition as exc:
            raise ConcurrentChange() from exc
        payload = form.payload()
        if approval is not None:
            payload["approval"] = {
                "request": approval.pk,
                "requested_by": {"id": approval.requested_by_id,
                                 "name": approval.requested_by.display_name},
                "requested_at": approval.requested_at.isoformat(),
                "approved_by": {"id": actor.pk, "name": actor.display_name},
            }
        event = record_event(
            case, actor=actor, kind=EventKind.TRANSITION, name=name, from_state=from_state,
            to_state=flow.state, reason=form.cleaned_data.get("reason", ""),
            payload=payload, after_commit=True,
        )
        # The clocks set the header's next deadline; the header is written once, with
        # what the action changed.
        deadlines.apply_effects(case, flow, spec.clock_effects.get(name), action=name,
                                save_header=False)
        fixed_writes.update(case, _changed(case, case_before))
        _notify_listeners(case, flow, spec, name, from_state, event)
        _answer_origin(case, flow, spec, actor, from_state, system=system)
    return case


SYSTEM_USERNAME = "system"


def system_user() -> User:
    """The actor of what periodic tasks do on cases (shown on the timeline as 系统): an
    inactive account without password, office or role, so nobody can log in as it."""
    from cases.models import User

    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"name": "系统（自动处理）", "is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _snapshot(obj: Any) -> dict[str, Any]:
    """The stored values of a record's columns, to tell afterwards what an action changed
    (JSON values copied, as actions may change them in place)."""
    values: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        values[f.attname] = copy.deepcopy(value) if isinstance(value, dict | list) else value
    return values


def _changed(obj: Any, before: dict[str, Any], *, always: tuple[str, ...] = ()) -> list[str]:
    """What saving ``obj`` must write: the columns whose value differs from the snapshot
    ``before``, those set on every save (``auto_now``) and ``always``."""
    return [f.name for f in obj._meta.concrete_fields
            if f.name in always or getattr(f, "auto_now", False)
            or before.get(f.attname) != getattr(obj, f.attname)]


def _validate_changes(obj: Any, before: dict[str, Any], *,
                      also_exclude: tuple[str, ...] = ()) -> None:
    """``full_clean`` of what the action changed only: the model's own rules (``clean``)
    always, field validation, uniqueness and constraints of the changed columns. A
    foreign key set to an object the action already holds (validated by its form) is not
    looked up again: that would be one existence query per key and transition."""
    exclude = set(also_exclude)
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        if f.attname in before and before[f.attname] == value:
            exclude.add(f.name)
        elif f.is_relation and value is not None and f.is_cached(obj) \
                and getattr(f.get_cached_value(obj), "pk", None) == value:
            exclude.add(f.name)
    obj.full_clean(exclude=sorted(exclude))


def _answer_origin(case: Case, flow: Any, spec: Workflow, actor: User,
                   from_state: str, *, system: bool = False) -> None:
    """A derived case reached a result: its origin's workflow answers it (a ruling case
    resumes after failed mediation, or closes as settled), in the same transaction."""
    result = spec.results.get(str(flow.state))
    if result is None or from_state == flow.state or case.origin_id is None:
        return
    origin = Case.objects.get(pk=case.origin_id)
    origin_spec = workflows.of(origin)
    answer = origin_spec.on_derived_result.get(result)
    if answer is None:
        return
    # The origin may have moved on meanwhile (withdrawn, transferred): nothing to answer.
    transition = getattr(origin.flow, origin_spec.actions[answer].transition)
    if not can_proceed(transition, check_conditions=False):
        return
    data = dict(spec.result_data(flow)) if spec.result_data is not None else {}
    perform_transition(case_id=origin.pk, actor=actor, name=answer, data=data,
                       answering=case, system=system)


def _notify_listeners(case: Case, flow: Any, spec: Workflow, name: str, from_state: str,
                      event: CaseEvent) -> None:
    done = TransitionDone(case=case, flow=flow, workflow=spec, action=name,
                          from_state=from_state, to_state=str(flow.state), event=event)
    for listener in workflows.transition_listeners():
        listener(done)


def create_case(*, case: Case, flow: Any, actor: User | None, payload: dict[str, Any] | None = None
                ) -> CaseEvent:
    """Save a new case of the workflow of ``flow`` (the header already saved), record
    its ``create`` event, start its clocks and schedule the after-commit work. Runs inside
    the caller's transaction (the clock engine locks the case's clocks)."""
    spec = workflows.of(case)
    flow.case = case
    flow.full_clean(exclude=["state", "case"])
    flow.save(force_insert=True)
    setattr(case, spec.related_name, flow)
    event = record_event(case, actor=actor, kind=EventKind.CREATED, name="create",
                         to_state=flow.state, payload=payload, after_commit=True)
    deadlines.apply_effects(case, flow, spec.clock_effects.get("create"), action="create")
    return event


def record_event(
    case: Case, *, actor: User | None, kind: str, name: str, from_state: str = "",
    to_state: str = "", reason: str = "", payload: dict[str, Any] | None = None,
    after_commit: bool = False,
) -> CaseEvent:
    """Append the timeline entry; ``after_commit``: with its after-commit work
    (:func:`schedule_after_commit`), on PostgreSQL in the same statement."""
    event = CaseEvent(
        case=case, actor=actor, kind=kind, name=name, from_state=from_state,
        to_state=to_state, reason=reason or "", payload=payload or {},
    )
    if after_commit:
        outbox.insert_and_enqueue(event, AFTER_CASE_EVENT)
    else:
        fixed_writes.insert(event)
    return event


AFTER_CASE_EVENT = "cases.tasks.after_case_event"


def schedule_after_commit(event: CaseEvent) -> None:
    """The one place after-commit work of an event is sent (notifications), through the
    outbox so that a broker outage loses nothing."""
    outbox.enqueue(AFTER_CASE_EVENT, event.pk)
