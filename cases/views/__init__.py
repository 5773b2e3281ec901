"""Web pages of the cases app: workbench, case list, case page with actions, intake.

Views are thin: they read through selectors, write through services, and map the
domain's errors to answers in one place (:mod:`cases.views.errors`).
"""

from __future__ import annotations

from cases.views.case_detail import case_action, case_detail, evidence_download
from cases.views.case_list import case_export, case_list
from cases.views.intake import (
    intake,
    intake_checks,
    intake_new_party,
    intake_new_right,
    intake_party_chip,
    intake_party_search,
    intake_right_chip,
    intake_right_search,
)
from cases.views.precedents import precedent_detail, precedent_search
from cases.views.workbench import home, notification_read, notifications_read_all

__all__ = [
    "case_action",
    "case_detail",
    "case_export",
    "case_list",
    "evidence_download",
    "home",
    "intake",
    "intake_checks",
    "intake_new_party",
    "intake_new_right",
    "intake_party_chip",
    "intake_party_search",
    "intake_right_chip",
    "intake_right_search",
    "notification_read",
    "notifications_read_all",
    "precedent_detail",
    "precedent_search",
]
