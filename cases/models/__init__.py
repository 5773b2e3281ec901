"""Models of the cases app, one module per concept."""

from __future__ import annotations

from .offices import DocumentKind, DocumentNumberPrefix, Office, OfficeLevel
from .users import Role, User

__all__ = [
    "DocumentKind",
    "DocumentNumberPrefix",
    "Office",
    "OfficeLevel",
    "Role",
    "User",
]
