"""The case timeline: an append-only record of who did what, when and why."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """A timeline event may be added, never changed or removed."""


class CaseEventQuerySet(models.QuerySet["CaseEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("case events are append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("case events are append-only")


class EventKind(models.TextChoices):
    CREATED = "created", _("Case created")
    TRANSITION = "transition", _("Transition")
    CHANGE = "change", _("Change")
    DOCUMENT = "document", _("Document")
    DEADLINE = "deadline", _("Deadline")


class CaseEvent(models.Model):
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="events"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Empty for actions of the system itself."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    name = models.CharField(_("action"), max_length=60)
    from_state = models.CharField(_("from state"), max_length=30, blank=True)
    to_state = models.CharField(_("to state"), max_length=30, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"], name="caseevent_case_at")]

    def __str__(self) -> str:
        """The local time and what was done, as the timeline says it (the admin's rows).
        The label depends on the case's workflow: a list of events loads their cases with
        them (``select_related("case")``), or each row costs a query."""
        from cases import workflows

        when = timezone.localtime(self.at) if self.at else None
        label = workflows.event_label(self.case.workflow, self.name) if self.case_id else None
        return f"{when:%Y-%m-%d %H:%M} {label or self.name}" if when else (label or self.name)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("case events are append-only")
