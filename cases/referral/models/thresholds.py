"""Criminal thresholds (刑法 arts. 213-219) as editable, versioned configuration.

A case whose recorded amounts reach a threshold in force on the case's date is suspected
of a crime and must be referred to public security (行刑衔接; DOMAIN.md, Workflow D). The
figures change with the judicial interpretations (法释〔2004〕19号, 法释〔2020〕10号,
法释〔2025〕5号 …), so each figure is one row with its validity and legal basis, and an
administrator adds a new version rather than editing an old one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.models.deadline_rules import RuleCodeField
from cases.models.rights import RightKind


class Offence(models.TextChoices):
    """The IP offences of 刑法 chapter III section 7 the office may come across."""

    COUNTERFEIT_MARK = "213", _("Counterfeiting a registered trademark (Criminal Law art. 213)")
    SELLING_COUNTERFEIT_GOODS = "214", _(
        "Selling goods bearing a counterfeit registered trademark (art. 214)")
    ILLEGAL_LABELS = "215", _(
        "Illegally making or selling registered trademark labels (art. 215)")
    PATENT_PASSING_OFF = "216", _("Passing off a patent (art. 216)")
    COPYRIGHT = "217", _("Copyright infringement (art. 217)")
    SELLING_PIRATED_COPIES = "218", _("Selling infringing copies (art. 218)")
    TRADE_SECRET = "219", _("Infringing a trade secret (art. 219)")


class Measure(models.TextChoices):
    """What a threshold measures; money in yuan, the others in items."""

    TURNOVER = "turnover", _("illegal turnover (yuan)")
    GAIN = "gain", _("illegal gain (yuan)")
    SALES = "sales", _("sales amount (yuan)")
    UNSOLD_VALUE = "unsold_value", _("value of goods not yet sold (yuan)")
    LOSS = "loss", _("right holder's loss (yuan)")
    COPIES = "copies", _("number of copies")
    LABELS = "labels", _("number of labels")


# How the Criminal Law article of each offence is written in a threshold's summary
# (``ThresholdRule.article``, as seeded).
OFFENCE_ARTICLES: dict[str, str] = {
    Offence.COUNTERFEIT_MARK: "刑法第二百一十三条",
    Offence.SELLING_COUNTERFEIT_GOODS: "刑法第二百一十四条",
    Offence.ILLEGAL_LABELS: "刑法第二百一十五条",
    Offence.PATENT_PASSING_OFF: "刑法第二百一十六条",
    Offence.COPYRIGHT: "刑法第二百一十七条",
    Offence.SELLING_PIRATED_COPIES: "刑法第二百一十八条",
    Offence.TRADE_SECRET: "刑法第二百一十九条",
}

MONEY_MEASURES = frozenset({Measure.TURNOVER, Measure.GAIN, Measure.SALES,
                            Measure.UNSOLD_VALUE, Measure.LOSS})

# A money measure's name without its unit, for a line that writes the figures in yuan
# ("非法经营数额 ¥80,000 ≥ ¥50,000"): the label's "（元）" would say the unit twice.
MEASURE_NAMES: dict[str, Any] = {
    Measure.TURNOVER: pgettext_lazy("threshold measure", "illegal turnover"),
    Measure.GAIN: pgettext_lazy("threshold measure", "illegal gain"),
    Measure.SALES: pgettext_lazy("threshold measure", "sales amount"),
    Measure.UNSOLD_VALUE: pgettext_lazy("threshold measure", "value of goods not yet sold"),
    Measure.LOSS: pgettext_lazy("threshold measure", "right holder's loss"),
}


def measure_name(measure: str) -> str:
    """The measure as named beside a figure that carries its own unit (¥ for money)."""
    return str(MEASURE_NAMES.get(measure) or Measure(measure).label)

# What each offence's thresholds are measured in (刑法 arts. 213-219 and the judicial
# interpretations): a case records only the measures of the offences its rights can give
# rise to, and a rule of an offence in another measure is refused.
OFFENCE_MEASURES: dict[str, tuple[str, ...]] = {
    Offence.COUNTERFEIT_MARK: (Measure.TURNOVER, Measure.GAIN),
    Offence.SELLING_COUNTERFEIT_GOODS: (Measure.SALES, Measure.UNSOLD_VALUE, Measure.GAIN),
    Offence.ILLEGAL_LABELS: (Measure.TURNOVER, Measure.GAIN, Measure.LABELS),
    Offence.PATENT_PASSING_OFF: (Measure.TURNOVER, Measure.GAIN, Measure.LOSS),
    Offence.COPYRIGHT: (Measure.TURNOVER, Measure.GAIN, Measure.COPIES),
    Offence.SELLING_PIRATED_COPIES: (Measure.SALES, Measure.GAIN),
    Offence.TRADE_SECRET: (Measure.GAIN, Measure.LOSS),
}

# The offences a kind of right can give rise to (a passing-off of a patent, not its
# infringement, is the crime of art. 216).
OFFENCES_BY_RIGHT_KIND: dict[str, tuple[str, ...]] = {
    RightKind.INVENTION_PATENT: (Offence.PATENT_PASSING_OFF,),
    RightKind.UTILITY_MODEL: (Offence.PATENT_PASSING_OFF,),
    RightKind.DESIGN_PATENT: (Offence.PATENT_PASSING_OFF,),
    RightKind.TRADEMARK: (Offence.COUNTERFEIT_MARK, Offence.SELLING_COUNTERFEIT_GOODS,
                          Offence.ILLEGAL_LABELS),
    RightKind.GEOGRAPHIC_INDICATION: (Offence.COUNTERFEIT_MARK,
                                      Offence.SELLING_COUNTERFEIT_GOODS),
    RightKind.COPYRIGHT: (Offence.COPYRIGHT, Offence.SELLING_PIRATED_COPIES),
    RightKind.TRADE_SECRET: (Offence.TRADE_SECRET,),
}


def offences_for(right_kinds: Iterable[str]) -> set[str]:
    """The offences the rights of a case can give rise to."""
    return {o for kind in right_kinds for o in OFFENCES_BY_RIGHT_KIND.get(kind, ())}


def case_offences(right_kinds: Collection[str]) -> set[str]:
    """The offences a case's figures are judged for: those its rights can give rise to,
    every one for a case without a right."""
    return offences_for(right_kinds) if right_kinds else set(Offence.values)


# The offences whose figures are lower for two or more registered trademarks (a rule's
# ``min_marks``): only their cases record the number of trademarks involved.
MARKS_OFFENCES = frozenset({Offence.COUNTERFEIT_MARK, Offence.ILLEGAL_LABELS})


class ThresholdRuleQuerySet(models.QuerySet["ThresholdRule"]):
    def in_force(self, on: date) -> ThresholdRuleQuerySet:
        """The active rules valid on ``on`` (every offence and measure)."""
        return self.filter(is_active=True, effective_from__lte=on).filter(
            Q(effective_until__isnull=True) | Q(effective_until__gte=on))


class ThresholdRule(models.Model):
    """One figure of one offence: ``measure`` ≥ ``amount`` suspects the crime.

    Rules of the same offence and ``group`` are read together: with ``any_one_suffices``
    one figure reached is enough (the usual wording "或者"); without it every figure of the
    group must be reached. ``min_marks`` limits a rule to cases involving at least that
    many registered trademarks (art. 213: lower figures for two or more marks).
    """

    code = RuleCodeField(_("code"), max_length=60, help_text=_(
        "Stable identifier of this figure across its versions, e.g. cl213.turnover."))
    offence = models.CharField(_("offence"), max_length=3, choices=Offence.choices)
    article = models.CharField(_("Criminal Law article"), max_length=40,
                               help_text=_("e.g. 刑法第二百一十三条"))
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    amount = models.DecimalField(_("threshold"), max_digits=14, decimal_places=2)
    group = models.CharField(pgettext_lazy("threshold rule", "group"), max_length=40,
                             default="main", help_text=_(
        "Figures of the same offence and group are read together."))
    any_one_suffices = models.BooleanField(_("any one figure suffices"), default=True)
    min_marks = models.PositiveSmallIntegerField(
        _("applies from this many trademarks"), null=True, blank=True,
        help_text=_("Empty: whatever the number of trademarks."))
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)
    legal_basis = models.TextField(_("legal basis"))
    verify = models.BooleanField(
        _("to be verified"), default=True,
        help_text=_("The figure is the best available understanding, not confirmed text."))
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ThresholdRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("criminal threshold")
        verbose_name_plural = _("criminal thresholds")
        ordering = ["offence", "group", "code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"],
                                    name="uniq_threshold_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.article} {measure_name(self.measure)} ≥ {self.amount_display}"

    @property
    def amount_display(self) -> str:
        if self.measure in MONEY_MEASURES:
            return f"¥{self.amount:,.0f}"
        return f"{self.amount:,.0f}"

    def is_in_force(self, on: date) -> bool:
        return (self.is_active and self.effective_from <= on
                and (self.effective_until is None or on <= self.effective_until))

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = ValidationError(
                _("Threshold: the figure must be positive."), code="not_positive")
        if self.effective_until and self.effective_from and (
                self.effective_until <= self.effective_from):
            errors["effective_until"] = ValidationError(
                _("Effective until: %(until)s must be after the effective-from date "
                  "%(since)s."), code="not_after",
                params={"until": self.effective_until, "since": self.effective_from})
        if self.offence in OFFENCE_MEASURES and self.measure and (
                self.measure not in OFFENCE_MEASURES[self.offence]):
            errors["measure"] = ValidationError(
                _("Measure: the thresholds of %(offence)s are not measured in %(measure)s."),
                code="not_of_offence",
                params={"offence": self.get_offence_display(),
                        "measure": self.get_measure_display()})
        if self.min_marks is not None and self.offence not in MARKS_OFFENCES:
            errors["min_marks"] = ValidationError(
                _("Trademarks: the thresholds of %(offence)s do not depend on the number of "
                  "trademarks."), code="not_of_offence",
                params={"offence": self.get_offence_display()})
        if errors:
            raise ValidationError(errors)
