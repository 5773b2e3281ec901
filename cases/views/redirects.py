"""Where a form goes back to after a POST: its ``next`` field, if it is a page of this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def next_page(request: HttpRequest, default: str) -> str:
    """The form's ``next`` when it is a path of this site ("/cases/?q=…"), else ``default``
    (a URL). Only a path is followed: another site is an open redirect, and ``redirect()``
    takes a bare word ("foo", "1", "NaN") for the name of a view, a NoReverseMatch (500)."""
    target = request.POST.get("next") or ""
    if (target.startswith("/") and not target.startswith(("//", "/\\"))
            and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure())):
        return target
    return default
