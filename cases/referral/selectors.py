"""Reads of the referral package: whether a case was referred or transferred, the cases
related to a case, and the referral dashboard; always scoped to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import workflows
from cases.models import Case, Deadline
from cases.models.deadlines import DeadlineStatus
from cases.referral.models import ReferralCase, ThresholdRule, TransferCase
from cases.referral.models.police import REFERRAL, ReferralState
from cases.referral.models.thresholds import Offence
from cases.referral.models.transfer import TRANSFER, TransferDirection, TransferState
from cases.selectors.cases import cases_for

if TYPE_CHECKING:
    from cases.models import Office, User

OPEN_TRANSFER_STATES = (TransferState.PREPARING, TransferState.SENT, TransferState.OBJECTED)


def referred(case: Case) -> bool:
    """A referral to public security from this case exists and was not turned down."""
    return ReferralCase.objects.filter(case__origin=case).exclude(
        state=ReferralState.REJECTED).exists()


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


@dataclass(frozen=True)
class OpenItem:
    case: Case
    state_label: str
    clock: Deadline | None
    overdue: bool


@dataclass
class OfficeRow:
    office: Office
    referrals: int = 0
    transfers: int = 0
    overdue: int = 0
    flagged: int = 0


@dataclass(frozen=True)
class Board:
    referrals: list[OpenItem]
    transfers: list[OpenItem]
    flagged: list[Case]
    uncovered_offences: list[str]

    @property
    def overdue(self) -> list[OpenItem]:
        return [item for item in self.referrals + self.transfers if item.overdue]

    @property
    def by_office(self) -> list[OfficeRow]:
        """Per office of the user's tree that has anything to watch (a superior office
        over its subordinates): open referrals and transfers, overdue answers, suspected
        crimes not referred."""
        rows: dict[int, OfficeRow] = {}

        def row(case: Case) -> OfficeRow:
            return rows.setdefault(case.office_id, OfficeRow(office=case.office))

        for item in self.referrals:
            row(item.case).referrals += 1
        for item in self.transfers:
            row(item.case).transfers += 1
        for item in self.overdue:
            row(item.case).overdue += 1
        for case in self.flagged:
            row(case).flagged += 1
        return sorted(rows.values(), key=lambda r: r.office.path)


def _open_items(qs: QuerySet[Case]) -> list[OpenItem]:
    now = timezone.now()
    cases = list(qs.filter(closed_on__isnull=True).select_related("office", "origin")
                 .order_by("received_on", "pk"))
    clocks: dict[int, Deadline] = {}
    for d in Deadline.objects.filter(case__in=cases, status=DeadlineStatus.OPEN).select_related(
            "rule").order_by("due_at"):
        clocks.setdefault(d.case_id, d)
    items = [OpenItem(case=c, state_label=c.get_state_display(), clock=clocks.get(c.pk),
                      overdue=bool(clocks.get(c.pk) and clocks[c.pk].due_at < now))
             for c in cases]
    return sorted(items, key=lambda i: (i.clock is None, i.clock.due_at if i.clock else now))


def flagged_not_referred() -> Q:
    """Cases over a threshold, neither referred nor excused by the head (够罪不移)."""
    live_referral = ReferralCase.objects.filter(case__origin=OuterRef("pk")).exclude(
        state=ReferralState.REJECTED)
    return (Q(threshold_flag__isnull=False, threshold_flag__waived_at__isnull=True)
            & ~Q(Exists(live_referral)))


def dashboard(user: User) -> Board:
    """What heads and legal staff watch: open referrals and transfers (theirs and their
    subordinate offices', and transfers sent to them) with the next clock, overdue
    answers, and cases over a threshold neither referred nor excused (够罪不移), open or
    finished."""
    scoped = cases_for(user)
    # Finished cases too: one closed over a threshold, neither referred nor excused by
    # the head (e.g. before the figures were judged), is the risk itself.
    flagged = list(
        scoped.filter(flagged_not_referred())
        .select_related("office", "threshold_flag").order_by("received_on", "pk"))
    today = timezone.localdate()
    covered = set(ThresholdRule.objects.in_force(today).values_list("offence", flat=True))
    uncovered = [str(label) for value, label in Offence.choices
                 if value not in covered and value != Offence.SELLING_PIRATED_COPIES]
    return Board(referrals=_open_items(scoped.filter(workflow=REFERRAL)),
                 transfers=_open_items(scoped.filter(workflow=TRANSFER)),
                 flagged=flagged, uncovered_offences=uncovered)
