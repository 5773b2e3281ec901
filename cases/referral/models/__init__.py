from __future__ import annotations

from .flags import ThresholdFlag
from .police import ReferralCase
from .thresholds import Measure, Offence, ThresholdRule
from .transfer import TransferCase

__all__ = ["Measure", "Offence", "ReferralCase", "ThresholdFlag", "ThresholdRule",
           "TransferCase"]
