"""The Chinese working-day calendar: which years are known, and their exceptions.

Ordinary weekdays are working days and Saturdays/Sundays rest days; a ``CalendarDay``
records the exceptions the State Council announces each year: public holidays (休息) and
make-up working days (调休上班) on a weekend. A year counts as known only when its
``CalendarYear`` row is complete; any other year is computed provisionally from the
statutory holidays (``cases.workdays``).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarSource(models.TextChoices):
    PACKAGE = "chinesecalendar", _("chinesecalendar package")
    MANUAL = "manual", _("Entered by an administrator")


class CalendarYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source"), max_length=20, choices=CalendarSource.choices,
                              default=CalendarSource.MANUAL)
    complete = models.BooleanField(
        _("complete"), default=False,
        help_text=_("Tick once every holiday and make-up working day of the year is entered; "
                    "until then the year's dates cannot be used for deadlines."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True,
                            help_text=_("E.g. the State Council notice the dates come from."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("entered by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("working-day calendar")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Public holiday (no work)")
    WORKDAY = "workday", _("Make-up working day on a weekend")


class CalendarDay(models.Model):
    year = models.ForeignKey(CalendarYear, verbose_name=_("year"), on_delete=models.CASCADE,
                             related_name="days")
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("holiday"), max_length=30, blank=True,
                            help_text=_("E.g. Spring Festival, National Day."))

    class Meta:
        verbose_name = _("holiday or make-up working day")
        verbose_name_plural = _("holidays and make-up working days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()

    def _year_row(self) -> CalendarYear | None:
        # In the admin a new year's inline days are cleaned before the year is saved: the
        # unsaved year is then only on the relation cache, not in year_id.
        if self.year_id or type(self).year.is_cached(self):
            return self.year
        return None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        year = self._year_row()
        if self.date and year is not None and year.year and self.date.year != year.year:
            errors["date"] = _("Date: %(date)s does not belong to the calendar year %(year)s; "
                               "each year lists only its own dates.") % {
                "date": self.date, "year": year.year}
        elif self.date and self.kind == DayKind.WORKDAY and self.date.weekday() < 5:
            errors["kind"] = _("Kind: a make-up working day must fall on a Saturday or "
                               "Sunday; %(date)s is a weekday and is a working day anyway.") % {
                "date": self.date}
        if errors:
            raise ValidationError(errors)
