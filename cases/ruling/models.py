"""The ruling case (专利侵权纠纷行政裁决案件) and its state machine (DOMAIN.md, Workflow A).

Transitions only change fields on the instance: no I/O, no saving, no tasks. The services
in ``cases.ruling.actions`` lock the row, check role and scope, validate the input, run
one transition, keep the clocks and the timeline, and schedule after-commit work.
Self-transitions (``target=None``) are recorded actions that keep the state, e.g. legal
review or an extension of the time limit; they appear among a case's available actions
like any transition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

if TYPE_CHECKING:
    pass


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


class Outcome(models.TextChoices):
    INFRINGEMENT_FOUND = "infringement_found", _("Infringement found, order to stop")
    DISMISSED = "dismissed", _("Request dismissed")
    SETTLED = "settled", _("Settled by mediation")


class InfringingAct(models.TextChoices):
    MAKE = "make", _("Making")
    USE = "use", _("Using")
    OFFER = "offer", _("Offering for sale")
    SELL = "sell", _("Selling")
    IMPORT = "import", _("Importing")


class SalesChannel(models.TextChoices):
    OFFLINE = "offline", _("Offline")
    ONLINE = "online", _("Online platform")


class ServiceMethod(models.TextChoices):
    """送达方式."""

    DIRECT = "direct", _("Direct service")
    MAIL = "mail", _("Service by post")
    ELECTRONIC = "electronic", _("Electronic service")
    LEFT = "left", _("Service by leaving at domicile")
    PUBLIC_NOTICE = "public_notice", _("Service by public notice")


class ReferralKind(models.TextChoices):
    CRIME = "crime", _("Suspected crime, to public security")
    JURISDICTION = "jurisdiction", _("No jurisdiction, to the competent authority")
    SUPERIOR = "superior", _("Major case, to the superior office")


class LitigationResult(models.TextChoices):
    UPHELD = "upheld", _("Ruling upheld")
    REVOKED = "revoked", _("Ruling revoked")
    SUIT_WITHDRAWN = "suit_withdrawn", _("Suit withdrawn")


# --- who may run a transition (django-fsm ``permission=``; services enforce it) --------
# Typed ``Any``: django-fsm calls them with (Model, AbstractUser | AnonymousUser).


def _in_office_tree(case: Any, user: Any) -> bool:
    office = getattr(user, "office", None)
    return office is not None and case.office.path.startswith(office.path)


def is_case_officer(case: Any, user: Any) -> bool:
    """The officer in charge or a panel member of this case (承办人 / 合议组成员)."""
    from cases.models import Role

    if not user.is_authenticated or not user.has_role(Role.OFFICER):
        return False
    if case.officer_in_charge_id == user.pk:
        return True
    return case.panel_members.filter(user_id=user.pk).exists()


def is_office_officer(case: Any, user: Any) -> bool:
    """Any enforcement officer of the case's office (intake, before assignment)."""
    from cases.models import Role

    return (
        user.is_authenticated
        and user.has_role(Role.OFFICER)
        and getattr(user, "office_id", None) == case.office_id
    )


def is_head(case: Any, user: Any) -> bool:
    """The head of the case's office or of a superior office (负责人)."""
    from cases.models import Role

    return user.is_authenticated and user.has_role(Role.HEAD) and _in_office_tree(case, user)


def is_legal_reviewer(case: Any, user: Any) -> bool:
    from cases.models import Role

    return user.is_authenticated and user.has_role(Role.LEGAL) and _in_office_tree(case, user)


def is_case_officer_or_head(case: Any, user: Any) -> bool:
    return is_case_officer(case, user) or is_head(case, user)


def is_intake_officer_or_head(case: Any, user: Any) -> bool:
    return is_office_officer(case, user) or is_case_officer(case, user) or is_head(case, user)


def is_head_or_legal(case: Any, user: Any) -> bool:
    return is_head(case, user) or is_legal_reviewer(case, user)


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


def answer_period_elapsed(case: Any) -> bool:
    due = case.answer_due_on
    return due is not None and timezone.localdate() > due


def suit_period_elapsed(case: Any) -> bool:
    due = case.suit_period_ends_on
    return due is not None and timezone.localdate() > due


def demand_wait_elapsed(case: Any) -> bool:
    due = case.demand_wait_ends_on
    return due is not None and timezone.localdate() > due


def infringement_found(case: Any) -> bool:
    return case.outcome == Outcome.INFRINGEMENT_FOUND


def not_extended(case: Any) -> bool:
    return not case.time_limit_extended


class Case(ConcurrentTransitionMixin, models.Model):
    """A patent infringement dispute handled by administrative ruling."""

    office = models.ForeignKey(
        "cases.Office", verbose_name=_("handling office"), on_delete=models.PROTECT,
        related_name="cases",
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    number = models.CharField(_("case number"), max_length=60, editable=False)
    title = models.CharField(_("cause of action"), max_length=200)
    state = FSMField(
        _("state"), default=S.RECEIVED, choices=CaseState.choices, protected=True,
        db_index=True,
    )
    received_on = models.DateField(_("received on"))
    officer_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("officer in charge"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="cases_in_charge",
    )
    is_simple = models.BooleanField(_("simple case (single officer)"), default=False)

    # The dispute.
    rights = models.ManyToManyField(
        "cases.IPRight", verbose_name=_("patents in dispute"), related_name="cases", blank=True
    )
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
    amount_claimed = models.DecimalField(
        _("amount claimed (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
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
    answer_due_on = models.DateField(_("answer due on"), null=True, blank=True)
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
    respondent_absent = models.BooleanField(_("respondent heard in absence"), default=False)

    # Decision.
    draft_outcome = models.CharField(
        _("draft outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    draft_order_text = models.TextField(_("draft order"), blank=True)
    findings = models.TextField(_("facts found"), blank=True)
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

    # After the ruling.
    ruling_served_on = models.DateField(_("ruling served on"), null=True, blank=True)
    suit_period_ends_on = models.DateField(_("suit period ends on"), null=True, blank=True)
    litigation_court = models.CharField(_("court"), max_length=100, blank=True)
    litigation_case_number = models.CharField(_("court case number"), max_length=60, blank=True)
    litigation_result = models.CharField(
        _("litigation result"), max_length=20, choices=LitigationResult.choices, blank=True
    )
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    demand_served_on = models.DateField(_("demand for performance served on"), null=True,
                                        blank=True)
    demand_wait_ends_on = models.DateField(_("demand wait ends on"), null=True, blank=True)
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
    mediation_reference = models.PositiveBigIntegerField(
        _("linked mediation"), null=True, blank=True,
        help_text=_("The mediation case this dispute was handed to."),
    )
    referral_kind = models.CharField(
        _("referral kind"), max_length=20, choices=ReferralKind.choices, blank=True
    )
    referral_target = models.CharField(_("referred to"), max_length=200, blank=True)
    referral_reference = models.PositiveBigIntegerField(_("linked referral"), null=True,
                                                        blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_summary = models.TextField(_("closing report"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
        on_delete=models.PROTECT, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ruling case")
        verbose_name_plural = _("ruling cases")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="uniq_case_number_office_year"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "state"], name="case_office_state"),
            models.Index(fields=["officer_in_charge", "state"], name="case_officer_state"),
            models.Index(fields=["number"], name="case_number"),
        ]

    def __str__(self) -> str:
        return self.number or str(_("(unnumbered case)"))

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL_STATES

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
        self.received_on = received_on

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
        self.closed_on = on

    # --- answer ---------------------------------------------------------------------

    @transition(field=state, source=S.ACCEPTED, target=S.AWAITING_ANSWER,
                permission=is_case_officer_or_head)
    def serve_respondent(self, *, served_on: Any, service_method: str, answer_due_on: Any
                         ) -> None:
        self.respondent_served_on = served_on
        self.respondent_service_method = service_method
        self.answer_due_on = answer_due_on

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
    def hold_hearing(self, *, held_at: Any, minutes: str, respondent_absent: bool) -> None:
        self.hearing_held_at = held_at
        self.hearing_minutes = minutes
        self.respondent_absent = respondent_absent

    @transition(field=state, source=S.HEARING_SCHEDULED, target=S.WITHDRAWN,
                permission=is_case_officer_or_head)
    def requester_absent(self, *, on: Any) -> None:
        """The requester stayed away without good reason: deemed withdrawn (按撤回请求处理)."""
        self.withdrawal_reason = str(
            _("The requester did not attend the hearing without good reason.")
        )
        self.closed_on = on

    @transition(field=state, source=S.INVESTIGATION, target=S.DELIBERATION,
                permission=is_case_officer_or_head)
    def deliberate_without_hearing(self) -> None:
        """Written review: the facts are clear and no hearing is needed."""

    @transition(field=state, source=S.DELIBERATION, target=S.PENDING_APPROVAL,
                permission=is_case_officer_or_head)
    def submit_for_approval(
        self, *, draft_outcome: str, draft_order_text: str, findings: str, reasoning: str
    ) -> None:
        self.draft_outcome = draft_outcome
        self.draft_order_text = draft_order_text
        self.findings = findings
        self.reasoning = reasoning
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
    def serve_ruling(self, *, served_on: Any, suit_period_ends_on: Any) -> None:
        self.ruling_served_on = served_on
        self.suit_period_ends_on = suit_period_ends_on

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
            self.closed_on = on
            return S.CLOSED
        self.effective_on = on
        return S.EFFECTIVE

    @transition(field=state, source=S.SERVED, target=S.EFFECTIVE,
                conditions=[suit_period_elapsed], permission=is_case_officer_or_head)
    def become_effective(self, *, on: Any) -> None:
        self.effective_on = on

    @transition(field=state, source=S.EFFECTIVE, target=None,
                conditions=[infringement_found], permission=is_case_officer_or_head)
    def serve_demand(self, *, served_on: Any, wait_ends_on: Any) -> None:
        """催告: the infringer neither sued nor stopped."""
        self.demand_served_on = served_on
        self.demand_wait_ends_on = wait_ends_on

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
        self.closed_on = on

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

    @transition(field=state, source=MEDIATABLE_STATES, target=S.MEDIATING,
                permission=is_case_officer_or_head)
    def start_mediation(self, *, mediation_reference: int | None = None) -> None:
        """The parties ask to mediate (专利法 art. 65); Workflow B attaches here."""
        self.state_before_mediation = self.state
        self.mediation_reference = mediation_reference

    @transition(field=state, source=S.MEDIATING, target=S.CLOSED,
                permission=is_case_officer_or_head)
    def mediation_succeeded(self, *, on: Any, summary: str) -> None:
        self.outcome = Outcome.SETTLED
        self.closing_summary = summary
        self.closed_on = on

    @transition(field=state, source=S.MEDIATING, target=S.INVESTIGATION,
                permission=is_case_officer_or_head)
    def mediation_failed(self) -> None:
        self.state_before_mediation = ""

    @transition(field=state, source=HANDLING_STATES + (S.SUSPENDED,), target=S.WITHDRAWN,
                permission=is_case_officer_or_head)
    def withdraw(self, *, reason: str, on: Any) -> None:
        self.withdrawal_reason = reason
        self.closed_on = on

    @transition(field=state, source=HANDLING_STATES + (S.SUSPENDED, S.MEDIATING),
                target=S.TRANSFERRED, permission=is_case_officer_or_head)
    def refer(self, *, kind: str, target: str, on: Any,
              referral_reference: int | None = None) -> None:
        """移送: to the police (D1) or the competent authority (D2)."""
        self.referral_kind = kind
        self.referral_target = target
        self.referral_reference = referral_reference
        self.closed_on = on
