"""Permissions as the admin lists them (a group's permissions, a user's own), in Chinese.

Django stores a model's default permission names in English when it creates them
("Can add case", built from the model's untranslated name), so the group and user forms
listed English beside the Chinese app and model names. The label is built when shown:
the default actions from their codename and the model's translated name, any other
permission by translating its stored name: in the forms' choices (and with them the
two-box selector) and, where the editor may only view a record, in its read-only rows.
``str(permission)`` stays Django's everywhere (decision 111)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db.models import ManyToManyField, Model
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """"应用 | 模型 | 可以添加某某": what the permission lets one do, in the user's language."""
    model = permission.content_type.model_class()
    action, _sep, name = permission.codename.partition("_")
    if model is not None and action in ACTIONS and name == model._meta.model_name:
        what = str(ACTIONS[action]) % {"model": model._meta.verbose_name}
    else:
        what = gettext(permission.name)
    return f"{permission.content_type} | {what}"


def translate_permissions(formfield: Any, db_field: ManyToManyField[Any, Any]) -> Any:
    """The form field of a many-to-many to permissions, labelled by ``permission_label``."""
    if formfield is not None and db_field.related_model is Permission:
        formfield.label_from_instance = permission_label
    return formfield


def read_only_labels(field: ManyToManyField[Any, Any]) -> Callable[[Model], str]:
    """What a read-only view shows in ``field``'s row: the record's permissions by
    ``permission_label`` (Django would join their ``str``, "应用 | 模型 | Can add agent")."""
    def labels(obj: Model) -> str:
        permissions = getattr(obj, field.name).select_related("content_type")
        return ", ".join(permission_label(permission) for permission in permissions)

    labels.__name__ = field.name  # the row keeps the field's CSS class and help text
    return admin.display(description=field.verbose_name)(labels)


def _labelled(fields: Sequence[Any], shown: dict[str, Callable[[Model], str]]) -> list[Any]:
    """A fieldset's fields (a row may be a tuple of them) with ``shown``'s in their place."""
    out: list[Any] = []
    for name in fields:
        if isinstance(name, (list, tuple)):
            out.append(_labelled(name, shown))
        else:
            out.append(shown.get(name, name) if isinstance(name, str) else name)
    return out


class PermissionLabels:
    """An admin mixin: its many-to-many fields to permissions labelled in Chinese, in the
    form and in the read-only view of an editor who may view the record, not change it."""

    model: type[Model]

    def formfield_for_manytomany(self, db_field: ManyToManyField[Any, Any],
                                 request: HttpRequest, **kwargs: Any) -> Any:
        return translate_permissions(
            super().formfield_for_manytomany(  # type: ignore[misc]
                db_field, request, **kwargs), db_field)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)  # type: ignore[misc]
        if obj is None or self.has_change_permission(  # type: ignore[attr-defined]
                request, obj):
            return fieldsets
        shown = {field.name: read_only_labels(field) for field in self.model._meta.many_to_many
                 if field.related_model is Permission}
        return [(title, {**options, "fields": _labelled(options["fields"], shown)})
                for title, options in fieldsets]
