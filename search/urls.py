"""Pages of the search app: precedent search and a precedent."""

from __future__ import annotations

from django.urls import path

from search import views

urlpatterns = [
    path("precedents/", views.precedent_search, name="precedent-search"),
    path("precedents/<int:pk>/", views.precedent_detail, name="precedent-detail"),
]
