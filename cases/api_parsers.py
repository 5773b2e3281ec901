"""Request body parsing for the API with a size limit.

Django checks ``DATA_UPLOAD_MAX_MEMORY_SIZE`` only when a view reads ``request.body`` or
form fields; DRF's JSON parser reads the stream directly, so without this a body of any
size was parsed (and saved). Over the limit is ``RequestDataTooBig``, answered 413.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser


class BoundedJSONParser(JSONParser):
    def parse(self, stream: IO[bytes], media_type: str | None = None,
              parser_context: Mapping[str, Any] | None = None) -> Any:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        declared = request.META.get("CONTENT_LENGTH") if request is not None else None
        if limit is not None and declared and declared.isdigit() and int(declared) > limit:
            raise RequestDataTooBig
        body = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(body) > limit:
            raise RequestDataTooBig
        return super().parse(io.BytesIO(body), media_type, parser_context)


def body_fields(data: Any) -> dict[str, Any]:
    """A request's fields by name: a JSON body that is an array, a string or a number is a
    400 saying so, not an empty set of fields (an action that takes none would run on it)."""
    if isinstance(data, dict):
        return data
    raise ValidationError({"non_field_errors": [gettext(
        "The request body must be a JSON object with the fields by name.")]})
