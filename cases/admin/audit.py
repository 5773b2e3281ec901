"""The access log in the admin: read-only, scoped to the administrator's office subtree,
exportable as CSV."""

from __future__ import annotations

import csv
import functools
from typing import Any, cast

from django.apps import apps
from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.exports import neutralise
from cases.models import AuditAction, AuditEntry
from cases.models.users import User
from cases.services import audit


class ReadsAudited(admin.ModelAdmin):
    """Opening a record's page in the admin is in the access log (``read_action``), as
    reading it through the pages or the API is."""

    read_action: str = ""
    # Whether the list is a read too: it shows what the record's page does (identifiers,
    # phones), a hundred at a time and searchable by them.
    list_read_audited = False
    # Else, what a search of the list is recorded as (a party's name finds their cases).
    search_action: str = ""

    def changelist_view(self, request: HttpRequest,
                        extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if request.method != "GET" or changelist is None:
            return response
        action = self.read_action if self.list_read_audited else (
            self.search_action if changelist.query else "")
        if action:
            audit.record(request, action, detail=(
                f"admin {self.opts.model_name} list ?{audit.query_text(request.GET)} "
                f"({len(changelist.result_list)})"))
        return response

    def get_object(self, request: HttpRequest, object_id: str,
                   from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        # Only a page the admin will show: it fetches the record before it checks the
        # permission, and a refused page (403) was logged as a read.
        if (obj is not None and request.method == "GET" and self.read_action
                and self.has_view_or_change_permission(request, obj)):
            audit.record(request, self.read_action, obj=obj, detail=f"admin {obj}")
        return obj


def audit_scope(user: User) -> Q:
    """Superusers read every entry; anyone else the entries of their office subtree."""
    if user.is_superuser:
        return Q()
    if user.office is None:
        return Q(pk__in=[])
    return Q(office__path__startswith=user.office.path)


class CappedCountPaginator(Paginator):
    """Counts at most ``CAP`` + 1 entries (``SELECT COUNT(*) FROM (… LIMIT n)``, read
    along the index on the time): the log grows by every page view, and counting it whole
    on every page read it whole. Past the cap the page says "more than CAP" and offers the
    pages up to it; the filters (time, action, search) narrow the rest."""

    CAP = 10_000

    @property
    def capped(self) -> bool:
        return self.count > self.CAP

    @property
    def count(self) -> int:
        if not hasattr(self, "_capped_count"):
            entries = cast(QuerySet[AuditEntry], self.object_list)
            self._capped_count: int = entries[:self.CAP + 1].count()
        return self._capped_count


@functools.cache
def _model_names() -> dict[str, Any]:
    """Each model's name and its verbose name (lazy: read in the user's language)."""
    return {str(m._meta.model_name): m._meta.verbose_name for m in apps.get_models()}


def model_label(model_name: str) -> str:
    """What the audit log stores as an object's type (a model's name), in words."""
    label = _model_names().get(model_name)
    return str(label) if label is not None else model_name


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "actor", "username", "office", "object_type_label",
                    "object_id", "detail", "ip")
    # No date_hierarchy: its year links are a DISTINCT over every entry on each page; the
    # time filter ("at") narrows by today, the last 7 days, this month or this year.
    list_filter = ("action", "at")
    search_fields = ("username", "actor__name", "detail", "object_id", "ip")
    list_select_related = ("actor", "office")
    paginator = CappedCountPaginator
    # The "N in all" beside a filtered count is a second count of the whole log.
    show_full_result_count = False
    actions = ["export_csv"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        return super().get_queryset(request).filter(
            audit_scope(request.user))  # type: ignore[arg-type]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=gettext_lazy("object type"), ordering="object_type")
    def object_type_label(self, entry: AuditEntry) -> str:
        """案件, 当事人, 类案… rather than the stored model name (case, party, decision)."""
        return model_label(entry.object_type)

    @admin.action(description=gettext_lazy("Export the selected entries (CSV)"))
    def export_csv(self, request: HttpRequest, queryset: QuerySet[AuditEntry]) -> HttpResponse:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        audit.record(request, AuditAction.LIST_EXPORTED,
                     detail=f"access-log-{stamp}.csv ({queryset.count()})")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
        response.write("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
        writer = csv.writer(response)
        writer.writerow([_("Time"), _("Action"), _("User"), _("User name"), _("Office"),
                         _("Object"), _("Details"), _("IP address")])
        for e in queryset.select_related("actor", "office").order_by("at", "id"):
            writer.writerow([neutralise(v) for v in (
                timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M:%S"),
                e.get_action_display(), e.actor.display_name if e.actor else "", e.username,
                e.office.name if e.office else "", f"{e.object_type} {e.object_id}".strip(),
                e.detail, e.ip or "")])
        return response
