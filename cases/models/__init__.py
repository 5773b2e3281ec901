"""Models of the cases app, one module per concept."""

from __future__ import annotations

from .approvals import ApprovalOutcome, ApprovalRequest
from .attachments import Evidence, EvidenceForm, EvidenceItem, StagedUpload
from .audit import AuditAction, AuditEntry
from .calendar import CalendarDay, CalendarYear
from .cases import Case
from .deadline_rules import DeadlineRule
from .deadlines import Deadline
from .events import CaseEvent
from .notifications import Notification
from .numbering import NumberSequence
from .offices import DocumentKind, DocumentNumberPrefix, Office, OfficeLevel
from .outbox import OutboxEntry
from .participants import CaseAssignment, CaseParty
from .parties import Agent, Party
from .rights import IPRight
from .users import Role, User

__all__ = [
    "ApprovalOutcome",
    "ApprovalRequest",
    "Agent",
    "AuditAction",
    "AuditEntry",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "CaseAssignment",
    "CaseEvent",
    "CaseParty",
    "Deadline",
    "DeadlineRule",
    "DocumentKind",
    "DocumentNumberPrefix",
    "Evidence",
    "EvidenceForm",
    "EvidenceItem",
    "StagedUpload",
    "IPRight",
    "Notification",
    "NumberSequence",
    "Office",
    "OutboxEntry",
    "OfficeLevel",
    "Party",
    "Role",
    "User",
]
