"""The working-day calendar on 2026's Spring Festival and National Day weeks (with their
make-up working days, per the chinesecalendar package), period arithmetic, and years
without official data (computed provisionally from the statutory holidays)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cases import workdays
from cases.models import CalendarDay, CalendarYear
from cases.models.calendar import CalendarSource, DayKind
from cases.services.calendar import enter_calendar_year, seed_calendar_from_package

D = date


@pytest.fixture(autouse=True)
def _fresh_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


@pytest.fixture
def cal(calendar_2026):
    return calendar_2026


def test_the_package_knows_2026s_make_up_days():
    import chinese_calendar

    for day in (D(2026, 2, 14), D(2026, 2, 28), D(2026, 9, 20), D(2026, 10, 10)):
        assert day.weekday() >= 5 and chinese_calendar.is_workday(day), day


@pytest.mark.parametrize("day,working", [
    (D(2026, 2, 13), True),   # Friday before the festival
    (D(2026, 2, 14), True),   # Saturday, make-up working day
    (D(2026, 2, 15), False),  # Sunday
    (D(2026, 2, 16), False), (D(2026, 2, 17), False), (D(2026, 2, 20), False),
    (D(2026, 2, 21), False), (D(2026, 2, 22), False),
    (D(2026, 2, 23), False),  # Monday, still the holiday
    (D(2026, 2, 24), True),
    (D(2026, 2, 28), True),   # Saturday, make-up working day
    (D(2026, 3, 1), False),   # an ordinary Sunday
    (D(2026, 9, 20), True),   # Sunday, make-up working day
    (D(2026, 9, 25), False),  # Mid-autumn Festival
    (D(2026, 10, 1), False), (D(2026, 10, 4), False), (D(2026, 10, 7), False),
    (D(2026, 10, 8), True),
    (D(2026, 10, 10), True),  # Saturday, make-up working day
    (D(2026, 10, 11), False),
])
def test_is_working_day_in_the_holiday_weeks(cal, day, working):
    assert workdays.is_working_day(day) is working


def test_adding_working_days_across_the_spring_festival(cal):
    assert workdays.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert workdays.add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)
    # 13 Feb, 14 Feb (make-up), 24, 25, 26 Feb
    assert workdays.add_working_days(D(2026, 2, 12), 5) == D(2026, 2, 26)
    assert workdays.add_working_days(D(2026, 2, 12), 0) == D(2026, 2, 12)
    with pytest.raises(ValueError):
        workdays.add_working_days(D(2026, 2, 12), -1)


def test_adding_working_days_across_national_day(cal):
    # 29, 30 Sep, 8, 9 Oct and the make-up Saturday 10 Oct
    assert workdays.add_working_days(D(2026, 9, 28), 5) == D(2026, 10, 10)
    # 19 Sep is a Saturday, the make-up Sunday 20 Sep counts
    assert workdays.add_working_days(D(2026, 9, 18), 1) == D(2026, 9, 20)


def test_a_calendar_day_period_ending_on_a_holiday_rolls_to_the_next_working_day(cal):
    # Trigger 16 Sep: day 1 is 17 Sep, day 15 is 1 Oct (National Day) → 8 Oct.
    assert workdays.add_days(D(2026, 9, 16), 15) == D(2026, 10, 8)
    assert workdays.add_days(D(2026, 9, 16), 15, roll=False) == D(2026, 10, 1)
    # Ending on an ordinary Sunday rolls to Monday.
    assert workdays.add_days(D(2026, 3, 14), 15) == D(2026, 3, 30)


def test_a_period_ending_on_a_make_up_saturday_does_not_roll(cal):
    assert workdays.add_days(D(2026, 2, 13), 15) == D(2026, 2, 28)
    assert workdays.add_days(D(2026, 10, 5), 5) == D(2026, 10, 10)


def test_months_take_the_same_day_or_the_last_day_of_the_month(cal):
    # 28 Feb 2026 is a Saturday but a make-up working day: it stays.
    assert workdays.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert workdays.add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)  # a Friday
    # 31 May 2026 is a Sunday: the period ends on Monday 1 June.
    assert workdays.add_months(D(2026, 3, 31), 2, roll=False) == D(2026, 5, 31)
    assert workdays.add_months(D(2026, 3, 31), 2) == D(2026, 6, 1)
    # Three months from 1 July is National Day.
    assert workdays.add_months(D(2026, 7, 1), 3) == D(2026, 10, 8)
    assert workdays.add_months(D(2025, 11, 30), 3) == D(2026, 2, 28)


def test_hours_are_exact_across_midnight_and_need_an_aware_time(cal):
    start = timezone.make_aware(datetime(2026, 9, 30, 18, 30))
    end = workdays.add_hours(start, 24)
    assert end - start == timedelta(hours=24)
    assert timezone.localtime(end).date() == D(2026, 10, 1)  # a holiday: hours do not care
    assert workdays.due_for("hours", 24, start) == end
    assert workdays.add_hours(datetime(2026, 9, 30, 10, tzinfo=UTC), 1).hour == 11
    with pytest.raises(ValueError):
        workdays.add_hours(datetime(2026, 9, 30, 18, 30), 24)  # noqa: DTZ001
    with pytest.raises(ValueError):
        workdays.due_for("hours", 24, D(2026, 9, 30))


def test_working_days_between_is_negative_when_overdue(cal):
    assert workdays.working_days_between(D(2026, 9, 28), D(2026, 10, 9)) == 4
    assert workdays.working_days_between(D(2026, 10, 9), D(2026, 9, 28)) == -4
    assert workdays.working_days_between(D(2026, 10, 9), D(2026, 10, 9)) == 0


def test_due_for_dispatches_on_the_unit(cal):
    assert workdays.due_for("working_days", 5, D(2026, 9, 28)) == D(2026, 10, 10)
    assert workdays.due_for("days", 15, D(2026, 9, 16)) == D(2026, 10, 8)
    assert workdays.due_for("months", 1, D(2026, 1, 31)) == D(2026, 2, 28)
    with pytest.raises(ValueError):
        workdays.due_for("weeks", 1, D(2026, 1, 31))


def test_a_year_without_data_is_provisional_until_an_administrator_enters_it(cal, personas):
    # Provisionally 2027 has only its statutory holidays: 元旦 on Fri 1 Jan, nothing else.
    assert workdays.missing_years(D(2026, 12, 30), D(2027, 1, 7)) == [2027]
    assert workdays.add_working_days(D(2026, 12, 30), 5) == D(2027, 1, 7)

    with pytest.raises(PermissionDenied):
        enter_calendar_year(year=2027, holidays=[(D(2027, 1, 1), "元旦")], workdays=[],
                            actor=personas.head)
    assert not CalendarYear.objects.filter(year=2027).exists()

    enter_calendar_year(year=2027, holidays=[(D(2027, 1, 1), "元旦")], workdays=[],
                        actor=personas.admin, note="国办发明电〔2026〕")
    # Thu 31 Dec; Fri 1 Jan is a holiday; then Mon 4 to Thu 7 Jan
    assert workdays.add_working_days(D(2026, 12, 30), 5) == D(2027, 1, 7)
    row = CalendarYear.objects.get(year=2027)
    assert row.source == CalendarSource.MANUAL and row.entered_by == personas.admin


def test_entering_a_year_refuses_a_weekday_make_up_day_and_changes_nothing(cal, personas):
    with pytest.raises(ValidationError) as exc:
        enter_calendar_year(year=2027, holidays=[(D(2027, 1, 1), "元旦")],
                            workdays=[(D(2027, 1, 4), "元旦")], actor=personas.admin)
    assert "kind" in exc.value.message_dict
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert workdays.missing_years(D(2027, 1, 4), D(2027, 1, 4)) == [2027]


def test_an_incomplete_year_is_computed_provisionally(cal):
    CalendarYear.objects.create(year=2027, complete=False)
    CalendarDay.objects.create(year=CalendarYear.objects.get(year=2027), date=D(2027, 3, 1),
                               kind=DayKind.HOLIDAY, name="未核实")
    assert workdays.is_working_day(D(2027, 3, 1)) is True  # half-entered days don't count
    assert workdays.missing_years(D(2027, 3, 1), D(2027, 3, 1)) == [2027]


def test_a_provisional_year_follows_the_statutory_holidays_without_make_up_days(cal):
    # 2027 by 《全国年节及纪念日放假办法》: 春节 from 除夕 (Fri 5 Feb) with the weekend
    # days made up on Tue 9 and Wed 10 Feb; 国庆节 1–3 Oct made up on Mon 4, Tue 5 Oct.
    for day in (D(2027, 1, 1), D(2027, 2, 5), D(2027, 2, 8), D(2027, 2, 10),
                D(2027, 10, 1), D(2027, 10, 5)):
        assert workdays.is_working_day(day) is False, day
    assert workdays.is_working_day(D(2027, 2, 11)) is True
    assert workdays.is_working_day(D(2027, 2, 6)) is False  # no 调休 working Saturday
    assert workdays.add_working_days(D(2027, 2, 4), 1) == D(2027, 2, 11)


def test_the_cache_follows_changes_to_the_calendar(cal):
    assert workdays.is_working_day(D(2026, 3, 2)) is True  # cached now
    year = CalendarYear.objects.get(year=2026)
    day = CalendarDay.objects.create(year=year, date=D(2026, 3, 2), kind=DayKind.HOLIDAY,
                                     name="临时")
    assert workdays.is_working_day(D(2026, 3, 2)) is False
    day.delete()
    assert workdays.is_working_day(D(2026, 3, 2)) is True
    year.complete = False
    year.save()
    assert workdays.missing_years(D(2026, 3, 2), D(2026, 3, 2)) == [2026]


def test_a_hundred_due_dates_in_a_seeded_year_take_at_most_two_queries(
        cal, django_assert_max_num_queries):
    workdays.clear_cache()
    start = D(2026, 1, 5)
    with django_assert_max_num_queries(2):
        dues = [workdays.due_for(unit, 5, start + timedelta(days=i))
                for i in range(25) for unit in ("working_days", "days", "months")]
        dues += [workdays.add_working_days(start + timedelta(days=i), 15) for i in range(25)]
    assert len(dues) == 100


def test_seeding_is_idempotent_and_never_touches_a_manual_year(db, personas):
    seed_calendar_from_package([2025, 2026])
    first = list(CalendarDay.objects.order_by("date").values_list("date", "kind", "name"))
    seed_calendar_from_package([2025, 2026])
    assert list(CalendarDay.objects.order_by("date").values_list("date", "kind", "name")) == first
    assert CalendarYear.objects.filter(year__in=[2025, 2026]).count() == 2
    assert (D(2026, 2, 14), DayKind.WORKDAY, "春节") in first

    enter_calendar_year(year=2025, holidays=[(D(2025, 1, 1), "元旦")], workdays=[],
                        actor=personas.admin)
    seed_calendar_from_package([2025])
    row = CalendarYear.objects.get(year=2025)
    assert row.source == CalendarSource.MANUAL
    assert list(row.days.values_list("date", flat=True)) == [D(2025, 1, 1)]


def test_calendar_day_clean_puts_each_message_on_its_field(cal):
    year = CalendarYear.objects.get(year=2026)
    with pytest.raises(ValidationError) as exc:
        CalendarDay(year=year, date=D(2026, 3, 3), kind=DayKind.WORKDAY).full_clean()
    assert list(exc.value.message_dict) == ["kind"]
    with pytest.raises(ValidationError) as exc:
        CalendarDay(year=year, date=D(2027, 3, 6), kind=DayKind.HOLIDAY).full_clean()
    assert list(exc.value.message_dict) == ["date"]
    CalendarDay(year=year, date=D(2026, 3, 7), kind=DayKind.WORKDAY).full_clean()


def test_a_datetime_trigger_counts_from_its_date_in_china(cal):
    # 17:30 UTC on Monday 2 Mar is 01:30 on Tuesday 3 Mar in Beijing, even when the
    # request has activated another time zone.
    late = datetime(2026, 3, 2, 17, 30, tzinfo=UTC)
    with timezone.override("UTC"):
        assert workdays.due_for("days", 1, late) == D(2026, 3, 4)
        assert workdays.due_for("working_days", 3, late) == D(2026, 3, 6)
        assert workdays.due_for("months", 1, late) == D(2026, 4, 3)
    early = datetime(2026, 9, 29, 1, 0, tzinfo=UTC)  # 09:00 on 29 Sep in Beijing
    assert workdays.due_for("working_days", 1, early) == D(2026, 9, 30)


def test_a_year_boundary_costs_one_query_per_year(cal, django_assert_num_queries):
    with django_assert_num_queries(2):
        for i in range(50):
            workdays.add_working_days(D(2025, 12, 1) + timedelta(days=i), 3)
    with django_assert_num_queries(0):
        assert workdays.is_working_day(D(2026, 1, 4)) is True  # make-up Sunday, cached


def test_the_cache_expires_so_other_processes_see_corrections(cal, monkeypatch):
    assert workdays.is_working_day(D(2026, 3, 2)) is True
    year = CalendarYear.objects.get(year=2026)
    # A change made by another process: no signal reaches this one.
    CalendarDay.objects.bulk_create([CalendarDay(year=year, date=D(2026, 3, 2),
                                                 kind=DayKind.HOLIDAY, name="临时")])
    assert workdays.is_working_day(D(2026, 3, 2)) is True
    monkeypatch.setattr(workdays, "CACHE_SECONDS", 0.0)
    assert workdays.is_working_day(D(2026, 3, 2)) is False


def test_entering_a_year_reports_every_bad_day_at_once(cal, personas):
    with pytest.raises(ValidationError) as exc:
        enter_calendar_year(
            year=2027,
            holidays=[(D(2027, 1, 1), "元旦"), (D(2028, 1, 1), "元旦"), (D(2027, 1, 1), "元旦")],
            workdays=[(D(2027, 2, 8), "春节")], actor=personas.admin)
    errors = exc.value.message_dict
    assert len(errors["date"]) == 2 and len(errors["kind"]) == 1
    assert any("2028-01-01" in m for m in errors["date"])
    assert "2027-02-08" in errors["kind"][0]
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_re_entering_a_year_replaces_its_days(cal, personas):
    enter_calendar_year(year=2027, holidays=[(D(2027, 1, 1), "元旦")], workdays=[],
                        actor=personas.admin)
    assert workdays.is_working_day(D(2027, 1, 1)) is False
    enter_calendar_year(year=2027, holidays=[(D(2027, 2, 8), "春节")],
                        workdays=[(D(2027, 2, 6), "春节")], actor=personas.admin)
    assert workdays.is_working_day(D(2027, 1, 1)) is True
    assert workdays.is_working_day(D(2027, 2, 6)) is True
    assert workdays.is_working_day(D(2027, 2, 8)) is False
    assert CalendarDay.objects.filter(year__year=2027).count() == 2


def test_seeding_stores_exactly_the_package_exceptions_for_2026(db):
    import chinese_calendar

    seed_calendar_from_package([2026])
    stored = dict(CalendarDay.objects.filter(year__year=2026).values_list("date", "kind"))
    d = D(2026, 1, 1)
    while d.year == 2026:
        working = chinese_calendar.is_workday(d)
        if working != (d.weekday() < 5):
            assert stored.pop(d) == (DayKind.WORKDAY if working else DayKind.HOLIDAY), d
        d += timedelta(days=1)
    assert stored == {}
    names = dict(CalendarDay.objects.values_list("date", "name"))
    assert names[D(2026, 10, 1)] == "国庆节" and names[D(2026, 9, 25)] == "中秋节"
    assert names[D(2026, 1, 4)] == "元旦"

