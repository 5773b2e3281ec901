"""In-system notifications: deadline reminders from the sweep, and work-queue notices after
transitions. Every insert is deduplicated by a unique constraint, so a sweep or task that
runs twice, or two that overlap, never notify twice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cases import workdays, workflows
from cases.models import CaseEvent, Deadline, Notification, Role, User
from cases.models.deadlines import DeadlineStatus
from cases.models.notifications import NotificationKind
from cases.services.deadlines import MovedDeadline, end_of_day

logger = logging.getLogger("ipcases.reminders")


@dataclass
class SweepResult:
    examined: int = 0
    created: int = 0
    missing_years: set[int] = field(default_factory=set)


def _heads_by_office(office_ids: set[int]) -> dict[int, list[User]]:
    heads: dict[int, list[User]] = {}
    for user in User.objects.filter(
        office_id__in=office_ids, groups__name=Role.HEAD, is_active=True
    ).distinct():
        heads.setdefault(user.office_id, []).append(user)  # type: ignore[arg-type]
    return heads


def _insert(notes: list[Notification]) -> int:
    """Insert, silently skipping duplicates (a sweep that overlapped this one may have
    written them first); returns how many were attempted."""
    if not notes:
        return 0
    Notification.objects.bulk_create(notes, ignore_conflicts=True, batch_size=2000)
    return len(notes)


def sweep_deadlines(now: datetime | None = None) -> SweepResult:
    """Notify the officer in charge a configured number of working days before a clock
    ends and on the day it is missed, and the head of office when it is missed. The end
    of a parties' period (答辩期, 起诉期…) is no one's failure: the officer is told the
    next step instead, and nobody is reminded before it ends."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    leads = sorted(set(settings.DEADLINE_REMINDER_LEAD_WORKING_DAYS))
    result = SweepResult()
    # Years a clock opened today may reach are announced now (once per year: the notices'
    # dedupe key), months before clocks are computed provisionally on them.
    result.missing_years.update(workdays.missing_years_ahead(today))
    horizon = end_of_day(workdays.add_working_days(today, max(leads, default=0)))
    # One indexed range query over (status, due_at), no loop over cases; what was already
    # sent comes along as subqueries, so a repeated sweep builds nothing.
    missed_sent = Notification.objects.filter(
        deadline=OuterRef("pk"),
        kind__in=[NotificationKind.MISSED, NotificationKind.PERIOD_ENDED],
        recipient=OuterRef("case__officer_in_charge"))
    smallest_lead_sent = (
        Notification.objects.filter(deadline=OuterRef("pk"), kind=NotificationKind.DUE_SOON)
        .order_by("lead_days").values("lead_days")[:1])
    # Which reminder lead applies to each due date up to the horizon (a handful of dates).
    lead_for: dict[date, int] = {}
    day = today
    while day <= horizon.date():
        left = workdays.working_days_between(today, day)
        applicable = [lead for lead in leads if left <= lead]
        if applicable:
            lead_for[day] = min(applicable)
        day += timedelta(days=1)
    party_periods = workflows.party_periods()
    party = list(party_periods)
    needs_notice = Q(due_at__lt=now, missed_sent=False)
    for due_on, lead in lead_for.items():
        needs_notice |= Q(due_on=due_on, due_at__gte=now) & ~Q(code__in=party) & (
            Q(smallest_lead_sent__isnull=True) | Q(smallest_lead_sent__gt=lead))
    candidates = list(
        Deadline.objects.filter(status=DeadlineStatus.OPEN, due_at__lte=horizon)
        .annotate(missed_sent=Exists(missed_sent),
                  smallest_lead_sent=Subquery(smallest_lead_sent))
        .filter(needs_notice)
        .select_related("case", "case__office", "case__officer_in_charge", "rule")
    )
    result.examined = len(candidates)
    heads = _heads_by_office({d.case.office_id for d in candidates
                              if d.due_at < now and not d.missed_sent
                              and d.code not in party_periods})
    notes: list[Notification] = []
    with translation.override(settings.LANGUAGE_CODE):
        for d in candidates:
            officer = d.case.officer_in_charge
            if d.due_at < now and d.code in party_periods:
                if officer is not None and not d.missed_sent:
                    notes.append(Notification(
                        recipient=officer, case=d.case, deadline=d,
                        kind=NotificationKind.PERIOD_ENDED, lead_days=0,
                        message=f"{d.case.number}：{party_periods[d.code]}"))
                continue
            if d.due_at < now:
                if d.missed_sent:
                    continue
                message = _("%(case)s: the deadline “%(rule)s” (due %(due)s) was missed.") % {
                    "case": d.case.number, "rule": d.rule.name, "due": d.due_on}
                recipients = ([officer] if officer else []) + heads.get(d.case.office_id, [])
                notes += [Notification(recipient=u, case=d.case, deadline=d,
                                       kind=NotificationKind.MISSED, lead_days=0,
                                       message=message) for u in recipients]
                continue
            if officer is None:
                continue
            lead = lead_for[d.due_on]
            left = workdays.working_days_between(today, d.due_on)
            message = _("%(case)s: “%(rule)s” is due on %(due)s (%(n)s working days left).") % {
                "case": d.case.number, "rule": d.rule.name, "due": d.due_on, "n": left}
            notes.append(Notification(recipient=officer, case=d.case, deadline=d,
                                      kind=NotificationKind.DUE_SOON, lead_days=lead,
                                      message=message))
    result.created = _insert(notes)
    if result.missing_years:
        _report_missing_years(result.missing_years)
    return result


def _report_missing_years(years: set[int]) -> None:
    """A year without an official calendar is surfaced: clocks reaching it are only
    provisional until it is entered. Tell administrators and log it, once per year and
    administrator, however often the sweep runs."""
    keys = {year: f"calendar-missing-{year}" for year in sorted(years)}
    admins = list(User.objects.filter(groups__name=Role.ADMIN, is_active=True).distinct())
    told = set(Notification.objects.filter(dedupe_key__in=keys.values(),
                                           kind=NotificationKind.MISSED)
               .values_list("recipient_id", "dedupe_key"))
    notes = []
    with translation.override(settings.LANGUAGE_CODE):
        for year, key in keys.items():
            untold = [u for u in admins if (u.pk, key) not in told]
            if not untold:
                continue
            logger.error("calendar data missing", extra={"year": year})
            message = _(
                "No official holiday calendar for %(year)s: deadlines reaching it are "
                "computed provisionally from the statutory holidays. A system administrator "
                "should enter it under Working-day calendar once the State Council "
                "publishes it.") % {"year": year}
            notes += [Notification(recipient=u, kind=NotificationKind.MISSED, dedupe_key=key,
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
