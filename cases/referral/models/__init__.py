from __future__ import annotations

from .figures import CaseFigures
from .flags import ThresholdFlag
from .police import ReferralCase
from .thresholds import Measure, Offence, ThresholdRule
from .transfer import TransferCase

__all__ = ["CaseFigures", "Measure", "Offence", "ReferralCase", "ThresholdFlag", "ThresholdRule",
           "TransferCase"]
