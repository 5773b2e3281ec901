"""Reads of the referral package: whether a case was referred or transferred, the cases
related to a case, and the referral dashboard; always scoped to what the user may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.models import Case, Deadline, Office
from cases.referral.models import ReferralCase, ThresholdRule, TransferCase
from cases.referral.models.police import REFERRAL, ReferralState
from cases.referral.models.thresholds import Offence
from cases.referral.models.transfer import TRANSFER, TransferDirection, TransferState
from cases.selectors.cases import cases_for
from cases.views.paging import SortSpec

if TYPE_CHECKING:
    from cases.models import User

OPEN_TRANSFER_STATES = (TransferState.PREPARING, TransferState.SENT, TransferState.OBJECTED)


def referred(case: Case) -> bool:
    """A referral to public security from this case exists and was not turned down."""
    return ReferralCase.objects.filter(case__origin=case).exclude(
        state=ReferralState.REJECTED).exists()


def unjudged_offences(case: Case) -> list[str]:
    """The offences the case's figures are judged for (by its rights) that no threshold in
    force on the day it was received judges, when it has figures; [] otherwise."""
    from cases.referral.models import CaseFigures
    from cases.referral.models.thresholds import case_offences

    record = (getattr(case, "complaint", None) if case.workflow == "complaint"
              else CaseFigures.objects.filter(case=case).first())
    if record is None or not any(v for v in record.amounts().values()):
        return []
    offences = case_offences([r.kind for r in case.rights.all()])
    covered = set(ThresholdRule.objects.in_force(case.received_on)
                  .filter(offence__in=offences).values_list("offence", flat=True))
    return sorted(set(offences) - covered)


def open_transfer_of(case: Case) -> TransferCase | None:
    """The transfer of this case under way, if any."""
    return TransferCase.objects.filter(case__origin=case,
                                       state__in=OPEN_TRANSFER_STATES).first()


def passed_on_before(case: Case) -> bool:
    """The case came to its office by a transfer inside the system (accepted or
    designated): it may not be passed on again."""
    return TransferCase.objects.filter(
        case__origin=case, direction=TransferDirection.INTERNAL,
        state__in=(TransferState.ACCEPTED, TransferState.DESIGNATED)).exists()


@dataclass(frozen=True)
class RelatedCase:
    case: Case
    relation: str
    workflow_label: str
    state_label: str
    visible: bool


def related_cases(case: Case, user: User) -> list[RelatedCase]:
    """The case it came from and the cases opened from it, with their states; a link only
    to those the user may see (a transferred case's state stays readable to the sender)."""
    rows = []
    linked = ([(case.origin, str(_("Came from")))] if case.origin_id else []) + [
        (derived, str(_("Opened from this case")))
        for derived in Case.objects.filter(origin=case).order_by("pk")]
    if not linked:
        return []
    visible = set(cases_for(user).filter(pk__in=[c.pk for c, _r in linked if c])
                  .values_list("pk", flat=True))
    for other, relation in linked:
        if other is None:
            continue
        spec = workflows.get(other.workflow)
        rows.append(RelatedCase(case=other, relation=relation, workflow_label=str(spec.label),
                                state_label=other.get_state_display(),
                                visible=other.pk in visible))
    return rows


# Open referrals and transfers, nearest running clock first (the header's, kept by the
# clock engine; cases without one last), then by receipt: index ``case_open_workflow_next``.
OPEN_ORDER = SortSpec("deadline", ("next_deadline_at", "received_on", "pk"),
                      (datetime, date, int), nullable=frozenset({"next_deadline_at"}))
# Suspected crimes not referred, oldest first.
FLAGGED_ORDER = SortSpec("received", ("received_on", "pk"), (date, int))
WATCHED = (REFERRAL, TRANSFER)


@dataclass(frozen=True)
class OpenItem:
    case: Case
    state_label: str
    clock: Deadline | None
    overdue: bool


def open_cases(user: User, workflow: str | tuple[str, ...]) -> QuerySet[Case]:
    """The open cases of ``workflow`` (or of several) the user may see (a page's keys are
    read from it)."""
    workflows_q = Q(workflow__in=workflow) if isinstance(workflow, tuple) else Q(
        workflow=workflow)
    return cases_for(user).filter(workflows_q, closed_on__isnull=True)


def open_rows(user: User) -> Callable[[list[int]], QuerySet[Case]]:
    """The rows of a page of open referrals or transfers, by their keys: with their
    office, workflow record (the stage) and running clock with its rule, in one query."""
    def rows(keys: list[int]) -> QuerySet[Case]:
        return (cases_for(user).filter(pk__in=keys)
                .select_related("office", "next_deadline__rule", *workflows.state_relations()))
    return rows


def open_items(cases: list[Case]) -> list[OpenItem]:
    now = timezone.now()
    return [OpenItem(case=c, state_label=c.get_state_display(), clock=c.next_deadline,
                     overdue=c.next_deadline_at is not None and c.next_deadline_at < now)
            for c in cases]


def flagged_cases(user: User) -> QuerySet[Case]:
    """Cases over a threshold neither referred nor excused (够罪不移), open or finished:
    one closed over a threshold (e.g. before the figures were judged) is the risk itself."""
    return cases_for(user).filter(flagged_not_referred())


def flagged_rows(user: User) -> Callable[[list[int]], QuerySet[Case]]:
    def rows(keys: list[int]) -> QuerySet[Case]:
        return cases_for(user).filter(pk__in=keys).select_related("office", "threshold_flag")
    return rows


@dataclass
class OfficeRow:
    office: Office
    referrals: int = 0
    transfers: int = 0
    overdue: int = 0
    flagged: int = 0


@dataclass(frozen=True)
class Board:
    """The dashboard's figures; its lists are paged apart (:func:`open_cases`,
    :func:`flagged_cases`)."""

    by_office: list[OfficeRow]
    uncovered_offences: list[str]

    def total(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.by_office)

    @property
    def referrals(self) -> int:
        return self.total("referrals")

    @property
    def transfers(self) -> int:
        return self.total("transfers")

    @property
    def overdue(self) -> int:
        return self.total("overdue")

    @property
    def flagged(self) -> int:
        return self.total("flagged")


def flagged_not_referred() -> Q:
    """Cases over a threshold, neither referred nor excused by the head (够罪不移)."""
    live_referral = ReferralCase.objects.filter(case__origin=OuterRef("pk")).exclude(
        state=ReferralState.REJECTED)
    return (Q(threshold_flag__isnull=False, threshold_flag__waived_at__isnull=True)
            & ~Q(Exists(live_referral)))


def _by_office(user: User) -> list[OfficeRow]:
    """Per office of the user's tree that has anything to watch (a superior office over
    its subordinates): open referrals and transfers, overdue answers (the nearest running
    clock past), suspected crimes not referred. Two grouped queries, each from its own
    index (the open cases of a workflow; the flags), and the offices': one query with an
    OR of both read every case of the scope."""
    is_referral = Q(workflow=REFERRAL)
    open_counts = {row.pop("office_id"): row for row in (
        open_cases(user, WATCHED).order_by().values("office_id").annotate(
            referrals=Count("pk", filter=is_referral),
            transfers=Count("pk", filter=~is_referral),
            overdue=Count("pk", filter=Q(next_deadline_at__lt=timezone.now()))))}
    flagged = dict(flagged_cases(user).order_by().values("office_id")
                   .annotate(n=Count("pk")).values_list("office_id", "n"))
    offices = Office.objects.in_bulk([*open_counts, *flagged])
    rows = [OfficeRow(office=office, flagged=flagged.get(pk, 0), **open_counts.get(pk, {}))
            for pk, office in offices.items()]
    return sorted(rows, key=lambda r: r.office.path)


def dashboard(user: User) -> Board:
    """What heads and legal staff watch, in figures: open referrals and transfers (theirs
    and their subordinate offices', and transfers sent to them), overdue answers, cases
    over a threshold neither referred nor excused (够罪不移), by office; and the offences
    no threshold covers today."""
    today = timezone.localdate()
    covered = set(ThresholdRule.objects.in_force(today).values_list("offence", flat=True))
    uncovered = [str(label) for value, label in Offence.choices
                 if value not in covered and value != Offence.SELLING_PIRATED_COPIES]
    return Board(by_office=_by_office(user), uncovered_offences=uncovered)
