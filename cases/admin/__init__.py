"""Admin registrations of the cases app, one module per concept."""

from __future__ import annotations

from . import audit, calendar, offices, outbox, parties, ruling, security, system

__all__ = ["audit", "calendar", "offices", "outbox", "parties", "ruling", "security", "system"]
