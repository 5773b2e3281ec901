"""The ruling workflow's registration: everything the kernel, documents, search,
notifications and pages need to know about it (see :mod:`cases.workflows`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models import Role
from cases.ruling.actions import ACTIONS
from cases.ruling.api import file_from_api
from cases.ruling.clocks import CLOCK_EFFECTS, PARTY_PERIODS
from cases.ruling.documents import DOCUMENT_RULES
from cases.ruling.forms import check_panel
from cases.ruling.models import RULING, TERMINAL_STATES, CaseState, RulingCase
from cases.ruling.notifications import NOTIFICATION_RULES
from cases.ruling.precedents import PRECEDENT
from cases.ruling.statistics import STATISTICS
from cases.workflows import Workflow

if TYPE_CHECKING:
    from cases.models import User

S = CaseState


def waiting(user: User) -> Q:
    """Heads wait for drafts pending approval; legal staff for drafts not yet reviewed."""
    q = Q(pk__in=[])
    if user.has_role(Role.HEAD):
        q |= Q(ruling__state=S.PENDING_APPROVAL)
    if user.has_role(Role.LEGAL):
        q |= Q(ruling__state=S.PENDING_APPROVAL, ruling__legal_review_passed__isnull=True)
    return q


WORKFLOW = Workflow(
    name=RULING,
    label=_("Administrative ruling"),
    model=RulingCase,
    related_name="ruling",
    states=tuple(CaseState.choices),
    initial_state=S.RECEIVED,
    terminal_states=TERMINAL_STATES,
    records_amounts=True,
    actions=ACTIONS,
    clock_effects=CLOCK_EFFECTS,
    party_periods=PARTY_PERIODS,
    documents=DOCUMENT_RULES,
    notification_rules=NOTIFICATION_RULES,
    statistics_fields=("platform", "accepted_on", "outcome"),
    statistics=STATISTICS,
    search_fields=("platform",),
    api_fields=(
        "accused_products", "infringing_acts", "sales_channel", "platform",
        "infringement_place", "product_category", "court_suit_pending",
        "acceptance_checklist", "accepted_on", "answer_due_on", "hearing_at",
        "hearing_place", "draft_outcome", "outcome", "order_text", "decided_on",
        "ruling_served_on", "suit_period_ends_on", "litigation_court",
        "litigation_case_number", "effective_on", "time_limit_extended",
        "state_before_suspension", "referral_kind", "referral_target",
    ),
    precedent=PRECEDENT,
    waiting=waiting,
    approval_state=S.PENDING_APPROVAL,
    # The draft saved on the draft page (cases.ruling.review.DRAFT_SAVED).
    event_labels={"draft_saved": _("Ruling draft saved")},
    # Calm colours by the stage of the case; terminal states are grey.
    state_tones={
        S.RECEIVED: "info", S.CORRECTION_REQUESTED: "warning", S.ACCEPTED: "primary",
        S.AWAITING_ANSWER: "primary", S.INVESTIGATION: "primary",
        S.HEARING_SCHEDULED: "primary", S.DELIBERATION: "primary",
        S.PENDING_APPROVAL: "warning", S.DECIDED: "success", S.SERVED: "success",
        S.IN_LITIGATION: "danger", S.EFFECTIVE: "success", S.ENFORCEMENT: "danger",
        S.SUSPENDED: "secondary", S.MEDIATING: "info",
    },
    detail_template="ruling/case_detail.html",
    assignment_roles=("officer", "panel"),
    check_panel=check_panel,
    api_intake=file_from_api,
    # A mediation started from the case settles it or hands it back.
    on_derived_result={"settled": "mediation_succeeded", "failed": "mediation_failed"},
)
