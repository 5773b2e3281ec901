from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Complaints and tip-offs (投诉举报) and their triage into the right procedure."""

    name = "cases.complaints"
    label = "complaints"
    verbose_name = _("Complaints and tip-offs")

    def ready(self) -> None:
        from cases import workflows
        from cases.complaints.views import duplicates_panel
        from cases.complaints.workflow import WORKFLOW

        workflows.register(WORKFLOW)
        workflows.register_panel(workflows.Panel(
            name="duplicates", title=_("Other matters about the same party and right"),
            icon="bi-files", order=9, render=duplicates_panel))
