from __future__ import annotations

from django.urls import path

from documents import api

urlpatterns = [
    path("cases/<int:case_id>/documents/", api.CaseDocumentsView.as_view(),
         name="api-case-documents"),
    path("documents/<int:document_id>/", api.DocumentDetailView.as_view(),
         name="api-document-detail"),
    path("documents/<int:document_id>/download/", api.DocumentDownloadView.as_view(),
         name="api-document-download"),
    path("documents/<int:document_id>/issue/", api.DocumentIssueView.as_view(),
         name="api-document-issue"),
    path("documents/<int:document_id>/void/", api.DocumentVoidView.as_view(),
         name="api-document-void"),
    path("documents/<int:document_id>/versions/", api.DocumentUploadView.as_view(),
         name="api-document-upload"),
    path("documents/<int:document_id>/service-records/", api.DocumentServiceView.as_view(),
         name="api-document-service"),
]
