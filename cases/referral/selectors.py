"""Reads of the referral package: whether a case was referred or transferred."""

from __future__ import annotations

from cases.models import Case
from cases.referral.models import ReferralCase, ThresholdFlag, TransferCase
from cases.referral.models.police import ReferralState
from cases.referral.models.transfer import TransferDirection, TransferState

OPEN_TRANSFER_STATES = (TransferState.DRAFT, TransferState.SENT, TransferState.OBJECTED)


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


def flag_requires_referral(case: Case) -> bool:
    """The case is flagged over a criminal threshold, not referred, and the head has not
    recorded why not."""
    flag = ThresholdFlag.objects.filter(case=case).first()
    return flag is not None and not flag.is_waived and not referred(case)
