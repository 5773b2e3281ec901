from __future__ import annotations

from django.urls import path

from stats import views

urlpatterns = [
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export.xlsx", views.statistics_export, {"fmt": "xlsx"},
         name="statistics-export-xlsx"),
    path("statistics/export.csv", views.statistics_export, {"fmt": "csv"},
         name="statistics-export-csv"),
    path("statistics/repeat-infringers/", views.repeat_infringers, name="repeat-infringers"),
    path("statistics/repeat-infringers/export.xlsx", views.repeat_infringers_export,
         {"fmt": "xlsx"}, name="repeat-infringers-export-xlsx"),
    path("statistics/repeat-infringers/export.csv", views.repeat_infringers_export,
         {"fmt": "csv"}, name="repeat-infringers-export-csv"),
]
