from __future__ import annotations

from django.urls import path

from mediation import views

urlpatterns = [
    path("mediation/", views.mediator_workbench, name="mediator-workbench"),
    path("cases/<int:pk>/judicial-confirmation/", views.start_confirmation_view,
         name="mediation-start-confirmation"),
]
