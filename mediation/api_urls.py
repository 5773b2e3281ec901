from __future__ import annotations

from django.urls import path

from mediation import api

urlpatterns = [
    path("mediation/workbench/", api.WorkbenchView.as_view(), name="api-mediator-workbench"),
    *[path(f"mediation/workbench/{name.replace('_', '-')}/", view.as_view(),
           name=f"api-mediator-workbench-{name}")
      for name, view in api.WORKBENCH_LISTS.items()],
    path("cases/<int:case_id>/sessions/", api.SessionListView.as_view(),
         name="api-mediation-sessions"),
    path("cases/<int:case_id>/agreement/", api.AgreementView.as_view(),
         name="api-mediation-agreement"),
]
