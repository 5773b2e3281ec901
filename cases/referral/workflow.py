"""The registrations of the referral (D1, to public security) and transfer (D2, to
another authority) workflows: actions, clocks, labels and who waits for what (see
:mod:`cases.workflows`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.errors import TransitionNotAllowed
from cases.models import CaseParty, Office, Role
from cases.models.participants import PartyRole
from cases.referral import forms as f
from cases.referral.documents import REFERRAL_DOCUMENTS, TRANSFER_DOCUMENTS, accused_parties
from cases.referral.models import ReferralCase, TransferCase
from cases.referral.models.police import FILING_CLOCKS, REFERRAL, ReferralState
from cases.referral.models.transfer import (
    TRANSFER,
    TransferState,
    is_designating_head,
    is_external,
    is_internal,
)
from cases.referral.notifications import (
    POLICE_PERIODS,
    referral_status_changed,
    transfer_status_changed,
)
from cases.referral.statistics import REFERRAL_STATISTICS, TRANSFER_STATISTICS
from cases.workflows import Action, ClockEffects, Workflow

if TYPE_CHECKING:
    from cases.models import Case, User
    from cases.workflows import Label

R = ReferralState
T = TransferState
FILING = tuple(FILING_CLOCKS.values())


def _store_package(referral: ReferralCase, form: f.SendForm) -> None:
    referral.package = form.package()


def _require_referral_letter(referral: ReferralCase) -> None:
    """What is sent is the 涉嫌犯罪案件移送书 itself: issued, with its number, first. It
    could be sent with any number typed in its place, and no letter on file."""
    if f.issued_referral_letter(referral.case) is None:
        raise TransitionNotAllowed(gettext(
            "The case cannot be sent before the letter of referral (涉嫌犯罪案件移送书) has "
            "been issued: generate it and issue it with its number first."))


REFERRAL_ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("submit_report", _("Submit the referral report for approval"), f.SubmitReportForm,
           guard_message=_("A task force of at least two officers must be assigned first.")),
    Action("approve", _("Approve the referral"), f.ApproveForm),
    Action("reject", _("Do not approve the referral"), f.RejectReferralForm, secondary=True),
    Action("send", _("Send to public security"), f.SendForm, apply_form=_store_package,
           precheck=_require_referral_letter),
    Action("record_receipt", _("Record the police's receipt"), f.RecordReceiptForm),
    Action("extend_filing_period", _("Record the police's extension (complex case)"),
           f.ExtendFilingForm, secondary=True,
           guard_message=_("Only a complex case's review can be extended, and only once.")),
    Action("record_filed", _("Record: the police filed the case"), f.RecordFiledForm),
    Action("record_not_filed", _("Record: the police did not file"), f.RecordNotFiledForm),
    Action("request_reconsideration", _("Request reconsideration"),
           f.RequestReconsiderationForm,
           guard_message=_("Reconsideration has already been requested once.")),
    Action("record_reconsideration", _("Record the reconsideration decision"),
           f.RecordReconsiderationForm),
    Action("request_supervision", _("Ask the procuratorate to supervise"),
           f.RequestSupervisionForm, secondary=True),
    Action("record_supervision_declined", _("Record: the procuratorate did not intervene"),
           f.RecordSupervisionDeclinedForm),
    Action("hand_over_exhibits", _("Record the hand-over of the exhibits"),
           f.HandOverExhibitsForm),
    Action("finish", _("Finish: the administrative case goes on without referral"),
           f.FinishForm, secondary=True),
)}

REFERRAL_CLOCKS: dict[str, ClockEffects] = {
    "submit_report": ClockEffects(start={"referral.approval": "submitted_on"}),
    "approve": ClockEffects(answer=("referral.approval",), answered_on="approved_on",
                            start={"referral.send": "approved_at"}),
    "reject": ClockEffects(answer=("referral.approval",), cancel_all=True),
    "send": ClockEffects(answer=("referral.send",), answered_on="sent_at"),
    "record_receipt": ClockEffects(start={
        "referral.police_filing": "ordinary_filing_from",
        "referral.police_filing_economic": "economic_filing_from",
        "referral.police_filing_complex": "complex_filing_from",
    }),
    "extend_filing_period": ClockEffects(
        extend=("referral.police_filing_complex",),
        extension_rule="referral.police_filing_extension"),
    "record_filed": ClockEffects(
        answer=FILING + ("referral.reconsideration_answer",), answered_on="police_decided_on",
        cancel=("referral.reconsideration",),
        start={"referral.exhibits_handover": "police_decided_on"}),
    "record_not_filed": ClockEffects(
        answer=FILING, answered_on="police_decided_on",
        start={"referral.reconsideration": "police_decided_on"}),
    "request_reconsideration": ClockEffects(
        answer=("referral.reconsideration",), answered_on="reconsideration_requested_on",
        start={"referral.reconsideration_answer": "reconsideration_requested_on"}),
    "record_reconsideration": ClockEffects(
        answer=("referral.reconsideration_answer",),
        answered_on="reconsideration_answered_on",
        start={"referral.exhibits_handover": "filed_after_reconsideration_on"}),
    "request_supervision": ClockEffects(cancel=("referral.reconsideration",)),
    "hand_over_exhibits": ClockEffects(answer=("referral.exhibits_handover",),
                                       answered_on="exhibits_handed_over_on"),
    "finish": ClockEffects(cancel_all=True),
}

# An office of the system accepts or objects; an outside authority's receipt is recorded
# by the sender: each only offered to its kind of transfer (its guard still refuses).
TRANSFER_ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("send", _("Send the transfer"), f.OnForm),
    Action("abandon", _("Abandon the transfer"), f.OnForm, secondary=True),
    Action("accept", _("Accept the transferred case"), f.AcceptTransferForm,
           offered=is_internal),
    Action("object", _("Object and refer to the superior office"), f.ObjectForm,
           secondary=True, offered=is_internal),
    Action("designate", _("Designate the handling office"), f.DesignateForm),
    Action("record_receipt", _("Record the receiving authority's receipt"),
           f.RecordTransferReceiptForm, offered=is_external),
)}


def referral_waiting(user: User) -> Q:
    """Heads wait for reports to approve; the task force for everything else open."""
    q = Q(pk__in=[])
    if user.has_role(Role.HEAD):
        q |= Q(referral__state=R.PENDING_APPROVAL)
    return q


def transfer_waiting(user: User) -> Q:
    """A transfer waits only for whoever may take its next step: the officers and the head
    of the receiving office for a transfer sent to it (not its mediators, legal staff or
    administrators, who may not accept it), and for an objection the head who designates
    (:func:`designations_waiting`), not every head who sees the transfer."""
    office = user.office
    if office is None:
        return Q(pk__in=[])
    q = Q(pk__in=[])
    if user.has_role(Role.OFFICER, Role.HEAD):
        q |= Q(transfer__state=T.SENT, transfer__target_office=office)
    if user.has_role(Role.HEAD):
        q |= Q(pk__in=designations_waiting(user, office))
    return q


def designations_waiting(user: User, office: Office) -> list[int]:
    """The objected transfers ``user`` (a head of ``office``) designates: those with both
    offices in the user's subtree (one indexed query; objections are few), then the
    designation rule itself, which a path condition cannot express (a city does not
    designate between itself and one of its counties: the region does)."""
    path = office.path
    objected = (TransferCase.objects
                .filter(state=T.OBJECTED, case__office__path__startswith=path,
                        target_office__path__startswith=path)
                .select_related("case__office", "target_office"))
    return [t.pk for t in objected if is_designating_head(t, user)]


SHARED_STATES = (T.SENT, T.OBJECTED, T.ACCEPTED, T.DESIGNATED)


def transfer_shared_with(user: User) -> list[QuerySet[Any]]:
    """The receiving (or designated) office and the offices above it see a transfer once
    it is sent; the sending office sees it all along (it is its case).

    Two queries of case keys, the transfers sent to an office of the user's subtree and
    those designated to one, each read from its office column's index (the scope makes
    each a subquery hashed once per query); not a join: joined, every case a list or a
    search considers was matched against its transfer record and both of its offices, and
    the planner had three more tables to place."""
    office = user.office
    if office is None:
        return []
    subtree = Office.objects.filter(path__startswith=office.path).values("pk")
    shared = TransferCase.objects.filter(state__in=SHARED_STATES)
    return [shared.filter(target_office__in=subtree).values("case_id"),
            shared.filter(designated_office__in=subtree).values("case_id")]


# Timeline entries the referral package writes on cases of any workflow.
EVENT_LABELS = {
    "threshold_flagged": _("Flagged: suspected crime, to be referred"),
    "threshold_cleared": _("Criminal threshold flag cleared"),
    "threshold_waived": _("Head decided not to refer"),
    "transferred_in": _("Taken over by transfer"),
    "figures_recorded": _("Figures recorded"),
}


def suspects(case: Case) -> list[tuple[Label, list[str]]]:
    """A referral or a transfer is about the accused party of the case it comes from."""
    return [(_("Party"), [p.name for p in accused_parties(case.origin)])]


def suspect_annotations() -> dict[str, Any]:
    """The case list's row of a referral or a transfer: the accused party of the case it
    comes from (a complaint's, else the first of its respondents) and how many there are,
    read with the row (:func:`accused_parties` reads them one case at a time)."""
    respondents = CaseParty.objects.filter(case=OuterRef("origin"), role=PartyRole.RESPONDENT)
    return {
        "listed_suspect": Coalesce(
            F("origin__complaint__accused_party__name"),
            Subquery(respondents.order_by("position", "pk").values("party__name")[:1])),
        "listed_suspects": Coalesce(
            Subquery(respondents.order_by().values("case")
                     .annotate(n=Count("pk")).values("n")), Value(0)),
    }


def listed_suspects(case: Case) -> list[tuple[Label, list[str]]]:
    """The suspect as the case list names it (:func:`suspect_annotations`)."""
    name = getattr(case, "listed_suspect", None)
    if not name:
        return [(_("Party"), [])]
    if getattr(case, "listed_suspects", 0) > 1:
        name = gettext("%(name)s and others") % {"name": name}
    return [(_("Party"), [name])]


REFERRAL_WORKFLOW = Workflow(
    name=REFERRAL,
    label=_("Referral to public security"),
    model=ReferralCase,
    related_name="referral",
    # Opening a case is each workflow's own step, not a ruling's 登记请求.
    event_labels={"create": _("Referral opened")},
    states=tuple(ReferralState.choices),
    initial_state=R.DRAFTING,
    terminal_states=frozenset({R.REJECTED, R.CLOSED}),
    actions=REFERRAL_ACTIONS,
    clock_effects=REFERRAL_CLOCKS,
    statistics=REFERRAL_STATISTICS,
    documents=REFERRAL_DOCUMENTS,
    party_periods=POLICE_PERIODS,
    notification_rules=(referral_status_changed,),
    api_fields=(
        "offence", "suspicion", "threshold_summary", "report", "submitted_on", "approved_at",
        "rejection_reasons", "police_bureau", "package", "sent_at", "receipt_at",
        "receipt_signed_by", "filing_period", "filing_extended", "police_decided_on",
        "police_case_number", "not_filed_reasons", "reconsideration_requested_on",
        "reconsideration_answered_on", "reconsideration_result", "procuratorate",
        "supervision_requested_on", "supervision_result", "exhibits",
        "exhibits_handed_over_on", "closing_summary",
    ),
    waiting=referral_waiting,
    approval_state=R.PENDING_APPROVAL,
    state_tones={
        R.DRAFTING: "info", R.PENDING_APPROVAL: "warning", R.APPROVED: "danger",
        R.SENT: "primary", R.WITH_POLICE: "primary", R.FILED: "success",
        R.NOT_FILED: "warning", R.RECONSIDERATION: "primary", R.SUPERVISION: "primary",
    },
    detail_template="referral/referral_detail.html",
    header_parties=suspects,
    party_labels={PartyRole.RESPONDENT: _("Party")},
    list_parties=listed_suspects,
    list_annotations=suspect_annotations,
    list_sort_party=lambda: suspect_annotations()["listed_suspect"],
    # Found in the case list by the parties of the case it comes from.
    search_fields=("case__origin__complaint__accused_party__name",
                   "case__origin__case_parties__party__name"),
    assignment_labels={"member": _("Task force member")},
    assignment_roles=("officer",),
)

TRANSFER_WORKFLOW = Workflow(
    name=TRANSFER,
    label=_("Transfer to another authority"),
    model=TransferCase,
    related_name="transfer",
    event_labels={"create": _("Transfer opened")},
    states=tuple(TransferState.choices),
    initial_state=T.PREPARING,
    terminal_states=frozenset({T.ACCEPTED, T.DESIGNATED, T.RECEIPTED, T.ABANDONED}),
    actions=TRANSFER_ACTIONS,
    statistics=TRANSFER_STATISTICS,
    documents=TRANSFER_DOCUMENTS,
    notification_rules=(transfer_status_changed,),
    api_fields=(
        "direction", "target_office", "target_authority", "reasons", "sent_on",
        "accepted_on", "objection", "objected_on", "designated_office", "designated_on",
        "designation_reasons", "receipt_on", "receipt_signed_by", "handled_by",
    ),
    waiting=transfer_waiting,
    shared_with=transfer_shared_with,
    state_tones={T.PREPARING: "info", T.SENT: "warning", T.OBJECTED: "danger",
                 T.ACCEPTED: "success", T.DESIGNATED: "success", T.RECEIPTED: "success"},
    detail_template="referral/transfer_detail.html",
    header_parties=suspects,
    party_labels={PartyRole.RESPONDENT: _("Party")},
    list_parties=listed_suspects,
    list_annotations=suspect_annotations,
    list_sort_party=lambda: suspect_annotations()["listed_suspect"],
    # Found in the case list by the parties of the case it comes from.
    search_fields=("case__origin__complaint__accused_party__name",
                   "case__origin__case_parties__party__name"),
)
