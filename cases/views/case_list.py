"""The case list: filters, text search, sortable columns, keyset pages, .xlsx export."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.exports import EXPORT_ROW_LIMIT, export_cases_xlsx
from cases.models import AuditAction, Case, CaseParty, Role, User
from cases.models.rights import RightKind
from cases.selectors.cases import case_list as select_cases
from cases.selectors.cases import page_keys, with_sort_keys
from cases.selectors.scope import office_scope_q
from cases.services import audit
from cases.views.assignments import ReassignForm
from cases.views.paging import SortSpec, keyset_page
from cases.views.workbench import PAGE_SIZES, page_size

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

SORTS = {
    "received": SortSpec("received", ("received_on", "pk"), (date, int)),
    "number": SortSpec("number", ("year", "sequence", "pk"), (int, int, int)),
    "title": SortSpec("title", ("title", "pk"), (str, int)),
    "parties": SortSpec("parties", ("sort_party", "pk"), (str, int)),
    "state": SortSpec("state", ("flow_state", "pk"), (str, int)),
    "officer": SortSpec("officer", ("sort_officer", "pk"), (str, int)),
    "office": SortSpec("office", ("sort_office", "pk"), (str, int)),
}
# Every column of the list, in its order; each sorts.
COLUMNS = (("number", _("Case number")), ("title", _("Cause of action")),
           ("parties", _("Parties")), ("state", _("State")), ("received", _("Received on")),
           ("officer", _("Officer in charge")), ("office", _("Handling office")))


class ListSelect(forms.Select):
    """A select written in Python rather than by templates (Django's ``select.html``,
    ``select_option.html`` per option and ``attrs.html``): the same HTML, escaped the same
    way (``format_html``). The filter form renders 60 states and a city's hundred officers
    on every list page; at 1,000,000 cases the officer select took 12.8 ms through one
    template for the whole select and takes 7.2 ms now, its query included (decision 113)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None,
               renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        out: list[str] = [format_html('<select name="{}"{}>', widget["name"],
                                      _attrs(widget["attrs"]))]
        for group, options, _index in widget["optgroups"]:
            if group:
                out.append(format_html('\n  <optgroup label="{}">', group))
            out.extend(format_html('\n  <option value="{}"{}>{}</option>\n', str(o["value"]),
                                   _attrs(o["attrs"]), o["label"]) for o in options)
            if group:
                out.append("\n  </optgroup>")
        out.append("\n</select>")
        return mark_safe("".join(out))  # noqa: S308 - every part made by format_html


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """Attributes as Django's ``attrs.html`` writes them: in their order, ``True`` as the
    bare name, ``False`` left out."""
    return mark_safe("".join(  # noqa: S308 - every part made by format_html
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items() if value is not False))


class StateField(forms.ChoiceField):
    """The states grouped by workflow, by state key; a bare state (an older link, the
    Approvals menu's) is accepted too and filters every workflow having it."""

    def valid_value(self, value: Any) -> bool:
        return workflows.is_state_filter(str(value))


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Case number, party, patent number or platform"),
                        required=False, max_length=100)
    state = StateField(label=_("State"), required=False, choices=[], widget=ListSelect)
    officer = forms.ModelChoiceField(label=_("Officer in charge"), required=False,
                                     queryset=User.objects.none(), empty_label=_("Anyone"),
                                     widget=ListSelect)
    overdue = forms.ChoiceField(label=_("Deadlines"), required=False, choices=[
        ("", _("Any")), ("yes", _("Overdue")), ("no", _("Not overdue"))], widget=ListSelect)
    right_kind = forms.ChoiceField(label=_("IP type"), required=False,
                                   choices=[("", _("All types")), *RightKind.choices],
                                   widget=ListSelect)
    received_from = forms.DateField(label=_("Received from"), required=False,
                                    widget=DATE_INPUT)
    received_to = forms.DateField(label=_("Received to"), required=False,
                                  widget=DATE_INPUT)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [  # type: ignore[attr-defined]
            ("", _("All states")), *workflows.state_choices()]
        self.fields["officer"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(office_scope_q(user), groups__name=Role.OFFICER,
                                is_active=True).distinct().order_by("office__path", "name")
            .only("pk", "name", "username"))  # what an option shows (``User.__str__``)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date is before the start date."))
        return data


def _shown(qs: QuerySet[Case]) -> QuerySet[Case]:
    """What a row of the list shows and sorts by, with its parties."""
    return with_sort_keys(qs).prefetch_related(Prefetch(
        "case_parties", queryset=CaseParty.objects.select_related("party").order_by(
            "role", "position", "pk")))


def _listed(qs: QuerySet[Case]) -> QuerySet[Case]:
    """A page's rows: what :func:`_shown` reads, and the parties workflows keep on their
    own records (``Workflow.list_parties``), in the same query."""
    return (_shown(qs).select_related(*workflows.list_relations())
            .annotate(**workflows.list_annotations()))


def filtered_cases(request: HttpRequest) -> tuple[CaseFilterForm, QuerySet[Case]]:
    user: User = request.user  # type: ignore[assignment]
    form = CaseFilterForm(request.GET or None, user=user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    overdue = {"yes": True, "no": False}.get(data.get("overdue") or "")
    officer = data.get("officer")
    qs = _shown(select_cases(
        user, state=data.get("state") or None, officer_id=officer.pk if officer else None,
        overdue=overdue, text=data.get("q") or None, right_kind=data.get("right_kind") or None,
        received_from=data.get("received_from"), received_to=data.get("received_to"),
    ))
    if form.is_bound and not form.is_valid():
        # A filter that cannot be applied lists nothing rather than everything.
        qs = qs.none()
    # Filters other apps offer (e.g. the cases a figure of the statistics counts).
    form.extra_filters = []  # type: ignore[attr-defined]
    # Their parameters ("fig…") are kept by the filter form as hidden inputs.
    form.extra_params = [(key, value) for key, value in request.GET.items()  # type: ignore[attr-defined]
                         if key.startswith("fig")]
    for extra in workflows.case_list_filters():
        try:
            found = extra(request.GET, user)
        except ValueError as exc:
            form.add_error(None, str(exc))
            qs = qs.none()
            continue
        if found is not None:
            q, description = found
            qs = qs.filter(q)
            form.extra_filters.append(description)  # type: ignore[attr-defined]
    return form, qs


def _sort(request: HttpRequest) -> tuple[SortSpec, bool, str]:
    raw = request.GET.get("sort", "-received")
    descending = raw.startswith("-")
    spec = SORTS.get(raw.lstrip("-"))
    if spec is None:
        return SORTS["received"], True, "-received"
    return spec, descending, raw


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    form, qs = filtered_cases(request)
    spec, descending, sort = _sort(request)
    size = page_size(request)
    user: User = request.user  # type: ignore[assignment]
    # The page's keys come from the filters; its rows are read by their keys alone
    # (within the scope), not through the filters again.
    page = keyset_page(qs, spec, descending=descending, size=size,
                       after=request.GET.get("after"), before=request.GET.get("before"),
                       rows_of=lambda keys: _listed(select_cases(user)).filter(pk__in=keys),
                       keys_of=lambda found, order, limit: page_keys(user, found, order, limit))
    for row in page.rows:
        # A complaint's complainant and accused party, a referral's suspect.
        row.listed_parties = workflows.list_parties(row)
    if form.is_valid() and form.cleaned_data.get("q"):
        # A search by a party's name finds the cases that person is a party to.
        audit.record(request, AuditAction.CASES_SEARCHED,
                     detail=f"?{audit.query_text(request.GET)} ({len(page.rows)})")
    params = request.GET.copy()
    for key in ("after", "before", "sort"):
        params.pop(key, None)
    base_query = params.urlencode()
    columns = [(key, label, sort.lstrip("-") == key, descending) for key, label in COLUMNS]
    may_reassign = user.has_role(Role.HEAD) and user.office_id is not None
    return render(request, "cases/case_list.html", {
        "may_reassign": may_reassign,
        "reassign_form": ReassignForm(user=user) if may_reassign else None,
        "here": request.get_full_path(),
        "form": form, "page": page, "sort": sort, "size": size, "page_sizes": PAGE_SIZES,
        "base_query": base_query, "columns": columns,
        "export_limit": EXPORT_ROW_LIMIT, "today": timezone.localdate(),
    }, status=400 if form.errors else 200)


@login_required
def case_export(request: HttpRequest) -> HttpResponseBase:
    form, qs = filtered_cases(request)
    if form.errors:
        return HttpResponseBadRequest(gettext("The filters are not valid: %(errors)s") % {
            "errors": "; ".join(" ".join(str(m) for m in messages)
                                for messages in form.errors.values())})
    spec, descending, _sort_key = _sort(request)
    order = [f"-{f}" if descending else f for f in spec.fields]
    data, filename = export_cases_xlsx(qs.order_by(*order))
    audit.record(request, AuditAction.LIST_EXPORTED,
                 detail=f"{filename} ?{audit.query_text(request.GET)}")
    response = FileResponse(
        data, as_attachment=True, filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return response
