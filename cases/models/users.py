"""People: users belong to one office and hold one or more roles."""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles are Django groups with these names; the group carries the admin permissions."""

    OFFICER = "officer", _("Enforcement officer")
    MEDIATOR = "mediator", _("Mediator")
    LEGAL = "legal", _("Legal staff")
    HEAD = "head", _("Head of office")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    name = models.CharField(_("name"), max_length=50, blank=True)
    office = models.ForeignKey(
        "cases.Office",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    badge_number = models.CharField(_("badge number"), max_length=30, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.username

    @cached_property
    def roles(self) -> frozenset[str]:
        valid = set(Role.values)
        return frozenset(n for n in self.groups.values_list("name", flat=True) if n in valid)

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_system_admin(self) -> bool:
        return self.is_superuser or Role.ADMIN in self.roles

    @property
    def sees_every_office(self) -> bool:
        """A superuser, or an administrator of the top office (or of none): a city's or
        county's administrator administers their own office tree only."""
        if self.is_superuser:
            return True
        if Role.ADMIN not in self.roles:
            return False
        return self.office is None or self.office.parent_id is None

    @property
    def display_name(self) -> str:
        return self.name or self.get_full_name() or self.username
