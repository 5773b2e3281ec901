"""Admin for offices, their number codes and users."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from cases.models import DocumentNumberPrefix, Office, User


class PrefixInline(admin.TabularInline):
    model = DocumentNumberPrefix
    extra = 1


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "region_code", "parent", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("name", "region_code", "region_name")
    inlines = [PrefixInline]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "name", "office", "is_active", "is_staff")
    list_filter = ("office", "groups", "is_active")
    search_fields = ("username", "name", "email")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Office and role"), {"fields": ("name", "office", "badge_number", "phone")}),
    )
