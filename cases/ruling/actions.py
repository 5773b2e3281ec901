"""Writes to ruling cases: intake and every transition of Workflow A.

Each action is one call of :func:`perform_transition`: lock the case row, check that the
actor may see it (else 404) and may run the action (else 403), that the action is
possible now (else 409), validate the action's own fields (else 400), run the model
transition, ``full_clean`` and save, keep the clocks, append the timeline event and
schedule the after-commit work — all in one transaction, so bad input changes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from cases.errors import ConcurrentChange, OutOfScope, TransitionNotAllowed
from cases.models import Case, CaseEvent, PanelMember
from cases.models.events import EventKind
from cases.models.participants import PanelRole
from cases.ruling import forms as f
from cases.ruling.models import CaseState
from cases.selectors.scope import office_scope_q
from cases.services import deadlines

if TYPE_CHECKING:
    from cases.models import User


@dataclass(frozen=True)
class ActionSpec:
    name: str
    label: Promise
    form: type[f.TransitionForm]
    # Shown as a secondary action (e.g. withdraw) rather than the next step.
    secondary: bool = False
    # Why the action is unavailable when its guard fails (shown as the 409 message).
    guard_message: Promise | None = None


ACTIONS: dict[str, ActionSpec] = {
    spec.name: spec
    for spec in (
        ActionSpec("request_correction", _("Request correction"), f.RequestCorrectionForm),
        ActionSpec("receive_correction", _("Record complete materials"),
                   f.ReceiveCorrectionForm),
        ActionSpec("accept", _("Accept the case"), f.AcceptForm,
                   guard_message=_("The case cannot be accepted: a court suit on the same "
                                    "dispute has been filed.")),
        ActionSpec("reject", _("Decide not to accept"), f.RejectForm, secondary=True),
        ActionSpec("serve_respondent", _("Serve the respondent"), f.ServeRespondentForm),
        ActionSpec("record_answer", _("Record the answer"), f.RecordAnswerForm),
        ActionSpec("proceed_without_answer", _("Proceed without an answer"),
                   f.ProceedWithoutAnswerForm,
                   guard_message=_("The answer period has not ended yet.")),
        ActionSpec("send_answer_copy", _("Send the answer to the requester"),
                   f.SendAnswerCopyForm, secondary=True),
        ActionSpec("schedule_hearing", _("Schedule a hearing"), f.ScheduleHearingForm),
        ActionSpec("reschedule_hearing", _("Reschedule the hearing"), f.ScheduleHearingForm,
                   secondary=True),
        ActionSpec("hold_hearing", _("Record the hearing"), f.HoldHearingForm),
        ActionSpec("requester_absent", _("Requester absent: deem withdrawn"),
                   f.RequesterAbsentForm, secondary=True),
        ActionSpec("deliberate_without_hearing", _("Deliberate without a hearing"),
                   f.DeliberateWithoutHearingForm, secondary=True),
        ActionSpec("submit_for_approval", _("Submit the draft ruling for approval"),
                   f.SubmitForApprovalForm),
        ActionSpec("record_legal_review", _("Record the legal review"), f.RecordLegalReviewForm),
        ActionSpec("return_draft", _("Return the draft to the panel"), f.ReturnDraftForm,
                   secondary=True),
        ActionSpec("decide", _("Approve and issue the ruling"), f.DecideForm,
                   guard_message=_("The draft has not passed legal review.")),
        ActionSpec("serve_ruling", _("Record service of the ruling"), f.ServeRulingForm),
        ActionSpec("record_suit", _("Record an administrative suit"), f.RecordSuitForm,
                   secondary=True),
        ActionSpec("conclude_litigation", _("Record the court's judgment"),
                   f.ConcludeLitigationForm),
        ActionSpec("become_effective", _("Mark the ruling effective"), f.BecomeEffectiveForm,
                   guard_message=_("The 15-day suit period has not ended yet.")),
        ActionSpec("serve_demand", _("Serve a demand for performance"), f.ServeDemandForm,
                   guard_message=_("Only a ruling that found infringement can be enforced.")),
        ActionSpec("apply_enforcement", _("Apply to the court for enforcement"),
                   f.ApplyEnforcementForm,
                   guard_message=_("A demand for performance must be served and its waiting "
                                   "period must have ended first.")),
        ActionSpec("close", _("Close the case"), f.CloseForm),
        ActionSpec("suspend", _("Suspend"), f.SuspendForm, secondary=True),
        ActionSpec("resume", _("Resume"), f.ResumeForm),
        ActionSpec("extend_time_limit", _("Extend the time limit by one month"),
                   f.ExtendTimeLimitForm, secondary=True,
                   guard_message=_("The time limit has already been extended once.")),
        ActionSpec("start_mediation", _("Hand over to mediation"), f.StartMediationForm,
                   secondary=True),
        ActionSpec("mediation_succeeded", _("Mediation succeeded"), f.MediationSucceededForm),
        ActionSpec("mediation_failed", _("Mediation failed"), f.MediationFailedForm),
        ActionSpec("withdraw", _("Record withdrawal"), f.WithdrawForm, secondary=True),
        ActionSpec("refer", _("Refer (transfer) the case"), f.ReferForm, secondary=True),
    )
}


def scoped_cases(actor: User) -> Any:
    return Case.objects.filter(office_scope_q(actor))


def lock_case(case_id: int, actor: User) -> Case:
    try:
        return (
            scoped_cases(actor).select_for_update(of=("self",)).select_related("office")
            .get(pk=case_id)
        )
    except Case.DoesNotExist:
        raise OutOfScope() from None


def available_actions(case: Case, actor: User) -> list[ActionSpec]:
    """Actions the actor may run on the case now (guards and permissions met)."""
    result = []
    for spec in ACTIONS.values():
        method = getattr(case, spec.name)
        if has_transition_perm(method, actor):
            result.append(spec)
    return result


def make_form(case: Case, actor: User, name: str, data: Mapping[str, Any] | None = None,
              **kwargs: Any) -> f.TransitionForm:
    spec = ACTIONS[name]
    return spec.form(data, case=case, actor=actor, **kwargs)


def _check_guards(case: Case, spec: ActionSpec) -> None:
    if not can_proceed(getattr(case, spec.name)):
        raise TransitionNotAllowed(
            spec.guard_message or gettext("The conditions for this action are not met.")
        )


def _check_allowed(case: Case, actor: User, spec: ActionSpec) -> None:
    """State (409) and permission (403); guards are checked once the input is applied."""
    method = getattr(case, spec.name)
    if not can_proceed(method, check_conditions=False):
        raise TransitionNotAllowed(
            gettext("“%(action)s” is not possible while the case is %(state)s.")
            % {"action": spec.label, "state": case.get_state_display()}
        )
    if not method._django_fsm.has_transition_perm(case, case.state, actor):
        raise PermissionDenied(gettext("You may not perform “%(action)s” on this case.")
                               % {"action": spec.label})


def perform_transition(
    *, case_id: int, actor: User, name: str, data: Mapping[str, Any] | None = None,
    expected_state: str | None = None,
) -> Case:
    """Run action ``name`` on the case for ``actor`` with the action's fields in ``data``."""
    spec = ACTIONS.get(name)
    if spec is None:
        raise TransitionNotAllowed(gettext("Unknown action “%(name)s”.") % {"name": name})
    # A QueryDict (a web form's POST) stays one: its .get gives one value per field and
    # multi-selects keep their lists; a plain dict (JSON) is copied.
    if not isinstance(data, QueryDict):
        data = dict(data or {})
    expected_state = expected_state or data.get("expected_state") or None
    with transaction.atomic():
        case = lock_case(case_id, actor)
        if expected_state and case.state != expected_state:
            raise ConcurrentChange()
        _check_allowed(case, actor, spec)
        if name == "decide":
            _require_issued_ruling(case)
        elif name == "serve_ruling":
            data = _service_from_record(case, data)
        form = spec.form(data, case=case, actor=actor)
        if not form.is_valid():
            raise ValidationError(form.errors.as_data())
        from_state = case.state
        if isinstance(form, f.AcceptForm):
            _assign_panel(case, form)
        _check_guards(case, spec)
        getattr(case, name)(**form.to_kwargs())
        case.full_clean(exclude=["state"])
        try:
            case.save()
        except ConcurrentTransition as exc:
            raise ConcurrentChange() from exc
        event = record_event(
            case, actor=actor, kind=EventKind.TRANSITION, name=name, from_state=from_state,
            to_state=case.state, reason=form.cleaned_data.get("reason", ""),
            payload=form.payload(),
        )
        deadlines.apply_effects(case, name)
        if case.state == CaseState.DECIDED and from_state != CaseState.DECIDED:
            from search.services import record_ruling_decision

            record_ruling_decision(case)  # the precedent and its outbox row, same transaction
        schedule_after_commit(event)
    return case


def _require_issued_ruling(case: Case) -> None:
    """Deciding approves the ruling document: it must exist, issued with its number."""
    from documents.selectors import issued_ruling

    if issued_ruling(case) is None:
        raise TransitionNotAllowed(gettext(
            "The case cannot be decided before its ruling document has been "
            "issued: generate the ruling, then issue it with its document number."))


def _service_from_record(case: Case, data: dict[str, Any]) -> dict[str, Any]:
    """The served date of the ruling comes from its proof of service (送达回证) when one
    has been recorded; the form's own date is used only without one."""
    from documents.selectors import ruling_service_record

    record = ruling_service_record(case)
    if record is None:
        return data
    return {**data, "served_on": record.served_on, "method": record.method}


def _assign_panel(case: Case, form: f.AcceptForm) -> None:
    case.acceptance_checklist = form.checklist()
    case.is_simple = bool(form.cleaned_data.get("is_simple"))
    officer = form.cleaned_data["officer_in_charge"]
    case.officer_in_charge = officer
    case.panel_members.all().delete()
    PanelMember.objects.bulk_create(
        PanelMember(case=case, user=user,
                    role=PanelRole.PRESIDING if user.pk == officer.pk else PanelRole.MEMBER)
        for user in form.cleaned_data["panel_members"]
    )


def record_event(
    case: Case, *, actor: User | None, kind: str, name: str, from_state: str = "",
    to_state: str = "", reason: str = "", payload: dict[str, Any] | None = None,
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, actor=actor, kind=kind, name=name, from_state=from_state,
        to_state=to_state, reason=reason or "", payload=payload or {},
    )


def schedule_after_commit(event: CaseEvent) -> None:
    from cases import tasks

    transaction.on_commit(lambda: tasks.after_case_event.delay(event.pk))


