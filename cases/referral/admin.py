"""Criminal thresholds in the admin: versioned like the time-limit rules (a new figure is
a new row with its own effective date, the old one gets an end date)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from cases.referral.models import ThresholdRule


@admin.register(ThresholdRule)
class ThresholdRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "article", "measure", "amount", "group", "min_marks",
                    "effective_from", "effective_until", "verify", "is_active")
    list_filter = ("offence", "measure", "verify", "is_active")
    search_fields = ("code", "article", "legal_basis", "note")
    ordering = ("offence", "group", "code", "-effective_from")
    fieldsets = (
        (None, {"fields": ("code", "offence", "article")}),
        (_("Threshold"), {"fields": ("measure", "amount", "group", "any_one_suffices",
                                     "min_marks")}),
        (_("Validity"), {"fields": ("effective_from", "effective_until", "is_active")}),
        (_("Legal basis"), {"fields": ("legal_basis", "verify", "note")}),
    )
