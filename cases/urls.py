from __future__ import annotations

from django.urls import path

from cases import views
from cases.views import documents

urlpatterns = [
    path("", views.home, name="home"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification-read"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications-read-all"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/export.xlsx", views.case_export, name="case-export"),
    path("cases/new/", views.intake, name="intake"),
    path("cases/new/parties/", views.intake_party_search, name="intake-party-search"),
    path("cases/new/parties/chip/", views.intake_party_chip, name="intake-party-chip"),
    path("cases/new/parties/create/", views.intake_new_party, name="intake-new-party"),
    path("cases/new/patents/", views.intake_right_search, name="intake-right-search"),
    path("cases/new/patents/chip/", views.intake_right_chip, name="intake-right-chip"),
    path("cases/new/patents/create/", views.intake_new_right, name="intake-new-right"),
    path("cases/new/checks/", views.intake_checks, name="intake-checks"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/actions/<slug:name>/", views.case_action, name="case-action"),
    path("cases/<int:pk>/evidence/<int:evidence_id>/", views.evidence_download,
         name="evidence-download"),
    path("cases/<int:pk>/documents/", documents.panel, name="case-documents"),
    path("cases/<int:pk>/documents/generate/", documents.generate, name="document-generate"),
    path("cases/<int:pk>/documents/<int:doc>/issue/", documents.issue, name="document-issue"),
    path("cases/<int:pk>/documents/<int:doc>/void/", documents.void, name="document-void"),
    path("cases/<int:pk>/documents/<int:doc>/pdf/", documents.pdf, name="document-pdf"),
    path("cases/<int:pk>/documents/<int:doc>/<slug:fmt>/", documents.download,
         name="document-download"),
    path("precedents/", views.precedent_search, name="precedent-search"),
    path("precedents/<int:pk>/", views.precedent_detail, name="precedent-detail"),
]
