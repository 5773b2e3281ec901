"""Web pages of the case kernel: workbench, case list, case page with actions (each
workflow adds its own pages, e.g. the ruling's intake in ``cases.ruling.views``).

Views are thin: they read through selectors, write through services, and map the
domain's errors to answers in one place (:mod:`cases.views.errors`).
"""

from __future__ import annotations

from cases.views.assignments import case_assignment, distribution
from cases.views.case_detail import (
    case_action,
    case_detail,
    evidence_download,
    evidence_item_add,
    evidence_item_edit,
    evidence_item_remove,
)
from cases.views.case_list import case_export, case_list
from cases.views.timeline import case_timeline_page
from cases.views.workbench import home, notification_read, notifications_read_all

__all__ = [
    "case_action",
    "case_assignment",
    "case_detail",
    "case_export",
    "case_list",
    "case_timeline_page",
    "distribution",
    "evidence_download",
    "evidence_item_add",
    "evidence_item_edit",
    "evidence_item_remove",
    "home",
    "notification_read",
    "notifications_read_all",
]
