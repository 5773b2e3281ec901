"""Reference data of mediation and judicial confirmation, edited by administrators.

Courts (人民法院) a joint application for judicial confirmation may go to, and the kinds
of dispute an office may mediate with their legal basis. Both are seeded for Guangxi by
a data migration; a document names the legal basis of its dispute from this table, never
from the template text.
"""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourtLevel(models.TextChoices):
    HIGH = "high", _("High people's court")
    INTERMEDIATE = "intermediate", _("Intermediate people's court")
    IP_COURT = "ip_court", _("Intellectual property court or tribunal")
    BASIC = "basic", _("Basic people's court")


class Court(models.Model):
    """A court that may confirm a mediation agreement (司法确认).

    Disputes over invention and utility-model patents usually go to an intermediate court
    or an IP court/tribunal (``hears_technical_patents``); the list is reference data
    because jurisdiction is assigned by the Supreme People's Court and changes.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=CourtLevel.choices)
    region_code = models.CharField(
        _("region code"), max_length=6,
        validators=[RegexValidator(r"^\d{6}$", _("The region code must be 6 digits "
                                                 "(GB/T 2260), e.g. 450100."))],
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    hears_technical_patents = models.BooleanField(
        _("hears invention and utility-model disputes"), default=False,
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("court")
        verbose_name_plural = _("courts")
        ordering = ["region_code", "level", "name"]

    def __str__(self) -> str:
        return self.name


class DisputeType(models.Model):
    """A kind of dispute the office may mediate, with the provision that allows it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    legal_basis = models.TextField(_("legal basis"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mediable dispute type")
        verbose_name_plural = _("mediable dispute types")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name
