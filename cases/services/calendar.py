"""Filling the working-day calendar: from the chinesecalendar package for the years it
covers, and by administrators for later years. Whenever official data arrives, the clocks
computed provisionally are counted again and their officers told what moved."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import CalendarDay, CalendarYear
from cases.models.calendar import CalendarSource, DayKind
from cases.services.deadlines import recompute_provisional
from cases.services.notifications import notify_moved_deadlines
from cases.workdays import clear_cache as workdays_cache_clear

if TYPE_CHECKING:
    from cases.models import User

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节", "Dragon Boat Festival": "端午节", "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节", "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


MIN_YEAR, MAX_YEAR = 2000, 2100


def apply_official_calendar() -> int:
    """Recompute the provisional clocks on the calendar as it now stands and notify the
    officers whose due dates moved; returns how many moved. Call inside the transaction
    that changed the calendar, so clocks and calendar never disagree."""
    workdays_cache_clear()
    moved = recompute_provisional()
    notify_moved_deadlines(moved)
    return len(moved)


def package_years() -> list[int]:
    import chinese_calendar

    return sorted({d.year for d in chinese_calendar.holidays})


def _package_exceptions(year: int) -> list[tuple[date, str, str]]:
    """(date, kind, name) for every day the package treats differently from the default
    weekday/weekend rule."""
    import chinese_calendar

    rows: list[tuple[date, str, str]] = []
    d = date(year, 1, 1)
    while d.year == year:
        working = chinese_calendar.is_workday(d)
        default = d.weekday() < 5
        if working != default:
            _on_holiday, name = chinese_calendar.get_holiday_detail(d)
            label = HOLIDAY_NAMES_ZH.get(str(name), str(name or ""))
            rows.append((d, DayKind.WORKDAY if working else DayKind.HOLIDAY, label))
        d += timedelta(days=1)
    return rows


@transaction.atomic
def seed_calendar_from_package(years: Iterable[int] | None = None) -> list[int]:
    """Seed every year the package covers (or ``years``). Idempotent; a year an
    administrator entered by hand is left alone."""
    covered = package_years()
    wanted = sorted(set(years) if years is not None else covered)
    seeded = []
    for year in wanted:
        if year not in covered:
            continue
        existing = CalendarYear.objects.filter(year=year).first()
        if existing is not None and existing.source == CalendarSource.MANUAL:
            continue
        row, _created = CalendarYear.objects.update_or_create(
            year=year, defaults={"source": CalendarSource.PACKAGE, "complete": True,
                                 "note": ""})
        wanted_days = {d: (kind, name) for d, kind, name in _package_exceptions(year)}
        current = {c.date: c for c in row.days.all()}
        for d in set(current) - set(wanted_days):
            current[d].delete()
        for d, (kind, name) in wanted_days.items():
            have = current.get(d)
            if have is None:
                CalendarDay.objects.create(year=row, date=d, kind=kind, name=name)
            elif (have.kind, have.name) != (kind, name):
                have.kind, have.name = kind, name
                have.save(update_fields=["kind", "name"])
        seeded.append(year)
    if seeded:
        apply_official_calendar()
    return seeded


@transaction.atomic
def enter_calendar_year(
    *, year: int, holidays: list[tuple[date, str]], workdays: list[tuple[date, str]],
    actor: User, note: str = "",
) -> CalendarYear:
    """An administrator enters (or replaces) a year's holidays and make-up working days.

    All or nothing: every entry is validated and any error leaves the calendar as it was,
    with every problem reported at once (ValidationError keyed by field).
    """
    if not actor.is_system_admin:
        raise PermissionDenied(_("Only a system administrator may enter calendar data."))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _("Year: %(year)s is outside %(min)s–%(max)s.") % {
            "year": year, "min": MIN_YEAR, "max": MAX_YEAR}})
    row, _created = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": CalendarSource.MANUAL, "complete": True,
                             "note": note, "entered_by": actor})
    row.days.all().delete()
    days = [CalendarDay(year=row, date=d, kind=DayKind.HOLIDAY, name=n) for d, n in holidays]
    days += [CalendarDay(year=row, date=d, kind=DayKind.WORKDAY, name=n) for d, n in workdays]
    errors: dict[str, list[str]] = {}
    seen: set[date] = set()
    for day in days:
        if day.date in seen:
            errors.setdefault("date", []).append(
                _("Date: %(date)s is listed twice; a day is either a holiday or a make-up "
                  "working day.") % {"date": day.date})
            continue
        seen.add(day.date)
        try:
            day.full_clean(exclude=["year"], validate_unique=False)
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    CalendarDay.objects.bulk_create(days)
    # bulk_create sends no post_save, so clear the cache here (apply_official_calendar);
    # again after the commit, in case another thread cached the year without its days in
    # between.
    apply_official_calendar()
    transaction.on_commit(workdays_cache_clear)
    return row
