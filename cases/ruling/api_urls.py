from __future__ import annotations

from django.urls import path

from cases.ruling import api

urlpatterns = [
    path("cases/intake-check/", api.IntakeCheckView.as_view(), name="api-case-intake-check"),
]
