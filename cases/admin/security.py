"""Admin for API tokens and login lockouts.

An administrator issues a token for a user of the offices it may see (the token is shown
once, in the confirmation message) and revokes one by deleting it; a locked login is
unlocked by deleting its access-attempt entry.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy
from knox.admin import AuthTokenAdmin as KnoxAuthTokenAdmin
from knox.admin import AuthTokenCreateForm
from knox.models import AuthToken
from knox.settings import knox_settings

from cases.models import User
from cases.selectors.scope import office_scope_q
from cases.services.tokens import record_issued, record_revoked


@admin.action(description=_("Revoke the selected tokens"))
def revoke_tokens(modeladmin: Any, request: HttpRequest, queryset: QuerySet[AuthToken]) -> None:
    count = queryset.count()
    modeladmin.delete_queryset(request, queryset)
    modeladmin.message_user(request, _("%(count)d tokens revoked.") % {"count": count})


class BoundedAuthTokenCreateForm(AuthTokenCreateForm):
    """The expiry an administrator types is bounded as a user's own token is: in the
    future and at most ``API_TOKEN_MAX_DAYS`` away (blank: the default validity)."""

    def clean_expiry(self) -> Any:
        expiry = self.cleaned_data.get("expiry")
        if expiry is None:
            return expiry
        now = timezone.now()
        if expiry <= now:
            raise ValidationError(_("The expiry must be in the future."))
        if expiry > now + timedelta(days=settings.API_TOKEN_MAX_DAYS):
            raise ValidationError(
                _("A token may be valid for at most %(max)d days.")
                % {"max": settings.API_TOKEN_MAX_DAYS})
        return expiry


# django-rest-knox names neither its app, its model nor its fields: Django derives "Knox",
# "auth token" and "token key" from the class and field names, which gettext never sees.
# The admin's app list, titles, column headings and forms read these. (Migrations read the
# Meta options and the arguments a field was built with, not these attributes.)
apps.get_app_config("knox").verbose_name = _("API tokens")
AuthToken._meta.verbose_name = _("API token")
AuthToken._meta.verbose_name_plural = _("API tokens")
for _field, _label in (("digest", pgettext_lazy("API token", "digest")),
                       ("token_key", _("Token begins with")), ("user", _("user")),
                       ("created", _("created at")),
                       ("expiry", pgettext_lazy("API token", "expires at"))):
    AuthToken._meta.get_field(_field).verbose_name = _label
# django-axes names its models (translated here) but not its app: the index said "AXES".
apps.get_app_config("axes").verbose_name = _("Login throttling")
# django-axes ships no Chinese. Its own admin strings, listed so that makemessages keeps
# their translations in our catalogue (Django looks them up there by the same msgid).
AXES_ADMIN_STRINGS = (gettext_noop("Locked Out"), gettext_noop("Attempt Remaining"),
                      gettext_noop("Not set"), gettext_noop("Clean up expired attempts"))

admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class AuthTokenAdmin(KnoxAuthTokenAdmin):
    list_display = ("token_key", "user", "created", "expiry")
    search_fields = ["token_key", "user__username", "user__name"]
    raw_id_fields = ()
    actions = [revoke_tokens]
    add_form = BoundedAuthTokenCreateForm

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuthToken]:
        return super().get_queryset(request).filter(
            office_scope_q(request.user, "user__office")).select_related("user")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest,
                                 **kwargs: Any) -> Any:
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.filter(office_scope_q(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    # Every way the admin deletes a token (the action, "delete selected", the delete page)
    # revokes it, and each revocation is in the access log.
    def delete_model(self, request: HttpRequest, obj: AuthToken) -> None:
        super().delete_model(request, obj)
        record_revoked(obj, request=request)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AuthToken]) -> None:
        for token in queryset.select_related("user"):
            self.delete_model(request, token)

    def save_model(self, request: HttpRequest, obj: AuthToken, form: Any, change: bool) -> None:
        if obj.expiry is None:  # every token expires: left blank, the default validity
            obj.expiry = timezone.now() + knox_settings.TOKEN_TTL
        admin.ModelAdmin.save_model(self, request, obj, form, change)
        if not change:
            record_issued(obj, request=request)
            self.message_user(
                request,
                _("Token for %(user)s: %(token)s. Hand it over now: it is shown only once.")
                % {"user": obj.user, "token": form.token},
                messages.SUCCESS,
            )
