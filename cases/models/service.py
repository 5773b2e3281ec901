"""Service of documents on parties (送达), a procedure every workflow shares."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceMethod(models.TextChoices):
    """送达方式."""

    DIRECT = "direct", _("Direct service")
    MAIL = "mail", _("Service by post")
    ELECTRONIC = "electronic", _("Electronic service")
    LEFT = "left", _("Service by leaving at domicile")
    PUBLIC_NOTICE = "public_notice", _("Service by public notice")
