"""Pages of the complaints workflow: registering a complaint or tip-off, and the panel of
duplicates on the case page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cases.complaints.forms import RegisterComplaintForm
from cases.complaints.models import COMPLAINT
from cases.complaints.selectors import duplicates_of
from cases.complaints.services import register_complaint
from cases.models import Case, Role, User


@login_required
def register(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.office_id is None or not user.has_role(Role.OFFICER, Role.HEAD):
        raise PermissionDenied(_("Only an enforcement officer or the head of an office can "
                                 "register a complaint."))
    form = RegisterComplaintForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            case = register_complaint(actor=user, request=form.to_request())
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Registered as %(number)s.") % {"number": case.number})
            return redirect(reverse("case-detail", args=[case.pk]))
    status = 400 if request.method == "POST" else 200
    return render(request, "complaints/register.html", {"form": form}, status=status)


def duplicates_panel(request: HttpRequest, case: Case) -> SafeString | None:
    """Other matters about the same accused party and right, shown together."""
    if case.workflow != COMPLAINT:
        return None
    rows = list(duplicates_of(case, request.user))  # type: ignore[arg-type]
    if not rows:
        return None
    return render_to_string("complaints/duplicates_panel.html", {"rows": rows},
                            request=request)
