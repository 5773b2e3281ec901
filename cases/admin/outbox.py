"""The outbox in the admin: what after-commit work is waiting, how often it failed and why.
Read-only; the sweep is the only thing that runs or retires entries."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from cases.models import OutboxEntry


@admin.register(OutboxEntry)
class OutboxEntryAdmin(admin.ModelAdmin):
    list_display = ("key", "created_at", "attempts", "next_attempt_at", "processed_at",
                    "last_error")
    list_filter = ("task", ("processed_at", admin.EmptyFieldListFilter))
    search_fields = ("key", "last_error")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
