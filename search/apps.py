from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Precedent search")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from cases import workflows
        from search.models import Synonym
        from search.services import record_precedent
        from search.synonyms import invalidate
        from search.views import similar_cases_panel

        workflows.on_transition(record_precedent)
        workflows.register_panel(workflows.Panel(
            name="similar_cases", title=_("Similar cases and consistency"),
            icon="bi-diagram-3", order=20, render=similar_cases_panel))
        post_save.connect(invalidate, sender=Synonym, dispatch_uid="synonyms-saved")
        post_delete.connect(invalidate, sender=Synonym, dispatch_uid="synonyms-deleted")
