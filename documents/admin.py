"""The template library in the admin: upload a new version (validated), activate it.

An upload is checked by ``documents.validation`` (syntax, unknown variables with their
paragraph, a sample render) before it is stored; activating a version deactivates the
other versions of its kind in the same transaction. Documents are read-only here: they
change only through the services.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.admin.audit import ReadsAudited
from cases.archives import check_archive, document_limits
from cases.models import AuditAction
from cases.selectors.scope import office_scope_q
from cases.services import audit
from documents.models import Document, DocumentTemplate, ServiceRecord
from documents.services import _max_upload_bytes
from documents.validation import validate_template


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["kind", "name", "file", "allowed_actions"]

    def clean_allowed_actions(self) -> list[str]:
        """A JSON list of action names: anything else (an object, numbers, null or nothing,
        which the column's NOT NULL refused with a 500) is the field's error."""
        value = self.cleaned_data.get("allowed_actions")
        if value in (None, ""):
            return []
        known = {name for spec in workflows.all_workflows() for name in spec.actions}
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(_("Give a JSON list of action names, each in double "
                                    "quotation marks."))
        unknown = [v for v in value if v not in known]
        if unknown:
            raise ValidationError(_("No workflow has the action(s) %(names)s.")
                                  % {"names": "、".join(unknown)})
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("file")
        kind = cleaned.get("kind")
        if upload is not None and kind and hasattr(upload, "read") and "file" in self.changed_data:
            limit = _max_upload_bytes()
            data = b""
            if (upload.size or 0) <= limit:
                upload.seek(0)
                data = upload.read(limit + 1)  # never more than the limit into memory
                upload.seek(0)
            if (upload.size or 0) > limit or len(data) > limit:
                raise forms.ValidationError({"file": [
                    gettext("The file is larger than %(limit)s MB.")
                    % {"limit": limit // (1024 * 1024)}]})
            try:
                check_archive(data, document_limits())  # before the template is parsed
            except ValidationError as exc:
                raise forms.ValidationError({"file": exc.messages}) from None
            problems = validate_template(data, kind=kind)
            if problems:
                raise forms.ValidationError({"file": [p.message for p in problems]})
            self.instance.sha256 = hashlib.sha256(data).hexdigest()
        return cleaned


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    form = DocumentTemplateForm
    list_display = ["kind", "name", "version", "is_active", "uploaded_by", "created_at"]
    list_filter = ["kind", "is_active"]
    readonly_fields = ["version", "sha256", "is_active", "uploaded_by", "created_at"]
    actions = ["activate"]

    def save_model(self, request: HttpRequest, obj: DocumentTemplate, form: Any,
                   change: bool) -> None:
        if not change:
            last = DocumentTemplate.objects.filter(kind=obj.kind).aggregate(n=Max("version"))
            obj.version = (last["n"] or 0) + 1
            obj.uploaded_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Activate the selected template version"))
    def activate(self, request: HttpRequest, queryset: QuerySet[DocumentTemplate]) -> None:
        chosen = list(queryset)
        if len({t.kind for t in chosen}) != len(chosen):
            self.message_user(request, gettext("Choose one version per kind of document."),
                              messages.ERROR)
            return
        with transaction.atomic():
            for template in chosen:
                DocumentTemplate.objects.filter(kind=template.kind, is_active=True).update(
                    is_active=False)
                DocumentTemplate.objects.filter(pk=template.pk).update(is_active=True)
                audit.record(request, AuditAction.TEMPLATE_ACTIVATED, obj=template,
                             detail=f"{template.kind} v{template.version} {template.name}")
        self.message_user(request, gettext("Activated %(n)s template(s).") % {"n": len(chosen)})


class ServiceRecordInline(admin.TabularInline):
    model = ServiceRecord
    extra = 0
    can_delete = False
    readonly_fields = ["party", "served_on", "method", "recipient", "signed", "created_by",
                       "created_at"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(ReadsAudited):
    """Documents of the cases the user may see; opening one is a read of its case."""

    read_action = AuditAction.CASE_VIEWED
    list_display = ["__str__", "case", "kind", "state", "issued_at", "render_status"]
    list_filter = ["kind", "state"]
    search_fields = ["number", "case__number"]
    inlines = [ServiceRecordInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Document]:
        return super().get_queryset(request).filter(office_scope_q(request.user, "case__office"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
