"""Authentication of people and API clients: login throttling and the API's schemes.

django-axes counts failed logins per username and per address (settings, "login
throttling"); a locked login is refused before its password is hashed. The web login
gets a page, the API a JSON 429 in the API's error format.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from rest_framework import exceptions, status
from rest_framework.authentication import BasicAuthentication
from rest_framework.request import Request

API_PREFIX = "/api/"


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many failed logins: this login is locked for %(minutes)d minutes. "
        "An administrator can unlock it sooner."
    ) % {"minutes": minutes}


class LoginThrottlingBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login that comes with a request (the login
    form, HTTP Basic). A login without one (``manage.py`` commands, the test client)
    has no client address to throttle and is left to the next backend."""

    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class LoginLockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self) -> None:
        super().__init__(detail=lockout_message(), code=self.default_code)


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    """django-axes' answer to a refused login (``AXES_LOCKOUT_CALLABLE``)."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": lockout_message(), "code": "locked_out"},
                            status=status.HTTP_429_TOO_MANY_REQUESTS)
    return render(request, "registration/locked_out.html", {"message": lockout_message()},
                  status=status.HTTP_429_TOO_MANY_REQUESTS)


class ThrottledBasicAuthentication(BasicAuthentication):
    """HTTP Basic through django-axes: once a login or an address is locked, the answer
    is 429 with the lockout message instead of "wrong password", and no hash is computed.
    """

    www_authenticate_realm = "ipcases"

    def authenticate_credentials(self, userid: str, password: str,
                                 request: Request | None = None) -> tuple[Any, None]:
        # Django's HttpRequest, as the login form passes it: receivers of the login
        # signals (axes, the access log) read request.user, which on DRF's wrapper would
        # start this authentication again.
        http_request: Any = request._request if request is not None else None
        try:
            return super().authenticate_credentials(userid, password, http_request)
        except exceptions.AuthenticationFailed:
            if getattr(http_request, "axes_locked_out", False):
                raise LoginLockedOut() from None
            raise


class TokenAuthentication(KnoxTokenAuthentication):
    """``Authorization: Token <token>``: hashed, expiring per-user tokens (knox)."""

    def authenticate_header(self, request: Request) -> str:
        return 'Token realm="ipcases"'

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        # knox compares the scheme with authenticate_header(); ours carries a realm.
        auth = request.META.get("HTTP_AUTHORIZATION", "").split()
        if not auth or auth[0].lower() != "token":
            return None
        if len(auth) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        return self.authenticate_credentials(auth[1].encode())
