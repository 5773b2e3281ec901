from __future__ import annotations

from django.urls import path

from mediation import api

urlpatterns = [
    path("cases/<int:case_id>/sessions/", api.SessionListView.as_view(),
         name="api-mediation-sessions"),
    path("cases/<int:case_id>/agreement/", api.AgreementView.as_view(),
         name="api-mediation-agreement"),
]
