"""Pages of the referral package."""

from __future__ import annotations

from django.urls import path

from cases.referral import views

urlpatterns = [
    path("referrals/", views.dashboard, name="referral-dashboard"),
    path("cases/<int:pk>/threshold/waive/", views.waive, name="threshold-waive"),
    path("cases/<int:pk>/figures/", views.figures, name="case-figures"),
]
