"""The user's own API tokens: list, create (the token is shown once), revoke."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from cases.models import User
from cases.selectors.tokens import api_tokens_of
from cases.services.tokens import create_api_token, revoke_api_token


class TokenForm(forms.Form):
    days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), min_value=1,
                              initial=90)


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = TokenForm(request.POST or None)
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, new_token = create_api_token(user=user, days=form.cleaned_data["days"],
                                                     request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
        if new_token is None:
            status = 400
        else:
            form = TokenForm()
    tokens = api_tokens_of(user)
    return render(request, "cases/api_tokens.html", {
        "form": form, "tokens": tokens, "new_token": new_token, "now": timezone.now(),
    }, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, key: str) -> HttpResponse:
    if not revoke_api_token(user=cast(User, request.user), key=key, request=request):
        raise Http404(_("No such token."))
    messages.success(request, _("The token has been revoked; clients using it are refused."))
    return redirect("api-tokens")
