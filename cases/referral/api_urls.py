from __future__ import annotations

from django.urls import path

from cases.referral import api

urlpatterns = [
    path("cases/<int:case_id>/threshold-waiver/", api.WaiverView.as_view(),
         name="api-threshold-waiver"),
    path("referrals/dashboard/", api.DashboardView.as_view(), name="api-referral-dashboard"),
    path("referrals/dashboard/referrals/", api.ReferralListView.as_view(),
         name="api-referral-referrals"),
    path("referrals/dashboard/transfers/", api.TransferListView.as_view(),
         name="api-referral-transfers"),
    path("referrals/dashboard/flagged/", api.FlaggedListView.as_view(),
         name="api-referral-flagged_not_referred"),
]
