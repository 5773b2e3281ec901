"""Pages of assignments: change who handles one case; the head's distribution of new
requests; batch reassignment of cases selected in the case list. Every write is one call
of :mod:`cases.services.assignments`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import workflows
from cases.action_forms import ModelMultipleChoiceField
from cases.errors import TransitionNotAllowed
from cases.models import Case, Role, User
from cases.selectors.cases import case_detail as select_case
from cases.selectors.cases import case_list as select_cases
from cases.selectors.scope import office_scope_q
from cases.services import assignments
from cases.text_limits import REASON_MAX
from cases.validators import parse_id
from cases.views.errors import scoped
from cases.views.redirects import next_page

REASON = forms.CharField(label=gettext_lazy("Reason"), max_length=REASON_MAX,
                         widget=forms.Textarea(attrs={"rows": 2}))


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        office = obj.office.short_name or obj.office.name if obj.office else ""
        load = getattr(obj, "open_cases", None)
        text = f"{obj.display_name}（{office}）" if office else obj.display_name
        if load is not None:
            text += " · " + _("%(n)s open cases") % {"n": load}
        return text


class PanelChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class CaseAssignmentForm(forms.Form):
    """The assignments ``user`` may change (the head: all; the officer in charge of a
    mediation: the mediator), and the reason."""

    def __init__(self, *args: Any, case: Case, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.now = assignments.current(case)
        roles = assignments.assignable(case, user)
        officers = assignments.eligible(case, assignments.OFFICER)
        if assignments.OFFICER in roles:
            self.fields["officer_in_charge"] = OfficerChoice(
                label=_("Officer in charge"), queryset=officers,
                initial=getattr(self.now.officer, "pk", None))
        if assignments.PANEL in roles and self.now.panel:
            self.fields["panel"] = PanelChoice(
                label=_("Panel"), queryset=officers, required=False,
                widget=forms.CheckboxSelectMultiple,
                initial=[u.pk for u in self.now.panel],
                help_text=_("The officer in charge presides and is added if not ticked. "
                            "Changing only the officer in charge gives them the former "
                            "officer's seat."))
        if assignments.MEDIATOR in roles:
            self.fields["mediator"] = OfficerChoice(
                label=_("Mediator"), queryset=assignments.eligible(case, assignments.MEDIATOR),
                required=False, initial=getattr(self.now.mediator, "pk", None))
        self.fields["reason"] = REASON

    def changes(self) -> dict[str, Any]:
        """The service's arguments: only what the head changed."""
        data = self.cleaned_data
        kwargs: dict[str, Any] = {}
        officer = data.get("officer_in_charge")
        if "officer_in_charge" in self.fields and officer is not None and \
                officer.pk != getattr(self.now.officer, "pk", None):
            kwargs["officer"] = officer
        if "panel" in self.fields:
            panel = list(data.get("panel") or [])
            if sorted(u.pk for u in panel) != sorted(u.pk for u in self.now.panel):
                kwargs["panel"] = panel
        mediator = data.get("mediator")
        if "mediator" in self.fields and mediator is not None and \
                mediator.pk != getattr(self.now.mediator, "pk", None):
            kwargs["mediator"] = mediator
        return kwargs


def _add_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
@scoped
def case_assignment(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case = select_case(user, pk)
    if not assignments.may_assign(case, user):
        if not case.is_open or not assignments.roles_of(case):
            messages.error(request, _("Who handles this case no longer changes."))
            return redirect("case-detail", pk=pk)
        raise PermissionDenied(assignments.refusal(case))
    form = CaseAssignmentForm(request.POST or None, case=case, user=user)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changes = form.changes()
                if not changes:
                    raise ValidationError(_("Nothing changes: these are already the case's "
                                            "assignees."))
                assignments.change_assignment(pk, user, reason=form.cleaned_data["reason"],
                                              **changes)
            except ValidationError as exc:
                _add_errors(form, exc)
            except TransitionNotAllowed as exc:
                messages.error(request, str(exc.message))
                return redirect("case-detail", pk=pk)
            else:
                messages.success(request, _("The assignment of %(case)s was changed.")
                                 % {"case": case.number})
                return redirect("case-detail", pk=pk)
    return render(request, "cases/assignment.html", {"case": case, "form": form},
                  status=status)


# --- distribution and batch reassignment --------------------------------------------


class ReassignForm(forms.Form):
    officer = OfficerChoice(label=gettext_lazy("Give to officer"),
                            queryset=User.objects.none(),
                            empty_label=gettext_lazy("Choose an officer"))
    reason = REASON

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(office_scope_q(user), groups__name=Role.OFFICER,
                                is_active=True)
            .select_related("office")
            .annotate(open_cases=Count("cases_in_charge", distinct=True,
                                       filter=Q(cases_in_charge__closed_on__isnull=True)))
            .order_by("office__path", "name"))


def _new_requests_q() -> Q:
    """Cases in their workflow's first state (received, not yet accepted)."""
    q = Q(pk__in=[])
    for spec in workflows.all_workflows():
        if spec.assignment_roles:
            q |= Q(workflow=spec.name, **{spec.lookup("state"): spec.initial_state})
    return q


def distribution_queue(user: User, show: str) -> QuerySet[Case]:
    """Open cases the head distributes: without an officer in charge, or (``show="new"``)
    every new request not yet accepted."""
    assignable = [s.name for s in workflows.all_workflows() if s.assignment_roles]
    qs = select_cases(user).filter(closed_on__isnull=True, workflow__in=assignable)
    if show == "new":
        qs = qs.filter(_new_requests_q() | Q(officer_in_charge__isnull=True))
    else:
        qs = qs.filter(officer_in_charge__isnull=True)
    return qs.order_by("received_on", "pk")


def _selected(request: HttpRequest) -> list[int]:
    ids = [parse_id(v) for v in request.POST.getlist("cases")]
    return [i for i in ids if i is not None]


@login_required
def distribution(request: HttpRequest) -> HttpResponse:
    """The head's distribution page (分案): new requests to give to officers, and the
    POST of a batch reassignment (from this page or from the case list)."""
    user: User = request.user  # type: ignore[assignment]
    if not (user.has_role(Role.HEAD) and user.office_id):
        raise PermissionDenied(_("Only a head of office distributes cases."))
    default = reverse("distribution")
    show = "new" if request.GET.get("show") == "new" else "unassigned"
    form = ReassignForm(request.POST or None, user=user)
    errors: list[str] = []
    status = 200
    selected: list[int] = []
    if request.method == "POST":
        selected = _selected(request)
        status = 400
        if not selected:
            errors.append(_("Select at least one case."))
        elif form.is_valid():
            try:
                result = assignments.reassign_cases(
                    selected, user, officer=form.cleaned_data["officer"],
                    reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                errors += [str(m) for m in exc.messages]
            except PermissionDenied as exc:
                errors.append(str(exc))
                status = 403
            except TransitionNotAllowed as exc:
                errors.append(str(exc.message))
                status = 409
            else:
                officer = form.cleaned_data["officer"].display_name
                messages.success(request, _("%(n)s cases given to %(officer)s.")
                                 % {"n": len(result.changed), "officer": officer})
                if result.unchanged:
                    messages.info(request, _("%(n)s of the selected cases already had "
                                             "this officer in charge.")
                                  % {"n": len(result.unchanged)})
                return redirect(next_page(request, default))
        back = next_page(request, default)
        if back != default:
            # From the case list: say why there and keep its filters.
            for message in errors or [str(e) for es in form.errors.values() for e in es]:
                messages.error(request, message)
            return redirect(back)
    page = Paginator(distribution_queue(user, show), 25).get_page(request.GET.get("page"))
    return render(request, "cases/distribution.html", {
        "form": form, "page": page, "show": show, "errors": errors,
        "selected": set(selected)}, status=status)
