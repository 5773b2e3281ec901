"""Statutory time limits as editable, versioned configuration with their legal basis."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Workflow(models.TextChoices):
    RULING = "ruling", _("Administrative ruling")
    MEDIATION = "mediation", _("Administrative mediation")
    CONFIRMATION = "confirmation", _("Judicial confirmation")
    REFERRAL = "referral", _("Referral")
    COMPLAINT = "complaint", _("Complaints and tip-offs")
    GENERAL = "general", _("General")


class PeriodUnit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    DAYS = "days", _("days")
    MONTHS = "months", _("months")
    HOURS = "hours", _("hours")


RULE_CODE_RE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*")

validate_rule_code = RegexValidator(
    r"\A" + RULE_CODE_RE.pattern + r"\Z", _(
        "Code: a rule code is lower-case words joined by dots, e.g. ruling.answer_period."),
    code="invalid")


class RuleCodeField(models.SlugField):
    """A slug column whose values are dotted ("ruling.answer_period").

    SlugField's own validator (model and form) refuses the dots, so no rule could be saved
    in the admin; this field validates against RULE_CODE_RE instead. It deconstructs as a
    plain SlugField: the column is unchanged and no migration is needed.
    """

    default_validators = [validate_rule_code]

    def formfield(self, form_class: Any = None, choices_form_class: Any = None,
                  **kwargs: Any) -> forms.Field | None:
        return models.CharField.formfield(self, form_class=form_class,
                                          choices_form_class=choices_form_class, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.SlugField", args, kwargs


class DeadlineRuleQuerySet(models.QuerySet["DeadlineRule"]):
    def in_force(self, code: str, on: date) -> DeadlineRule:
        """The active version of ``code`` with the latest ``effective_from`` on or before
        ``on`` (and not yet expired)."""
        rule = (
            self.filter(code=code, is_active=True, effective_from__lte=on)
            .filter(Q(effective_until__isnull=True) | Q(effective_until__gte=on))
            .order_by("-effective_from")
            .first()
        )
        if rule is None:
            raise RuleNotConfigured(code, on)
        return rule

    def in_force_all(self, wanted: Mapping[str, date]) -> dict[str, DeadlineRule]:
        """``in_force`` of several codes, each on its own day, in one query."""
        versions = self.filter(code__in=list(wanted), is_active=True).order_by("-effective_from")
        found: dict[str, DeadlineRule] = {}
        for rule in versions:
            on = wanted[rule.code]
            if (rule.code not in found and rule.effective_from <= on
                    and (rule.effective_until is None or rule.effective_until >= on)):
                found[rule.code] = rule
        for code, on in wanted.items():
            if code not in found:
                raise RuleNotConfigured(code, on)
        return found


class DeadlineRule(models.Model):
    code = RuleCodeField(_("code"), max_length=60,
                            help_text=_("Stable identifier used by the workflows, e.g. "
                                        "ruling.answer_period."))
    workflow = models.CharField(_("workflow"), max_length=20, choices=Workflow.choices)
    name = models.CharField(_("what it measures"), max_length=200)
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=20, choices=PeriodUnit.choices)
    legal_basis = models.TextField(_("legal basis"))
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = DeadlineRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("time-limit rule")
        verbose_name_plural = _("time-limit rules")
        ordering = ["workflow", "code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"],
                                    name="uniq_rule_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.code}：{self.amount} {self.get_unit_display()}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = ValidationError(
                _("Amount: a time limit must be a positive number of %(unit)s."),
                code="not_positive",
                params={"unit": self.get_unit_display() if self.unit else _("units")})
        if self.effective_until and self.effective_from and (
                self.effective_until <= self.effective_from):
            errors["effective_until"] = ValidationError(
                _("Effective until: %(until)s must be after the effective-from date "
                  "%(since)s."), code="not_after",
                params={"until": self.effective_until, "since": self.effective_from})
        if errors:
            raise ValidationError(errors)

    def due(self, trigger: date | datetime) -> date | datetime:
        from cases import workdays

        return workdays.due_for(self.unit, self.amount, trigger)


class RuleNotConfigured(DeadlineRule.DoesNotExist):
    """No version of a rule is in force on the date asked about.

    A ``DeadlineRule.DoesNotExist`` (and so ``ObjectDoesNotExist``), so callers that
    already handle a missing row handle this too.
    """

    def __init__(self, code: str, on: date) -> None:
        self.code, self.on = code, on
        super().__init__(
            _("No time-limit rule “%(code)s” is in force on %(date)s; an administrator "
              "must configure it.") % {"code": code, "date": on})
