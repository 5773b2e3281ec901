"""The generic case header (案件) every workflow shares.

A case is handled by one workflow (administrative ruling, mediation, judicial
confirmation, referral, complaint…). The header holds what every case has; each workflow
keeps its own columns and its state machine in its own model, one-to-one with the case
and sharing its primary key, registered in :mod:`cases.workflows`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases import workflows


class Case(models.Model):
    """What every case has, whatever its workflow."""

    office = models.ForeignKey(
        "cases.Office", verbose_name=_("handling office"), on_delete=models.PROTECT,
        related_name="cases",
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    number = models.CharField(_("case number"), max_length=60, editable=False)
    # The registered workflow handling the case (cases.workflows); not a choices field,
    # so that registering a workflow needs no migration of the kernel.
    workflow = models.CharField(_("workflow"), max_length=30, db_index=True)
    title = models.CharField(_("cause of action"), max_length=200)
    received_on = models.DateField(_("received on"))
    officer_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("officer in charge"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="cases_in_charge",
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    origin = models.ForeignKey(
        "self", verbose_name=_("originating case"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="derived_cases",
        help_text=_("The case this one came from, e.g. the ruling case a mediation "
                    "started from."),
    )
    # The IP rights in dispute: every workflow of this system concerns some.
    rights = models.ManyToManyField(
        "cases.IPRight", verbose_name=_("patents in dispute"), related_name="cases", blank=True
    )

    # The nearest running clock of the case, kept by the clock engine
    # (cases.services.deadlines) on every clock change, so that the workbench and the
    # case list sort and filter on an indexed column instead of a subquery per case.
    next_deadline = models.ForeignKey(
        "cases.Deadline", verbose_name=_("next deadline"), null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="+",
    )
    next_deadline_at = models.DateTimeField(_("next deadline due at"), null=True, blank=True,
                                            editable=False)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True,
        on_delete=models.PROTECT, related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "year", "sequence"], name="uniq_case_number_office_year"
            ),
        ]
        indexes = [
            models.Index(fields=["office", "workflow"], name="case_office_workflow"),
            models.Index(fields=["officer_in_charge", "closed_on"], name="case_officer_closed"),
            models.Index(fields=["number"], name="case_number"),
            # The case list's default order, whole scope and per office.
            models.Index(fields=["-received_on", "-id"], name="case_received_desc"),
            models.Index(fields=["office", "-received_on", "-id"],
                         name="case_office_received_desc"),
            # The workbench: an officer's open cases by their next deadline.
            models.Index(fields=["officer_in_charge", "next_deadline_at", "received_on", "id"],
                         condition=models.Q(closed_on__isnull=True),
                         name="case_open_officer_next"),
            # Open cases by their next deadline (overdue filter, heads' and legal
            # staff's workbenches).
            models.Index(fields=["next_deadline_at", "received_on", "id"],
                         condition=models.Q(closed_on__isnull=True),
                         name="case_open_next"),
            # An office's open cases of one workflow (what a workflow says waits for the
            # office's staff on their workbench, e.g. complaints to handle).
            models.Index(fields=["office", "workflow"],
                         condition=models.Q(closed_on__isnull=True),
                         name="case_open_office_workflow"),
            # The open cases of one workflow by nearest running clock (the referral
            # dashboard's open referrals and transfers).
            models.Index(fields=["workflow", "next_deadline_at", "received_on", "id"],
                         condition=models.Q(closed_on__isnull=True),
                         name="case_open_workflow_next"),
        ]

    def __str__(self) -> str:
        return self.number or str(_("(unnumbered case)"))

    @property
    def is_open(self) -> bool:
        """Every workflow records the day a case ends (closed, withdrawn, not accepted…)."""
        return self.closed_on is None

    @property
    def flow(self) -> Any:
        """The workflow record of the case (its state machine), by the registry."""
        return workflows.flow_of(self)

    @property
    def state(self) -> str:
        """The state of the case in its workflow."""
        return str(self.flow.state)

    def get_state_display(self) -> str:
        return workflows.state_label(self.workflow, self.state)
