from __future__ import annotations

from django.urls import path

from cases import api

urlpatterns = [
    path("cases/", api.CaseListView.as_view(), name="api-case-list"),
    path("cases/intake-check/", api.IntakeCheckView.as_view(), name="api-case-intake-check"),
    path("cases/<int:case_id>/", api.CaseDetailView.as_view(), name="api-case-detail"),
    path("cases/<int:case_id>/timeline/", api.CaseTimelineView.as_view(),
         name="api-case-timeline"),
    path("cases/<int:case_id>/transitions/<slug:name>/", api.CaseTransitionView.as_view(),
         name="api-case-transition"),
]
