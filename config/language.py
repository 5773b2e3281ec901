"""The interface language: Simplified Chinese, whatever the browser asks for.

Offices work in Chinese, and a browser or operating system set to English (common on the
machines of IT staff) must not turn the case pages, the admin or the API's messages into
English. ``Accept-Language`` is therefore ignored; only an explicit choice, the language
cookie that Django's ``set_language`` view (``/i18n/setlang/``) writes, selects another
configured language, for support staff and developers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class InterfaceLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        code = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
