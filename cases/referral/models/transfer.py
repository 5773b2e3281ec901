"""Transfer of a case to another administrative authority (移送; DOMAIN.md, Workflow D2).

:class:`TransferCase` is the transfer workflow's record of a case, one-to-one with the
generic :class:`cases.models.Case` header of the *sending* office; its ``origin`` is the
case transferred. Inside the system the receiving office sees the transfer in its
incoming queue once sent and accepts it (the transferred case becomes its case, history
and all) or objects; an objection goes to the common superior office, which designates
the office that handles the case. A case that came by transfer may not be passed on
again. To an authority outside the system, a letter goes out and its receipt is recorded.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from cases import permissions
from cases.models import Office, Role

TRANSFER = "transfer"


class TransferState(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    SENT = "sent", _("Sent, awaiting the receiving authority")
    OBJECTED = "objected", _("Objected, awaiting designation by the superior office")
    ACCEPTED = "accepted", _("Accepted by the receiving office")
    RECEIPTED = "receipted", _("Receipt recorded")
    DESIGNATED = "designated", _("Designated by the superior office")
    ABANDONED = "abandoned", _("Abandoned")


class TransferDirection(models.TextChoices):
    INTERNAL = "internal", _("To an office in this system")
    EXTERNAL = "external", _("To an authority outside this system")


S = TransferState


def common_superior(first: Office, second: Office) -> Office | None:
    """The nearest office above both (their deepest common ancestor); when one office is
    above the other and no office is above both (the region office and one of its
    cities), the higher of the two, which is the other's superior. None only for offices
    of two separate trees."""
    first_codes = [c for c in first.path.split("/") if c]
    second_codes = [c for c in second.path.split("/") if c]
    common = [a for a, b in zip(first_codes, second_codes, strict=False) if a == b]
    # The common ancestor must be strictly above both offices, if there is one.
    strict = list(common)
    while strict and (strict[-1] in (first.region_code, second.region_code)):
        strict.pop()
    chosen = strict or common
    if not chosen:
        return None
    return Office.objects.filter(region_code=chosen[-1]).first()


# --- who may run a transition -------------------------------------------------------------


def is_sender(transfer: Any, user: Any) -> bool:
    return permissions.is_case_officer_or_head(transfer.case, user)


def is_receiver(transfer: Any, user: Any) -> bool:
    """An officer or the head of the receiving office."""
    office = transfer.target_office
    return bool(
        office is not None and user.is_authenticated
        and getattr(user, "office_id", None) == office.pk
        and user.has_role(Role.OFFICER, Role.HEAD))


def is_designating_head(transfer: Any, user: Any) -> bool:
    """The head of the common superior office of both offices, or of an office above it."""
    superior = transfer.common_superior
    office = getattr(user, "office", None)
    return bool(
        superior is not None and office is not None and user.is_authenticated
        and user.has_role(Role.HEAD) and superior.path.startswith(office.path))


# --- guards -------------------------------------------------------------------------------


def is_internal(transfer: Any) -> bool:
    return transfer.direction == TransferDirection.INTERNAL


def is_external(transfer: Any) -> bool:
    return transfer.direction == TransferDirection.EXTERNAL


class TransferCase(ConcurrentTransitionMixin, models.Model):
    """A transfer to another authority: the transfer workflow's record of a case."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
        related_name="transfer",
    )
    state = FSMField(_("state"), default=S.PREPARING, choices=TransferState.choices,
                     protected=True, db_index=True)
    direction = models.CharField(_("direction"), max_length=10,
                                 choices=TransferDirection.choices)
    target_office = models.ForeignKey(
        "cases.Office", verbose_name=_("receiving office"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="incoming_transfers")
    target_authority = models.CharField(_("receiving authority"), max_length=200, blank=True)
    reasons = models.TextField(_("why this office has no jurisdiction"))
    sent_on = models.DateField(_("sent on"), null=True, blank=True)

    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    objection = models.TextField(_("objection"), blank=True)
    objected_on = models.DateField(_("objected on"), null=True, blank=True)
    designated_office = models.ForeignKey(
        "cases.Office", verbose_name=_("designated office"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+")
    designated_on = models.DateField(_("designated on"), null=True, blank=True)
    designation_reasons = models.TextField(_("reasons for the designation"), blank=True)
    receipt_on = models.DateField(_("receipt recorded for"), null=True, blank=True)
    receipt_signed_by = models.CharField(_("receipt signed by"), max_length=100, blank=True)
    handled_by = models.ForeignKey(
        "cases.Office", verbose_name=_("office now handling the case"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("accepted or designated by"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("transfer to another authority")
        verbose_name_plural = _("transfers to other authorities")
        indexes = [models.Index(fields=["target_office", "state"],
                                name="transfer_target_state")]

    def __str__(self) -> str:
        return str(self.case)

    @property
    def common_superior(self) -> Office | None:
        if self.target_office is None:
            return None
        return common_superior(self.case.office, self.target_office)

    @property
    def receiver_label(self) -> str:
        return self.target_office.name if self.target_office else self.target_authority

    @transition(field=state, source=S.PREPARING, target=S.SENT, permission=is_sender)
    def send(self, *, on: Any) -> None:
        self.sent_on = on

    @transition(field=state, source=S.PREPARING, target=S.ABANDONED, permission=is_sender)
    def abandon(self, *, on: Any) -> None:
        self.case.closed_on = on

    @transition(field=state, source=S.SENT, target=S.ACCEPTED, conditions=[is_internal],
                permission=is_receiver)
    def accept(self, *, on: Any, by: Any) -> None:
        """The receiving office takes the case over."""
        self.accepted_on = on
        self.handled_by = self.target_office
        self.decided_by = by
        self.case.closed_on = on

    @transition(field=state, source=S.SENT, target=S.OBJECTED, conditions=[is_internal],
                permission=is_receiver)
    def object(self, *, on: Any, objection: str) -> None:
        """The receiving office objects; it may not pass the case on itself."""
        self.objected_on = on
        self.objection = objection

    @transition(field=state, source=S.OBJECTED, target=S.DESIGNATED,
                permission=is_designating_head)
    def designate(self, *, on: Any, office: Office, reasons: str, by: Any) -> None:
        """The common superior office designates the office that handles the case."""
        self.designated_office = office
        self.designated_on = on
        self.designation_reasons = reasons
        self.handled_by = office
        self.decided_by = by
        self.case.closed_on = on

    @transition(field=state, source=S.SENT, target=S.RECEIPTED, conditions=[is_external],
                permission=is_sender)
    def record_receipt(self, *, on: Any, signed_by: str) -> None:
        self.receipt_on = on
        self.receipt_signed_by = signed_by
        self.case.closed_on = on
