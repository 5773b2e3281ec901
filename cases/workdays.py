"""Time arithmetic on the Chinese working-day calendar (DOMAIN.md, "Time arithmetic").

Every clock in the system goes through this module.

- A period counted in days starts the day after the trigger (the trigger day is not
  counted); if its last day is not a working day it ends on the next working day.
- Working days skip weekends and public holidays but count make-up working days (调休).
- Months: the same day number in the target month, or that month's last day.
- Hours are exact.
- A year without complete official data (chinesecalendar or an administrator's entry) is
  computed *provisionally* from the statutory holidays of 《全国年节及纪念日放假办法》,
  as the ``holidays`` package derives them by rule (lunar dates and 补假 for a holiday on
  a weekend included, 调休 make-up working days not, since only the State Council's
  yearly notice fixes those). Clocks that reach such a year are marked provisional and
  recomputed when the official year is entered (``cases.services.deadlines``).

A year's exceptions are loaded once per process (one query) and cached; saving or
deleting calendar rows clears the cache of the process that saved them (signals in
``cases.signals``), and tests may call ``clear_cache``. Other processes (web workers, Celery)
never see that signal, so a cached year also expires after ``CACHE_SECONDS``: a correction
entered in the admin reaches every clock within minutes without a query per day.
"""

from __future__ import annotations

import calendar as _calendar
import threading
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

# Statutory periods run on the calendar of the office, which is always China's.
CHINA = ZoneInfo("Asia/Shanghai")
CACHE_SECONDS = 300.0

# year → (when loaded, its exceptions: date → is a working day, whether it is official)
_cache: dict[int, tuple[float, dict[date, bool], bool]] = {}
_lock = threading.Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _year(year: int) -> dict[date, bool]:
    """The exceptions of ``year``: date → is a working day."""
    return _load(year)[1]


def _load(year: int) -> tuple[float, dict[date, bool], bool]:
    cached = _cache.get(year)
    now = time.monotonic()
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached
    from cases.models import CalendarYear

    # One query: the year row joined to its days (a complete year without exceptions
    # yields a single row with NULL day columns). Entering a year clears this process's
    # cache (signals) and recomputes the provisional clocks in the same process.
    rows = list(
        CalendarYear.objects.filter(year=year, complete=True)
        .values_list("days__date", "days__kind")
    )
    if rows:
        exceptions = {d: kind == "workday" for d, kind in rows if d is not None}
    else:
        exceptions = provisional_exceptions(year)
    loaded = (now, exceptions, bool(rows))
    with _lock:
        _cache[year] = loaded
    return loaded


def provisional_exceptions(year: int) -> dict[date, bool]:
    """The statutory holidays of ``year`` that fall on a weekday (date → False), computed
    by rule; a holiday on a weekend is a rest day anyway and its 补假 is listed itself."""
    statutory = holidays.country_holidays("CN", years=year, observed=True)
    return {d: False for d in statutory if d.year == year and d.weekday() < 5}


def is_working_day(d: date) -> bool:
    """Whether ``d`` is a working day (provisionally, for a year without official data)."""
    exceptions = _year(d.year)
    if d in exceptions:
        return exceptions[d]
    return d.weekday() < 5


def next_working_day(d: date) -> date:
    """``d`` itself when it is a working day, else the next one."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (``start`` itself not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    d = start
    while n > 0:
        d += timedelta(days=1)
        if is_working_day(d):
            n -= 1
    return d


def add_days(start: date, n: int, *, roll: bool = True) -> date:
    """A period of n calendar days from the day after ``start``; with ``roll`` a last day
    that is not a working day moves to the next working day."""
    end = start + timedelta(days=n)
    return next_working_day(end) if roll else end


def add_months(start: date, n: int, *, roll: bool = True) -> date:
    """The same day number n months later, or that month's last day; rolled like
    ``add_days``."""
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _calendar.monthrange(year, month)[1])
    end = date(year, month, day)
    return next_working_day(end) if roll else end


def add_hours(start: datetime, n: int) -> datetime:
    """Exactly n hours later (elapsed time, across midnight and holidays alike)."""
    if timezone.is_naive(start):
        raise ValueError("add_hours needs an aware datetime")
    return start + timedelta(hours=n)


def working_days_between(start: date, end: date) -> int:
    """Working days d with start < d <= end; negative (overdue) when end < start."""
    if end < start:
        return -working_days_between(end, start)
    count, d = 0, start
    while d < end:
        d += timedelta(days=1)
        if is_working_day(d):
            count += 1
    return count


def missing_years(start: date, end: date) -> list[int]:
    """The years from ``start``'s to ``end``'s without complete official calendar data,
    i.e. computed provisionally: as the cached calendar the due dates were counted on
    has them (no query for a year already loaded)."""
    return [year for year in range(start.year, end.year + 1) if not _load(year)[2]]


def missing_years_ahead(today: date) -> list[int]:
    """The years without official data that a clock opened ``today`` may reach: up to
    ``settings.CALENDAR_LOOKAHEAD_MONTHS`` ahead, so administrators are told to enter
    them before clocks are computed provisionally on them."""
    return missing_years(today, add_months(today, settings.CALENDAR_LOOKAHEAD_MONTHS,
                                           roll=False))


def days_between(start: date, end: date) -> int:
    """Calendar days from ``start`` to ``end``; negative when ``end`` is earlier."""
    return (end - start).days


def due_for(unit: str, amount: int, trigger: date | datetime) -> date | datetime:
    """The end of a period of ``amount`` ``unit`` started by ``trigger``.

    Hours give a datetime; the other units count from the date the trigger happened in
    China, whatever time zone the datetime carries or the request has activated.
    """
    if unit == "hours":
        if not isinstance(trigger, datetime):
            raise ValueError("an hour-based period needs a datetime trigger")
        return add_hours(trigger, amount)
    day = timezone.localdate(trigger, CHINA) if isinstance(trigger, datetime) else trigger
    if unit == "working_days":
        return add_working_days(day, amount)
    if unit == "days":
        return add_days(day, amount)
    if unit == "months":
        return add_months(day, amount)
    raise ValueError(f"unknown period unit {unit!r}")


def replay(steps: list[dict[str, object]]) -> date | datetime:
    """The due date a clock's recorded computation gives on today's calendar.

    ``steps[0]`` is ``{"unit", "amount", "from"}`` (an ISO date, or datetime for hours);
    each later step adds its period to the previous result (an extension)."""
    first = steps[0]
    start: date | datetime
    if first["unit"] == "hours":
        start = datetime.fromisoformat(str(first["from"]))
    else:
        start = date.fromisoformat(str(first["from"])[:10])
    due = due_for(str(first["unit"]), int(str(first["amount"])), start)
    for step in steps[1:]:
        due = due_for(str(step["unit"]), int(str(step["amount"])), due)
    return due
