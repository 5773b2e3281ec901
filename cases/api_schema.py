"""The OpenAPI schema's conventions, stated once for every endpoint.

- Every operation documents the API's error answers (``cases.api_errors``): 400 with
  messages per field, 401, 403, 404, 409, 429, and for operations with a body 413/415.
- Transition bodies are described per action from the action's own form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

BODY_METHODS = {"POST", "PUT", "PATCH"}


class ApiErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("A message for people."))
    code = serializers.CharField(help_text=_(
        "A machine-readable code, e.g. not_found, permission_denied, not_allowed, "
        "concurrent_change, too_large."))


class ValidationErrorSerializer(ApiErrorSerializer):
    """``detail``/``code`` plus one list of messages per invalid field (named by the
    field), record-wide messages under ``non_field_errors``."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


ERRORS: dict[str, tuple[type[serializers.Serializer], bool]] = {
    # status → (shape, only for operations with a request body)
    "400": (ValidationErrorSerializer, False),
    "401": (ApiErrorSerializer, False),
    "403": (ApiErrorSerializer, False),
    "404": (ApiErrorSerializer, False),
    "409": (ApiErrorSerializer, False),
    "413": (ApiErrorSerializer, True),
    "415": (ApiErrorSerializer, True),
    "429": (ApiErrorSerializer, False),
}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "cases.auth.TokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        scheme: dict[str, Any] = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix="Token")  # noqa: S106 - a scheme name
        return scheme


class ThrottledBasicScheme(OpenApiAuthenticationExtension):
    target_class = "cases.auth.ThrottledBasicAuthentication"
    name = "basicAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "http", "scheme": "basic"}


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code, (shape, body_only) in ERRORS.items():
            if body_only and self.method not in BODY_METHODS:
                continue
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    shape, code, ["application/json"], direction)
        return responses


# --- transition bodies from the actions' forms --------------------------------------------


def _serializer_field(field: forms.Field) -> serializers.Field:
    common: dict[str, Any] = {"required": field.required,
                              "help_text": str(field.label or "")}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return serializers.ListField(child=serializers.IntegerField(), **common)
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(allow_null=not field.required, **common)
    if isinstance(field, forms.MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=_static_choices(field), **common)
    if isinstance(field, forms.TypedChoiceField | forms.ChoiceField):
        return serializers.ChoiceField(choices=_static_choices(field), **common)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(**common)
    if isinstance(field, forms.DateTimeField):
        return serializers.DateTimeField(**common)
    if isinstance(field, forms.DateField):
        return serializers.DateField(**common)
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(**common)
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(max_digits=field.max_digits or 14,
                                        decimal_places=field.decimal_places or 2,
                                        coerce_to_string=False, **common)
    if isinstance(field, forms.FileField):
        return serializers.FileField(**common)
    if getattr(field, "max_length", None) is not None:
        common["max_length"] = field.max_length  # type: ignore[attr-defined]
    return serializers.CharField(allow_blank=not field.required, **common)


def _static_choices(field: forms.ChoiceField) -> list[tuple[Any, str]]:
    return [(value, str(label))
            for value, label in cast(Iterable[tuple[Any, Any]], field.choices)
            if value not in ("", None) and not isinstance(label, list | tuple)]


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def transition_request(
        actions: Callable[[], Mapping[str, Any]]) -> PolymorphicProxySerializer:
    """One body schema per action (``<Action>Transition``), offered as alternatives;
    ``actions`` is called when the schema is built (workflows register at start-up)."""
    return PolymorphicProxySerializer(component_name="Transition",
                                      serializers=lambda: _bodies(actions()),
                                      resource_type_field_name=None)


def _bodies(actions: Mapping[str, Any]) -> list[serializers.Serializer]:
    bodies: list[serializers.Serializer] = []
    for name, spec in actions.items():
        fields: dict[str, serializers.Field] = {
            field_name: _serializer_field(field)
            for field_name, field in spec.form.base_fields.items()
        }
        fields["expected_state"] = serializers.CharField(
            required=False,
            help_text=_("The state the caller saw; 409 if the case has moved on since."))
        cls = type(f"{_camel(name)}Transition", (serializers.Serializer,), fields)
        bodies.append(cls())
    return bodies
