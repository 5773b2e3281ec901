"""Admin for precedents: scoped list, guiding-case marking, and the import upload."""

from __future__ import annotations

import zipfile
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.admin.audit import ReadsAudited
from cases.archives import MB, ArchiveLimits, check_archive
from cases.models import AuditAction, AuditEntry, Role
from cases.models.rights import RightKind
from search.health import index_status
from search.import_formats import archive_names
from search.importing import MAX_FILE_BYTES, import_rows, read_metadata
from search.labels import ACT_LABELS
from search.masking import MASKABLE_CHARS  # a title without any is shown as stored
from search.models import Decision, Synonym
from search.selectors import pending_index_rows, visible_decisions
from search.services import drain_outbox
from search.templatetags.precedents import masked

MAX_ZIP_BYTES = 200 * 1024 * 1024
# Checked at upload: no decision file may unpack beyond what an import row accepts.
IMPORT_ARCHIVE_LIMITS = ArchiveLimits(max_entries=20_000, max_total=4 * 1024 * MB,
                                      max_entry=MAX_FILE_BYTES)


class ImportForm(forms.Form):
    metadata = forms.FileField(label=gettext_lazy("Metadata sheet (.csv, .xlsx or .json)"))
    documents = forms.FileField(label=gettext_lazy("Decision files (.zip of .docx/.txt)"))
    source = forms.ChoiceField(label=gettext_lazy("Source"), choices=[
        ("office", gettext_lazy("Imported decision of an office")),
        ("court", gettext_lazy("Court judgment"))])

    def clean_documents(self) -> Any:
        upload = self.cleaned_data["documents"]
        if upload.size > MAX_ZIP_BYTES:
            raise ValidationError(_("The archive is larger than 200 MB."))
        if not zipfile.is_zipfile(upload):
            raise ValidationError(_("Upload a .zip archive of the decision files."))
        upload.seek(0)
        check_archive(upload, IMPORT_ARCHIVE_LIMITS)  # sizes and count before unpacking
        return upload


# A decision's free texts are shown masked here as on the pages and in the API: the admin's
# read-only page and list were the one place its phones and ID numbers were read in full.
MASKED_FIELDS = ("title", "disputed_issues", "holding", "full_text")
def _search_terms(search_term: str) -> list[str]:
    """The words of the admin's search box, quoted phrases kept whole, as Django splits them."""
    terms = []
    for bit in smart_split(search_term):
        if bit.startswith(('"', "'")) and bit[0] == bit[-1]:
            bit = unescape_string_literal(bit)
        if bit:
            terms.append(bit)
    return terms


def matching_as_shown(queryset: QuerySet[Decision], search_term: str) -> QuerySet[Decision]:
    """The decisions whose number or masked title holds every word of ``search_term``: a
    phone or ID number typed finds nothing its title only holds unmasked. The titles that
    match in the database and that masking could change (a digit, a Latin letter…) are
    masked here; those whose masked title does not hold the word (few: the word was in
    what is masked) are left out."""
    for term in _search_terms(search_term):
        needle = term.casefold()
        hidden = [pk for pk, title in queryset.filter(title__icontains=term,
                                                      title__regex=MASKABLE_CHARS)
                  .values_list("pk", "title") if needle not in masked(title).casefold()]
        queryset = queryset.filter(Q(document_number__icontains=term)
                                   | (Q(title__icontains=term) & ~Q(pk__in=hidden)))
    return queryset


class IpTypeFilter(admin.SimpleListFilter):
    """The kind of right by its name (the field has no choices: the filter listed
    "invention_patent")."""

    title = gettext_lazy("IP type")
    parameter_name = "ip_type"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(value), str(label)) for value, label in RightKind.choices]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Decision]
                 ) -> QuerySet[Decision]:
        return queryset.filter(ip_type=self.value()) if self.value() else queryset


# A stored decision's coded fields as people read them (发明专利, 制造、销售), not the codes.
SHOWN_AS = {"ip_type": "ip_type_label", "infringing_acts": "acts_label",
            "statutes_cited": "statutes_label"}


@admin.register(Decision)
class DecisionAdmin(ReadsAudited):
    read_action = AuditAction.PRECEDENT_VIEWED
    list_display = ("masked_title", "document_number", "decided_on", "ip_type_label", "outcome",
                    "office", "is_public", "is_guiding_case")
    list_filter = ("source", IpTypeFilter, "outcome", "is_public", "is_guiding_case")
    # Matched as shown (``matching_as_shown``); holdings and full texts are searched on the
    # precedent search page, through the masked index.
    search_fields = ("document_number", "title")
    search_help_text = gettext_lazy("Decision number or title, as shown (masked).")
    readonly_fields = ("office_path", "updated_at", "guiding_marked_by", "guiding_marked_at",
                       "case", "change_history", "ip_type_label", "acts_label", "statutes_label",
                       *(f"masked_{name}" for name in MASKED_FIELDS))
    change_list_template = "search/admin/decision_changelist.html"

    # Not sortable: ordered by the stored title, the list would give away the order of the
    # names and numbers the masked column hides (sort by number or date instead).
    @admin.display(description=gettext_lazy("title"))
    def masked_title(self, obj: Decision) -> str:
        return masked(obj.title)

    @admin.display(description=gettext_lazy("IP type"), ordering="ip_type")
    def ip_type_label(self, obj: Decision) -> str:
        return str(RightKind(obj.ip_type).label) if obj.ip_type in RightKind.values else obj.ip_type

    @admin.display(description=gettext_lazy("infringing acts"))
    def acts_label(self, obj: Decision) -> str:
        acts = obj.infringing_acts if isinstance(obj.infringing_acts, list) else []
        return "、".join(ACT_LABELS[a][0] if a in ACT_LABELS else str(a) for a in acts) or "-"

    @admin.display(description=gettext_lazy("statutes cited"))
    def statutes_label(self, obj: Decision) -> str:
        cited = obj.statutes_cited if isinstance(obj.statutes_cited, list) else []
        return "；".join(str(c) for c in cited) or "-"

    @admin.display(description=gettext_lazy("disputed issues"))
    def masked_disputed_issues(self, obj: Decision) -> str:
        return masked(obj.disputed_issues)

    @admin.display(description=gettext_lazy("holding"))
    def masked_holding(self, obj: Decision) -> str:
        return masked(obj.holding)

    @admin.display(description=gettext_lazy("full text"))
    def masked_full_text(self, obj: Decision) -> str:
        return masked(obj.full_text)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = super().get_fields(request, obj)
        if obj is None:  # the add page: nothing to mask, the fields to fill in
            return [f for f in fields
                    if not str(f).startswith("masked_") and f not in SHOWN_AS.values()]
        shown: list[Any] = []
        for f in fields:
            name: Any = (f"masked_{f}" if f in MASKED_FIELDS
                         else SHOWN_AS[f] if isinstance(f, str) and f in SHOWN_AS else f)
            if name not in shown:
                shown.append(name)
        return shown

    @admin.display(description=gettext_lazy("Imported and changed by"))
    def change_history(self, obj: Decision) -> str:
        entries = AuditEntry.objects.filter(
            object_type="decision", object_id=str(obj.pk),
            action__in=[AuditAction.PRECEDENT_IMPORTED, AuditAction.PRECEDENT_CHANGED],
        ).select_related("actor").order_by("at", "id")
        return format_html_join(
            mark_safe("<br>"), "{} {} {} {}",  # noqa: S308 - a constant separator
            ((timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M"), e.get_action_display(),
              e.actor.display_name if e.actor else "", e.detail) for e in entries))

    def get_queryset(self, request: HttpRequest) -> QuerySet[Decision]:
        return visible_decisions(request.user)  # type: ignore[arg-type]

    def get_search_results(self, request: HttpRequest, queryset: QuerySet[Decision],
                           search_term: str) -> tuple[QuerySet[Decision], bool]:
        return matching_as_shown(queryset, search_term), False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # precedents change through the services (outbox), not by form

    def changelist_view(self, request: HttpRequest,
                        extra_context: dict[str, Any] | None = None) -> HttpResponse:
        status = index_status()
        if not status.readable:
            messages.error(request, _("The precedent index cannot be read (%(error)s). "
                                      "Precedent search and similar cases are unavailable "
                                      "until it is rebuilt: manage.py search_index --rebuild.")
                           % {"error": status.error})
        return super().changelist_view(request, extra_context)

    def get_urls(self) -> list[Any]:
        return [path("import/", self.admin_site.admin_view(self.import_view),
                     name="search_decision_import"), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        office = getattr(user, "office", None)
        if office is None or not user.has_role(Role.LEGAL, Role.ADMIN):  # type: ignore[union-attr]
            raise PermissionDenied(_("Only legal staff of an office may import precedents."))
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            meta = form.cleaned_data["metadata"]
            try:
                rows = read_metadata(meta.name, meta.read())
            except ValidationError as exc:  # its messages, not their list's repr
                form.add_error("metadata", exc)
            else:
                archive = zipfile.ZipFile(form.cleaned_data["documents"])
                names = archive_names(archive)

                def read_file(name: str) -> bytes:
                    return archive.read(names[name])

                report = import_rows(rows, office=office, source=form.cleaned_data["source"],
                                     read_file=read_file, actor=user)  # type: ignore[arg-type]
                # Index now rather than wait for a worker that may not be running; what
                # the index could not take yet is counted on the page.
                drain_outbox()
                return TemplateResponse(request, "search/admin/import.html", {
                    **self.admin_site.each_context(request), "form": ImportForm(),
                    "report": report, "waiting": pending_index_rows(),
                    "title": _("Import precedents"), "opts": self.model._meta})
        return TemplateResponse(request, "search/admin/import.html", {
            **self.admin_site.each_context(request), "form": form,
            "title": _("Import precedents"), "opts": self.model._meta})


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """The synonym dictionary: legal staff add the words requesters and officers use.
    Every change is in the object's history (admin log) and applies to the next query."""

    list_display = ("__str__", "kind", "is_active", "note", "updated_at")
    list_filter = ("kind", "is_active")
    search_fields = ("terms", "note")
    readonly_fields = ("updated_at",)

    def _may_edit(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(getattr(user, "is_superuser", False)) or bool(
            hasattr(user, "has_role") and user.has_role(Role.LEGAL, Role.ADMIN))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._may_edit(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._may_edit(request)
