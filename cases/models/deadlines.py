"""Statutory clocks running on a case, each computed from a versioned DeadlineRule."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Running")
    PAUSED = "paused", _("Paused")
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


class Deadline(models.Model):
    """One clock: started by a transition, met, missed or cancelled by the one answering it.

    ``due_at`` is exact for hour-based rules and the end of the due day (Asia/Shanghai)
    for day-based ones, so one indexed range query finds every clock near its end.
    While paused (中止), ``remaining`` keeps what was left, in ``remaining_unit``.
    ``provisional`` marks a due date computed on a year without an official calendar;
    ``computation`` records how the due date was counted, so it can be counted again on
    the official calendar once that year is entered.
    """

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="deadlines"
    )
    rule = models.ForeignKey(
        "cases.DeadlineRule", verbose_name=_("rule"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=60)
    started_at = models.DateTimeField(_("started at"))
    due_on = models.DateField(_("due date"))
    due_at = models.DateTimeField(_("due at"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    remaining = models.IntegerField(_("remaining at pause"), null=True, blank=True)
    remaining_unit = models.CharField(_("unit of remaining"), max_length=20, blank=True)
    extended = models.BooleanField(_("extended"), default=False)
    provisional = models.BooleanField(
        _("provisional"), default=False,
        help_text=_("Computed on a year without an official holiday calendar; recomputed "
                    "when the year is entered."))
    computation = models.JSONField(_("computation"), default=list, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.CharField(_("closed by action"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_at", "id"]
        indexes = [
            # The reminder sweep: open clocks ordered by their end.
            models.Index(fields=["status", "due_at"], name="deadline_status_due"),
            models.Index(fields=["case", "status"], name="deadline_case_status"),
            # The workbench's "on a provisional year" mark: the few running provisional
            # clocks, so that checking it for a page of cases reads a tiny index.
            models.Index(fields=["case"], name="deadline_provisional_running",
                         condition=models.Q(provisional=True, status__in=["open", "paused"])),
        ]

    def __str__(self) -> str:
        return f"{self.code} → {self.due_on}"
