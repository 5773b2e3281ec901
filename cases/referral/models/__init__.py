from __future__ import annotations

from .thresholds import Measure, Offence, ThresholdRule

__all__ = ["Measure", "Offence", "ThresholdRule"]
