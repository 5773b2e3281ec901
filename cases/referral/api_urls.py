from __future__ import annotations

from django.urls import path

from cases.referral import api

urlpatterns = [
    path("cases/<int:case_id>/threshold-waiver/", api.WaiverView.as_view(),
         name="api-threshold-waiver"),
    path("referrals/dashboard/", api.DashboardView.as_view(), name="api-referral-dashboard"),
]
