"""Pages of the documents app: the documents panel of the case page and its actions."""

from __future__ import annotations

from django.urls import path

from documents import views

urlpatterns = [
    path("cases/<int:pk>/documents/", views.panel, name="case-documents"),
    path("cases/<int:pk>/documents/generate/", views.generate, name="document-generate"),
    path("cases/<int:pk>/documents/<int:doc>/issue/", views.issue, name="document-issue"),
    path("cases/<int:pk>/documents/<int:doc>/void/", views.void, name="document-void"),
    path("cases/<int:pk>/documents/<int:doc>/make-pdf/", views.pdf, name="document-pdf"),
    path("cases/<int:pk>/documents/<int:doc>/<slug:fmt>/", views.download,
         name="document-download"),
]
