from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Formal documents")

    def ready(self) -> None:
        from cases import workflows
        from cases.services.evidence import register_upload_counter
        from documents.selectors import uploaded_bytes
        from documents.views import documents_panel

        workflows.register_panel(workflows.Panel(
            name="documents", title=_("Documents"), icon="bi-file-earmark-text", order=10,
            render=documents_panel))
        register_upload_counter(uploaded_bytes)
