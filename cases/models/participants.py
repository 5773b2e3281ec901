"""Who takes part in a case: parties with their agents, and the users assigned to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyRole(models.TextChoices):
    REQUESTER = "requester", _("Requester")
    RESPONDENT = "respondent", _("Respondent")
    THIRD_PARTY = "third_party", _("Third party")


class CaseParty(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="case_parties"
    )
    party = models.ForeignKey(
        "cases.Party", verbose_name=_("party"), on_delete=models.PROTECT,
        related_name="case_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    agent = models.ForeignKey(
        "cases.Agent", verbose_name=_("agent"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="case_roles",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("case party")
        verbose_name_plural = _("case parties")
        ordering = ["role", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "party", "role"], name="uniq_case_party_role"),
        ]
        indexes = [models.Index(fields=["party", "role"], name="caseparty_party_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.party}"


class AssignmentRole(models.TextChoices):
    PRESIDING = "presiding", _("Presiding officer")
    MEMBER = "member", _("Panel member")
    MEDIATOR = "mediator", _("Mediator")
    APPROVER = "approver", _("Approver")


PANEL_ROLES = (AssignmentRole.PRESIDING, AssignmentRole.MEMBER)


class CaseAssignmentQuerySet(models.QuerySet["CaseAssignment"]):
    def panel(self) -> CaseAssignmentQuerySet:
        """The panel (合议组): the presiding officer and the members."""
        return self.filter(role__in=PANEL_ROLES)


class CaseAssignment(models.Model):
    """A user assigned to a case in a role: panel member, mediator, approver…"""

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE,
        related_name="assignments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT,
        related_name="case_assignments",
    )
    role = models.CharField(_("role in the case"), max_length=20,
                            choices=AssignmentRole.choices)

    objects = CaseAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("case assignment")
        verbose_name_plural = _("case assignments")
        ordering = ["-role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "user", "role"],
                                    name="uniq_assignment_case_user_role"),
        ]
        indexes = [models.Index(fields=["user", "role"], name="assignment_user_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.user}"
