from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulingConfig(AppConfig):
    """The administrative ruling workflow (行政裁决), a package of the cases app."""

    name = "cases.ruling"
    label = "ruling"
    verbose_name = _("Administrative rulings")

    def ready(self) -> None:
        from cases import workflows
        from cases.ruling.workflow import WORKFLOW

        workflows.register(WORKFLOW)
