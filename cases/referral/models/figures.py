"""The amounts found in a case of a workflow without amount fields of its own (a ruling or
a mediation case): what the criminal thresholds judge (涉嫌犯罪，应当移送)."""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.rights import RightKind, RightStatus
from cases.referral.models.thresholds import (
    MARKS_OFFENCES,
    OFFENCE_MEASURES,
    Measure,
    case_offences,
)

# A trademark right in these states is not a registered mark (刑法第二百一十三条).
UNREGISTERED = frozenset({RightStatus.PENDING, RightStatus.INVALIDATED})

if TYPE_CHECKING:
    from cases.models import Case


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


def fields_for(offences: Collection[str]) -> tuple[str, ...]:
    """The recorded fields the thresholds of ``offences`` read: their measures, and the
    number of trademarks when a threshold of theirs depends on it."""
    measures = {m for offence in offences for m in OFFENCE_MEASURES.get(offence, ())}
    names = [name for measure, name in FIGURE_FIELDS.items() if measure in measures]
    if MARKS_OFFENCES.intersection(offences):
        names.append("marks_count")
    return tuple(names)


def case_fields(case: Case) -> tuple[str, ...]:
    """The figures that apply to a case: those of the offences its rights can give rise
    to (a patent's passing-off, a trademark's counterfeiting …; every one without a
    right). The case page shows and asks for these only, and the API takes only these."""
    return fields_for(case_offences([r.kind for r in case.rights.all()]))


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
    # Empty when not stated: the registered trademarks among the case's rights are counted
    # (marks_judged).
    marks_count = models.PositiveSmallIntegerField(
        _("registered trademarks involved"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(999)])
    # The case the figures are of (a OneToOneField of each concrete model).
    case: Case

    class Meta:
        abstract = True

    def amounts(self) -> dict[str, Decimal | int | None]:
        """The figures by threshold measure (cases.referral.thresholds.judge)."""
        return {measure: getattr(self, name) for measure, name in FIGURE_FIELDS.items()}

    def marks_judged(self) -> int:
        """The number of registered trademarks the thresholds judge: the number recorded;
        when none was, the registered trademarks among the case's rights (those still under
        examination or declared invalid are not registered marks), and at least one."""
        if self.marks_count is not None:
            return self.marks_count
        return max(1, sum(1 for right in self.case.rights.all()
                          if right.kind == RightKind.TRADEMARK
                          and right.status not in UNREGISTERED))

    def figure_rows(self) -> list[tuple[str, Any]]:
        """The recorded figures that apply to the case as (label, value), for the case
        page. The number of trademarks, when not stated, is shown as what is judged and
        said to be counted from the case's rights."""
        rows: list[tuple[str, Any]] = []
        for name in case_fields(self.case):
            value = getattr(self, name)
            if name == "marks_count" and value is None:
                value = _("%(count)s (not stated: the registered trademarks among the "
                          "case's rights)") % {"count": self.marks_judged()}
            if value is not None:
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
