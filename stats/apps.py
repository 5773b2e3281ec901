from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Statistics (统计分析), the report export and repeat infringers (重复侵权)."""

    name = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from cases import workflows
        from cases.models import Case, CaseEvent, Deadline, Office, Party
        from stats import filters, repeat, summary

        workflows.register_case_list_filter(filters.figure_filter)
        workflows.register_intake_check(repeat.intake_check)
        workflows.register_panel(workflows.Panel(
            name="repeat_infringer", title=_("Repeat infringer"), icon="bi-exclamation-octagon",
            order=5, render=repeat.case_panel))
        # Changes mark their cases (their timeline entry, their rights); the worker counts
        # them again after commit, the statistics page before it reads.
        workflows.after_event(summary.drain_after_event)
        post_save.connect(summary.on_event, sender=CaseEvent, dispatch_uid="stats-summary-event")
        post_save.connect(summary.on_deadline_saved, sender=Deadline,
                          dispatch_uid="stats-summary-deadline")
        post_save.connect(summary.on_party_saved, sender=Party,
                          dispatch_uid="stats-summary-party")
        m2m_changed.connect(summary.on_rights_changed, sender=Case.rights.through,
                            dispatch_uid="stats-summary-rights")
        # The office tree the summary spreads each case over is read again after any change
        # to an office (a new one, another parent, one removed) in this process.
        post_save.connect(summary.office_changed, sender=Office,
                          dispatch_uid="stats-summary-office-saved")
        post_delete.connect(summary.office_changed, sender=Office,
                            dispatch_uid="stats-summary-office-deleted")
