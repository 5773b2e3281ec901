"""Admin for the working-day calendar and the time-limit rules.

Administrators enter a later year's public holidays and make-up working days (调休) here,
once the State Council has published them; the year counts for deadlines only once it is
marked complete.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases.models import CalendarDay, CalendarYear, DeadlineRule
from cases.models.calendar import CalendarSource
from cases.services.calendar import apply_official_calendar


class CalendarDayFormSet(BaseInlineFormSet):
    def validate_unique(self) -> None:
        # The only unique field is the date; Django's own check would report a repeated
        # date as an anonymous "duplicate data" error above the row, not at the field.
        seen: dict[Any, Any] = {}
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            day = form.cleaned_data.get("date")
            if day is None:
                continue
            if day in seen:
                form.add_error("date", ValidationError(
                    _("Date: %(date)s is listed twice; a day is either a holiday or a "
                      "make-up working day."), code="duplicate", params={"date": day}))
            seen[day] = form


class CalendarDayInline(admin.TabularInline):
    model = CalendarDay
    formset = CalendarDayFormSet
    extra = 3
    fields = ("date", "kind", "name")


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    list_display = ("year", "source", "complete", "day_count", "note", "entered_by",
                    "updated_at")
    list_filter = ("source", "complete")
    search_fields = ("year", "note")
    inlines = [CalendarDayInline]
    fields = ("year", "complete", "note", "source", "entered_by", "updated_at")
    readonly_fields = ("source", "entered_by", "updated_at")

    def get_queryset(self, request: HttpRequest) -> Any:
        return (super().get_queryset(request).select_related("entered_by")
                .annotate(day_count=Count("days")))

    @admin.display(description=_("holidays and make-up working days"),
                   ordering="day_count")
    def day_count(self, obj: Any) -> int:
        return int(obj.day_count)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Whatever an administrator saves is theirs: re-seeding from the package must not
        # undo a correction, and seeding leaves manual years alone.
        obj.entered_by = request.user
        obj.source = CalendarSource.MANUAL
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any,
                     change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # The year's days are saved now: clocks computed provisionally move to it.
        if form.instance.complete:
            apply_official_calendar()


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "amount", "unit", "effective_from", "effective_until",
                    "is_active")
    list_filter = ("workflow", "unit", "is_active")
    search_fields = ("code", "name", "legal_basis")
    ordering = ("workflow", "code", "-effective_from")
    fieldsets = (
        (None, {"fields": ("code", "workflow", "name")}),
        (_("Time limit"), {"fields": ("amount", "unit")}),
        (_("Validity"), {"fields": ("effective_from", "effective_until", "is_active")}),
        (_("Legal basis"), {"fields": ("legal_basis", "note")}),
    )
