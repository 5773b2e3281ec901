"""Maps domain errors to HTTP answers for the whole REST API (DESIGN.md, rule 5)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import status
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


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
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
    return drf_exception_handler(exc, context)
