"""The access log (访问日志): who read or exported what, when and from where.

Append-only like the case timeline: rows are added by :func:`cases.services.audit.record`
and never changed or removed through the ORM or the admin. Each row carries the office of
the thing read, so administrators see the log of their own office subtree.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.events import AppendOnlyError


class AuditAction(models.TextChoices):
    CASE_VIEWED = "case_viewed", _("Case page opened")
    DOCUMENT_DOWNLOADED = "document_downloaded", _("Document downloaded")
    EVIDENCE_DOWNLOADED = "evidence_downloaded", _("Exhibit downloaded")
    LIST_EXPORTED = "list_exported", _("List exported")
    PRECEDENTS_SEARCHED = "precedents_searched", _("Precedents searched")
    LOGIN_FAILED = "login_failed", _("Failed login")
    TEMPLATE_ACTIVATED = "template_activated", _("Document template activated")
    PRECEDENT_IMPORTED = "precedent_imported", _("Precedent imported")
    PRECEDENT_CHANGED = "precedent_changed", _("Precedent changed")
    PARTY_DATA_READ = "party_data_read", _("Party or agent details read")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")
    PRECEDENT_VIEWED = "precedent_viewed", _("Precedent opened")
    APPROVALS_READ = "approvals_read", _("Approval requests read")
    CASES_SEARCHED = "cases_searched", _("Cases searched")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("the access log is append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("the access log is append-only")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    username = models.CharField(_("user name"), max_length=150, blank=True,
                                help_text=_("As typed, for failed logins."))
    office = models.ForeignKey("cases.Office", verbose_name=_("office"), null=True,
                               blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=40, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    detail = models.CharField(_("details"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["office", "at"], name="auditentry_office_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("the access log is append-only")
