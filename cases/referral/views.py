"""Pages of the referral package: the threshold panel and the related-cases panel of the
case page, the head's decision not to refer, and the referral dashboard."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import permissions, workflows
from cases.errors import TransitionNotAllowed
from cases.models import Case, Role, User
from cases.referral import selectors
from cases.referral.forms import FiguresForm
from cases.referral.models import CaseFigures, ThresholdFlag
from cases.referral.models.figures import case_fields
from cases.referral.models.police import REFERRAL
from cases.referral.models.thresholds import Offence
from cases.referral.models.transfer import TRANSFER
from cases.referral.services import check_may_record_figures, record_figures, waive_flag
from cases.services.runner import lock_case
from cases.views.case_detail import panel_form, reload_with
from cases.views.errors import scoped
from cases.views.paging import KeysetPage, PageLinks, SortSpec, keyset_page, page_links
from cases.views.workbench import page_size


def threshold_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """涉嫌犯罪，应当移送: the rule and figures, and what became of the flag."""
    flag = ThresholdFlag.objects.filter(case=case).select_related("waived_by").first()
    if flag is None:
        return None
    user = request.user
    return render_to_string("referral/threshold_panel.html", {
        "case": case, "flag": flag, "referred": selectors.referred(case),
        "may_waive": (not flag.is_waived and case.is_open
                      and permissions.is_head(case, user)),
    }, request=request)


def unjudged_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """Figures no threshold in force on the case's day judges: no flag could be raised,
    and nothing said so (the thresholds of 法释〔2025〕5号 are entered by an administrator
    once verified: before that, a case received from 26 April 2025 was silently not
    judged). Shown while the case is open and has figures to judge."""
    if not case.is_open or case.received_on is None:
        return None
    offences = selectors.unjudged_offences(case)
    if not offences:
        return None
    return render_to_string("referral/unjudged_panel.html", {
        "case": case, "offences": [Offence(o).label for o in offences],
    }, request=request)


def figures_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """The amounts found in a ruling or mediation case that apply to its rights, judged
    against the criminal thresholds; the case's officers and the head record them while
    the case is open. A case whose rights give rise to no offence has no panel."""
    fields = case_fields(case)
    if not workflows.of(case).records_amounts or not fields:
        return None
    record = CaseFigures.objects.filter(case=case).select_related("recorded_by").first()
    may_record = case.is_open and permissions.is_case_officer_or_head(case, request.user)
    if record is None and not may_record:
        return None
    if record is not None:
        record.case = case
    form = None
    if may_record:  # a form refused with 400 is shown again as it was sent
        form = panel_form(request, "figures") or FiguresForm(instance=record, fields=fields)
    return render_to_string("referral/figures_panel.html", {
        "case": case, "record": record, "may_record": may_record, "form": form,
    }, request=request)


def related_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """Where the case came from and what was opened from it, with their states: the
    sending office follows a transfer's case at the receiving office here."""
    rows = selectors.related_cases(case, request.user)  # type: ignore[arg-type]
    if not rows:
        return None
    return render_to_string("referral/related_panel.html", {"rows": rows}, request=request)


@login_required
@require_POST
@scoped
def waive(request: HttpRequest, pk: int) -> HttpResponse:
    """The head records why a flagged case is not referred."""
    try:
        waive_flag(case_id=pk, actor=request.user,  # type: ignore[arg-type]
                   reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        return reload_with(request, pk, "；".join(exc.messages), 400)
    except TransitionNotAllowed as exc:
        return reload_with(request, pk, str(exc.message), 409)
    messages.success(request, _("The decision not to refer is recorded."))
    return redirect(reverse("case-detail", args=[pk]))


@login_required
@require_POST
@scoped
def figures(request: HttpRequest, pk: int) -> HttpResponse:
    """The case's officers or the head record the figures found (the thresholds follow):
    the case's scope (404) and the right to record (403) before the input."""
    user: User = request.user  # type: ignore[assignment]
    form: FiguresForm | None = None
    try:
        with transaction.atomic():
            case = lock_case(pk, user)
            check_may_record_figures(case, user)
            form = FiguresForm(request.POST, fields=case_fields(case))
            if not form.is_valid():
                raise ValidationError([_label_errors(form, k, v)
                                       for k, v in form.errors.items()])
            record_figures(case=case, actor=user, figures=form.cleaned_data)
    except ValidationError as exc:
        if form is not None and form.is_valid():  # refused by the service's own checks
            for field, errors in getattr(exc, "error_dict", {None: exc.error_list}).items():
                form.add_error(field if field in form.fields else None, errors)
        return reload_with(request, pk, "；".join(exc.messages), 400,
                           panel_forms={"figures": form} if form is not None else None)
    except TransitionNotAllowed as exc:
        return reload_with(request, pk, str(exc.message), 409)
    messages.success(request, _("The figures are recorded."))
    return redirect(reverse("case-detail", args=[pk]))


def _label_errors(form: FiguresForm, name: str, errors: Iterable[Any]) -> str:
    """A field's messages after its label, for the message at the top of the page."""
    label = form.fields[name].label if name in form.fields else ""
    text = "；".join(map(str, errors))
    return f"{label}：{text}" if label else text


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Open referrals and transfers with their clocks and stage, overdue answers, and
    cases flagged over a threshold and not referred (够罪不移), for heads and legal staff
    of the office and of the offices above it: the figures by office, and each list by
    keyset pages."""
    user: User = request.user  # type: ignore[assignment]
    if not (user.has_role(Role.HEAD, Role.LEGAL) or user.is_system_admin):
        raise PermissionDenied(_("The referral dashboard is for heads of office and legal "
                                 "staff."))
    size = page_size(request)

    def page(name: str, qs: QuerySet[Case], spec: SortSpec,
             rows_of: Callable[[list[int]], QuerySet[Case]]) -> tuple[KeysetPage, PageLinks]:
        found = keyset_page(qs, spec, descending=False, size=size,
                            after=request.GET.get(f"{name}_after"),
                            before=request.GET.get(f"{name}_before"), rows_of=rows_of)
        return found, page_links(request.GET, found, prefix=f"{name}_")

    referrals, referral_links = page("referrals", selectors.open_cases(user, REFERRAL),
                                     selectors.OPEN_ORDER, selectors.open_rows(user))
    transfers, transfer_links = page("transfers", selectors.open_cases(user, TRANSFER),
                                     selectors.OPEN_ORDER, selectors.open_rows(user))
    flagged, flagged_links = page("flagged", selectors.flagged_cases(user),
                                  selectors.FLAGGED_ORDER, selectors.flagged_rows(user))
    return render(request, "referral/dashboard.html", {
        "board": selectors.dashboard(user),
        "referrals": selectors.open_items(referrals.rows), "referral_links": referral_links,
        "transfers": selectors.open_items(transfers.rows), "transfer_links": transfer_links,
        "flagged": flagged.rows, "flagged_links": flagged_links,
    })
