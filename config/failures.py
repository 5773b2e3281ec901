"""A database that is locked or unreachable answers 503 with a message, not a bare 500.

SQLite's "database is locked" (after its busy timeout), PostgreSQL's lock timeout and a
lost connection all reach the view as Django's ``OperationalError``; the API's exception
handler does not map it, so DRF re-raises it and this middleware answers both the pages
and the API. The page is rendered without touching the database. Each one is logged once,
as a warning of ``ipcases.failures`` naming the request and the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

logger = logging.getLogger("ipcases.failures")
RETRY_AFTER_SECONDS = 10


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", "")


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest,
                          exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError):
            return None
        logger.warning("database unavailable for %s %s: %s", request.method, request.path,
                       exception)
        message = _("The database is busy or cannot be reached right now, so this request "
                    "was not completed. Please try again in a moment.")
        response: HttpResponse
        if _wants_json(request):
            response = JsonResponse({"detail": message, "code": "database_unavailable"},
                                    status=503, json_dumps_params={"ensure_ascii": False})
        else:
            response = HttpResponse(render_to_string("503.html", {"message": message}),
                                    status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        # Logged above, with the reason: Django's request logger would log the 503 again
        # as an error ("Service Unavailable: /path").
        response._has_been_logged = True  # type: ignore[attr-defined]
        return response
