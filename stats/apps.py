from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Statistics (统计分析), the report export and repeat infringers (重复侵权)."""

    name = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from cases import workflows
        from stats import filters, repeat

        workflows.register_case_list_filter(filters.figure_filter)
        workflows.register_intake_check(repeat.intake_check)
        workflows.register_panel(workflows.Panel(
            name="repeat_infringer", title=_("Repeat infringer"), icon="bi-exclamation-octagon",
            order=5, render=repeat.case_panel))
