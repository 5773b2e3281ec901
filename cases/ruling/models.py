"""The ruling case (专利侵权纠纷行政裁决案件) and its state machine (DOMAIN.md, Workflow A).

:class:`RulingCase` is the ruling workflow's record of a case, one-to-one with the generic
:class:`cases.models.Case` header (same primary key). Transitions only change fields on
the instance and its header: no I/O, no saving, no tasks. The kernel's runner
(``cases.services.runner``) locks the rows, checks role and scope, validates the input,
runs one transition, keeps the clocks and the timeline, and schedules after-commit work.
Self-transitions (``target=None``) are recorded actions that keep the state, e.g. legal
review or an extension of the time limit; they appear among a case's available actions
like any transition.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from cases import permissions
from cases.models.rights import InfringingAct
from cases.models.service import ServiceMethod
from cases.services.deadlines import due_on

# The value of Case.workflow for ruling cases.
RULING = "ruling"


class CaseState(models.TextChoices):
    RECEIVED = "received", _("Received")
    CORRECTION_REQUESTED = "correction_requested", _("Correction requested")
    REJECTED = "rejected", _("Not accepted")
    ACCEPTED = "accepted", _("Accepted")
    AWAITING_ANSWER = "awaiting_answer", _("Awaiting answer")
    INVESTIGATION = "investigation", _("Under investigation")
    HEARING_SCHEDULED = "hearing_scheduled", _("Hearing scheduled")
    DELIBERATION = "deliberation", _("Panel deliberation")
    PENDING_APPROVAL = "pending_approval", _("Pending approval")
    DECIDED = "decided", _("Decided")
    SERVED = "served", _("Ruling served")
    IN_LITIGATION = "in_litigation", _("In litigation")
    EFFECTIVE = "effective", _("Effective")
    ENFORCEMENT = "enforcement", _("Court enforcement")
    SUSPENDED = "suspended", _("Suspended")
    MEDIATING = "mediating", _("Mediating")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    TRANSFERRED = "transferred", _("Transferred")
    CLOSED = "closed", _("Closed")


S = CaseState

TERMINAL_STATES = frozenset({S.REJECTED, S.WITHDRAWN, S.TRANSFERRED, S.CLOSED})
OPEN_STATES = tuple(s for s in S if s not in TERMINAL_STATES)
# States in which the dispute itself is being handled (before a ruling exists).
HANDLING_STATES = (
    S.RECEIVED,
    S.CORRECTION_REQUESTED,
    S.ACCEPTED,
    S.AWAITING_ANSWER,
    S.INVESTIGATION,
    S.HEARING_SCHEDULED,
    S.DELIBERATION,
    S.PENDING_APPROVAL,
)
SUSPENDABLE_STATES = (
    S.ACCEPTED,
    S.AWAITING_ANSWER,
    S.INVESTIGATION,
    S.HEARING_SCHEDULED,
    S.DELIBERATION,
    S.PENDING_APPROVAL,
)
EXTENDABLE_STATES = SUSPENDABLE_STATES
MEDIATABLE_STATES = (S.INVESTIGATION, S.HEARING_SCHEDULED, S.DELIBERATION)
# A technical appraisal (技术鉴定) is commissioned while the facts are examined.
APPRAISAL_STATES = MEDIATABLE_STATES


class Outcome(models.TextChoices):
    INFRINGEMENT_FOUND = "infringement_found", _("Infringement found, order to stop")
    DISMISSED = "dismissed", _("Request dismissed")
    SETTLED = "settled", _("Settled by mediation")


class SalesChannel(models.TextChoices):
    OFFLINE = "offline", _("Offline")
    ONLINE = "online", _("Online platform")


class Attendance(models.TextChoices):
    """How a party attended the hearing (口头审理到庭情况)."""

    PRESENT = "present", _("Present in person")
    AGENT = "agent", _("Represented by the agent")
    ABSENT = "absent", _("Absent")


class ReferralKind(models.TextChoices):
    CRIME = "crime", _("Suspected crime, to public security")
    JURISDICTION = "jurisdiction", _("No jurisdiction, to the competent authority")
    SUPERIOR = "superior", _("Major case, to the superior office")


class LitigationResult(models.TextChoices):
    UPHELD = "upheld", _("Ruling upheld")
    REVOKED = "revoked", _("Ruling revoked")
    SUIT_WITHDRAWN = "suit_withdrawn", _("Suit withdrawn")


# --- who may run a transition (django-fsm ``permission=``; the runner enforces it) ---------
# Typed ``Any``: django-fsm calls them with (RulingCase, AbstractUser | AnonymousUser).


def is_case_officer_or_head(ruling: Any, user: Any) -> bool:
    return permissions.is_case_officer_or_head(ruling.case, user)


def is_intake_officer_or_head(ruling: Any, user: Any) -> bool:
    return permissions.is_intake_officer_or_head(ruling.case, user)


def is_head(ruling: Any, user: Any) -> bool:
    return permissions.is_head(ruling.case, user)


def is_legal_reviewer(ruling: Any, user: Any) -> bool:
    return permissions.is_independent_legal_reviewer(ruling.case, user)


def is_head_or_legal(ruling: Any, user: Any) -> bool:
    return is_head(ruling, user) or is_legal_reviewer(ruling, user)


# --- guards (django-fsm ``conditions=``) ----------------------------------------------

ACCEPTANCE_CHECKLIST_ITEMS: tuple[tuple[str, Any], ...] = (
    ("requester_qualified", _("The requester is the patentee or an interested party")),
    ("respondent_named", _("There is a named respondent")),
    ("claims_clear", _("The demands, facts and reasons are clear")),
    ("within_jurisdiction", _("The case is within this office's jurisdiction")),
    ("no_court_suit", _("No court suit has been filed on the same dispute")),
    ("prima_facie_evidence", _("Prima facie evidence of infringement is provided")),
)


def no_court_suit(case: Any) -> bool:
    return not case.court_suit_pending


def draft_review_passed(case: Any) -> bool:
    return case.legal_review_passed is True


def _clock_elapsed(ruling: Any, code: str) -> bool:
    """The clock's period is over: its Deadline row (moved by a suspension or an
    extension) has a due date before today."""
    due = due_on(ruling.case, code)
    return due is not None and timezone.localdate() > due


def answer_period_elapsed(ruling: Any) -> bool:
    return _clock_elapsed(ruling, "ruling.answer_period")


def suit_period_elapsed(ruling: Any) -> bool:
    return _clock_elapsed(ruling, "ruling.suit_period")


def demand_wait_elapsed(ruling: Any) -> bool:
    return _clock_elapsed(ruling, "ruling.demand_wait")


def infringement_found(case: Any) -> bool:
    return case.outcome == Outcome.INFRINGEMENT_FOUND


def not_extended(case: Any) -> bool:
    return not case.time_limit_extended


def appraising(case: Any) -> bool:
    """An appraisal is under way: its time does not count towards the time limit."""
    return case.appraisal_started_on is not None


def not_appraising(case: Any) -> bool:
    return case.appraisal_started_on is None


class RulingCase(ConcurrentTransitionMixin, models.Model):
    """A patent infringement dispute handled by administrative ruling: the ruling
    workflow's columns and state machine for one case."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
        related_name="ruling",
    )
    state = FSMField(
        _("state"), default=S.RECEIVED, choices=CaseState.choices, protected=True,
        db_index=True,
    )
    is_simple = models.BooleanField(_("simple case (single officer)"), default=False)

    # The dispute.
    accused_products = models.JSONField(_("accused products"), default=list, blank=True)
    infringing_acts = models.JSONField(_("infringing acts"), default=list, blank=True)
    sales_channel = models.CharField(
        _("sales channel"), max_length=10, choices=SalesChannel.choices,
        default=SalesChannel.OFFLINE,
    )
    platform = models.CharField(_("online platform"), max_length=50, blank=True)
    infringement_place = models.CharField(_("place of infringement"), max_length=200, blank=True)
    infringement_region_code = models.CharField(
        _("region code of the place of infringement"), max_length=6, blank=True
    )
    product_category = models.CharField(_("product category"), max_length=60, blank=True)
    requester_claims = models.TextField(_("requester's claims"), blank=True)
    facts = models.TextField(_("facts and reasons"), blank=True)
    court_suit_pending = models.BooleanField(
        _("a court suit on the same dispute exists"), default=False
    )

    # Intake and acceptance.
    acceptance_checklist = models.JSONField(_("acceptance checklist"), default=dict, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    correction_items = models.JSONField(_("items to correct"), default=list, blank=True)
    rejection_reasons = models.TextField(_("reasons for not accepting"), blank=True)

    # Service and answer.
    respondent_served_on = models.DateField(_("respondent served on"), null=True, blank=True)
    respondent_service_method = models.CharField(
        _("service method"), max_length=20, choices=ServiceMethod.choices, blank=True
    )
    answer_received_on = models.DateField(_("answer received on"), null=True, blank=True)
    respondent_defence = models.TextField(_("respondent's defence"), blank=True)
    answer_copy_sent_on = models.DateField(
        _("answer copy sent to requester on"), null=True, blank=True
    )

    # Hearing.
    hearing_at = models.DateTimeField(_("hearing time"), null=True, blank=True)
    hearing_place = models.CharField(_("hearing place"), max_length=200, blank=True)
    hearing_held_at = models.DateTimeField(_("hearing held at"), null=True, blank=True)
    hearing_minutes = models.TextField(_("hearing minutes"), blank=True)
    # Kept for the cases recorded before attendance per party; since then derived from
    # hearing_attendance (a respondent absent: 缺席审理).
    respondent_absent = models.BooleanField(_("respondent heard in absence"), default=False)
    # [{"party_id", "role", "name", "status" (Attendance), "agent"}], one per party.
    hearing_attendance = models.JSONField(_("attendance at the hearing"), default=list,
                                          blank=True)
    # [{"user_id", "name", "role"}]: the panel members who sat.
    hearing_panel = models.JSONField(_("panel members who sat"), default=list, blank=True)

    # Decision.
    draft_outcome = models.CharField(
        _("draft outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    draft_order_text = models.TextField(_("draft order"), blank=True)
    findings = models.TextField(_("facts found"), blank=True)
    # 证据及质证 and 争议焦点, entered with the draft ruling, one item a line.
    evidence_examination = models.TextField(_("evidence and cross-examination"), blank=True)
    disputed_issues = models.TextField(_("issues in dispute"), blank=True)
    reasoning = models.TextField(_("reasoning"), blank=True)
    legal_review_passed = models.BooleanField(_("legal review passed"), null=True, blank=True)
    legal_review_opinion = models.TextField(_("legal review opinion"), blank=True)
    legal_reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("legal reviewer"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    order_text = models.TextField(_("operative part of the ruling"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    time_limit_extended = models.BooleanField(_("time limit extended"), default=False)
    # The appraisal under way (鉴定期间不计入审理期限) or the last one (its institution and
    # matter stay when it ends); each one's start and end are on the timeline.
    appraisal_started_on = models.DateField(_("appraisal commissioned on"), null=True,
                                            blank=True)
    appraisal_institution = models.CharField(_("appraisal institution"), max_length=200,
                                             blank=True)
    appraisal_matter = models.TextField(_("matter to appraise"), blank=True)

    # After the ruling.
    ruling_served_on = models.DateField(_("ruling served on"), null=True, blank=True)
    ruling_service_method = models.CharField(
        _("service method of the ruling"), max_length=20, choices=ServiceMethod.choices,
        blank=True,
    )
    litigation_court = models.CharField(_("court"), max_length=100, blank=True)
    litigation_case_number = models.CharField(_("court case number"), max_length=60, blank=True)
    litigation_result = models.CharField(
        _("litigation result"), max_length=20, choices=LitigationResult.choices, blank=True
    )
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    demand_served_on = models.DateField(_("demand for performance served on"), null=True,
                                        blank=True)
    enforcement_court = models.CharField(_("enforcement court"), max_length=100, blank=True)
    enforcement_applied_on = models.DateField(_("enforcement applied on"), null=True,
                                              blank=True)

    # Interruptions and hand-offs.
    state_before_suspension = models.CharField(
        _("state before suspension"), max_length=30, choices=CaseState.choices, blank=True
    )
    suspension_reason = models.TextField(_("reason for suspension"), blank=True)
    state_before_mediation = models.CharField(
        _("state before mediation"), max_length=30, choices=CaseState.choices, blank=True
    )
    referral_kind = models.CharField(
        _("referral kind"), max_length=20, choices=ReferralKind.choices, blank=True
    )
    referral_target = models.CharField(_("referred to"), max_length=200, blank=True)
    closing_summary = models.TextField(_("closing report"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("ruling case")
        verbose_name_plural = _("ruling cases")

    def __str__(self) -> str:
        return str(self.case)

    @property
    def infringing_act_labels(self) -> str:
        """The acts the request names, as the page shows them (制造、销售)."""
        labels = dict(InfringingAct.choices)
        return "、".join(str(labels.get(act, act)) for act in self.infringing_acts or [])

    @property
    def attendance_lines(self) -> list[str]:
        """The hearing's attendance as shown on the case page, one party a line."""
        from cases.models.participants import PartyRole

        roles, labels = dict(PartyRole.choices), dict(Attendance.choices)
        return [f"{roles.get(a['role'], '')}{a['name']}：{labels.get(a['status'], a['status'])}"
                + (f"（{a['agent']}）" if a["status"] == Attendance.AGENT else "")
                for a in self.hearing_attendance]

    def _close_case(self, on: Any) -> None:
        self.case.closed_on = on

    # Due dates live in the case's Deadline rows; these read them (API and pages).

    @property
    def answer_due_on(self) -> Any:
        return due_on(self.case, "ruling.answer_period")

    @property
    def suit_period_ends_on(self) -> Any:
        return due_on(self.case, "ruling.suit_period")

    @property
    def demand_wait_ends_on(self) -> Any:
        return due_on(self.case, "ruling.demand_wait")

    # --- intake ---------------------------------------------------------------------

    @transition(field=state, source=S.RECEIVED, target=S.CORRECTION_REQUESTED,
                permission=is_intake_officer_or_head)
    def request_correction(self, *, items: list[str]) -> None:
        """补正: every missing item in one notice."""
        self.correction_items = list(items)

    @transition(field=state, source=S.CORRECTION_REQUESTED, target=S.RECEIVED,
                permission=is_intake_officer_or_head)
    def receive_correction(self, *, received_on: Any) -> None:
        """Complete materials arrived: the acceptance clock restarts from this day."""
        self.case.received_on = received_on

    @transition(field=state, source=S.RECEIVED, target=S.ACCEPTED,
                conditions=[no_court_suit],
                permission=is_intake_officer_or_head)
    def accept(self, *, accepted_on: Any) -> None:
        """立案. The checklist and the panel are the action's own input (AcceptForm)."""
        self.accepted_on = accepted_on

    @transition(field=state, source=S.RECEIVED, target=S.REJECTED,
                permission=is_intake_officer_or_head)
    def reject(self, *, reasons: str, on: Any) -> None:
        self.rejection_reasons = reasons
        self._close_case(on)

    # --- answer ---------------------------------------------------------------------

    @transition(field=state, source=S.ACCEPTED, target=S.AWAITING_ANSWER,
                permission=is_case_officer_or_head)
    def serve_respondent(self, *, served_on: Any, service_method: str) -> None:
        """The answer period runs from the day service counts as made (the clock engine
        applies the public-notice period)."""
        self.respondent_served_on = served_on
        self.respondent_service_method = service_method

    @transition(field=state, source=S.AWAITING_ANSWER, target=S.INVESTIGATION,
                permission=is_case_officer_or_head)
    def record_answer(self, *, received_on: Any, defence: str) -> None:
        self.answer_received_on = received_on
        self.respondent_defence = defence

    @transition(field=state, source=S.AWAITING_ANSWER, target=S.INVESTIGATION,
                conditions=[answer_period_elapsed], permission=is_case_officer_or_head)
    def proceed_without_answer(self) -> None:
        """No answer within the period: the case goes on (no answer does not stop it)."""

    @transition(field=state, source=(S.INVESTIGATION, S.HEARING_SCHEDULED,
                                     S.DELIBERATION), target=None,
                permission=is_case_officer_or_head)
    def send_answer_copy(self, *, sent_on: Any) -> None:
        self.answer_copy_sent_on = sent_on

    # --- hearing and deliberation --------------------------------------------------

    @transition(field=state, source=S.INVESTIGATION, target=S.HEARING_SCHEDULED,
                permission=is_case_officer_or_head)
    def schedule_hearing(self, *, hearing_at: Any, place: str) -> None:
        self.hearing_at = hearing_at
        self.hearing_place = place

    @transition(field=state, source=S.HEARING_SCHEDULED, target=S.HEARING_SCHEDULED,
                permission=is_case_officer_or_head)
    def reschedule_hearing(self, *, hearing_at: Any, place: str) -> None:
        self.hearing_at = hearing_at
        self.hearing_place = place

    @transition(field=state, source=S.HEARING_SCHEDULED, target=S.DELIBERATION,
                permission=is_case_officer_or_head)
    def hold_hearing(self, *, held_at: Any, minutes: str, attendance: list[dict[str, Any]],
                     panel: list[dict[str, Any]]) -> None:
        self.hearing_held_at = held_at
        self.hearing_minutes = minutes
        self.hearing_attendance = attendance
        self.hearing_panel = panel
        self.respondent_absent = any(
            a["role"] == "respondent" and a["status"] == Attendance.ABSENT for a in attendance)

    @transition(field=state, source=S.HEARING_SCHEDULED, target=S.WITHDRAWN,
                permission=is_case_officer_or_head)
    def requester_absent(self, *, on: Any) -> None:
        """The requester stayed away without good reason: deemed withdrawn (按撤回请求处理)."""
        self.withdrawal_reason = str(
            _("The requester did not attend the hearing without good reason.")
        )
        self._close_case(on)

    @transition(field=state, source=S.INVESTIGATION, target=S.DELIBERATION,
                permission=is_case_officer_or_head)
    def deliberate_without_hearing(self) -> None:
        """Written review: the facts are clear and no hearing is needed."""

    @transition(field=state, source=S.DELIBERATION, target=S.PENDING_APPROVAL,
                conditions=[not_appraising], permission=is_case_officer_or_head)
    def submit_for_approval(
        self, *, draft_outcome: str, draft_order_text: str, findings: str, reasoning: str,
        evidence_examination: str = "", disputed_issues: str = "",
    ) -> None:
        self.draft_outcome = draft_outcome
        self.draft_order_text = draft_order_text
        self.findings = findings
        self.reasoning = reasoning
        self.evidence_examination = evidence_examination
        self.disputed_issues = disputed_issues
        self.legal_review_passed = None
        self.legal_review_opinion = ""
        self.legal_reviewer = None

    @transition(field=state, source=S.PENDING_APPROVAL, target=None,
                permission=is_legal_reviewer)
    def record_legal_review(self, *, passed: bool, opinion: str, reviewer: Any) -> None:
        """法制审核 by legal staff."""
        self.legal_review_passed = passed
        self.legal_review_opinion = opinion
        self.legal_reviewer = reviewer

    @transition(field=state, source=S.PENDING_APPROVAL, target=S.DELIBERATION,
                permission=is_head_or_legal)
    def return_draft(self) -> None:
        """The head or legal staff send the draft back to the panel."""

    @transition(field=state, source=S.PENDING_APPROVAL, target=S.DECIDED,
                conditions=[draft_review_passed], permission=is_head)
    def decide(self, *, decided_on: Any) -> None:
        self.outcome = self.draft_outcome
        self.order_text = self.draft_order_text
        self.decided_on = decided_on

    # --- after the ruling ----------------------------------------------------------

    @transition(field=state, source=S.DECIDED, target=S.SERVED,
                permission=is_case_officer_or_head)
    def serve_ruling(self, *, served_on: Any, service_method: str) -> None:
        self.ruling_served_on = served_on
        self.ruling_service_method = service_method

    @transition(field=state, source=S.SERVED, target=S.IN_LITIGATION,
                permission=is_case_officer_or_head)
    def record_suit(self, *, court: str, court_case_number: str) -> None:
        self.litigation_court = court
        self.litigation_case_number = court_case_number

    @transition(field=state, source=S.IN_LITIGATION,
                target=RETURN_VALUE(S.EFFECTIVE, S.CLOSED),
                permission=is_case_officer_or_head)
    def conclude_litigation(self, *, result: str, on: Any) -> str:
        self.litigation_result = result
        if result == LitigationResult.REVOKED:
            self._close_case(on)
            return S.CLOSED
        self.effective_on = on
        return S.EFFECTIVE

    @transition(field=state, source=S.SERVED, target=S.EFFECTIVE,
                conditions=[suit_period_elapsed], permission=is_case_officer_or_head)
    def become_effective(self, *, on: Any) -> None:
        self.effective_on = on

    @transition(field=state, source=S.EFFECTIVE, target=None,
                conditions=[infringement_found], permission=is_case_officer_or_head)
    def serve_demand(self, *, served_on: Any) -> None:
        """催告: the infringer neither sued nor stopped."""
        self.demand_served_on = served_on

    @transition(field=state, source=S.EFFECTIVE, target=S.ENFORCEMENT,
                conditions=[infringement_found, demand_wait_elapsed],
                permission=is_case_officer_or_head)
    def apply_enforcement(self, *, court: str, applied_on: Any) -> None:
        self.enforcement_court = court
        self.enforcement_applied_on = applied_on

    @transition(field=state, source=(S.EFFECTIVE, S.ENFORCEMENT), target=S.CLOSED,
                permission=is_case_officer_or_head)
    def close(self, *, summary: str, on: Any) -> None:
        """结案, with the closing report."""
        self.closing_summary = summary
        self._close_case(on)

    # --- interruptions ---------------------------------------------------------------

    @transition(field=state, source=SUSPENDABLE_STATES, target=S.SUSPENDED,
                permission=is_case_officer_or_head)
    def suspend(self, *, reason: str) -> None:
        """中止: e.g. an invalidation request accepted by CNIPA (实施细则 art. 98)."""
        self.state_before_suspension = self.state
        self.suspension_reason = reason

    @transition(field=state, source=S.SUSPENDED, target=RETURN_VALUE(*SUSPENDABLE_STATES),
                permission=is_case_officer_or_head)
    def resume(self) -> str:
        previous = self.state_before_suspension
        self.state_before_suspension = ""
        return previous

    @transition(field=state, source=EXTENDABLE_STATES, target=None,
                conditions=[not_extended], permission=is_head)
    def extend_time_limit(self) -> None:
        self.time_limit_extended = True

    @transition(field=state, source=APPRAISAL_STATES, target=None,
                conditions=[not_appraising], permission=is_case_officer_or_head)
    def start_appraisal(self, *, on: Any, institution: str, matter: str) -> None:
        """A technical appraisal is commissioned: the time limit stops until it ends
        (suspension, public notice and appraisal time are not counted)."""
        self.appraisal_started_on = on
        self.appraisal_institution = institution
        self.appraisal_matter = matter

    @transition(field=state, source=APPRAISAL_STATES, target=None,
                conditions=[appraising], permission=is_case_officer_or_head)
    def end_appraisal(self) -> None:
        """The appraisal's conclusion is in (or it was abandoned): the time limit runs on
        with what was left. The day and conclusion are on the timeline."""
        self.appraisal_started_on = None

    @transition(field=state, source=MEDIATABLE_STATES, target=S.MEDIATING,
                permission=is_case_officer_or_head)
    def start_mediation(self) -> None:
        """The parties ask to mediate (专利法 art. 65); a mediation case started from
        this one names it as its origin."""
        self.state_before_mediation = self.state

    @transition(field=state, source=S.MEDIATING, target=S.CLOSED,
                permission=is_case_officer_or_head)
    def mediation_succeeded(self, *, on: Any, summary: str) -> None:
        self.outcome = Outcome.SETTLED
        self.closing_summary = summary
        self._close_case(on)

    @transition(field=state, source=S.MEDIATING, target=S.INVESTIGATION,
                permission=is_case_officer_or_head)
    def mediation_failed(self) -> None:
        self.state_before_mediation = ""

    @transition(field=state, source=HANDLING_STATES + (S.SUSPENDED,), target=S.WITHDRAWN,
                permission=is_case_officer_or_head)
    def withdraw(self, *, reason: str, on: Any) -> None:
        self.withdrawal_reason = reason
        self._close_case(on)

    @transition(field=state, source=HANDLING_STATES + (S.SUSPENDED, S.MEDIATING),
                target=S.TRANSFERRED, permission=is_case_officer_or_head)
    def refer(self, *, kind: str, target: str, on: Any) -> None:
        """移送: to the police (D1) or the competent authority (D2)."""
        self.referral_kind = kind
        self.referral_target = target
        self._close_case(on)
