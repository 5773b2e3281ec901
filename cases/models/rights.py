"""Intellectual-property rights in dispute."""

from __future__ import annotations

from collections.abc import Collection

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.validators import (
    format_patent_number,
    normalize_patent_application_number,
    patent_type_of,
    validate_nice_class,
    validate_patent_application_number,
    validate_trademark_registration_number,
)


class InfringingAct(models.TextChoices):
    """Acts that infringe a patent (专利法 art. 11): the vocabulary of disputes and of the
    precedent index."""

    MAKE = "make", _("Making")
    USE = "use", _("Using")
    OFFER = "offer", _("Offering for sale")
    SELL = "sell", _("Selling")
    IMPORT = "import", _("Importing")


class RightKind(models.TextChoices):
    INVENTION_PATENT = "invention_patent", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model patent")
    DESIGN_PATENT = "design_patent", _("Design patent")
    TRADEMARK = "trademark", _("Trademark")
    COPYRIGHT = "copyright", _("Copyright")
    GEOGRAPHIC_INDICATION = "geographic_indication", _("Geographical indication")
    TRADE_SECRET = "trade_secret", _("Trade secret")
    PLANT_VARIETY = "plant_variety", _("Plant variety")


PATENT_KINDS = {RightKind.INVENTION_PATENT: "invention",
                RightKind.UTILITY_MODEL: "utility_model",
                RightKind.DESIGN_PATENT: "design"}


# How the rights of a case are headed where they are listed: by their kind, since a case
# may be about a trademark or a copyright as well as a patent.
_RIGHTS_HEADING = {
    "patent": _("Patents in dispute"),
    RightKind.TRADEMARK: _("Trademarks in dispute"),
    RightKind.COPYRIGHT: _("Copyrights in dispute"),
    RightKind.GEOGRAPHIC_INDICATION: _("Geographical indications in dispute"),
    RightKind.TRADE_SECRET: _("Trade secrets in dispute"),
    RightKind.PLANT_VARIETY: _("Plant varieties in dispute"),
}


def rights_heading(kinds: Collection[str]) -> str:
    """涉案专利 for patents only, 涉案商标 for trademarks only, …; 涉案知识产权 for a mix
    (or none yet)."""
    groups = {"patent" if kind in PATENT_KINDS else kind for kind in kinds}
    if len(groups) == 1:
        return str(_RIGHTS_HEADING.get(groups.pop(), _("Rights in dispute")))
    return str(_("Rights in dispute"))


class RightStatus(models.TextChoices):
    PENDING = "pending", _("Under examination")
    VALID = "valid", _("In force")
    INVALIDATED = "invalidated", _("Declared invalid")
    PARTIALLY_INVALIDATED = "partially_invalidated", _("Partially invalidated")
    EXPIRED = "expired", _("Expired")
    LAPSED = "lapsed", _("Lapsed for non-payment of fees")


class IPRight(models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=RightKind.choices)
    number = models.CharField(_("application / registration number"), max_length=40,
                              blank=True)
    title = models.CharField(_("title"), max_length=200)
    holder = models.ForeignKey("cases.Party", verbose_name=_("holder"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="rights")
    holder_name = models.CharField(_("holder name"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=30, choices=RightStatus.choices,
                              default=RightStatus.VALID)
    application_date = models.DateField(_("application date"), null=True, blank=True)
    grant_date = models.DateField(_("grant / registration date"), null=True, blank=True)
    nice_class = models.PositiveSmallIntegerField(_("Nice class"), null=True, blank=True)
    goods_services = models.TextField(_("goods / services"), blank=True)
    evaluation_report_no = models.CharField(_("patent evaluation report number"),
                                            max_length=40, blank=True)
    office = models.ForeignKey("cases.Office", verbose_name=_("registered by office"),
                               on_delete=models.PROTECT, related_name="rights")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("IP right")
        verbose_name_plural = _("IP rights")
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["office", "kind", "number"],
                                    condition=~Q(number=""), name="uniq_right_number"),
        ]
        indexes = [models.Index(fields=["number"], name="right_number")]

    def __str__(self) -> str:
        return f"{self.display_number} {self.title}".strip()

    @property
    def is_patent(self) -> bool:
        return self.kind in PATENT_KINDS

    @property
    def display_number(self) -> str:
        if self.is_patent and self.number:
            try:
                return format_patent_number(self.number)
            except ValidationError:
                return self.number
        return self.number

    def clean(self) -> None:
        errors: dict[str, list[object]] = {}
        if self.is_patent:
            if not self.number:
                errors["number"] = [_("A patent needs its application number.")]
            else:
                try:
                    self.number = normalize_patent_application_number(self.number)
                    validate_patent_application_number(self.number)
                    if patent_type_of(self.number) != PATENT_KINDS[RightKind(self.kind)]:
                        errors["number"] = [ValidationError(
                            _("The type digit %(digit)s of application number %(number)s "
                              "is not that of a %(kind)s (1 or 8 invention, 2 or 9 utility "
                              "model, 3 design)."), code="patent_kind_mismatch",
                            params={"digit": self.number[4], "number": self.number,
                                    "kind": self.get_kind_display()})]
                except ValidationError as exc:
                    errors["number"] = list(exc.error_list)
        if self.kind == RightKind.TRADEMARK:
            try:
                validate_trademark_registration_number(self.number)
            except ValidationError as exc:
                errors["number"] = list(exc.error_list)
            try:
                validate_nice_class(self.nice_class)
            except ValidationError as exc:
                errors["nice_class"] = list(exc.error_list)
        elif self.nice_class is not None:
            errors["nice_class"] = [_("Only a trademark has a Nice class.")]
        if not self.holder_id and not self.holder_name:
            errors["holder_name"] = [_("Name the right holder.")]
        if self.grant_date and self.application_date and self.grant_date < self.application_date:
            errors["grant_date"] = [_("The grant date cannot be before the application date.")]
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # As for parties: the rule behind the unique constraint, with a message that names
        # the number and the record already holding it, on the number field.
        if self.office_id and self.number:
            other = (IPRight.objects.filter(office_id=self.office_id, kind=self.kind,
                                            number=self.number)
                     .exclude(pk=self.pk).first())
            if other is not None:
                field = "number" if not exclude or "number" not in exclude else (
                    NON_FIELD_ERRORS)
                raise ValidationError({field: [ValidationError(
                    _("This office has already registered a %(kind)s numbered %(number)s: "
                      "%(title)s."), code="duplicate_right",
                    params={"kind": other.get_kind_display(), "number": other.display_number,
                            "title": other.title})]})
        super().validate_constraints(exclude)
