"""Permissions as the admin lists them (a group's permissions, a user's own), in Chinese.

Django stores a model's default permission names in English when it creates them
("Can add case", built from the model's untranslated name), so the group and user forms
listed English beside the Chinese app and model names. The label is built when shown:
the default actions from their codename and the model's translated name, any other
permission by translating its stored name."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import ManyToManyField
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


# A read-only form (an administrator who may view groups but not change them) lists a
# group's permissions by their ``str``, "应用 | 模型 | Can add agent": the same label there.
Permission.__str__ = permission_label  # type: ignore[assignment,method-assign]


class PermissionLabels:
    """An admin mixin: its many-to-many fields to permissions labelled in Chinese."""

    def formfield_for_manytomany(self, db_field: ManyToManyField[Any, Any],
                                 request: HttpRequest, **kwargs: Any) -> Any:
        return translate_permissions(
            super().formfield_for_manytomany(  # type: ignore[misc]
                db_field, request, **kwargs), db_field)
