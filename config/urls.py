from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

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
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("cases.ruling.urls")),
    path("", include("cases.referral.urls")),
    path("", include("cases.complaints.urls")),
    path("", include("documents.urls")),
    path("", include("search.urls")),
    path("", include("cases.urls")),
]
