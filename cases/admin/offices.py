"""Admin for offices, their number codes and users."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db.models import ForeignKey, ManyToManyField, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases.admin.permissions import PermissionLabels
from cases.models import DocumentNumberPrefix, Office, Role, User
from cases.selectors.scope import office_scope_q, visible_offices


def role_label(name: str) -> str:
    """A role group's name as the user reads it (执法人员…); other groups as named."""
    try:
        return str(Role(name).label)
    except ValueError:
        return name


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(value, str(label)) for value, label in Role.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(groups__name=self.value()) if self.value() else queryset


class PrefixInline(admin.TabularInline):
    model = DocumentNumberPrefix
    extra = 1


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ("name", "level", "region_code", "parent", "is_active")
    list_filter = ("level", "is_active")
    search_fields = ("name", "region_code", "region_name")
    inlines = [PrefixInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Office]:
        # A city's administrator manages the city's offices, not another city's.
        return super().get_queryset(request).filter(
            pk__in=visible_offices(request.user).values("pk"))


@admin.register(User)
class UserAdmin(PermissionLabels, BaseUserAdmin):
    """Staff records, managed within the office tree.

    Only a superuser sees or changes superuser status, individual permissions and
    membership of the administrator group; everybody else (office administrators, heads)
    sees and manages only the users of their own office subtree, never a superuser, and
    never another administrator's record but their own. The forms simply do not offer
    what the editor may not set, so a crafted POST is ignored or refused by validation.
    """

    list_display = ("username", "name", "office", "is_active", "is_staff")
    list_filter = ("office", RoleFilter, "is_active")
    search_fields = ("username", "name", "email")
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Office and role"), {"fields": ("name", "office", "badge_number", "phone")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "usable_password", "password1", "password2")}),
        (_("Office and role"), {"fields": ("name", "office", "badge_number", "phone")}),
    )
    _RESTRICTED_FIELDS = frozenset({"is_superuser", "user_permissions"})

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        return users.filter(office_scope_q(request.user), is_superuser=False)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not self.has_change_permission(request, obj):
            # Read only: the groups by the role's name (管理员…), as the form offers them;
            # Django would join the groups' internal names (admin, officer).
            fieldsets = tuple(
                (title, {**options, "fields": tuple(
                    _role_names if f == "groups" else f for f in options["fields"])})
                for title, options in fieldsets)
        if request.user.is_superuser:
            return fieldsets
        # By name: a read-only view shows user_permissions by a display of that name.
        return tuple(
            (title, {**options, "fields": tuple(
                f for f in options["fields"]
                if getattr(f, "__name__", f) not in self._RESTRICTED_FIELDS)})
            for title, options in fieldsets
        )

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False,
                 **kwargs: Any) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if not request.user.is_superuser and "office" in form.base_fields:
            form.base_fields["office"].required = True
        return form

    def formfield_for_foreignkey(self, db_field: ForeignKey[Any, Any], request: HttpRequest,
                                 **kwargs: Any) -> ModelChoiceField[Any] | None:
        if db_field.name == "office":
            kwargs["queryset"] = visible_offices(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field: ManyToManyField[Any, Any],
                                 request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "groups":
            kwargs["queryset"] = manageable_groups(request.user)
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name == "groups":
            # Role groups by the role's name (办案人员…), not the internal one.
            field.label_from_instance = lambda obj: role_label(obj.name)
        return field

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and obj != request.user and (
                obj.is_superuser or Role.ADMIN in obj.roles):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not request.user.is_superuser and (
                obj == request.user or obj.is_superuser or Role.ADMIN in obj.roles):
            return False
        return super().has_delete_permission(request, obj)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any,
                     change: bool) -> None:
        user = form.instance
        # Groups the editor may not manage (the administrator group) keep their members.
        kept = list(user.groups.exclude(pk__in=manageable_groups(request.user)))
        super().save_related(request, form, formsets, change)
        if kept:
            user.groups.add(*kept)


@admin.display(description=User._meta.get_field("groups").verbose_name)
def _role_names(user: User) -> str:
    return "、".join(role_label(group.name) for group in user.groups.order_by("name"))


_role_names.__name__ = "groups"  # the row keeps the field's CSS class and help text


def manageable_groups(user: Any) -> QuerySet[Group]:
    """The role groups ``user`` may give or take away: all for a superuser, every role
    but administrator for anyone else."""
    groups = Group.objects.all()
    if user.is_superuser:
        return groups
    return groups.exclude(name=Role.ADMIN)
