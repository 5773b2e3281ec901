"""Everything under /api/v1/, one include per app."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("cases.ruling.api_urls")),
    path("", include("cases.complaints.api_urls")),
    path("", include("cases.referral.api_urls")),
    path("", include("cases.api_urls")),
    path("", include("search.api_urls")),
    path("", include("documents.api_urls")),
    path("", include("mediation.api_urls")),
]
