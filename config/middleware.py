"""Response headers every page and API answer carries.

- Content-Security-Policy: every asset is vendored and served from this site, so
  ``default-src 'self'``; no inline script or style anywhere (the pages' behaviour lives
  in static/ipcases/app.js). ``data:`` images only for Bootstrap's built-in SVG icons.
- ``Cache-Control: no-store`` on everything this middleware sees (case pages, API
  answers, downloads): a shared or back-button cache must not keep case data. Static
  files are answered by WhiteNoise before this middleware, with their own lifetimes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response
