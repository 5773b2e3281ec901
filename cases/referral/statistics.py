"""What the statistics page reports of referrals to public security and of transfers
(``Workflow.statistics``): referrals by stage, and the police's answers."""

from __future__ import annotations

from datetime import date

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.referral.models.police import ReferralState
from cases.referral.models.transfer import TransferState
from cases.workflows import StatFigure, WorkflowStatistics


def _stage(state: str, label: object) -> StatFigure:
    def cases(start: date, end: date) -> Q:
        return Q(received_on__gte=start, received_on__lte=end, referral__state=state)
    return StatFigure(f"stage_{state}", label, cases)  # type: ignore[arg-type]


def _answered(start: date, end: date) -> Q:
    return Q(referral__police_decided_on__gte=start, referral__police_decided_on__lte=end)


REFERRAL_STATISTICS = WorkflowStatistics(
    extend_actions=("extend_filing_period",),
    outcomes=(
        StatFigure("police_filed", _("Filed by the police"),
                   lambda start, end: _answered(start, end)
                   & ~Q(referral__police_case_number="")),
        StatFigure("police_not_filed", _("Not filed by the police"),
                   lambda start, end: _answered(start, end)
                   & Q(referral__police_case_number="")),
    ),
    # Referrals opened in the period, by the stage they have reached now.
    figures=tuple(_stage(state, label) for state, label in ReferralState.choices),
)


def _transfer_state(state: str, label: object) -> StatFigure:
    def cases(start: date, end: date) -> Q:
        return Q(closed_on__gte=start, closed_on__lte=end, transfer__state=state)
    return StatFigure(state, label, cases)  # type: ignore[arg-type]


TRANSFER_STATISTICS = WorkflowStatistics(
    accepted_on="accepted_on",
    outcomes=tuple(_transfer_state(s, TransferState(s).label) for s in (
        TransferState.ACCEPTED, TransferState.DESIGNATED, TransferState.RECEIPTED,
        TransferState.ABANDONED)),
)
