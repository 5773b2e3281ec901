"""The complaint or tip-off (投诉举报) and its triage (DOMAIN.md, "Complaints and
tip-offs").

:class:`ComplaintCase` is the complaints workflow's record of a case, one-to-one with the
generic :class:`cases.models.Case` header (same primary key). A complaint is the
complainant's own dispute (decided within 7 working days); a tip-off reports someone
else's infringement (verified within 15 working days, extendable once by 15). Triage sends
the matter where it belongs: a ruling request, mediation, another authority, the police,
or nowhere with reasons; then a named complainant is answered.

Transitions only change fields on the instance and its header; the kernel's runner does
the rest (``cases.services.runner``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from cases import permissions
from cases.referral.models.figures import ThresholdFigures
from cases.referral.selectors import open_transfer_of

COMPLAINT = "complaint"


class ComplaintKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint (the complainant's own dispute)")
    TIP_OFF = "tip_off", _("Tip-off")


class Channel(models.TextChoices):
    HOTLINE_12345 = "12345", _("12345 hotline")
    HOTLINE_12315 = "12315", _("12315 hotline")
    LETTER = "letter", _("Letter")
    ONLINE = "online", _("Online form")
    VISIT = "visit", _("Visit")
    FROM_AUTHORITY = "from_authority", _("Transferred from another authority")


class ComplaintState(models.TextChoices):
    RECEIVED = "received", _("Registered, awaiting triage")
    DECIDED = "decided", _("Decided, awaiting the reply")
    CLOSED = "closed", _("Closed")


class TriageOutcome(models.TextChoices):
    RULING = "ruling", _("Ruling request by the right holder")
    MEDIATION = "mediation", _("Mediation")
    TRANSFER = "transfer", _("Transferred to the competent authority")
    REFERRAL = "referral", _("Referred to public security (suspected crime)")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class ReplyMethod(models.TextChoices):
    LETTER = "letter", _("Reply letter")
    PHONE = "phone", _("Telephone")
    # Not the sales channel's "Online platform" (电商平台): the office's own online service.
    ONLINE = "online", pgettext_lazy("reply method", "Online platform")
    IN_PERSON = "in_person", _("In person")


S = ComplaintState

# --- who may run a transition (django-fsm ``permission=``; the runner enforces it) -----


def is_office_officer_or_head(complaint: Any, user: Any) -> bool:
    return (permissions.is_office_officer(complaint.case, user)
            or permissions.is_case_officer_or_head(complaint.case, user))


def is_head(complaint: Any, user: Any) -> bool:
    return permissions.is_head(complaint.case, user)


# --- guards -----------------------------------------------------------------------------


def is_tip_off(complaint: Any) -> bool:
    return complaint.kind == ComplaintKind.TIP_OFF


def not_extended(complaint: Any) -> bool:
    return not complaint.verification_extended


def has_named_complainant(complaint: Any) -> bool:
    return not complaint.anonymous


def is_anonymous(complaint: Any) -> bool:
    return complaint.anonymous


def not_in_transfer(complaint: Any) -> bool:
    """No transfer of the matter to another office is under way."""
    return open_transfer_of(complaint.case) is None


# A triage outcome other than a referral finishes a matter flagged over a criminal
# threshold only by the head's decision (the referral app's finish check).
TRIAGE_GUARDS: list[Callable[[models.Model], bool]] = [not_in_transfer]


class ComplaintCase(ConcurrentTransitionMixin, ThresholdFigures):
    """A complaint or tip-off and its triage: the complaints workflow's record of a case."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
        related_name="complaint",
    )
    state = FSMField(_("state"), default=S.RECEIVED, choices=ComplaintState.choices,
                     protected=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ComplaintKind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    source_authority = models.CharField(
        _("transferring authority"), max_length=200, blank=True,
        help_text=_("For a matter transferred from another authority: who sent it."))

    # Who complains: a tip-off may be anonymous, a complaint never is.
    anonymous = models.BooleanField(_("anonymous"), default=False)
    complainant_name = models.CharField(_("complainant"), max_length=200, blank=True)
    complainant_phone = models.CharField(_("complainant's telephone"), max_length=40,
                                         blank=True)
    complainant_address = models.CharField(_("complainant's address"), max_length=300,
                                           blank=True)
    complainant_party = models.ForeignKey(
        "cases.Party", verbose_name=_("complainant (registered party)"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+")
    accused_party = models.ForeignKey(
        "cases.Party", verbose_name=_("accused party"), on_delete=models.PROTECT,
        related_name="complaints_against")
    facts = models.TextField(_("facts reported"))

    # Triage.
    verification_extended = models.BooleanField(_("verification period extended"),
                                                default=False)
    outcome = models.CharField(_("triage outcome"), max_length=20,
                               choices=TriageOutcome.choices, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reasons = models.TextField(_("reasons"), blank=True)
    transfer_target = models.CharField(_("transferred to"), max_length=200, blank=True)

    # The answer to the complainant.
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    reply_method = models.CharField(_("reply method"), max_length=12,
                                    choices=ReplyMethod.choices, blank=True)
    reply_summary = models.TextField(_("reply"), blank=True)

    class Meta:
        verbose_name = _("complaint or tip-off")
        verbose_name_plural = _("complaints and tip-offs")
        indexes = [models.Index(fields=["accused_party", "state"],
                                name="complaint_accused_state")]

    def __str__(self) -> str:
        return str(self.case)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.anonymous and self.kind == ComplaintKind.COMPLAINT:
            errors["anonymous"] = _("A complaint concerns the complainant's own dispute and "
                                    "cannot be anonymous; register it as a tip-off.")
        if not self.anonymous and not (self.complainant_name.strip()
                                       or self.complainant_party_id):
            errors["complainant_name"] = _("Name the complainant, or mark the tip-off "
                                           "anonymous.")
        if self.channel == Channel.FROM_AUTHORITY and not self.source_authority.strip():
            errors["source_authority"] = _("Name the authority that transferred the matter.")
        if errors:
            raise ValidationError(errors)

    # Clock triggers: the one of the two clocks that applies to this kind of matter.
    @property
    def complaint_received_on(self) -> Any:
        return self.case.received_on if self.kind == ComplaintKind.COMPLAINT else None

    @property
    def tip_off_received_on(self) -> Any:
        return self.case.received_on if self.kind == ComplaintKind.TIP_OFF else None

    # --- triage -------------------------------------------------------------------------

    def _decide(self, outcome: str, on: Any, reasons: str) -> None:
        self.outcome = outcome
        self.decided_on = on
        self.decision_reasons = reasons

    @transition(field=state, source=S.RECEIVED, target=None,
                conditions=[is_tip_off, not_extended], permission=is_head)
    def extend_verification(self) -> None:
        """The head extends the tip-off's verification period once by 15 working days."""
        self.verification_extended = True

    @transition(field=state, source=S.RECEIVED, target=S.DECIDED,
                conditions=TRIAGE_GUARDS, permission=is_office_officer_or_head)
    def open_ruling(self, *, on: Any, reasons: str = "") -> None:
        """The right holder files a ruling request: a ruling case with this origin."""
        self._decide(TriageOutcome.RULING, on, reasons)

    @transition(field=state, source=S.RECEIVED, target=S.DECIDED,
                conditions=TRIAGE_GUARDS, permission=is_office_officer_or_head)
    def open_mediation(self, *, on: Any, reasons: str = "") -> None:
        self._decide(TriageOutcome.MEDIATION, on, reasons)

    # The transfer opens the transfer case before its guards are checked, so "no transfer
    # under way" is checked before the input (the action's precheck) instead.
    @transition(field=state, source=S.RECEIVED, target=RETURN_VALUE(S.RECEIVED, S.DECIDED),
                permission=is_office_officer_or_head)
    def transfer_matter(self, *, on: Any, target: str, internal: bool, reasons: str) -> str:
        """No jurisdiction: to the competent authority. Inside the system the matter
        waits for the receiving office, which triages it once it accepts (a threshold flag
        goes with it); to an outside authority it is decided here."""
        self.transfer_target = target
        if internal:
            return S.RECEIVED
        self._decide(TriageOutcome.TRANSFER, on, reasons)
        return S.DECIDED

    @transition(field=state, source=S.RECEIVED, target=S.DECIDED,
                conditions=[not_in_transfer], permission=is_office_officer_or_head)
    def refer_to_police(self, *, on: Any, reasons: str = "") -> None:
        """Suspected crime: a referral to public security follows (行刑衔接)."""
        self._decide(TriageOutcome.REFERRAL, on, reasons)

    @transition(field=state, source=S.RECEIVED, target=S.DECIDED,
                conditions=TRIAGE_GUARDS, permission=is_office_officer_or_head)
    def not_accept(self, *, on: Any, reasons: str) -> None:
        self._decide(TriageOutcome.NOT_ACCEPTED, on, reasons)

    # --- the answer ---------------------------------------------------------------------

    @transition(field=state, source=S.DECIDED, target=S.CLOSED,
                conditions=[has_named_complainant], permission=is_office_officer_or_head)
    def record_reply(self, *, replied_on: Any, reply_method: str, summary: str) -> None:
        self.replied_on = replied_on
        self.reply_method = reply_method
        self.reply_summary = summary
        self.case.closed_on = replied_on

    @transition(field=state, source=S.DECIDED, target=S.CLOSED,
                conditions=[is_anonymous], permission=is_office_officer_or_head)
    def close(self, *, on: Any) -> None:
        """An anonymous tip-off has nobody to answer."""
        self.case.closed_on = on

