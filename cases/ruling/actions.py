"""The actions of the ruling workflow (Workflow A): label, form and the rules the runner
applies around each transition. The kernel's runner (:mod:`cases.services.runner`) runs
them; this table is registered with the workflow in :mod:`cases.ruling.workflow`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.errors import TransitionNotAllowed
from cases.models import CaseAssignment, DocumentKind
from cases.models.participants import AssignmentRole, PartyRole
from cases.ruling import forms as f
from cases.ruling.models import (
    ReferralKind,
    RulingCase,
    appraising,
    infringement_found,
    is_case_officer_or_head,
    not_appraising,
)
from cases.workflows import Action
from documents.models import DocumentState
from documents.selectors import ruling_service_record


def _require_issued_ruling(ruling: RulingCase) -> None:
    """Deciding approves the ruling document: it must exist, issued with its number. The
    refusal names what is missing, in the order the steps are taken (legal review, the
    ruling generated, the ruling issued), so the head knows what to do before approving.
    The case's documents are read whole (``precheck_reads``): the approvals queue fetches
    them once for all its rows."""
    states = {d.state for d in ruling.case.documents.all() if d.kind == DocumentKind.RULING}
    if DocumentState.ISSUED in states:
        return
    if ruling.legal_review_passed is not True:
        raise TransitionNotAllowed(gettext(
            "The ruling cannot be approved yet: the draft has not passed legal review. "
            "Legal staff record the review first; then the head generates and issues the "
            "ruling document (Documents on the case page) and approves."))
    if DocumentState.DRAFT in states:
        raise TransitionNotAllowed(gettext(
            "The ruling cannot be approved yet: the ruling document is generated but not "
            "issued. Issue it with its document number (Documents on the case page), "
            "then approve."))
    raise TransitionNotAllowed(gettext(
        "The ruling cannot be approved yet: no ruling document has been generated. "
        "Generate the ruling document (Documents on the case page), issue it with its "
        "document number, then approve."))


def _service_from_record(ruling: RulingCase, data: dict[str, Any]) -> dict[str, Any]:
    """The served date of the ruling comes from its proof of service (送达回证) when one
    has been recorded; the form's own date is used only without one."""
    record = ruling_service_record(ruling.case)
    if record is None:
        return data
    return {**data, "served_on": record.served_on, "method": record.method}


def _answer_notice_issued_on(ruling: RulingCase) -> date | None:
    """The day the case's notice to answer (答辩通知书) was issued, if it has been."""
    issued_at = (ruling.case.documents.filter(kind=DocumentKind.ANSWER_NOTICE, state="issued")
                 .order_by("issued_at").values_list("issued_at", flat=True).first())
    return timezone.localdate(issued_at) if issued_at else None


def _require_answer_notice(ruling: RulingCase) -> None:
    """The respondents are served with the notice to answer: each one's must be issued
    first (a notice issued for no party, before notices were per party, serves all)."""
    if _answer_notice_issued_on(ruling) is None:
        raise TransitionNotAllowed(gettext(
            "The respondent cannot be served before the notice to answer (答辩通知书) has "
            "been issued: generate it and issue it with its number first."))
    case = ruling.case
    issued = set(case.documents.filter(kind=DocumentKind.ANSWER_NOTICE,
                                       state=DocumentState.ISSUED)
                 .values_list("party_id", flat=True))
    if None in issued:
        return
    missing = [cp.party.name for cp in case.case_parties.filter(role=PartyRole.RESPONDENT)
               .select_related("party").order_by("position", "id")
               if cp.party_id not in issued]
    if missing:
        raise TransitionNotAllowed(gettext(
            "The notice to answer (答辩通知书) for %(names)s has not been issued: each "
            "respondent is served with their own; issue it first.") % {"names": "、".join(missing)})


def _served_after_the_notice(ruling: RulingCase, form: f.ServeRespondentForm) -> None:
    issued_on = _answer_notice_issued_on(ruling)
    served_on = form.cleaned_data["served_on"]
    if issued_on is not None and served_on < issued_on:
        raise ValidationError({"served_on": gettext(
            "Served on %(served)s is before the notice to answer was issued on "
            "%(issued)s.") % {"served": served_on, "issued": issued_on}})


def _assign_panel(ruling: RulingCase, form: f.AcceptForm) -> None:
    """Acceptance forms the panel (合议组): the officer in charge presides."""
    case = ruling.case
    ruling.acceptance_checklist = form.checklist()
    ruling.is_simple = bool(form.cleaned_data.get("is_simple"))
    officer = form.cleaned_data["officer_in_charge"]
    case.officer_in_charge = officer
    case.assignments.panel().delete()
    CaseAssignment.objects.bulk_create(
        CaseAssignment(case=case, user=user,
                       role=AssignmentRole.PRESIDING if user.pk == officer.pk
                       else AssignmentRole.MEMBER)
        for user in form.cleaned_data["panel_members"]
    )


# The workflow that mediates the damages of a ruling case (registered by its package).
MEDIATION = "mediation"


def _linked_mediation(ruling: RulingCase) -> Any:
    """The workflow record of the mediation case this case was last handed over to, or
    None (a case that went to mediation before mediations were opened from it)."""
    derived = ruling.case.derived_cases.filter(workflow=MEDIATION).order_by("-pk").first()
    return None if derived is None else workflows.flow_of(derived)


def _require_agreement(ruling: RulingCase) -> None:
    """调解成功 closes the case as settled: only once its mediation has reached an
    agreement (达成协议 or later), which answers it by itself (``on_derived_result``)."""
    mediation = _linked_mediation(ruling)
    if mediation is not None and mediation.agreed_on is None:
        raise TransitionNotAllowed(gettext(
            "Mediation case %(case)s has not reached an agreement (it is %(state)s): this "
            "case is closed as settled when the mediator records the agreement there.") % {
            "case": mediation.case.number, "state": mediation.get_state_display()})


def _require_mediation_ended(ruling: RulingCase) -> None:
    """调解失败 resumes the case: only once its mediation has ended without agreement
    (failed, declined or withdrawn), which answers it by itself."""
    mediation = _linked_mediation(ruling)
    if mediation is None:
        return
    if workflows.of(mediation.case).results.get(str(mediation.state)) != "failed":
        raise TransitionNotAllowed(gettext(
            "Mediation case %(case)s has not ended without agreement (it is %(state)s): "
            "this case resumes when the mediation records that it failed, was declined or "
            "was withdrawn.") % {
            "case": mediation.case.number, "state": mediation.get_state_display()})


def _hand_over_to_mediation(ruling: RulingCase, form: f.StartMediationForm) -> None:
    """The parties asked to mediate: a mediation case is opened from this one (its
    origin), which waits until the mediation ends."""
    workflows.start_derived(MEDIATION, ruling.case, form.actor,
                            {"reason": form.cleaned_data["reason"]})


def _to_public_security(ruling: RulingCase) -> bool:
    """A referral to the police ends the case by referring it (行刑衔接)."""
    return ruling.referral_kind == ReferralKind.CRIME


ACTIONS: dict[str, Action] = {
    spec.name: spec
    for spec in (
        Action("request_correction", _("Request correction"), f.RequestCorrectionForm),
        Action("receive_correction", _("Record complete materials"),
               f.ReceiveCorrectionForm, dates_after=(("received_on", "received_on"),)),
        Action("accept", _("Accept the case"), f.AcceptForm, apply_form=_assign_panel,
               dates_after=(("accepted_on", "received_on"),),
               needs_approval=True, approved_on_field="accepted_on",
               guard_message=_("The case cannot be accepted: a court suit on the same "
                                "dispute has been filed.")),
        Action("reject", _("Decide not to accept"), f.RejectForm, secondary=True,
               needs_approval=True, approved_on_field="on",
               dates_after=(("on", "received_on"),)),
        Action("serve_respondent", _("Serve the respondent"), f.ServeRespondentForm,
               dates_after=(("served_on", "accepted_on"),),
               # Shown disabled, with the precheck's words, until the notice is issued.
               precheck=_require_answer_notice, apply_form=_served_after_the_notice),
        Action("record_answer", _("Record the answer"), f.RecordAnswerForm,
               dates_after=(("received_on", "respondent_served_on"),)),
        Action("proceed_without_answer", _("Proceed without an answer"),
               f.ProceedWithoutAnswerForm,
               guard_message=_("The answer period has not ended yet.")),
        Action("send_answer_copy", _("Send the answer to the requester"),
               f.SendAnswerCopyForm, secondary=True,
               done=lambda r: r.answer_copy_sent_on is not None
               or r.answer_received_on is None,
               dates_after=(("sent_on", "answer_received_on"),)),
        Action("schedule_hearing", _("Schedule a hearing"), f.ScheduleHearingForm),
        Action("reschedule_hearing", _("Reschedule the hearing"), f.ScheduleHearingForm,
               secondary=True),
        Action("hold_hearing", _("Record the hearing"), f.HoldHearingForm,
               dates_after=(("held_at", "hearing_at"),)),
        Action("requester_absent", _("Requester absent: deem withdrawn"),
               f.RequesterAbsentForm, secondary=True),
        Action("deliberate_without_hearing", _("Deliberate without a hearing"),
               f.DeliberateWithoutHearingForm, secondary=True),
        Action("submit_for_approval", _("Submit the draft ruling for approval"),
               f.SubmitForApprovalForm, page="ruling-draft",
               guard_message=_("An appraisal is under way: record its end first.")),
        Action("record_legal_review", _("Record the legal review"), f.RecordLegalReviewForm,
               done=lambda r: r.legal_review_passed is not None),
        Action("return_draft", _("Return the draft to the panel"), f.ReturnDraftForm,
               secondary=True),
        Action("decide", _("Approve and issue the ruling"), f.DecideForm,
               precheck=_require_issued_ruling, precheck_reads=("documents",),
               needs_approval=True,
               submit_permission=is_case_officer_or_head, approved_on_field="decided_on",
               on_return="return_draft",
               dates_after=(("decided_on", "accepted_on"),
                            ("decided_on", "hearing_held_at")),
               guard_message=_("The draft has not passed legal review.")),
        Action("serve_ruling", _("Record service of the ruling"), f.ServeRulingForm,
               prefill=_service_from_record, dates_after=(("served_on", "decided_on"),)),
        Action("record_suit", _("Record an administrative suit"), f.RecordSuitForm,
               secondary=True),
        Action("conclude_litigation", _("Record the court's judgment"),
               f.ConcludeLitigationForm, dates_after=(("on", "ruling_served_on"),)),
        Action("become_effective", _("Mark the ruling effective"), f.BecomeEffectiveForm,
               guard_message=_("The 15-day suit period has not ended yet.")),
        # A dismissed request has nothing to enforce: not offered (the guard refuses it).
        Action("serve_demand", _("Serve a demand for performance"), f.ServeDemandForm,
               offered=infringement_found,
               guard_message=_("Only a ruling that found infringement can be enforced."),
               done=lambda r: r.demand_served_on is not None,
               dates_after=(("served_on", "effective_on"),)),
        Action("apply_enforcement", _("Apply to the court for enforcement"),
               f.ApplyEnforcementForm, offered=infringement_found,
               guard_message=_("A demand for performance must be served and its waiting "
                               "period must have ended first."),
               dates_after=(("applied_on", "demand_served_on"),)),
        Action("close", _("Close the case"), f.CloseForm),
        Action("suspend", _("Suspend"), f.SuspendForm, secondary=True, needs_approval=True),
        Action("resume", _("Resume"), f.ResumeForm),
        Action("extend_time_limit", _("Extend the time limit by one month"),
               f.ExtendTimeLimitForm, secondary=True, needs_approval=True,
               submit_permission=is_case_officer_or_head,
               guard_message=_("The time limit has already been extended once.")),
        # One appraisal at a time: its start is offered without one, its end with one.
        Action("start_appraisal", _("Commission an appraisal"), f.StartAppraisalForm,
               secondary=True, dates_after=(("on", "accepted_on"),), offered=not_appraising,
               guard_message=_("An appraisal is already under way.")),
        Action("end_appraisal", _("Record the end of the appraisal"), f.EndAppraisalForm,
               dates_after=(("on", "appraisal_started_on"),), offered=appraising,
               guard_message=_("No appraisal is under way.")),
        Action("start_mediation", _("Hand over to mediation"), f.StartMediationForm,
               apply_form=_hand_over_to_mediation, secondary=True),
        # Answers to the linked mediation's result: refused until it has one.
        Action("mediation_succeeded", _("Mediation succeeded"), f.MediationSucceededForm,
               precheck=_require_agreement),
        Action("mediation_failed", _("Mediation failed"), f.MediationFailedForm,
               precheck=_require_mediation_ended),
        Action("withdraw", _("Record withdrawal"), f.WithdrawForm, secondary=True),
        Action("refer", _("Refer (transfer) the case"), f.ReferForm, secondary=True,
               needs_approval=True, refers=_to_public_security),
    )
}
