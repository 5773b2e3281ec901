"""Admin registrations of the cases app, one module per concept."""

from __future__ import annotations

from . import calendar, offices, parties, ruling

__all__ = ["calendar", "offices", "parties", "ruling"]
