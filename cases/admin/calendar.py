"""Admin for the working-day calendar and the time-limit rules."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cases.models import CalendarDay, CalendarYear, DeadlineRule


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    extra = 3
    fields = ("date", "kind", "name")


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "complete", "note", "updated_at")
    list_filter = ("source", "complete")
    inlines = [CalendarDayInline]
    readonly_fields = ("entered_by", "updated_at")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.entered_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "amount", "unit", "effective_from", "effective_until",
                    "is_active")
    list_filter = ("workflow", "unit", "is_active")
    search_fields = ("code", "name", "legal_basis")
    ordering = ("workflow", "code", "-effective_from")
