"""Admin for parties, agents and IP rights, scoped to the user's offices."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from cases.models import Agent, IPRight, Party
from cases.selectors.scope import office_scope_q


class OfficeScopedAdmin(admin.ModelAdmin):
    """Lists only records of the user's office tree; new records belong to their office."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(office_scope_q(request.user))

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_system_admin:  # type: ignore[union-attr]
            return super().get_exclude(request, obj)
        return ("office",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and not obj.office_id:
            obj.office = request.user.office  # type: ignore[union-attr]
        super().save_model(request, obj, form, change)


@admin.register(Party)
class PartyAdmin(OfficeScopedAdmin):
    list_display = ("name", "kind", "id_number", "region_code", "office")
    list_filter = ("kind",)
    search_fields = ("name", "id_number")
    readonly_fields = ("created_by",)


@admin.register(Agent)
class AgentAdmin(OfficeScopedAdmin):
    list_display = ("name", "kind", "firm", "office")
    list_filter = ("kind",)
    search_fields = ("name", "firm")


@admin.register(IPRight)
class IPRightAdmin(OfficeScopedAdmin):
    list_display = ("display_number", "title", "kind", "status", "holder", "office")
    list_filter = ("kind", "status")
    search_fields = ("number", "title", "holder__name", "holder_name")
    autocomplete_fields = ("holder",)
