from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.models import Role
from cases.selectors.scope import visible_offices


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    labels = dict(Role.choices)
    roles = [labels[r] for r in Role.values if r in user.roles]  # type: ignore[union-attr]
    return render(
        request,
        "cases/home.html",
        {"roles": roles, "visible_office_count": visible_offices(user).count()},
    )
