from __future__ import annotations

from django.urls import path

from cases.complaints import api

urlpatterns = [
    path("cases/<int:case_id>/figures/", api.FiguresView.as_view(), name="api-case-figures"),
    path("cases/<int:case_id>/duplicates/", api.DuplicatesView.as_view(),
         name="api-case-duplicates"),
]
