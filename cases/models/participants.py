"""Who takes part in a ruling case: parties with their agents, and the panel (合议组)."""

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
        return f"{self.get_role_display()}: {self.party}"


class PanelRole(models.TextChoices):
    PRESIDING = "presiding", _("Presiding officer")
    MEMBER = "member", _("Panel member")


class PanelMember(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE,
        related_name="panel_members",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("officer"), on_delete=models.PROTECT,
        related_name="panel_seats",
    )
    role = models.CharField(_("panel role"), max_length=20, choices=PanelRole.choices)

    class Meta:
        verbose_name = _("panel member")
        verbose_name_plural = _("panel members")
        ordering = ["-role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="uniq_panel_case_user"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.user}"
