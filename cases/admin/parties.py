"""Admin for parties, agents and IP rights, scoped to the user's offices.

Saving goes through the model form, which runs the model's ``full_clean``: the identifier
validators' messages appear at their field. A user who is not an administrator never picks
an office: a new record belongs to their own, set before validation so that the
one-identifier-per-office rule is checked on the form instead of failing in the database.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import ForeignKey, Q, QuerySet
from django.forms import ModelChoiceField, ModelForm
from django.http import HttpRequest

from cases.admin.audit import ReadsAudited
from cases.models import Agent, AuditAction, IPRight, Party, Role
from cases.selectors.parties import parties_for
from cases.selectors.scope import office_scope_q, visible_offices
from cases.validators import normalize_patent_application_number


class OfficeScopedAdmin(admin.ModelAdmin):
    """Lists only records of the user's office tree; new records belong to their office."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return super().get_queryset(request).filter(office_scope_q(request.user))

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        if request.user.is_system_admin:  # type: ignore[union-attr]
            return super().get_exclude(request, obj)
        return ("office",)

    def get_list_filter(self, request: HttpRequest) -> Any:
        filters = tuple(super().get_list_filter(request))
        # Only someone who sees more than one office needs to tell them apart.
        if visible_offices(request.user).count() > 1:
            return (*filters, "office")
        return filters

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False,
                 **kwargs: Any) -> Any:
        form: type[ModelForm[Any]] = super().get_form(request, obj, change=change, **kwargs)
        own_office = getattr(request.user, "office", None)
        if "office" in form.base_fields or own_office is None:
            return form

        class OwnOfficeForm(form):  # type: ignore[valid-type,misc]
            def _post_clean(self) -> None:
                if self.instance.office_id is None:
                    self.instance.office = own_office
                super()._post_clean()

        return OwnOfficeForm

    def formfield_for_foreignkey(self, db_field: ForeignKey[Any, Any], request: HttpRequest,
                                 **kwargs: Any) -> ModelChoiceField[Any] | None:
        if db_field.name == "office":
            kwargs["queryset"] = visible_offices(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change and not obj.office_id:
            obj.office = request.user.office  # type: ignore[union-attr]
        super().save_model(request, obj, form, change)


class NotForMediators:
    """Parties and agents are registered by officers in the admin; a mediator works with
    them only inside their mediation cases, never through the admin's lists."""

    def _allowed(self, request: HttpRequest) -> bool:
        user = request.user
        # The admin's login page asks every model admin about the anonymous visitor too.
        return user.is_authenticated and (user.is_superuser or user.has_role(
            Role.OFFICER, Role.LEGAL, Role.HEAD, Role.ADMIN))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request) and super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request) and super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request) and super().has_add_permission(request)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request) and super().has_delete_permission(request, obj)  # type: ignore[misc]


@admin.register(Party)
class PartyAdmin(NotForMediators, ReadsAudited, OfficeScopedAdmin):
    read_action = AuditAction.PARTY_DATA_READ
    list_read_audited = True
    list_display = ("name", "kind", "id_number", "legal_representative", "region_code",
                    "phone", "office")
    list_filter = ("kind",)
    search_fields = ("name", "id_number", "legal_representative")
    readonly_fields = ("created_by", "created_at", "updated_at")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Agent)
class AgentAdmin(NotForMediators, ReadsAudited, OfficeScopedAdmin):
    read_action = AuditAction.PARTY_DATA_READ
    list_read_audited = True
    list_display = ("name", "kind", "firm", "license_number", "phone", "office")
    list_filter = ("kind",)
    search_fields = ("name", "firm", "license_number")


@admin.register(IPRight)
class IPRightAdmin(OfficeScopedAdmin):
    list_display = ("display_number", "title", "kind", "status", "holder", "holder_name",
                    "nice_class", "office")
    list_filter = ("kind", "status")
    search_fields = ("number", "title", "holder__name", "holder_name")
    autocomplete_fields = ("holder",)
    readonly_fields = ("created_at",)

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Any],
                           search_term: str) -> tuple[QuerySet[Any], bool]:
        # A patent number is found in any form it is written in (ZL2020 1 0123456.7,
        # 2020101234567): the stored form is the normalised one.
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term)
        try:
            number = normalize_patent_application_number(search_term)
        except ValidationError:
            return queryset, may_have_duplicates
        queryset |= self.get_queryset(request).filter(Q(number=number))
        return queryset, may_have_duplicates

    def formfield_for_foreignkey(self, db_field: ForeignKey[Any, Any], request: HttpRequest,
                                 **kwargs: Any) -> ModelChoiceField[Any] | None:
        if db_field.name == "holder":
            # A crafted request cannot name a party of an office the user cannot see.
            kwargs["queryset"] = parties_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
