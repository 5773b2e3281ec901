"""In-system notifications: deadline reminders from the sweep, and work-queue notices after
transitions. Every insert is deduplicated by a unique constraint, so a sweep or task that
runs twice, or two that overlap, never notify twice."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import workdays, workflows
from cases.models import Case, CaseEvent, Deadline, DeadlineRule, Notification, Role, User
from cases.models.deadline_rules import PeriodUnit
from cases.models.deadlines import DeadlineStatus
from cases.models.notifications import NotificationKind
from cases.services.deadlines import MovedDeadline, end_of_day

logger = logging.getLogger("ipcases.reminders")


@dataclass
class SweepResult:
    created: int = 0
    missing_years: set[int] = field(default_factory=set)


def _insert(notes: list[Notification]) -> int:
    """Insert, silently skipping duplicates (a task that overlapped this one may have
    written them first); returns how many were attempted."""
    if not notes:
        return 0
    Notification.objects.bulk_create(notes, ignore_conflicts=True, batch_size=2000)
    return len(notes)


def sweep_deadlines(now: datetime | None = None) -> SweepResult:
    """Notify the officer in charge a configured number of working days before a clock
    ends and on the day it is missed, and the head of office when it is missed. The end
    of a parties' period (答辩期, 起诉期…) is no one's failure: the officer is told the
    next step instead, and nobody is reminded before it ends.

    Set-based: two ``INSERT … SELECT`` statements, one for the clocks overdue and one for
    those within the reminder horizon, each an indexed range read of the running clocks
    (``deadline_status_due``) with "already told" as ``NOT EXISTS`` on the notices'
    unique index; nothing is built in Python per clock. ``ON CONFLICT DO NOTHING`` on
    ``uniq_deadline_notification`` makes two overlapping sweeps notify once, and the rows
    are inserted in key order so that they wait for each other instead of deadlocking."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    leads = sorted(set(settings.DEADLINE_REMINDER_LEAD_WORKING_DAYS))
    result = SweepResult()
    # Years a clock opened today may reach are announced now (once per year: the notices'
    # dedupe key), months before clocks are computed provisionally on them.
    result.missing_years.update(workdays.missing_years_ahead(today))
    horizon = end_of_day(workdays.add_working_days(today, max(leads, default=0)))
    # Which reminder lead applies to each due date up to the horizon (a handful of dates),
    # and how many working days are then left.
    lead_for: dict[date, tuple[int, int, int]] = {}
    day = today
    while day <= horizon.date():
        left = workdays.working_days_between(today, day)
        applicable = [lead for lead in leads if left <= lead]
        if applicable:
            lead_for[day] = (min(applicable), left, (day - today).days)
        day += timedelta(days=1)
    with translation.override(settings.LANGUAGE_CODE):
        result.created = _notify_overdue(now, workflows.party_periods())
        result.created += _notify_due_soon(now, horizon, lead_for)
    if result.missing_years:
        _report_missing_years(result.missing_years)
    return result


_COLUMNS = ("recipient_id, case_id, deadline_id, kind, lead_days, dedupe_key, message, "
            "created_at")


def _tables() -> dict[str, str]:
    return {"note": Notification._meta.db_table, "deadline": Deadline._meta.db_table,
            "case": Case._meta.db_table, "rule": DeadlineRule._meta.db_table,
            "user": User._meta.db_table, "group": Group._meta.db_table,
            "user_groups": User.groups.through._meta.db_table}


def _message_sql(template: str, columns: dict[str, str]) -> tuple[str, list[Any]]:
    """SQL for ``template % columns`` (at most the field's 300 characters): its literal
    parts as parameters, each ``%(name)s`` as the SQL expression ``columns[name]``."""
    pieces = re.split(r"%\((\w+)\)s", template)
    sql: list[str] = []
    params: list[Any] = []
    for index, piece in enumerate(pieces):
        if index % 2:
            sql.append(columns[piece])
        elif piece:
            sql.append("%s")
            params.append(piece.replace("%%", "%"))
    return f"SUBSTR({' || '.join(sql)}, 1, 300)", params


def _execute(sql: str, params: list[Any]) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


def _in(values: list[str]) -> tuple[str, list[str]]:
    """``IN (…)`` of ``values``; a list that cannot match when there are none."""
    if not values:
        return "IN (NULL)", []
    return f"IN ({', '.join(['%s'] * len(values))})", list(values)


def _notify_overdue(now: datetime, party_periods: dict[str, Any]) -> int:
    """The running clocks past their end whose officer has not been told (or, on a case
    without an officer, nobody was): the officer is told it was missed and the heads of
    the case's office with him, or, for a parties' period, the officer is told the next
    step. One statement; returns the notices written."""
    t = _tables()
    party = sorted(party_periods)
    party_in, party_params = _in(party)
    missed, missed_params = _message_sql(
        _("%(case)s: the deadline “%(rule)s” (due %(due)s) was missed."),
        {"case": "d.number", "rule": "d.rule_name", "due": "CAST(d.due_on AS TEXT)"})
    ended_cases = " ".join(["WHEN %s THEN %s"] * len(party))
    ended_params = [value for code in party for value in (code, str(party_periods[code]))]
    ended = (f"SUBSTR(d.number || %s || CASE d.code {ended_cases} END, 1, 300)"
             if party else "''")
    told = [NotificationKind.MISSED, NotificationKind.PERIOD_ENDED]
    # Only table names and placeholders are formatted in; every value is a parameter.
    sql = f"""
        INSERT INTO {t["note"]} ({_COLUMNS})
        WITH d AS (
            SELECT d.id, d.case_id, d.code, d.due_on, c.number, c.office_id,
                   c.officer_in_charge_id AS officer_id, r.name AS rule_name,
                   CASE WHEN d.code {party_in} THEN 1 ELSE 0 END AS party
            FROM {t["deadline"]} d
            JOIN {t["case"]} c ON c.id = d.case_id
            JOIN {t["rule"]} r ON r.id = d.rule_id
            WHERE d.status = %s AND d.due_at < %s
              AND NOT EXISTS (
                  SELECT 1 FROM {t["note"]} n
                  WHERE n.deadline_id = d.id AND n.kind IN (%s, %s)
                    AND (n.recipient_id = c.officer_in_charge_id
                         OR c.officer_in_charge_id IS NULL)))
        SELECT recipient_id, case_id, deadline_id, kind, 0, '', message, %s FROM (
            SELECT d.officer_id AS recipient_id, d.case_id, d.id AS deadline_id,
                   CASE WHEN d.party = 1 THEN %s ELSE %s END AS kind,
                   CASE WHEN d.party = 1 THEN {ended} ELSE {missed} END AS message
            FROM d WHERE d.officer_id IS NOT NULL
            UNION ALL
            SELECT u.id, d.case_id, d.id, %s, {missed}
            FROM d
            JOIN {t["user"]} u ON u.office_id = d.office_id AND u.is_active
            JOIN {t["user_groups"]} ug ON ug.user_id = u.id
            JOIN {t["group"]} g ON g.id = ug.group_id AND g.name = %s
            WHERE d.party = 0 AND (d.officer_id IS NULL OR u.id <> d.officer_id)
        ) AS notes
        WHERE recipient_id IS NOT NULL
        ORDER BY deadline_id, recipient_id, kind
        ON CONFLICT DO NOTHING"""  # noqa: S608
    params: list[Any] = [
        *party_params, DeadlineStatus.OPEN, now, *told,
        now, NotificationKind.PERIOD_ENDED, NotificationKind.MISSED,
        *(["：", *ended_params] if party else []), *missed_params,
        NotificationKind.MISSED, *missed_params, Role.HEAD,
    ]
    return _execute(sql, params)


def _hours_sql(now: datetime) -> tuple[str, list[Any], str, list[Any]]:
    """SQL for the whole hours from ``now`` to ``d.due_at`` and for ``d.due_at`` as the
    local time ``2026-12-07 10:00``, with their parameters (SQLite or PostgreSQL)."""
    if connection.vendor == "postgresql":
        return ("CAST(FLOOR(EXTRACT(EPOCH FROM (d.due_at - %s)) / 3600) AS INTEGER)", [now],
                "TO_CHAR(d.due_at AT TIME ZONE %s, 'YYYY-MM-DD HH24:MI')",
                [settings.TIME_ZONE])
    # SQLite keeps UTC text; the zone's offset now (Asia/Shanghai has no summer time).
    offset = timezone.localtime(now).utcoffset() or timedelta(0)
    utc = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")
    return ("(CAST(strftime('%%s', d.due_at) AS INTEGER)"
            " - CAST(strftime('%%s', %s) AS INTEGER)) / 3600", [utc],
            "strftime('%%Y-%%m-%%d %%H:%%M', d.due_at, %s)",
            [f"{int(offset.total_seconds()):+d} seconds"])


def _notify_due_soon(now: datetime, horizon: datetime,
                     lead_for: dict[date, tuple[int, int, int]]) -> int:
    """The running clocks (not parties' periods) ending within the reminder horizon whose
    officer has not had the reminder of this lead or a closer one. One statement.

    The message counts what is left in the clock's own unit: working days, calendar days,
    or hours (with the moment it ends)."""
    if not lead_for:
        return 0
    t = _tables()
    party_in, party_params = _in(sorted(workflows.party_periods()))
    lead_cases = " ".join(["WHEN d.due_on = %s THEN %s"] * len(lead_for))
    lead_params = [value for day, (lead, *_left) in lead_for.items() for value in (day, lead)]
    left_params = [value for day, (_lead, left, _days) in lead_for.items()
                   for value in (day, str(left))]
    days_params = [value for day, (_lead, _left, days) in lead_for.items()
                   for value in (day, str(days))]
    hours, hours_params, local, local_params = _hours_sql(now)
    messages = [
        _message_sql(_("%(case)s: “%(rule)s” is due on %(due)s (%(n)s working days left)."),
                     {"case": "d.number", "rule": "d.rule_name",
                      "due": "CAST(d.due_on AS TEXT)", "n": "d.days_left"}),
        _message_sql(_("%(case)s: “%(rule)s” is due at %(due)s (%(n)s hours left)."),
                     {"case": "d.number", "rule": "d.rule_name", "due": "d.due_local",
                      "n": "CAST(d.hours_left AS TEXT)"}),
        _message_sql(_("%(case)s: “%(rule)s” is due on %(due)s (%(n)s calendar days left)."),
                     {"case": "d.number", "rule": "d.rule_name",
                      "due": "CAST(d.due_on AS TEXT)", "n": "d.calendar_days_left"}),
    ]
    message = (f"CASE WHEN d.unit = %s THEN {messages[0][0]} "
               f"WHEN d.unit = %s THEN {messages[1][0]} ELSE {messages[2][0]} END")
    message_params = [PeriodUnit.WORKING_DAYS, *messages[0][1], PeriodUnit.HOURS,
                      *messages[1][1], *messages[2][1]]
    # Only table names and placeholders are formatted in; every value is a parameter.
    sql = f"""
        INSERT INTO {t["note"]} ({_COLUMNS})
        SELECT d.officer_id, d.case_id, d.id, %s, d.lead, '', {message}, %s
        FROM (
            SELECT d.id, d.case_id, d.due_on, c.number, r.name AS rule_name, r.unit,
                   c.officer_in_charge_id AS officer_id,
                   CASE {lead_cases} END AS lead, CASE {lead_cases} END AS days_left,
                   CASE {lead_cases} END AS calendar_days_left,
                   {hours} AS hours_left, {local} AS due_local
            FROM {t["deadline"]} d
            JOIN {t["case"]} c ON c.id = d.case_id
            JOIN {t["rule"]} r ON r.id = d.rule_id
            WHERE d.status = %s AND d.due_at >= %s AND d.due_at <= %s
              AND d.code NOT {party_in}
        ) AS d
        WHERE d.lead IS NOT NULL AND d.officer_id IS NOT NULL
          AND NOT EXISTS (
              SELECT 1 FROM {t["note"]} n
              WHERE n.deadline_id = d.id AND n.kind = %s AND n.lead_days <= d.lead)
        ORDER BY d.id, d.officer_id
        ON CONFLICT DO NOTHING"""  # noqa: S608
    params: list[Any] = [
        NotificationKind.DUE_SOON, *message_params, now,
        *lead_params, *left_params, *days_params, *hours_params, *local_params,
        DeadlineStatus.OPEN, now, horizon, *party_params,
        NotificationKind.DUE_SOON,
    ]
    return _execute(sql, params)


def _report_missing_years(years: set[int]) -> None:
    """A year without an official calendar is surfaced: clocks reaching it are only
    provisional until it is entered. Tell administrators and log it, once per year and
    administrator, however often the sweep runs."""
    keys = {year: f"calendar-missing-{year}" for year in sorted(years)}
    admins = list(User.objects.filter(groups__name=Role.ADMIN, is_active=True).distinct())
    told = set(Notification.objects.filter(dedupe_key__in=keys.values(),
                                           kind=NotificationKind.CALENDAR_MISSING)
               .values_list("recipient_id", "dedupe_key"))
    notes = []
    with translation.override(settings.LANGUAGE_CODE):
        for year, key in keys.items():
            untold = [u for u in admins if (u.pk, key) not in told]
            if not untold:
                continue
            logger.error("calendar data missing for %s", year, extra={"year": year})
            message = _(
                "No official holiday calendar for %(year)s: deadlines reaching it are "
                "computed provisionally from the statutory holidays. A system administrator "
                "should enter it under Working-day calendar once the State Council "
                "publishes it.") % {"year": year}
            notes += [Notification(recipient=u, kind=NotificationKind.CALENDAR_MISSING,
                                   dedupe_key=key,
                                   message=message) for u in untold]
    _insert(notes)


def notify_moved_deadlines(moved: list[MovedDeadline]) -> int:
    """Tell each officer in charge which of their clocks moved when a provisional year was
    replaced by the official calendar (once per clock and new due date)."""
    notes = []
    with translation.override(settings.LANGUAGE_CODE):
        for m in moved:
            d = m.deadline
            officer = d.case.officer_in_charge
            if officer is None:
                continue
            notes.append(Notification(
                recipient=officer, case=d.case, kind=NotificationKind.DEADLINE_MOVED,
                dedupe_key=f"moved-{d.pk}-{d.due_on.isoformat()}",
                message=_("%(case)s: “%(rule)s” now ends on %(due)s instead of %(old)s "
                          "(recomputed on the official holiday calendar).") % {
                    "case": d.case.number, "rule": d.rule.name, "due": d.due_on,
                    "old": m.old_due_on}))
    return _insert(notes)


def notify_after_event(event: CaseEvent) -> int:
    """Work-queue notices of one timeline event, as its workflow's notification rules
    ask; deduplicated per event and recipient, so a repeated task notifies once."""
    case = event.case
    spec = workflows.get(case.workflow)
    key = f"event-{event.pk}"
    with translation.override(settings.LANGUAGE_CODE):
        notes = [Notification(recipient=notice.recipient, case=case, kind=notice.kind,
                              dedupe_key=key, message=notice.message)
                 for rule in spec.notification_rules for notice in rule(event, case)]
    return _insert(notes)


def send_pending_emails(limit: int = 200) -> int:
    """E-mail notifications not yet e-mailed, where configured. Marks each as sent."""
    if not settings.SEND_NOTIFICATION_EMAIL:
        return 0
    sent = 0
    with transaction.atomic():
        pending = (Notification.objects.select_for_update(skip_locked=True)
                   .filter(emailed_at__isnull=True).exclude(recipient__email="")
                   .select_related("recipient")[:limit])
        for note in pending:
            send_mail(subject=note.message[:80], message=note.message,
                      from_email=settings.DEFAULT_FROM_EMAIL,
                      recipient_list=[note.recipient.email])
            note.emailed_at = timezone.now()
            note.save(update_fields=["emailed_at"])
            sent += 1
    return sent
