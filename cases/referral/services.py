"""Writes of the referral package: the threshold flag of a case, opening a referral to
public security or a transfer to another authority from a case, and what a transfer's
acceptance or designation does to the transferred case. Transitions of the referral and
transfer workflows go through the kernel's runner (``cases.services.runner``)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import permissions, workflows
from cases.errors import TransitionNotAllowed
from cases.models import Case, CaseAssignment, Role
from cases.models.events import EventKind
from cases.models.participants import AssignmentRole
from cases.referral.models import CaseFigures, ReferralCase, ThresholdFlag, TransferCase
from cases.referral.models.figures import RECORDED_FIELDS, case_fields
from cases.referral.models.police import REFERRAL, TASK_FORCE_MIN
from cases.referral.models.thresholds import Offence, case_offences
from cases.referral.models.transfer import (
    TRANSFER,
    TransferDirection,
    TransferState,
)
from cases.referral.selectors import open_transfer_of, passed_on_before, referred
from cases.referral.thresholds import Amounts, ThresholdHit, judge_amounts
from cases.services.numbering import case_number
from cases.services.runner import create_case, lock_case, record_event
from cases.text_limits import check_typed_text
from cases.workflows import TransitionDone

if TYPE_CHECKING:
    from cases.models import Office, User


# --- the threshold flag -------------------------------------------------------------------


def _hit_payload(hit: ThresholdHit) -> dict[str, Any]:
    return {
        "offence": hit.offence, "article": hit.article, "text": str(hit),
        "legal_basis": hit.legal_basis, "verify": hit.needs_verification,
        "figures": [{"rule": f.rule.pk, "code": f.rule.code, "measure": f.rule.measure,
                     "value": str(f.value), "threshold": str(f.rule.amount)}
                    for f in hit.figures],
    }


def judge_case(case: Case, amounts: Amounts, *, on: date, marks: int = 1,
               offences: Collection[str] | None = None, actor: User | None = None
               ) -> ThresholdFlag | None:
    """Judge a case's figures and keep its flag in step, inside the caller's transaction.

    A new or changed flag and a cleared one are written to the timeline. A waiver by the
    head holds only for the figures it was given on: changed figures that still reach a
    threshold flag the case again.
    """
    hits = judge_amounts(amounts, on=on, marks=marks, offences=offences)
    flag = ThresholdFlag.objects.filter(case=case).first()
    if not hits:
        if flag is not None:
            flag.delete()
            record_event(case, actor=actor, kind=EventKind.CHANGE, name="threshold_cleared",
                         payload={"judged_on": on.isoformat()})
        return None
    summary = "；".join(str(hit) for hit in hits)
    payload = [_hit_payload(hit) for hit in hits]
    if flag is not None and flag.summary == summary and flag.judged_on == on:
        return flag
    if flag is None:
        flag = ThresholdFlag(case=case)
    flag.judged_on, flag.summary, flag.hits = on, summary, payload
    flag.waived_by, flag.waived_at, flag.waiver_reason = None, None, ""
    flag.save()
    record_event(case, actor=actor, kind=EventKind.CHANGE, name="threshold_flagged",
                 payload={"judged_on": on.isoformat(), "summary": summary})
    return flag


def referral_threshold_summary(flag: ThresholdFlag | None, offence: str) -> str:
    """What a referral records of its origin's flag: the thresholds of ``offence`` only (a
    turnover reaching art. 213 also reaches art. 215's figure, but a case referred for
    counterfeiting is not one of labels), each with its legal basis, one a line; empty when
    the figures reach none of that offence's thresholds."""
    if flag is None:
        return ""
    return "\n".join(
        _("%(threshold)s (basis: %(basis)s)") % {"threshold": hit["text"],
                                                  "basis": hit["legal_basis"]}
        if hit.get("legal_basis") else hit["text"]
        for hit in flag.hits if hit.get("offence") == offence)


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if v is not None else None) for k, v in values.items()}


def check_may_record_figures(case: Case, actor: User) -> None:
    """The case's workflow records amounts (409), the actor is one of its officers or the
    head (403), and the case is still open (409, as every other step refused on a closed
    case; checked before the input, so a closed case is not answered with field errors)."""
    if not workflows.of(case).records_amounts:
        raise TransitionNotAllowed(_("This kind of case does not record these figures."))
    if not permissions.is_case_officer_or_head(case, actor):
        raise PermissionDenied(_("Only the case's officers or the head of office may record "
                                 "its figures."))
    check_figures_open(case)


def check_figures_open(case: Case) -> None:
    """409 for a finished case: its figures are those it was finished with."""
    if not case.is_open:
        raise TransitionNotAllowed(
            _("The case was closed on %(date)s: its figures can no longer be recorded.")
            % {"date": case.closed_on})


def check_figure_fields(figures: Mapping[str, Any], applicable: Collection[str]) -> None:
    """400 naming each figure that is not recorded here, or that has a value although it
    does not apply to the case's rights (``applicable``: a patent case has no number of
    copies)."""
    errors = {k: [_("This field cannot be changed here.")]
              for k in sorted(set(figures) - set(RECORDED_FIELDS))}
    errors.update({k: [_("This figure does not apply to the rights of this case.")]
                   for k, v in sorted(figures.items())
                   if k in RECORDED_FIELDS and k not in applicable and v is not None})
    if errors:
        raise ValidationError(errors)


def record_figures(*, case: Case, actor: User, figures: Mapping[str, Any]) -> CaseFigures:
    """Record the figures found in a case of a workflow that records amounts (a ruling or
    mediation case), inside the caller's transaction with the case locked; the thresholds
    in force on the day the case was received are judged again and the flag follows."""
    check_may_record_figures(case, actor)
    check_figure_fields(figures, case_fields(case))
    record = CaseFigures.objects.select_for_update().filter(case=case).first()
    if record is None:
        record = CaseFigures(case=case, recorded_by=actor)
    before = {k: getattr(record, k) for k in figures}
    for key, value in figures.items():
        setattr(record, key, value)
    record.recorded_by = actor
    record.full_clean(exclude=["case", "recorded_by"])
    record.save()
    record_event(case, actor=actor, kind=EventKind.CHANGE, name="figures_recorded",
                 payload={"before": _plain(before), "after": _plain(figures)})
    judge_case(case, record.amounts(), on=case.received_on, marks=record.marks_judged(),
               offences=case_offences([r.kind for r in case.rights.all()]), actor=actor)
    return record


def waive_flag(*, case_id: int, actor: User, reason: str) -> ThresholdFlag:
    """The head records why a flagged case is not referred (e.g. the figures were not
    confirmed by the investigation); only then may it be closed otherwise."""
    reason = (reason or "").strip()
    with transaction.atomic():
        case = lock_case(case_id, actor)
        flag = ThresholdFlag.objects.select_for_update().filter(case=case).first()
        if flag is None:
            raise TransitionNotAllowed(_("The case is not flagged over a criminal threshold."))
        if not permissions.is_head(case, actor):
            raise PermissionDenied(_("Only the head of office may decide not to refer a "
                                     "case flagged over a criminal threshold."))
        if not reason:
            raise ValidationError({"reason": [_("State why the case is not referred.")]})
        check_typed_text("reason", reason)
        if flag.is_waived:
            raise TransitionNotAllowed(_("The decision not to refer is already recorded."))
        _record_waiver(case, flag, actor=actor, reason=reason)
    return flag


def check_finishing(finishing: workflows.Finishing) -> None:
    """Finish check (:func:`cases.workflows.register_finish_check`): a case flagged over a
    criminal threshold, neither referred nor excused, is not finished otherwise (no fine,
    settlement or closing instead of a referral) except by the head of office, whose
    reason is recorded as the decision not to refer. A submission for approval is left to
    the approver; a periodic task's step is not the office's decision."""
    if finishing.submitting or finishing.system:
        return
    action, case = finishing.action, finishing.case
    if action.refers is not None and action.refers(finishing.flow):
        return
    flag = ThresholdFlag.objects.select_for_update().filter(case=case).first()
    if flag is None or flag.is_waived or referred(case):
        return
    if not permissions.is_head(case, finishing.actor):
        raise TransitionNotAllowed(_(
            "%(number)s: the figures reach a criminal threshold (涉嫌犯罪，应当移送): refer "
            "the case to public security. Only the head of office may end it otherwise, "
            "recording why it is not referred.") % {"number": case.number})
    reason = finishing.reason.strip()
    if not reason:
        raise ValidationError({"reason": [_(
            "%(number)s is flagged over a criminal threshold: state in the reason why it "
            "is not referred to public security.") % {"number": case.number}]})
    _record_waiver(case, flag, actor=finishing.actor, reason=reason,
                   action=action.name)


def _record_waiver(case: Case, flag: ThresholdFlag, *, actor: User, reason: str,
                   action: str = "") -> None:
    flag.waived_by, flag.waived_at, flag.waiver_reason = actor, timezone.now(), reason
    flag.save(update_fields=["waived_by", "waived_at", "waiver_reason"])
    payload: dict[str, Any] = {"summary": flag.summary}
    if action:
        payload["action"] = action
    record_event(case, actor=actor, kind=EventKind.CHANGE, name="threshold_waived",
                 reason=reason, payload=payload)


# --- opening a referral or a transfer from a case -----------------------------------------


def _new_header(origin: Case, *, workflow: str, title: str, actor: User,
                received_on: date) -> Case:
    sequence, number = case_number(origin.office, received_on.year)
    case = Case(office=origin.office, year=received_on.year, sequence=sequence,
                number=number, workflow=workflow, title=title, received_on=received_on,
                officer_in_charge=actor if actor.has_role(Role.OFFICER) else None,
                origin=origin, created_by=actor)
    case.full_clean()
    case.save()
    case.rights.set(origin.rights.all())
    return case


def open_referral(*, origin: Case, actor: User, offence: str, suspicion: str,
                  task_force: Sequence[User], on: date | None = None) -> Case:
    """A referral to public security from ``origin`` (inside the caller's transaction):
    the task force of at least two officers of the office is assigned to it."""
    on = on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if offence not in Offence.values:
        errors["offence"] = [_("Choose the suspected offence.")]
    if not (suspicion or "").strip():
        errors["suspicion"] = [_("State the grounds of suspicion.")]
    members = list(dict.fromkeys(task_force))
    if len(members) < TASK_FORCE_MIN or any(
            u.office_id != origin.office_id or not u.has_role(Role.OFFICER) for u in members):
        errors["task_force"] = [_("The task force needs at least two enforcement officers "
                                  "of the handling office.")]
    if errors:
        raise ValidationError(errors)
    if referred(origin):
        raise TransitionNotAllowed(_("The case has already been referred to public security."))
    flag = ThresholdFlag.objects.filter(case=origin).first()
    case = _new_header(origin, workflow=REFERRAL, actor=actor, received_on=on,
                       title=_("Referral of a suspected crime: %(title)s")
                       % {"title": origin.title})
    CaseAssignment.objects.bulk_create(
        CaseAssignment(case=case, user=user, role=AssignmentRole.MEMBER) for user in members)
    flow = ReferralCase(offence=offence, suspicion=suspicion.strip(),
                        threshold_summary=referral_threshold_summary(flag, offence))
    create_case(case=case, flow=flow, actor=actor,
                payload={"origin": origin.number, "offence": offence})
    return case


def open_transfer(*, origin: Case, actor: User, reasons: str,
                  target_office: Office | None = None, target_authority: str = "",
                  on: date | None = None) -> Case:
    """A transfer of ``origin`` to the competent authority (inside the caller's
    transaction): one of our offices, or an authority outside the system."""
    on = on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not (reasons or "").strip():
        errors["reasons"] = [_("State why this office has no jurisdiction.")]
    if target_office is None and not target_authority.strip():
        errors["target_office"] = [_("Choose the receiving office or name the authority.")]
    if target_office is not None and target_office.pk == origin.office_id:
        errors["target_office"] = [_("A case cannot be transferred to its own office.")]
    if errors:
        raise ValidationError(errors)
    if passed_on_before(origin):
        raise TransitionNotAllowed(_(
            "The case came here by transfer and may not be passed on again: object to it, "
            "and the common superior office designates who handles it."))
    if open_transfer_of(origin) is not None:
        raise TransitionNotAllowed(_("A transfer of this case is already under way."))
    case = _new_header(origin, workflow=TRANSFER, actor=actor, received_on=on,
                       title=_("Transfer: %(title)s") % {"title": origin.title})
    flow = TransferCase(
        direction=TransferDirection.INTERNAL if target_office else TransferDirection.EXTERNAL,
        target_office=target_office, target_authority=target_authority.strip(),
        reasons=reasons.strip())
    create_case(case=case, flow=flow, actor=actor,
                payload={"origin": origin.number, "to": flow.receiver_label})
    return case


# --- what a transfer's outcome does to the transferred case -------------------------------


def on_transfer_decided(done: TransitionDone) -> None:
    """Transition listener: once a transfer is accepted or designated, the transferred
    case belongs to the office handling it, history and all (its timeline says so)."""
    if done.workflow.name != TRANSFER or done.to_state not in (
            TransferState.ACCEPTED, TransferState.DESIGNATED):
        return
    transfer: TransferCase = done.flow
    origin = done.case.origin
    office = transfer.handled_by
    if origin is None or office is None:
        return
    origin = Case.objects.select_for_update().get(pk=origin.pk)
    moved = origin.office_id != office.pk
    before, old_number = origin.office.name, origin.number
    fields = ["office", "officer_in_charge", "updated_at"]
    if moved:
        # Registered under the receiving office's own numbering (its sequence would
        # otherwise collide with that office's cases); the old number stays in the timeline.
        origin.sequence, origin.number = case_number(office, origin.year)
        fields += ["sequence", "number"]
    origin.office = office
    origin.officer_in_charge = None
    origin.save(update_fields=fields)
    record_event(origin, actor=done.event.actor, kind=EventKind.CHANGE,
                 name="transferred_in", reason=transfer.designation_reasons,
                 payload={"from": before, "to": office.name, "moved": moved,
                          "transfer": done.case.number, "previous_number": old_number})
