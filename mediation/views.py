"""Pages of mediation: the mediator's day, and opening an application for judicial
confirmation from a mediation case."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.errors import TransitionNotAllowed
from cases.models import User
from cases.selectors.cases import case_detail
from cases.views.errors import scoped
from mediation.models import Court
from mediation.selectors import mediator_day
from mediation.services.intake import start_confirmation


@login_required
def mediator_workbench(request: HttpRequest) -> HttpResponse:
    """调解员工作台: sessions to hold, agreements being performed, terms falling due."""
    user: User = request.user  # type: ignore[assignment]
    return render(request, "mediation/workbench.html", {"day": mediator_day(user)})


@login_required
@require_POST
@scoped
def start_confirmation_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    case_detail(user, pk)  # out of scope: 404 before anything else is looked at
    court_id = request.POST.get("court", "")
    court = (Court.objects.filter(is_active=True, pk=int(court_id)).first()
             if court_id.isdigit() else None)
    if court is None:
        messages.error(request, _("Choose the court the parties apply to."))
        return redirect(reverse("case-detail", args=[pk]))
    try:
        case = start_confirmation(mediation_case_id=pk, actor=user, court=court)
    except TransitionNotAllowed as exc:
        messages.error(request, str(exc.message))
        return redirect(reverse("case-detail", args=[pk]))
    messages.success(request, _("The application for judicial confirmation %(number)s was "
                                "opened.") % {"number": case.number})
    return redirect(reverse("case-detail", args=[case.pk]))
