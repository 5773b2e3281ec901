"""The registrations of mediation (行政调解) and judicial confirmation (司法确认):
everything the kernel, documents, search, notifications and pages need to know about
them (see :mod:`cases.workflows`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import CaseAssignment, Role
from cases.models.participants import AssignmentRole
from cases.workflows import Workflow
from mediation.actions import CONFIRMATION_ACTIONS, MEDIATION_ACTIONS
from mediation.clocks import CONFIRMATION_CLOCKS, MEDIATION_CLOCKS, MEDIATION_PARTY_PERIODS
from mediation.documents import CONFIRMATION_DOCUMENTS, MEDIATION_DOCUMENTS
from mediation.models import ConfirmationCase, MediationCase
from mediation.models import confirmation as c
from mediation.models import mediation as m
from mediation.notifications import NOTIFICATION_RULES
from mediation.precedents import PRECEDENT
from mediation.services.intake import CONFIRMATION, MEDIATION, start_from_origin
from mediation.statistics import STATISTICS

if TYPE_CHECKING:
    from cases.models import User


def mediators_cases(user: User) -> Q:
    """A mediator waits for the cases assigned to him."""
    if not user.has_role(Role.MEDIATOR):
        return Q(pk__in=[])
    return Q(pk__in=CaseAssignment.objects.filter(
        user_id=user.pk, role=AssignmentRole.MEDIATOR).values("case_id"))


def result_data(mediation: MediationCase) -> dict[str, str]:
    """What a case the mediation came from records when it settles or resumes."""
    agreement = getattr(mediation, "agreement", None)
    if mediation.state == m.MediationState.AGREED and agreement is not None:
        summary = gettext("Settled by mediation case %(case)s, agreement %(number)s "
                          "(amount %(amount)s yuan).") % {
            "case": mediation.case.number, "number": agreement.number,
            "amount": mediation.amount_agreed or 0}
        return {"summary": summary, "reason": summary}
    reason = gettext("Mediation case %(case)s ended without agreement: %(state)s.") % {
        "case": mediation.case.number, "state": mediation.get_state_display()}
    return {"summary": reason, "reason": reason}


MS = m.MediationState
CS = c.ConfirmationState

MEDIATION_WORKFLOW = Workflow(
    name=MEDIATION,
    label=_("Administrative mediation"),
    model=MediationCase,
    related_name="mediation",
    # Opening a case is each workflow's own step, not a ruling's 登记请求.
    event_labels={"create": _("Mediation case registered")},
    states=tuple(MS.choices),
    initial_state=MS.REQUESTED,
    terminal_states=m.TERMINAL_STATES,
    # An agreement settles the dispute before it is performed.
    finishing_states=frozenset({MS.AGREED}),
    records_amounts=True,
    actions=MEDIATION_ACTIONS,
    clock_effects=MEDIATION_CLOCKS,
    party_periods=MEDIATION_PARTY_PERIODS,
    documents=MEDIATION_DOCUMENTS,
    notification_rules=NOTIFICATION_RULES,
    statistics_fields=("outcome", "days_to_agreement", "amount_claimed", "amount_agreed",
                       "amount_performed"),
    statistics=STATISTICS,
    api_fields=("dispute_type", "requested_on", "request_summary", "amount_claimed",
                "request_served_on", "service_method", "response_on", "decline_reason",
                "accepted_on", "time_limit_extended", "failure_reason", "outcome",
                "agreed_on", "days_to_agreement", "amount_agreed", "amount_performed"),
    precedent=PRECEDENT,
    waiting=mediators_cases,
    state_tones={
        MS.REQUESTED: "info", MS.AWAITING_RESPONSE: "primary", MS.ACCEPTED: "primary",
        MS.IN_SESSION: "primary", MS.AGREED: "success", MS.PERFORMING: "success",
        MS.BREACHED: "danger",
    },
    detail_template="mediation/mediation_detail.html",
    assignment_roles=("officer", "mediator"),
    start_from=start_from_origin,
    results={MS.AGREED: "settled", MS.FAILED: "failed", MS.DECLINED: "failed",
             MS.WITHDRAWN: "failed"},
    result_data=result_data,
)

CONFIRMATION_WORKFLOW = Workflow(
    name=CONFIRMATION,
    label=_("Judicial confirmation"),
    model=ConfirmationCase,
    related_name="confirmation",
    event_labels={"create": _("Judicial confirmation opened")},
    states=tuple(CS.choices),
    initial_state=CS.PREPARING,
    terminal_states=c.TERMINAL_STATES,
    actions=CONFIRMATION_ACTIONS,
    clock_effects=CONFIRMATION_CLOCKS,
    documents=CONFIRMATION_DOCUMENTS,
    api_fields=("court", "materials", "filed_on", "court_case_number", "court_accepted_on",
                "decided_on", "not_accepted_reason", "rejection_reason",
                "enforcement_applied_on"),
    waiting=mediators_cases,
    state_tones={CS.PREPARING: "info", CS.FILED: "primary", CS.ACCEPTED: "primary",
                 CS.CONFIRMED: "success", CS.REJECTED: "danger", CS.NOT_ACCEPTED: "danger"},
    detail_template="mediation/confirmation_detail.html",
)
