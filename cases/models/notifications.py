"""Notifications stored in the system (and e-mailed where configured)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Deadline approaching")
    MISSED = "missed", _("Deadline missed")
    APPROVAL_NEEDED = "approval_needed", _("Approval needed")
    APPROVAL_RETURNED = "approval_returned", _("Returned by the head of office")
    REVIEW_NEEDED = "review_needed", _("Legal review needed")
    ASSIGNED = "assigned", _("Case assigned")
    PERIOD_ENDED = "period_ended", _("Parties' period ended: next step due")
    DEADLINE_MOVED = "deadline_moved", _("Deadline recomputed on the official calendar")
    STATUS_CHANGED = "status_changed", _("Status changed at the receiving authority")
    CALENDAR_MISSING = "calendar_missing", _("Working-day calendar to be entered")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE,
        related_name="notifications",
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="notifications",
    )
    deadline = models.ForeignKey(
        "cases.Deadline", verbose_name=_("deadline"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    # Working days before the due date this reminder is for; 0 for "missed" and others.
    lead_days = models.SmallIntegerField(_("lead (working days)"), default=0)
    # For non-deadline notifications: what made it unique (e.g. the event id).
    dedupe_key = models.CharField(_("deduplication key"), max_length=80, blank=True)
    message = models.CharField(_("message"), max_length=300)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Never twice for the same deadline, recipient, kind and lead, however many
            # sweeps run or overlap: inserts that hit this constraint are ignored.
            models.UniqueConstraint(
                fields=["deadline", "recipient", "kind", "lead_days"],
                condition=models.Q(deadline__isnull=False),
                name="uniq_deadline_notification",
            ),
            models.UniqueConstraint(
                fields=["recipient", "kind", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="uniq_keyed_notification",
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notif_recipient_read")]

    def __str__(self) -> str:
        return self.message
