from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Case management")

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from cases import signals, workflows
        from cases.selectors.cases import EVENT_LABELS

        workflows.register_event_labels(EVENT_LABELS)
        workflows.register_event_labels({"assignment_changed": _("Assignment changed")})

        signals.connect()
        workflows.register_event_labels({
            "approval_submitted": _("Submitted for approval"),
            "approval_returned": _("Returned by the head of office"),
            "add_evidence_item": _("Evidence added to the catalogue"),
            "change_evidence_item": _("Evidence catalogue entry corrected"),
            "remove_evidence_item": _("Evidence catalogue entry removed"),
        })
