"""Pages of the complaints workflow."""

from __future__ import annotations

from django.urls import path

from cases.complaints import views

urlpatterns = [
    path("complaints/new/", views.register, name="complaint-register"),
]
