"""Admin for cases: a scoped, read-mostly view. Cases change only through the workflow
services; the timeline is read-only by construction."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.admin.audit import ReadsAudited
from cases.models import (
    AuditAction,
    Case,
    CaseAssignment,
    CaseEvent,
    CaseParty,
    Deadline,
    Notification,
)
from cases.selectors.cases import event_detail, event_label
from cases.selectors.scope import office_scope_q


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CasePartyInline(ReadOnlyInline):
    model = CaseParty
    fields = ("role", "party", "agent")
    readonly_fields = fields


class AssignmentInline(ReadOnlyInline):
    model = CaseAssignment
    fields = ("role", "user")
    readonly_fields = fields


class DeadlineInline(ReadOnlyInline):
    model = Deadline
    fields = ("code", "status", "started_at", "due_on", "extended", "closed_by")
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ("at", "actor", "action", "from_state_label", "to_state_label", "reason")
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[CaseEvent]:
        # A row's title (str), action and states read its case's workflow, and its actor
        # is a link: loaded with the rows, not one query each per row.
        return super().get_queryset(request).select_related("case", "actor")

    @admin.display(description=_("action"))
    def action(self, event: CaseEvent) -> str:
        return event_label(event.name, event.case.workflow)

    @admin.display(description=_("from state"))
    def from_state_label(self, event: CaseEvent) -> str:
        return workflows.state_label(event.case.workflow, event.from_state)

    @admin.display(description=_("to state"))
    def to_state_label(self, event: CaseEvent) -> str:
        return workflows.state_label(event.case.workflow, event.to_state)


class WorkflowFilter(admin.SimpleListFilter):
    """The procedures by their names (行政调解…), not their internal keys (mediation)."""

    title = _("workflow")
    parameter_name = "workflow"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(w.name, str(w.label)) for w in workflows.all_workflows()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(workflow=self.value()) if self.value() else queryset


@admin.register(Case)
class CaseAdmin(ReadsAudited):
    read_action = AuditAction.CASE_VIEWED
    search_action = AuditAction.CASES_SEARCHED
    list_display = ("number", "title", "workflow_display", "state_display", "office",
                    "officer_in_charge", "received_on")
    list_filter = (WorkflowFilter, "office")
    search_fields = ("number", "title", "case_parties__party__name")
    inlines = [CasePartyInline, AssignmentInline, DeadlineInline, EventInline]
    list_select_related = ("office", "officer_in_charge")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Case]:
        return (super().get_queryset(request).filter(office_scope_q(request.user))
                .select_related(*workflows.state_relations()))

    @admin.display(description=_("workflow"), ordering="workflow")
    def workflow_display(self, case: Case) -> str:
        return str(workflows.of(case).label)

    @admin.display(description=_("state"))
    def state_display(self, case: Case) -> str:
        return case.get_state_display()

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return [("workflow_display" if f.name == "workflow" else f.name)
                for f in Case._meta.concrete_fields if f.name != "id"] + ["rights"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return self.get_fields(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventNameFilter(admin.SimpleListFilter):
    """Event types as the user reads them (受理, 送达被请求人…), not their internal names."""

    title = _("action")
    parameter_name = "name"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        names = (model_admin.get_queryset(request).order_by("name")
                 .values_list("name", "case__workflow").distinct())
        labels = {name: event_label(name, workflow) for name, workflow in names}
        return sorted(labels.items(), key=lambda item: item[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(name=self.value()) if self.value() else queryset


@admin.register(CaseEvent)
class CaseEventAdmin(ReadsAudited):
    search_action = AuditAction.CASES_SEARCHED
    list_display = ("at", "case", "actor", "kind", "action", "from_state_label",
                    "to_state_label")
    list_filter = ("kind", EventNameFilter)
    search_fields = ("case__number", "reason")
    list_select_related = ("case", "actor")

    def get_queryset(self, request: HttpRequest) -> QuerySet[CaseEvent]:
        return super().get_queryset(request).filter(office_scope_q(request.user, "case__office"))

    @admin.display(description=_("action"), ordering="name")
    def action(self, event: CaseEvent) -> str:
        detail = event_detail(event)
        return f"{event_label(event.name, event.case.workflow)} {detail}".strip()

    @admin.display(description=_("from state"), ordering="from_state")
    def from_state_label(self, event: CaseEvent) -> str:
        return workflows.state_label(event.case.workflow, event.from_state)

    @admin.display(description=_("to state"), ordering="to_state")
    def to_state_label(self, event: CaseEvent) -> str:
        return workflows.state_label(event.case.workflow, event.to_state)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "message", "read_at", "emailed_at")
    list_filter = ("kind",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        qs = super().get_queryset(request)
        if request.user.is_system_admin:  # type: ignore[union-attr]
            # A city's administrator: the notices of their own office tree.
            return qs.filter(office_scope_q(request.user, "recipient__office"))
        return qs.filter(recipient=request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
