from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from cases.api_errors import api_not_found
from cases.views import tokens
from config import health

admin.site.site_header = _("ipcases IP dispute case management")
admin.site.site_title = _("ipcases")
admin.site.index_title = _("Administration")

urlpatterns = [
    # Pages that name no icon (the admin, the API docs) make browsers ask for this one.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("ipcases/favicon.svg"),
                                             permanent=True)),
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file: no inline script,
    # so the Content-Security-Policy needs no exception.
    path("api/docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")),
         name="api-docs"),
    path("accounts/tokens/", tokens.token_list, name="api-tokens"),
    path("accounts/tokens/<slug:key>/revoke/", tokens.token_revoke, name="api-token-revoke"),
    path("healthz", health.healthz, name="healthz"),
    path("", include("cases.ruling.urls")),
    path("", include("cases.referral.urls")),
    path("", include("cases.complaints.urls")),
    path("", include("documents.urls")),
    path("", include("search.urls")),
    path("", include("mediation.urls")),
    path("", include("stats.urls")),
    path("", include("cases.urls")),
]


def handler404(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    """An unexpected error: a page in Chinese (Django's own is one English line), JSON on
    the API. Rendered without the request's context: whatever failed must not fail this."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext(
            "The system could not complete this request, and the error has been logged for "
            "the administrator."), "code": "server_error"},
            status=500, json_dumps_params={"ensure_ascii": False})
    return HttpResponse(render_to_string("500.html"), status=500)
