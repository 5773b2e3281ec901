"""The complaints workflow's registration (see :mod:`cases.workflows`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Case as CaseWhen
from django.db.models import F, Q, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from cases.complaints.actions import ACTIONS
from cases.complaints.api import register_from_api
from cases.complaints.documents import COMPLAINT_DOCUMENTS
from cases.complaints.models import COMPLAINT, ComplaintCase, ComplaintState
from cases.complaints.statistics import STATISTICS
from cases.models import Role
from cases.models.participants import PartyRole
from cases.referral.models.figures import RECORDED_FIELDS, case_fields
from cases.workflows import ClockEffects, Workflow

if TYPE_CHECKING:
    from cases.models import Case, User
    from cases.workflows import Label

S = ComplaintState
TRIAGE_CLOCKS = ("complaint.decision", "complaint.tipoff_verification")

CLOCK_EFFECTS: dict[str, ClockEffects] = {
    # Only the clock of the matter's kind starts: the other trigger is empty.
    "create": ClockEffects(start={"complaint.decision": "complaint_received_on",
                                  "complaint.tipoff_verification": "tip_off_received_on"}),
    "extend_verification": ClockEffects(extend=("complaint.tipoff_verification",),
                                        extension_rule="complaint.tipoff_extension"),
    # Every triage outcome answers the clock; a transfer inside the system is this
    # office's decision too (it has no decision date of its own: the recording counts).
    **{name: ClockEffects(answer=TRIAGE_CLOCKS, answered_on="decided_on")
       for name in ("open_ruling", "open_mediation", "refer_to_police", "not_accept",
                    "transfer_matter")},
}


def waiting(user: User) -> Q:
    """Officers of the office wait for the matters nobody has taken yet (no officer in
    charge: registered by the head), not yet triaged or answered; a matter an officer has
    taken waits for that officer (the workbench's own cases) and not for all the others.
    Heads wait for matters flagged over a criminal threshold and not yet triaged."""
    q = Q(pk__in=[])
    if user.has_role(Role.OFFICER):
        q |= Q(office=user.office, officer_in_charge__isnull=True,
               complaint__state__in=(S.RECEIVED, S.DECIDED))
    if user.has_role(Role.HEAD):
        q |= Q(complaint__state=S.RECEIVED, threshold_flag__isnull=False,
               threshold_flag__waived_at__isnull=True)
    return q


def sort_party() -> CaseWhen:
    """The complainant the list names first; nobody for an anonymous one (匿名 is not a
    name to sort by, and the name kept for the office must not order the list)."""
    return CaseWhen(When(complaint__anonymous=False, then=Coalesce(
        F("complaint__complainant_party__name"),
        NullIf(F("complaint__complainant_name"), Value("")))))


def header_parties(case: Case) -> list[tuple[Label, list[str]]]:
    """A complaint is between its complainant (匿名 when anonymous) and the accused party."""
    flow: ComplaintCase = case.complaint
    if flow.anonymous:
        complainant = [str(_("Anonymous"))]
    else:
        name = flow.complainant_party.name if flow.complainant_party else flow.complainant_name
        complainant = [name] if name else []
    return [(_("Complainant"), complainant),
            (_("Accused party"), [flow.accused_party.name] if flow.accused_party else [])]


def inapplicable_figures(complaint: ComplaintCase) -> set[str]:
    """The figures that do not apply to the complaint's rights: not in its API output."""
    return set(RECORDED_FIELDS) - set(case_fields(complaint.case))


WORKFLOW = Workflow(
    name=COMPLAINT,
    label=_("Complaint or tip-off"),
    model=ComplaintCase,
    related_name="complaint",
    states=tuple(ComplaintState.choices),
    initial_state=S.RECEIVED,
    terminal_states=frozenset({S.CLOSED}),
    # The triage decision settles the matter (the reply that follows closes it).
    finishing_states=frozenset({S.DECIDED}),
    actions=ACTIONS,
    clock_effects=CLOCK_EFFECTS,
    documents=COMPLAINT_DOCUMENTS,
    # Registering a complaint is no ruling's 登记请求.
    event_labels={"create": _("Complaint or tip-off registered"),
                  "update_figures": _("Figures recorded")},
    statistics_fields=("illegal_turnover", "illegal_gain"),
    # A complaint's parties are on its own record, not among the case parties: the case
    # list's party-name search looks there too.
    search_fields=("accused_party__name", "complainant_party__name"),
    statistics=STATISTICS,
    api_fields=(
        "kind", "channel", "source_authority", "anonymous", "complainant_name",
        "complainant_phone", "complainant_address", "complainant_party", "accused_party",
        "facts", "illegal_turnover", "illegal_gain", "sales_amount", "unsold_value",
        "loss_amount", "copies", "labels", "marks_count", "verification_extended", "outcome",
        "decided_on", "decision_reasons", "transfer_target", "replied_on", "reply_method",
        "reply_summary",
    ),
    waiting=waiting,
    state_tones={S.RECEIVED: "info", S.DECIDED: "warning"},
    detail_template="complaints/complaint_detail.html",
    assignment_roles=("officer",),
    api_intake=register_from_api,
    header_parties=header_parties,
    list_parties=header_parties,
    party_labels={PartyRole.REQUESTER: _("Complainant"),
                  PartyRole.RESPONDENT: _("Accused party")},
    list_relations=("complaint__accused_party", "complaint__complainant_party"),
    list_sort_party=sort_party,
    api_omitted=inapplicable_figures,
)
