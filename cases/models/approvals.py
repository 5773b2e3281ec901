"""Approvals (审批) as real steps: an officer submits an action that needs the head's
approval; a head of the case's office (or of a superior office) approves it, which runs
the action with the head as its actor, or returns it with reasons.

Any workflow marks an action ``needs_approval`` (:class:`cases.workflows.Action`); the
requests are written by :mod:`cases.services.approvals` only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApprovalOutcome(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class ApprovalRequest(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT,
                             related_name="approval_requests")
    action = models.CharField(_("action"), max_length=60)
    # The action's input as submitted (replayed when approved) …
    payload = models.JSONField(_("submitted input"), default=dict, blank=True)
    # … and as the approver reads it: [label, value] pairs.
    summary = models.JSONField(_("summary"), default=list, blank=True)
    note = models.TextField(_("note of the submitter"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"),
                                     on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"),
                                   null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=ApprovalOutcome.choices,
                               default=ApprovalOutcome.PENDING)
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # One pending request of an action per case: a second submission is refused.
            models.UniqueConstraint(fields=["case", "action"],
                                    condition=Q(outcome="pending"),
                                    name="approval_one_pending_per_action"),
        ]
        indexes = [models.Index(fields=["outcome", "requested_at"],
                                name="approval_outcome_at")]

    def __str__(self) -> str:
        return f"{self.action}（{self.get_outcome_display()}）"

    @property
    def pending(self) -> bool:
        return self.outcome == ApprovalOutcome.PENDING
