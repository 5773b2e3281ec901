"""Maps domain errors to HTTP answers for the whole REST API (DESIGN.md, rule 5).

Every 4xx of the API has one shape: ``{"detail": <message>, "code": <machine code>}``,
plus, on a 400, the messages per field (``{"title": ["…"], "non_field_errors": […]}``).
That holds for DRF's and Django's own refusals too (401, 403, 404, 405, 413, 415, 429),
including URLs under /api/ that match no route (``api_not_found``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from cases.errors import ConcurrentChange, OutOfScope, TransitionNotAllowed


def _validation_detail(exc: DjangoValidationError) -> Any:
    """Django's field → messages, with its ``__all__`` under DRF's own name, so every
    400 of the API names record-wide errors the same way."""
    if hasattr(exc, "error_dict"):
        return {(api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field):
                [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
    return {api_settings.NON_FIELD_ERRORS_KEY: [str(m) for m in exc.messages]}


def _first_code(codes: Any) -> str:
    """The first machine code in DRF's nested ``get_codes()`` answer."""
    while isinstance(codes, dict | list) and codes:
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes if isinstance(codes, str) else "invalid"


def _uniform(response: Response, exc: Exception) -> Response:
    """DRF's answer in the API's one shape: ``detail`` and ``code`` always present."""
    data = response.data
    if isinstance(exc, DRFValidationError):
        fields = data if isinstance(data, dict) else {
            api_settings.NON_FIELD_ERRORS_KEY: data if isinstance(data, list) else [data]}
        response.data = {"detail": _("The input is invalid; see the messages per field."),
                         "code": "invalid", **fields}
    elif isinstance(exc, APIException):
        detail = data.get("detail", "") if isinstance(data, dict) else data
        response.data = {"detail": str(detail), "code": _first_code(exc.get_codes())}
    return response


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        return Response(
            {"detail": _("The request body is too large."), "code": "too_large"},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, TooManyFieldsSent):
        exc = DRFValidationError(
            detail={api_settings.NON_FIELD_ERRORS_KEY: [_("Too many fields.")]})
    if isinstance(exc, DjangoValidationError):
        exc = DRFValidationError(detail=_validation_detail(exc))
    elif isinstance(exc, (TransitionNotAllowed, ConcurrentChange)):
        code = "concurrent_change" if isinstance(exc, ConcurrentChange) else "not_allowed"
        return Response(
            {"detail": str(exc.message), "code": code}, status=status.HTTP_409_CONFLICT
        )
    elif isinstance(exc, OutOfScope):
        return Response(
            {"detail": str(exc.message), "code": "not_found"}, status=status.HTTP_404_NOT_FOUND
        )
    elif isinstance(exc, DjangoPermissionDenied):
        return Response(
            {
                "detail": str(exc)
                or str(_("You do not have permission to perform this action.")),
                "code": "permission_denied",
            },
            status=status.HTTP_403_FORBIDDEN,
        )
    response = drf_exception_handler(exc, context)
    return _uniform(response, exc) if response is not None else None


def api_not_found(request: HttpRequest) -> JsonResponse:
    """A URL under /api/ that matches no route: the API's 404, not the HTML page."""
    return JsonResponse({"detail": _("Not found."), "code": "not_found"},
                        status=status.HTTP_404_NOT_FOUND)
