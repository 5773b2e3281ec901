"""The one place where domain errors become HTTP answers for the web pages.

invalid input → 400 with the form re-rendered; not allowed now or lost race → 409 with a
clear message and the case reloaded; no permission → 403 page; out of scope → 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from cases.errors import OutOfScope

R = TypeVar("R", bound=HttpResponseBase)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def scoped(view: Callable[..., R]) -> Callable[..., R]:
    """A record outside the user's scope does not exist for them (404, never 403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> R:
        try:
            return view(request, *args, **kwargs)
        except OutOfScope as exc:
            raise Http404(str(exc.message)) from exc

    return wrapper
