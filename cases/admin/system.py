"""The system's own tables in the admin, in Chinese and for the right administrators:
role groups by their role's name, Celery's task results and periodic tasks with what each
task does and how it ended. Celery's tables concern the whole installation, so only an
administrator of the top office (or a superuser) sees them; a city's administrator does
not."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from django_celery_results.models import GroupResult, TaskResult

from cases.admin.offices import role_label
from cases.admin.permissions import PermissionLabels

# What each task of the system does, as an administrator reads it.
TASK_LABELS: dict[str, Promise] = {
    "cases.tasks.after_case_event": _("Work after a case step (notices, documents)"),
    "cases.tasks.sweep_deadlines": _("Deadline reminders"),
    "cases.tasks.send_notification_emails": _("Notification e-mails"),
    "cases.tasks.purge_staged_uploads": _("Remove files kept from refused intake forms"),
    "documents.tasks.render_document": _("Render a document"),
    "documents.tasks.convert_pdf": _("Convert a document to PDF"),
    "stats.tasks.drain_summary": _("Statistics catch-up"),
    "search.tasks.drain_outbox": _("Update the precedent index"),
    "search.tasks.sweep_outbox": _("Precedent index catch-up"),
    "celery.backend_cleanup": _("Clean up old task results"),
}
STATUS_LABELS: dict[str, Promise] = {
    "PENDING": _("Task waiting"), "RECEIVED": _("Task received"),
    "STARTED": _("Task running"), "SUCCESS": _("Task succeeded"),
    "FAILURE": _("Task failed"), "RETRY": _("Task retrying"),
    "REVOKED": _("Task cancelled"), "IGNORED": _("Task ignored"),
}


def task_label(name: str | None) -> str:
    label = TASK_LABELS.get(name or "")
    return str(label) if label is not None else (name or "")


class TopAdministratorOnly:
    """Only a superuser or an administrator of the top office reaches these tables."""

    def _allowed(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "sees_every_office", False))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request) and super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request) and super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._allowed(request) and super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request) and super().has_delete_permission(request, obj)  # type: ignore[misc]


class TaskFilter(admin.SimpleListFilter):
    title = _("task")
    parameter_name = "task"
    field = "task"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        names = (model_admin.get_queryset(request).order_by(self.field)
                 .values_list(self.field, flat=True).distinct())
        return [(name, task_label(name)) for name in names if name]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(**{self.field: self.value()}) if self.value() else queryset


class TaskNameFilter(TaskFilter):
    parameter_name = "task_name"
    field = "task_name"


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in STATUS_LABELS.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(status=self.value()) if self.value() else queryset


def _replace(model: type[Any], mixins: tuple[type, ...], attrs: dict[str, Any]) -> None:
    """Re-register ``model`` with its package's admin class extended by ``mixins``."""
    base = type(admin.site._registry[model])
    admin.site.unregister(model)
    admin.site.register(model, type(f"Local{base.__name__}", (*mixins, base), attrs))


@admin.display(description=_("task"), ordering="task_name")
def _result_task(obj: TaskResult) -> str:
    return task_label(obj.task_name)


@admin.display(description=_("status"), ordering="status")
def _result_status(obj: TaskResult) -> str:
    label = STATUS_LABELS.get(obj.status)
    return str(label) if label is not None else obj.status


@admin.display(description=_("task"), ordering="task")
def _periodic_task(obj: PeriodicTask) -> str:
    return task_label(obj.task)


@admin.display(description=_("group"), ordering="name")
def _group_name(obj: Group) -> str:
    return role_label(obj.name)


_replace(TaskResult, (TopAdministratorOnly,), {
    "list_display": ("task_id", _result_task, "periodic_task_name", "date_done",
                     _result_status, "worker"),
    "list_filter": (StatusFilter, "date_done", TaskNameFilter)})
_replace(PeriodicTask, (TopAdministratorOnly,), {
    "list_display": ("name", _periodic_task, "enabled", "scheduler", "last_run_at"),
    "list_filter": ("enabled", "one_off", TaskFilter, "last_run_at")})
for _model in (GroupResult, ClockedSchedule, CrontabSchedule, IntervalSchedule,
               SolarSchedule):
    _replace(_model, (TopAdministratorOnly,), {})
_replace(Group, (PermissionLabels,), {"list_display": (_group_name,)})
