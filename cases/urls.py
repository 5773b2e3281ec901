from __future__ import annotations

from django.urls import path

from cases import views
from cases.views import approvals

urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications-read-all"),
    path("approvals/", approvals.queue, name="approval-queue"),
    path("approvals/<int:pk>/approve/", approvals.approve, name="approval-approve"),
    path("approvals/<int:pk>/return/", approvals.return_request, name="approval-return"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/export.xlsx", views.case_export, name="case-export"),
    path("cases/distribute/", views.distribution, name="distribution"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/assignment/", views.case_assignment, name="case-assignment"),
    path("cases/<int:pk>/actions/<slug:name>/", views.case_action, name="case-action"),
    path("cases/<int:pk>/timeline/", views.case_timeline_page, name="case-timeline"),
    path("cases/<int:pk>/evidence/add/", views.evidence_item_add, name="case-evidence-add"),
    path("cases/<int:pk>/evidence/items/<int:item_id>/edit/", views.evidence_item_edit,
         name="case-evidence-edit"),
    path("cases/<int:pk>/evidence/items/<int:item_id>/remove/", views.evidence_item_remove,
         name="case-evidence-remove"),
    path("cases/<int:pk>/evidence/<int:evidence_id>/", views.evidence_download,
         name="evidence-download"),
]
