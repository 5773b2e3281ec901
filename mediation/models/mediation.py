"""The mediation case (行政调解案件) and its state machine (DOMAIN.md, Workflow B).

A mediation case is one-to-one with the generic case header ``cases.Case`` and shares its
primary key. It is started by a party's request or from a ruling case (the header's
``origin``). Transitions only change fields on the instance: the transition runner locks
the row, checks role and scope, validates the input, keeps clocks and timeline and
schedules after-commit work.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from mediation import permissions as p


class MediationState(models.TextChoices):
    REQUESTED = "requested", _("Mediation requested")
    AWAITING_RESPONSE = "awaiting_response", _("Awaiting the respondent's response")
    DECLINED = "declined", _("Mediation declined")
    ACCEPTED = "agreed_to_mediate", _("Mediation accepted")
    IN_SESSION = "in_session", _("In mediation")
    AGREED = "agreed", _("Agreement reached")
    FAILED = "unsuccessful", _("Mediation failed")
    PERFORMING = "performing", _("Agreement being performed")
    PERFORMED = "performed", _("Agreement performed")
    BREACHED = "breached", _("Agreement breached")
    WITHDRAWN = "request_withdrawn", _("Request withdrawn")


S = MediationState

TERMINAL_STATES = frozenset({S.DECLINED, S.FAILED, S.PERFORMED, S.BREACHED, S.WITHDRAWN})
# Before an agreement: the request may be withdrawn.
PRE_AGREEMENT_STATES = (S.REQUESTED, S.AWAITING_RESPONSE, S.ACCEPTED, S.IN_SESSION)
# The mediation time limit runs from acceptance until agreement or failure.
TIME_LIMITED_STATES = (S.ACCEPTED, S.IN_SESSION)


class MediationOutcome(models.TextChoices):
    """For statistics: how a mediation ended."""

    SETTLED = "settled", _("Settled")
    FAILED = "failed", _("Failed")
    DECLINED = "declined", _("Declined by the respondent")
    WITHDRAWN = "request_withdrawn", _("Withdrawn")


class DeclineReason(models.TextChoices):
    REFUSED = "refused", _("The respondent refused mediation")
    NO_ANSWER = "no_answer", _("The respondent did not answer in time")


class ServiceMethod(models.TextChoices):
    """How the request copy reached the respondent (送达方式)."""

    DIRECT = "direct", _("Direct service")
    MAIL = "mail", _("Service by post")
    ELECTRONIC = "electronic", _("Electronic service")


# --- guards (django-fsm ``conditions=``) ----------------------------------------------


def has_mediator(m: Any) -> bool:
    return p.assigned_mediator(m.case) is not None


def has_held_session(m: Any) -> bool:
    return m.sessions.filter(held_at__isnull=False).exists()


def agreement_complete(m: Any) -> bool:
    """The agreement exists, says what art. 29 requires, has no 确权 term and is signed by
    both parties and the mediator."""
    agreement = getattr(m, "agreement", None)
    return agreement is not None and not agreement.problems()


def all_terms_done(m: Any) -> bool:
    agreement = getattr(m, "agreement", None)
    return agreement is not None and agreement.terms.exists() and not agreement.terms.filter(
        done_on__isnull=True).exists()


def term_missed(m: Any) -> bool:
    agreement = getattr(m, "agreement", None)
    return agreement is not None and agreement.missed_terms().exists()


def not_extended(m: Any) -> bool:
    return not m.time_limit_extended


class MediationCase(ConcurrentTransitionMixin, models.Model):
    """A dispute the office mediates at the parties' request."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
        related_name="mediation",
    )
    state = FSMField(_("state"), default=S.REQUESTED, choices=MediationState.choices,
                     protected=True, db_index=True)
    dispute_type = models.ForeignKey(
        "mediation.DisputeType", verbose_name=_("dispute type"), on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("requested on"))
    request_summary = models.TextField(_("what the requester asks"), blank=True)
    amount_claimed = models.DecimalField(
        _("amount claimed (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True)

    request_served_on = models.DateField(_("request served on"), null=True, blank=True)
    service_method = models.CharField(_("service method"), max_length=20,
                                      choices=ServiceMethod.choices, blank=True)
    response_on = models.DateField(_("respondent answered on"), null=True, blank=True)
    decline_reason = models.CharField(_("why mediation did not start"), max_length=20,
                                      choices=DeclineReason.choices, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    time_limit_extended = models.BooleanField(_("time limit extended"), default=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    failure_reason = models.TextField(_("why mediation failed"), blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    breach_note = models.TextField(_("what was not performed"), blank=True)

    # Statistics-ready: how it ended, how long it took, what was agreed and paid.
    outcome = models.CharField(_("outcome"), max_length=20, choices=MediationOutcome.choices,
                               blank=True)
    agreed_on = models.DateField(_("agreement reached on"), null=True, blank=True)
    days_to_agreement = models.PositiveIntegerField(_("days from acceptance to agreement"),
                                                    null=True, blank=True)
    amount_agreed = models.DecimalField(_("amount agreed (yuan)"), max_digits=14,
                                        decimal_places=2, null=True, blank=True)
    amount_performed = models.DecimalField(_("amount paid (yuan)"), max_digits=14,
                                           decimal_places=2, default=Decimal("0"))

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")

    def __str__(self) -> str:
        return str(self.case)

    @property
    def is_open(self) -> bool:
        return self.state not in TERMINAL_STATES

    @property
    def mediator(self) -> Any:
        """The mediator assigned to the case (a CaseAssignment of the header), or None."""
        return p.assigned_mediator(self.case)

    @property
    def agreement_or_none(self) -> Any:
        """The agreement, or None before one is drafted (for templates)."""
        return getattr(self, "agreement", None)

    @property
    def mediator_id(self) -> int | None:
        mediator = self.mediator
        return mediator.pk if mediator is not None else None

    # --- the request ------------------------------------------------------------

    @transition(field=state, source=S.REQUESTED, target=S.AWAITING_RESPONSE,
                conditions=[has_mediator], permission=p.is_assigned_mediator)
    def serve_request(self, *, served_on: date, service_method: str) -> None:
        """A copy of the request goes to the respondent, who answers within 15 days."""
        self.request_served_on = served_on
        self.service_method = service_method

    @transition(field=state, source=S.AWAITING_RESPONSE, target=S.DECLINED,
                permission=p.is_assigned_mediator)
    def decline(self, *, reason: str, on: date) -> None:
        """The respondent refused or stayed silent: no mediation, the requester is told."""
        self.decline_reason = reason
        self.response_on = on if reason == DeclineReason.REFUSED else None
        self.case.closed_on = on
        self.outcome = MediationOutcome.DECLINED

    @transition(field=state, source=S.AWAITING_RESPONSE, target=S.ACCEPTED,
                permission=p.is_assigned_mediator)
    def accept_mediation(self, *, on: date) -> None:
        """The respondent agreed to mediate: the mediation time limit starts."""
        self.response_on = on
        self.accepted_on = on

    # --- sessions ---------------------------------------------------------------

    @transition(field=state, source=(S.ACCEPTED, S.IN_SESSION), target=S.IN_SESSION,
                permission=p.is_assigned_mediator)
    def schedule_session(self) -> None:
        """A session is fixed and the parties are notified of its time and place."""

    @transition(field=state, source=S.IN_SESSION, target=None,
                permission=p.is_assigned_mediator)
    def record_session(self) -> None:
        """The minutes (调解笔录) of a session that took place are recorded."""

    # --- the agreement, while the parties negotiate ---------------------------------
    # The action writes the agreement, its terms and signatures; the case keeps its state.

    @transition(field=state, source=S.IN_SESSION, target=None,
                permission=p.is_assigned_mediator)
    def draft_agreement(self) -> None:
        """The facts, the issues and other agreed matters of the 调解协议书."""

    @transition(field=state, source=S.IN_SESSION, target=None,
                permission=p.is_assigned_mediator)
    def add_term(self) -> None:
        """An agreed term: who performs what, how much, by when."""

    @transition(field=state, source=S.IN_SESSION, target=None,
                permission=p.is_assigned_mediator)
    def remove_term(self) -> None:
        """A term is dropped from the draft."""

    @transition(field=state, source=S.IN_SESSION, target=None,
                permission=p.is_assigned_mediator)
    def record_signature(self) -> None:
        """A party signed the agreement in front of the mediator."""

    @transition(field=state, source=S.IN_SESSION, target=None,
                permission=p.is_assigned_mediator)
    def sign_agreement(self) -> None:
        """The mediator signs the agreement."""

    @transition(field=state, source=TIME_LIMITED_STATES, target=None,
                conditions=[not_extended], permission=p.is_head)
    def extend_mediation(self, *, reason: str) -> None:
        """The head approves more time for mediation (once)."""
        self.time_limit_extended = True
        self.extension_reason = reason

    # --- the result -------------------------------------------------------------

    @transition(field=state, source=S.IN_SESSION, target=S.AGREED,
                conditions=[has_held_session, agreement_complete],
                permission=p.is_assigned_mediator)
    def agree(self, *, on: date) -> None:
        """达成协议: the signed agreement takes effect."""
        self.agreed_on = on
        self.outcome = MediationOutcome.SETTLED
        self.amount_agreed = self.agreement.amount_total()
        if self.accepted_on is not None:
            self.days_to_agreement = max(0, (on - self.accepted_on).days)

    @transition(field=state, source=(S.ACCEPTED, S.IN_SESSION), target=S.FAILED,
                permission=p.is_assigned_mediator)
    def fail(self, *, reason: str, on: date) -> None:
        """调解不成: the parties may sue; a ruling case it came from resumes."""
        self.failure_reason = reason
        self.case.closed_on = on
        self.outcome = MediationOutcome.FAILED

    @transition(field=state, source=PRE_AGREEMENT_STATES, target=S.WITHDRAWN,
                permission=p.is_mediator_or_officer_in_charge)
    def withdraw_request(self, *, reason: str, on: date) -> None:
        self.withdrawal_reason = reason
        self.case.closed_on = on
        self.outcome = MediationOutcome.WITHDRAWN

    # --- performance ------------------------------------------------------------

    @transition(field=state, source=S.AGREED, target=S.PERFORMING,
                permission=p.is_assigned_mediator)
    def begin_performance(self) -> None:
        """The terms are followed one by one until each is done or missed."""

    @transition(field=state, source=S.PERFORMING, target=None,
                permission=p.is_assigned_mediator)
    def record_performance(self) -> None:
        """A payment or other performance of one term, with its evidence."""

    @transition(field=state, source=S.PERFORMING, target=S.PERFORMED,
                conditions=[all_terms_done], permission=p.is_assigned_mediator)
    def record_performed(self, *, on: date) -> None:
        """Every term was performed."""
        self.case.closed_on = on

    @transition(field=state, source=S.PERFORMING, target=S.BREACHED,
                conditions=[term_missed], permission=p.is_assigned_mediator)
    def record_breach(self, *, note: str, on: date) -> None:
        """A term fell due and was not performed: the parties may apply for judicial
        confirmation (if not yet confirmed) and then enforcement, or sue."""
        self.breach_note = note
        self.case.closed_on = on
