from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    """Mediation (行政调解) and judicial confirmation (司法确认), two workflows."""

    name = "mediation"
    verbose_name = _("Administrative mediation")

    def ready(self) -> None:
        from cases import workflows
        from documents.legal_basis import register_defaults
        from mediation.documents import LEGAL_BASIS_DEFAULTS
        from mediation.listeners import confirmation_filed
        from mediation.workflow import CONFIRMATION_WORKFLOW, MEDIATION_WORKFLOW

        workflows.register(MEDIATION_WORKFLOW)
        workflows.register(CONFIRMATION_WORKFLOW)
        workflows.on_transition(confirmation_filed)
        register_defaults([(str(k), str(o), r, t) for k, o, r, t in LEGAL_BASIS_DEFAULTS])
