"""Pages of mediation: the mediator's day, and opening an application for judicial
confirmation from a mediation case."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.errors import TransitionNotAllowed
from cases.models import User
from cases.selectors.cases import case_detail
from cases.validators import parse_id
from cases.views.errors import scoped
from cases.views.paging import keyset_page, page_links
from cases.views.workbench import page_size
from mediation.models import Court
from mediation.selectors import LISTS, mediator_counts
from mediation.services.intake import start_confirmation


@login_required
def mediator_workbench(request: HttpRequest) -> HttpResponse:
    """调解员工作台: mediations to take up, sessions to hold, agreements being performed,
    terms falling due; each list by keyset pages of its own (``<list>_after``/``_before``)
    and its count."""
    user: User = request.user  # type: ignore[assignment]
    size = page_size(request, default=10)
    lists = {}
    for name, spec in LISTS.items():
        page = keyset_page(spec.rows(user), spec.order, descending=False, size=size,
                           after=request.GET.get(f"{name}_after"),
                           before=request.GET.get(f"{name}_before"),
                           rows_of=partial(spec.page_rows, user))
        lists[name] = {"rows": page.rows,
                       "links": page_links(request.GET, page, prefix=f"{name}_")}
    return render(request, "mediation/workbench.html", {
        "lists": lists, "counts": mediator_counts(user)})


@login_required
@require_POST
@scoped
def start_confirmation_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case_detail(user, pk)  # out of scope: 404 before anything else is looked at
    court_id = parse_id(request.POST.get("court"))
    court = (Court.objects.filter(is_active=True, pk=court_id).first()
             if court_id is not None else None)
    if court is None:
        messages.error(request, _("Choose the court the parties apply to."))
        return redirect(reverse("case-detail", args=[pk]))
    try:
        case = start_confirmation(mediation_case_id=pk, actor=user, court=court)
    except TransitionNotAllowed as exc:
        messages.error(request, str(exc.message))
        return redirect(reverse("case-detail", args=[pk]))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("case-detail", args=[pk]))
    messages.success(request, _("The application for judicial confirmation %(number)s was "
                                "opened.") % {"number": case.number})
    return redirect(reverse("case-detail", args=[case.pk]))
