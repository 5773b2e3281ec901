"""The outbox of after-commit work (notifications, renders, PDF conversions).

A row is written in the same transaction as the change that needs the work, so the work
cannot be lost to a broker outage or a worker crash: after commit the row is handed to
Celery, and a periodic sweep runs whatever is still open (see ``cases.services.outbox``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEntry(models.Model):
    task = models.CharField(_("task"), max_length=100,
                            help_text=_("Name of the Celery task that does the work."))
    args = models.JSONField(_("arguments"), default=list, blank=True)
    key = models.CharField(_("key"), max_length=200, db_index=True,
                           help_text=_("The task and its arguments, to find open work."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt at"), null=True, blank=True,
        help_text=_("While an attempt runs, the end of its lease; after a failure, the time "
                    "of the retry."))
    last_error = models.TextField(_("last error"), blank=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbox entry")
        verbose_name_plural = _("outbox")
        indexes = [models.Index(fields=["processed_at", "next_attempt_at"],
                                name="outboxentry_open")]

    def __str__(self) -> str:
        return self.key
