from __future__ import annotations

from django.urls import path

from search import api

urlpatterns = [
    path("precedents/", api.PrecedentSearchView.as_view(), name="api-precedent-list"),
    path("precedents/<int:pk>/", api.PrecedentDetailView.as_view(), name="api-precedent-detail"),
    path("cases/<int:case_id>/similar/", api.CaseSimilarView.as_view(), name="api-case-similar"),
    path("cases/<int:case_id>/consistency/", api.CaseConsistencyView.as_view(),
         name="api-case-consistency"),
]
