"""The amounts found in a case of a workflow without amount fields of its own (a ruling or
a mediation case): what the criminal thresholds judge (涉嫌犯罪，应当移送)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.referral.models.thresholds import Measure


def money(label: Any) -> models.DecimalField[Decimal | None, Decimal | None]:
    return models.DecimalField(label, max_digits=14, decimal_places=2, null=True, blank=True,
                               validators=[MinValueValidator(Decimal(0))])


# The figures, by threshold measure.
FIGURE_FIELDS: dict[str, str] = {
    Measure.TURNOVER: "illegal_turnover",
    Measure.GAIN: "illegal_gain",
    Measure.SALES: "sales_amount",
    Measure.UNSOLD_VALUE: "unsold_value",
    Measure.LOSS: "loss_amount",
    Measure.COPIES: "copies",
    Measure.LABELS: "labels",
}
# What a user records: the figures and the number of registered trademarks involved.
RECORDED_FIELDS: tuple[str, ...] = (*FIGURE_FIELDS.values(), "marks_count")


class ThresholdFigures(models.Model):
    """The figures a case's investigation found or a complaint reported, by threshold
    measure: what the criminal thresholds judge (cases.referral.thresholds.judge). Shared
    by a complaint's record and by the figures of a case of any other workflow."""

    illegal_turnover = money(_("illegal turnover (yuan)"))
    illegal_gain = money(_("illegal gain (yuan)"))
    sales_amount = money(_("sales amount (yuan)"))
    unsold_value = money(_("value of goods not yet sold (yuan)"))
    loss_amount = money(_("right holder's loss (yuan)"))
    copies = models.PositiveIntegerField(_("number of copies"), null=True, blank=True)
    labels = models.PositiveIntegerField(_("number of labels"), null=True, blank=True)
    marks_count = models.PositiveSmallIntegerField(
        _("registered trademarks involved"), default=1)

    class Meta:
        abstract = True

    def amounts(self) -> dict[str, Decimal | int | None]:
        """The figures by threshold measure (cases.referral.thresholds.judge)."""
        return {measure: getattr(self, name) for measure, name in FIGURE_FIELDS.items()}

    def figure_rows(self) -> list[tuple[str, Any]]:
        """The recorded figures as (label, value), for the case page."""
        rows: list[tuple[str, Any]] = []
        for name in RECORDED_FIELDS:
            value = getattr(self, name)
            if value is not None and not (name == "marks_count" and value == 1):
                rows.append((str(getattr(self._meta.get_field(name), "verbose_name", name)),
                             value))
        return rows


class CaseFigures(ThresholdFigures):
    """The figures the investigation of a case found, one row per case (changed in place;
    each change is on the case's timeline)."""

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
        related_name="figures",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
        related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("figures of a case")
        verbose_name_plural = _("figures of cases")

    def __str__(self) -> str:
        return str(self.case)
