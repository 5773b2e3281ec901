from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Precedent search")

    def ready(self) -> None:
        from cases import workflows
        from search.services import record_precedent
        from search.views import similar_cases_panel

        workflows.on_transition(record_precedent)
        workflows.register_panel(workflows.Panel(
            name="similar_cases", title=_("Similar cases and consistency"),
            icon="bi-diagram-3", order=20, render=similar_cases_panel))
