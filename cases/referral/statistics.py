"""What the statistics page reports of referrals to public security and of transfers
(``Workflow.statistics``): referrals by stage, and the police's answers."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.referral.models.police import ReferralState
from cases.referral.models.transfer import TransferState
from cases.workflows import Label, StatFigure, WorkflowStatistics, dated_figure


def _stage(state: str, label: Label) -> StatFigure:
    return dated_figure(f"stage_{state}", label,
                        ("received_on", lambda: Q(referral__state=state)))


REFERRAL_STATISTICS = WorkflowStatistics(
    extend_actions=("extend_filing_period",),
    outcomes=(
        dated_figure("police_filed", _("Filed by the police"),
                     ("referral__police_decided_on",
                      lambda: ~Q(referral__police_case_number=""))),
        dated_figure("police_not_filed", _("Not filed by the police"),
                     ("referral__police_decided_on",
                      lambda: Q(referral__police_case_number=""))),
    ),
    # Referrals opened in the period, by the stage they have reached now.
    figures=tuple(_stage(state, label) for state, label in ReferralState.choices),
)


def _transfer_state(state: str, label: Label) -> StatFigure:
    return dated_figure(state, label, ("closed_on", lambda: Q(transfer__state=state)))


TRANSFER_STATISTICS = WorkflowStatistics(
    accepted_on="accepted_on",
    outcomes=tuple(_transfer_state(s, TransferState(s).label) for s in (
        TransferState.ACCEPTED, TransferState.DESIGNATED, TransferState.RECEIPTED,
        TransferState.ABANDONED)),
)
