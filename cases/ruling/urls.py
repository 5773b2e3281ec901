"""Pages of the ruling workflow: filing a request (intake)."""

from __future__ import annotations

from django.urls import path

from cases.ruling import review_views, views

urlpatterns = [
    path("cases/new/", views.intake, name="intake"),
    path("cases/new/parties/", views.intake_party_search, name="intake-party-search"),
    path("cases/new/parties/chip/", views.intake_party_chip, name="intake-party-chip"),
    path("cases/new/parties/create/", views.intake_new_party, name="intake-new-party"),
    path("cases/new/patents/", views.intake_right_search, name="intake-right-search"),
    path("cases/new/patents/chip/", views.intake_right_chip, name="intake-right-chip"),
    path("cases/new/patents/create/", views.intake_new_right, name="intake-new-right"),
    path("cases/<int:pk>/draft/", review_views.draft, name="ruling-draft"),
    path("cases/<int:pk>/review/", review_views.review, name="ruling-review"),
    path("cases/new/checks/", views.intake_checks, name="intake-checks"),
]
