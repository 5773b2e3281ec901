"""The workflow registry: what the kernel, documents, search, notifications and the pages
know about a workflow, they learn here.

A workflow (administrative ruling, mediation, judicial confirmation, referral…) lives in
its own package with a model one-to-one with :class:`cases.models.Case` (sharing its
primary key) holding its columns and its django-fsm state machine. The package registers
one :class:`Workflow` from its ``AppConfig.ready()``; everything is keyed by the workflow's
name, so two workflows may both have an ``accept`` or a ``close`` action.

Nothing here imports a workflow package or a model: a workflow depends on the kernel, never
the reverse. The one transition runner is :func:`cases.services.runner.run_action`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import BooleanField, CharField, ExpressionWrapper, F, Q, Value, When
from django.db.models import Case as CaseWhen
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

if TYPE_CHECKING:
    from django.db import models
    from django.db.models import QuerySet
    from django.http import HttpRequest
    from django.utils.safestring import SafeString
    from rest_framework.request import Request

    from cases.models import Case, CaseEvent, Party, User
    from documents.models import Document

Label = str | Promise


# --- clocks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueOf:
    """A clock trigger: the due date of another clock of the case (e.g. the enforcement
    window opens when the suit period ends), as that clock's Deadline row has it now."""

    code: str


@dataclass(frozen=True)
class ServedOn:
    """A clock trigger: the day a service counts as made. The date in ``date_field``, or,
    when ``method_field`` says service by public notice (公告送达), the end of the
    public-notice period counted from that date."""

    date_field: str
    method_field: str


# A trigger is the name of a date field of the workflow record or of the case header, or
# one of the computed triggers above.
Trigger = str | DueOf | ServedOn


@dataclass(frozen=True)
class ClockEffects:
    """What one action does to the case's statutory clocks (the clock engine,
    :mod:`cases.services.deadlines`, runs them after the transition is saved)."""

    # Rule code → trigger: open that clock (a running clock of the same code is superseded).
    start: Mapping[str, Trigger] = field(default_factory=dict)
    # Clocks the action answers: met or missed.
    answer: tuple[str, ...] = ()
    # The field holding the day the answering step happened: a clock is met when that day
    # is not after its due date. Without one, the recording time counts.
    answered_on: str | None = None
    cancel_all: bool = False
    cancel: tuple[str, ...] = ()
    pause_all: bool = False
    resume_all: bool = False
    # Clocks paused or resumed alone (e.g. the time limit while an appraisal runs, which
    # the parties' periods do not wait for).
    pause: tuple[str, ...] = ()
    resume: tuple[str, ...] = ()
    # Rule code → condition on the workflow record: a paused clock that ``resume_all``
    # leaves paused while its condition holds (the time limit, while an appraisal runs,
    # when a suspension ends).
    keep_paused_if: Mapping[str, Callable[[Any], bool]] = field(default_factory=dict)
    # Clocks extended once by the rule ``extension_rule``.
    extend: tuple[str, ...] = ()
    extension_rule: str = ""
    # Rule code → condition on the workflow record: a clock of ``start`` opens only when
    # its condition holds (e.g. an enforcement window only for a ruling to enforce).
    start_if: Mapping[str, Callable[[Any], bool]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The clock engine reads every trigger before it starts any clock.
        for code, trigger in self.start.items():
            if isinstance(trigger, DueOf) and trigger.code in self.start:
                raise ValueError(f"clock {code}: its trigger DueOf({trigger.code!r}) is a "
                                 "clock the same action starts")


# --- actions ------------------------------------------------------------------------------


class ActionForm(Protocol):
    """What the runner needs of an action's form (see :class:`cases.action_forms.ActionForm`)."""

    cleaned_data: dict[str, Any]

    def is_valid(self) -> bool: ...

    def to_kwargs(self) -> dict[str, Any]: ...

    def payload(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Action:
    """One action of a workflow: a django-fsm transition on the workflow's model.

    Who may run it is the transition's ``permission=`` and when, its ``source`` and
    ``conditions=``; the runner enforces both.
    """

    name: str
    label: Label
    # Called as ``form(data, case=case, actor=actor)``; validates the action's own fields.
    form: Callable[..., Any]
    # Shown as a secondary action (e.g. withdraw) rather than the next step.
    secondary: bool = False
    # Why the action is unavailable when its guard fails (the 409 message).
    guard_message: Label | None = None
    # A rule beyond the state checked before the input (raises a DomainError: 409).
    precheck: Callable[[Any], None] | None = None
    # The case's related records the precheck reads (``documents``): a list that runs
    # it for many cases (the approvals queue) fetches them once for all its rows, and the
    # precheck reads them with ``.all()`` so that it finds them fetched.
    precheck_reads: tuple[str, ...] = ()
    # Completes the input from the case's records before validation.
    prefill: Callable[[Any, dict[str, Any]], dict[str, Any]] | None = None
    # Writes from the validated form that are not the transition's arguments (e.g. the
    # assignments an acceptance makes); runs before the guards.
    apply_form: Callable[[Any, Any], None] | None = None
    # The transition method on the model, when not the action's name.
    method: str = ""
    # (form field, record field): a date entered cannot precede one the case already has
    # (a respondent served before acceptance, a hearing held before its time…); the record
    # field is looked up on the workflow record, then the case header.
    dates_after: tuple[tuple[str, str], ...] = ()
    # Done once although its state allows it again (an answer copy sent): it leaves the
    # menu and is refused (409). ``offered``: shown in the menu only when this holds.
    done: Callable[[Any], bool] | None = None
    offered: Callable[[Any], bool] | None = None
    # Approvals (cases.services.approvals): an officer submits the action and a head of
    # the case's office (or above) approves it, which runs it with the head as actor, or
    # returns it with reasons. A head may run it directly (their own decision).
    needs_approval: bool = False
    # Who may submit it (flow, user); None: whoever the transition's permission allows.
    submit_permission: Callable[[Any, Any], bool] | None = None
    # The date field of the input set to the day of approval (the day the head decides).
    approved_on_field: str = ""
    # An action the approver's return also runs, with the reasons (e.g. the draft goes
    # back to the panel).
    on_return: str = ""
    # The URL name of a page of its own (taking the case's id) where the action is done,
    # instead of the modal form (e.g. the draft ruling's page).
    page: str = ""
    # The action hands the case to public security (行刑衔接) when this holds for the
    # workflow record (checked after the transition): ending the case so is a referral,
    # and the finish checks (:func:`register_finish_check`) do not apply.
    refers: Callable[[Any], bool] | None = None

    @property
    def transition(self) -> str:
        return self.method or self.name


# --- documents ----------------------------------------------------------------------------


class ContextBuilder(Protocol):
    """The context of a document of ``kind``; ``party`` is the party it is for (the
    addressee of a notice, the party served), ``None`` for a document of the case."""

    def __call__(self, flow: Any, *, kind: str, number: str, on: date,
                 party: Party | None) -> Mapping[str, Any]:
        ...


def one_for_the_case(flow: Any) -> Sequence[Party | None]:
    """One document of the kind for the case, addressed to no party in particular."""
    return [None]


@dataclass(frozen=True)
class DocumentRule:
    """A kind of document (cases.models.DocumentKind) a workflow produces."""

    kind: str
    # The template context of the kind, built from the workflow record…
    context: ContextBuilder
    # …and the TypedDict it returns, checked before every render (documents.contract).
    context_type: Any
    # The workflow's actions the document belongs to (a template's allowed_actions).
    steps: tuple[str, ...] = ()
    # States in which the documents panel proposes this kind first.
    suggested_in: frozenset[str] = frozenset()
    # States in which the documents menu offers this kind at all (empty: every state), and
    # a further condition on the workflow record (e.g. only a ruling to enforce).
    offered_in: frozenset[str] = frozenset()
    offered_if: Callable[[Any], bool] | None = None
    # Needed more than once (each service, each hearing date): still offered once issued.
    repeatable: bool = False
    # At most one issued document of this kind: the issued one must be voided first.
    single_issued: bool = False
    # Extra conditions of issuing (raise PermissionDenied → 403, DomainError → 409).
    may_issue: Callable[[Any, User], None] | None = None
    # Extra conditions of voiding an issued document (raise a DomainError → 409).
    may_void_issued: Callable[[Any], None] | None = None
    # The parties that get a document of the kind each (one document per entry).
    addressees: Callable[[Any], Sequence[Party | None]] = one_for_the_case
    # The issued document a document of the kind records the service of (a 送达回证's).
    served_document: Callable[[Any, Party | None], Document | None] | None = None
    # The case event an uploaded draft must not be newer than when issued (a review).
    review_event: str = ""
    # What a document of the kind cannot be printed without: (dotted path into the
    # context, label) pairs; generating it with one empty is refused with the list
    # (documents.context.missing_fields). The ruling workflow's kinds keep their table in
    # documents.context.REQUIRED_FIELDS.
    required: tuple[tuple[str, Any], ...] = ()
    # A complete, realistic context of the kind, for validating an uploaded template
    # (documents.context.sample_context); None: the ruling case's sample.
    sample: Callable[[], dict[str, Any]] | None = None
    # The number the workflow already gave what the document records (a mediation
    # agreement's 调解协议书编号, taken when it is concluded): issuing stamps it instead of
    # taking a new 文号; "" refuses issuing (the kind's ``may_issue`` says why).
    number_of: Callable[[Any], str] | None = None
    # The day of the act a document of the kind is the written form of (立案, 中止, the
    # agreement concluded, the referral sent …), once the case records it: the document is
    # dated that day however late it is issued, or issued again; None, or no day recorded
    # yet: the day it is issued.
    dated: Callable[[Any], date | None] | None = None


# --- notifications, precedents ------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """An in-system notification a rule asks for (cases.models.Notification)."""

    recipient: User
    kind: str
    message: str


# A rule sees each timeline event of the workflow's cases after commit.
NotificationRule = Callable[["CaseEvent", "Case"], Iterable[Notice]]


@dataclass(frozen=True)
class CaseFeatures:
    """What similar-case search compares (search.similarity)."""

    text: str
    ip_type: str | None = None
    acts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PrecedentMapping:
    """How a decided case of the workflow becomes a precedent (search.models.Decision)."""

    # Entering this state records the precedent, in the deciding transaction.
    recorded_on: str
    source: str  # search.models.DecisionSource value
    # The Decision's fields (title, outcome, full_text…), from the workflow record.
    fields: Callable[[Any], dict[str, Any]]
    features: Callable[[Any], CaseFeatures]
    # The outcome drafted or decided, compared with the precedents before approval.
    draft_outcome: Callable[[Any], str | None]
    # States in which the case page shows similar cases and consistency statistics.
    compare_in: frozenset[str] = frozenset()


# --- statistics ---------------------------------------------------------------------------


# A set of cases counted by a figure: a filter on Case for the period [start, end].
PeriodQ = Callable[[date, date], Q]


@dataclass(frozen=True)
class StatFigure:
    """One figure a workflow reports beyond the common ones (an outcome, a stage, a
    mediation's settlements…): the cases it counts, as a filter on Case for a period, and
    optionally amounts of the workflow record summed over those cases."""

    key: str
    label: Label
    cases: PeriodQ
    # (lookup from Case, label): amounts summed over the counted cases (e.g. agreed, paid).
    amounts: tuple[tuple[str, Label], ...] = ()
    # The day a case counts on, for the statistics' summary table: (lookup from Case of
    # the day, its condition) pairs, the first whose condition holds. ``cases`` is then
    # "that day in the period" (see :func:`dated_figure`, which builds both).
    on: tuple[tuple[str, Callable[[], Q]], ...] = ()


def dated_figure(key: str, label: Label, *on: tuple[str, Callable[[], Q]],
                 amounts: tuple[tuple[str, Label], ...] = ()) -> StatFigure:
    """A figure counting the cases whose day (a date lookup from Case) falls in the period
    under its condition; several (day, condition) pairs have conditions that exclude each
    other (a mediation ends on its agreement's day, or on the day it closed without one)."""
    def cases(start: date, end: date) -> Q:
        q = Q(pk__in=[])
        for lookup, condition in on:
            q |= Q(**{f"{lookup}__gte": start, f"{lookup}__lte": end}) & condition()
        return q
    return StatFigure(key, label, cases, amounts, on)


@dataclass(frozen=True)
class StatRate:
    """A rate of two of the workflow's figures (e.g. mediation success: settled / ended)."""

    key: str
    label: Label
    numerator: str
    denominator: str


@dataclass(frozen=True)
class WorkflowStatistics:
    """What the statistics page (the ``stats`` app) reports of a workflow's cases, beyond
    the header's received, closed and open counts."""

    # The workflow record's date field of acceptance (立案); empty: no acceptance step.
    accepted_on: str = ""
    # The code of the statutory time-limit clock of a case (closed within the limit: the
    # clock was met); empty: no overall limit.
    time_limit: str = ""
    # Actions that suspend the case, and that extend its time limit (timeline names).
    suspend_actions: tuple[str, ...] = ()
    extend_actions: tuple[str, ...] = ()
    # Outcomes, among cases closed (or decided) in the period.
    outcomes: tuple[StatFigure, ...] = ()
    # The workflow's own figures (mediation results and amounts, referral stages…).
    figures: tuple[StatFigure, ...] = ()
    rates: tuple[StatRate, ...] = ()
    # Record fields broken down by value (lookup from Case, label), e.g. the platform.
    dimensions: tuple[tuple[str, Label], ...] = ()
    # The lookup from Case of the record's infringing acts (a list of InfringingAct
    # values), broken down act by act; empty: the workflow records none.
    acts: str = ""
    # Cases where a respondent was found to infringe or settled admitting it (repeat
    # infringers), and the lookup from Case of the day that was established.
    infringement: Callable[[], Q] | None = None
    infringement_on: str = ""
    # The lookup from Case of the day that decision became effective (a ruling's); the
    # repeat-infringer list can be limited to effective decisions.
    infringement_effective: str = ""


# --- the workflow -------------------------------------------------------------------------


@dataclass(frozen=True)
class Workflow:
    name: str  # the value of Case.workflow
    label: Label
    # The model one-to-one with Case (primary key ``case``) with an FSMField ``state``.
    model: type[models.Model]
    # Its accessor on Case (the OneToOneField's related_name).
    related_name: str
    states: tuple[tuple[str, Label], ...]
    initial_state: str
    # States a case never leaves (its header's closed_on is then set).
    terminal_states: frozenset[str]
    actions: Mapping[str, Action]
    clock_effects: Mapping[str, ClockEffects] = field(default_factory=dict)
    # The parties' own periods (rule code → the officer's next step once it has ended):
    # time the parties have to answer, sue or perform, never the officer's overdue work.
    party_periods: Mapping[str, Label] = field(default_factory=dict)
    documents: Mapping[str, DocumentRule] = field(default_factory=dict)
    # Timeline entries that are not actions of the workflow (actions are labelled by
    # their Action.label).
    event_labels: Mapping[str, Label] = field(default_factory=dict)
    notification_rules: tuple[NotificationRule, ...] = ()
    # Fields of the workflow record that exports and statistics report.
    statistics_fields: tuple[str, ...] = ()
    # The figures the statistics page reports of the workflow (None: the common ones only).
    statistics: WorkflowStatistics | None = None
    # Fields of the workflow record the case list's text search also looks in.
    search_fields: tuple[str, ...] = ()
    # Fields of the workflow record in the API's case representation, and those of them
    # left out of one case's (e.g. the figures that do not apply to its rights).
    api_fields: tuple[str, ...] = ()
    api_omitted: Callable[[Any], Collection[str]] | None = None
    precedent: PrecedentMapping | None = None
    # Who waits for the case on the workbench beyond its officers (heads, legal staff…).
    waiting: Callable[[User], Q] | None = None
    # The state in which a case waits for the head's approval (the Approvals menu).
    approval_state: str = ""
    # Bootstrap tone of a state badge, by state; others are neutral.
    state_tones: Mapping[str, str] = field(default_factory=dict)
    # The template showing the workflow record on the case page.
    detail_template: str = ""
    # Cases of the workflow that users beyond the case's office tree may also see (e.g.
    # a transfer, by the receiving office once sent): queries of their case keys for the
    # user, each from its own index (cases.selectors.scope.shared_q).
    shared_with: Callable[[User], list[QuerySet[Any]]] | None = None
    # Files a new case of the workflow from a REST request (POST /api/v1/cases/): validates
    # its own fields (400) and returns the case.
    api_intake: Callable[[Request], Case] | None = None
    # Cases started from another case (its header's ``origin``), e.g. a ruling case handed
    # over to mediation. ``start_from(origin, actor, data)`` opens a case of this workflow
    # from the origin, inside the origin's transition.
    start_from: Callable[[Case, User, Mapping[str, Any]], Case] | None = None
    # Entering one of these states ends a derived case with a result ("settled",
    # "failed"); ``result_data`` gives the fields the origin's answer takes.
    results: Mapping[str, str] = field(default_factory=dict)
    result_data: Callable[[Any], Mapping[str, Any]] | None = None
    # How this workflow answers the result of a case derived from one of its cases: the
    # action the runner then runs on the origin, in the same transaction.
    on_derived_result: Mapping[str, str] = field(default_factory=dict)
    # Who the head of office assigns on cases of this workflow (cases.services.assignments):
    # "officer" (the officer in charge, 承办人), "panel" (合议组: presiding officer and
    # members), "mediator" (调解员).
    assignment_roles: tuple[str, ...] = ()
    # The workflow's rule on a panel, given the officer in charge and the members (the
    # officer included): raises ValidationError (e.g. an odd number of at least three).
    check_panel: Callable[[Any, User, Sequence[User]], None] | None = None
    # States that settle the matter before the case is over, beyond the terminal states
    # (a mediation agreement, a complaint's triage decision): entering one from a state
    # that is neither is finishing the case, and the finish checks apply.
    finishing_states: frozenset[str] = frozenset()
    # The case page lets the case's officers record the amounts the investigation found
    # (illegal turnover, gain, loss…), which the criminal thresholds judge (the referral
    # app's figures); a workflow with amount fields of its own (complaints) judges those.
    records_amounts: bool = False
    # Who the case is between, as the case page's header names them, when the case's
    # parties are not requesters and respondents (a complaint's complainant and accused
    # party, a referral's suspect): (heading, names) pairs; None: the case parties.
    header_parties: Callable[[Case], Sequence[tuple[Label, Sequence[str]]]] | None = None
    # The same for the case list's party column, read from what the list's rows query
    # loads with the rows (``list_relations`` for ``select_related``, ``list_annotations``
    # for ``annotate``): a page costs the same queries whichever workflows it shows. The
    # side the case is brought against comes last (the export's 被请求人 column).
    list_parties: Callable[[Case], Sequence[tuple[Label, Sequence[str]]]] | None = None
    list_relations: tuple[str, ...] = ()
    list_annotations: Callable[[], Mapping[str, Any]] | None = None
    # The first name that column shows, as an expression over the case (NULL when it shows
    # none): the list's sort by parties, where the case parties name nobody.
    list_sort_party: Callable[[], Any] | None = None
    # What the case page calls an assignment role in this workflow, where the common
    # label does not fit (a referral's members are its task force, not a panel).
    assignment_labels: Mapping[str, Label] = field(default_factory=dict)
    # What this workflow calls a party of a role, where the common label (请求人,
    # 被请求人) does not fit: a complaint's complainant and accused party.
    party_labels: Mapping[str, Label] = field(default_factory=dict)

    def finishes(self, from_state: str, to_state: str) -> bool:
        """Whether a transition from ``from_state`` to ``to_state`` finishes the case."""
        ending = self.terminal_states | self.finishing_states
        return to_state in ending and from_state not in ending

    def state_label(self, state: str) -> str:
        return next((str(label) for value, label in self.states if value == state), state)

    def lookup(self, name: str) -> str:
        """The ORM path from Case to the workflow record's field ``name``."""
        return f"{self.related_name}__{name}"


@dataclass(frozen=True)
class TransitionDone:
    """What a transition listener is told, inside the transition's transaction."""

    case: Case
    flow: Any
    workflow: Workflow
    action: str
    from_state: str
    to_state: str
    event: CaseEvent


TransitionListener = Callable[[TransitionDone], None]
# Work run in the worker after a timeline event's transaction committed, given the event.
AfterEventWork = Callable[["CaseEvent"], None]


@dataclass(frozen=True)
class Finishing:
    """A transition about to finish a case (:meth:`Workflow.finishes`), as a finish check
    sees it: inside the transition's transaction, after the model transition ran and
    before anything is saved. ``reason`` is the action's reason field; ``submitting``: an
    officer's submission for approval being checked (the approver's run is checked again);
    ``system``: a periodic task acts."""

    case: Case
    flow: Any
    workflow: Workflow
    action: Action
    actor: User
    reason: str
    submitting: bool
    system: bool


# Raises a DomainError (409), PermissionDenied (403) or ValidationError (400) to refuse.
FinishCheck = Callable[[Finishing], None]


@dataclass(frozen=True)
class FigureRecord:
    """Figures recorded outside a case (e.g. an imported enforcement decision): amounts by
    threshold measure ("turnover", "gain"…), the date they are judged by and the kinds of
    right concerned; ``key`` identifies the record in the answer."""

    key: int
    on: date
    right_kinds: tuple[str, ...]
    amounts: Mapping[str, Any]


# Judges such records against the criminal thresholds: key → the thresholds reached
# (each printable as its rule and figures, with a ``legal_basis``), records reaching none
# left out.
FiguresJudge = Callable[[Sequence[FigureRecord]], Mapping[int, Sequence[Any]]]


@dataclass(frozen=True)
class Panel:
    """A panel of the case page offered by an app (documents, similar cases…)."""

    name: str
    title: Label
    icon: str
    order: int
    # The panel's HTML, or None when it has nothing to show for this case.
    render: Callable[[HttpRequest, Case], SafeString | None]


@dataclass(frozen=True)
class Marker:
    """A badge an app puts on cases in the lists (case list, workbench) when
    ``condition()`` (a filter on Case) holds, e.g. "涉嫌犯罪，应当移送"."""

    name: str
    label: Label
    tone: str
    condition: Callable[[], Q]


_workflows: dict[str, Workflow] = {}
_markers: dict[str, Marker] = {}
# Labels of timeline entries an app writes on cases of any workflow (e.g. a threshold flag).
_event_labels: dict[str, Label] = {}
_listeners: list[TransitionListener] = []
_after_event: list[AfterEventWork] = []
_finish_checks: list[FinishCheck] = []
_figures_judges: list[FiguresJudge] = []
_panels: dict[str, Panel] = {}


class UnknownWorkflow(LookupError):
    pass


def register(workflow: Workflow) -> None:
    """Register a workflow; its name must be new."""
    if workflow.name in _workflows and _workflows[workflow.name] is not workflow:
        raise ValueError(f"workflow {workflow.name!r} is already registered")
    unknown = set(workflow.clock_effects) - set(workflow.actions) - {"create"}
    unknown |= {step for rule in workflow.documents.values() for step in rule.steps
                if step not in workflow.actions}
    if unknown:
        raise ValueError(f"{workflow.name}: effects or documents of unknown actions: "
                         f"{sorted(unknown)}")
    missing = [a.name for a in workflow.actions.values()
               if not hasattr(workflow.model, a.transition)]
    if missing:
        raise ValueError(f"{workflow.name}: actions without a transition: {missing}")
    _workflows[workflow.name] = workflow


def unregister(name: str) -> None:
    """Remove a workflow (for tests that register their own)."""
    _workflows.pop(name, None)


def get(name: str) -> Workflow:
    try:
        return _workflows[name]
    except KeyError:
        raise UnknownWorkflow(name) from None


def start_derived(name: str, origin: Case, actor: User, data: Mapping[str, Any]) -> Case:
    """Open a case of workflow ``name`` from ``origin`` (e.g. a ruling case handed over to
    mediation); the workflow must accept derived cases."""
    spec = get(name)
    if spec.start_from is None:
        raise ValueError(f"workflow {name!r} does not start from another case")
    return spec.start_from(origin, actor, data)


def all_workflows() -> list[Workflow]:
    return list(_workflows.values())


def of(case: Case) -> Workflow:
    return get(case.workflow)


def flow_of(case: Case) -> Any:
    """The case's workflow record."""
    return getattr(case, of(case).related_name)


def state_label(workflow: str, state: str) -> str:
    spec = _workflows.get(workflow)
    return spec.state_label(state) if spec else state


def state_key(workflow: str, state: str) -> str:
    """A state as the lists filter by it: the workflow and the state (``confirmation:filed``),
    since workflows share state names with different meanings (a confirmation's ``filed``
    is 已向法院申请, a referral's 公安机关已立案)."""
    return f"{workflow}:{state}"


def state_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every state of every workflow, grouped by workflow (a ``<select>`` with optgroups),
    each by its :func:`state_key`."""
    return [(str(spec.label), [(state_key(spec.name, value), str(label))
                               for value, label in spec.states])
            for spec in _workflows.values()]


def _split_state(state: str) -> list[tuple[Workflow, str]]:
    """The (workflow, state) pairs a filter value names: one for a :func:`state_key`, each
    workflow having the state for a bare state (``pending_approval``: the Approvals menu,
    and the API's filter before state keys)."""
    workflow, sep, value = state.partition(":")
    if sep:
        spec = _workflows.get(workflow)
        return [(spec, value)] if spec and any(v == value for v, _l in spec.states) else []
    return [(spec, state) for spec in _workflows.values()
            if any(v == state for v, _l in spec.states)]


def is_state_filter(state: str) -> bool:
    """Whether ``state`` names a state of some workflow (a state key or a bare state)."""
    return bool(_split_state(state))


def state_q(state: str) -> Q:
    """Cases in ``state``: a :func:`state_key`, or a bare state whatever the workflow."""
    q = Q(pk__in=[])
    for spec, value in _split_state(state):
        q |= Q(workflow=spec.name, **{spec.lookup("state"): value})
    return q


def state_expression() -> Any:
    """The state of a case whatever its workflow, for ``annotate`` and ``order_by``."""
    fields = [F(spec.lookup("state")) for spec in _workflows.values()]
    if not fields:
        return Value("", output_field=CharField())
    return fields[0] if len(fields) == 1 else Coalesce(*fields, output_field=CharField())


def state_relations() -> list[str]:
    """For ``select_related``: the workflow records of a list of cases in one query."""
    return [spec.related_name for spec in _workflows.values()]


def list_relations() -> list[str]:
    """For ``select_related``: what the case list's party column reads of each workflow."""
    return [path for spec in _workflows.values() for path in spec.list_relations]


def list_annotations() -> dict[str, Any]:
    """For ``annotate``: what the case list's party column reads of each workflow."""
    found: dict[str, Any] = {}
    for spec in _workflows.values():
        if spec.list_annotations is not None:
            found.update(spec.list_annotations())
    return found


def list_sort_party() -> Any:
    """The first name the party column shows of a case whose workflow names its own
    (``Workflow.list_sort_party``, each for its own workflow's cases); NULL otherwise."""
    return CaseWhen(*(When(workflow=spec.name, then=spec.list_sort_party())
                      for spec in _workflows.values() if spec.list_sort_party is not None))


def list_parties(case: Case) -> Sequence[tuple[Label, Sequence[str]]] | None:
    """Who a row of the case list is between, in its workflow's terms; None: the case
    parties (requesters and respondents)."""
    spec = _workflows.get(case.workflow)
    if spec is None or spec.list_parties is None:
        return None
    return spec.list_parties(case)


def event_label(workflow: str, name: str) -> str | None:
    """The label of a timeline entry specific to ``workflow`` (an action or its own)."""
    spec = _workflows.get(workflow)
    if spec is None:
        return None
    if name in spec.actions:
        return str(spec.actions[name].label)
    label = spec.event_labels.get(name, _event_labels.get(name))
    return str(label) if label is not None else None


def register_marker(marker: Marker) -> None:
    _markers[marker.name] = marker


def markers() -> list[Marker]:
    return list(_markers.values())


def marker_annotations() -> dict[str, Any]:
    """For ``annotate``: one boolean ``marker_<name>`` per registered marker."""
    return {f"marker_{m.name}": ExpressionWrapper(m.condition(), output_field=BooleanField())
            for m in _markers.values()}


def register_event_labels(labels: Mapping[str, Label]) -> None:
    """Labels of timeline entries an app writes on cases of every workflow."""
    _event_labels.update(labels)


def state_tone(state: str) -> str | None:
    for spec in _workflows.values():
        if state in spec.state_tones:
            return spec.state_tones[state]
    return None


def document_rule(workflow: str, kind: str) -> DocumentRule | None:
    spec = _workflows.get(workflow)
    return spec.documents.get(kind) if spec else None


def kind_rule(kind: str) -> DocumentRule | None:
    """The rule of a document kind in whichever workflow produces it (a kind belongs to
    one workflow; the first registered wins)."""
    for spec in _workflows.values():
        if kind in spec.documents:
            return spec.documents[kind]
    return None


def document_steps() -> dict[str, list[str]]:
    """Kind → the actions it belongs to, over all workflows (default templates)."""
    steps: dict[str, list[str]] = {}
    for spec in _workflows.values():
        for kind, rule in spec.documents.items():
            steps.setdefault(kind, [])
            steps[kind] += [s for s in rule.steps if s not in steps[kind]]
    return steps


def party_periods() -> dict[str, Label]:
    """Every workflow's parties' periods: rule code → the next step once it has ended."""
    return {code: step for w in all_workflows() for code, step in w.party_periods.items()}


def on_transition(listener: TransitionListener) -> None:
    """Call ``listener`` after every transition, inside its transaction (outbox writers)."""
    if listener not in _listeners:
        _listeners.append(listener)


def transition_listeners() -> list[TransitionListener]:
    return list(_listeners)


def after_event(work: AfterEventWork) -> None:
    """Call ``work`` in the worker after the transaction of every timeline event has
    committed (``cases.tasks.after_case_event``): work that may lag a change by seconds
    and is batched across changes (the statistics summary)."""
    if work not in _after_event:
        _after_event.append(work)


def after_event_work() -> list[AfterEventWork]:
    return list(_after_event)


def register_finish_check(check: FinishCheck) -> None:
    """Call ``check`` before any transition that finishes a case (an app's rule on ending
    cases, e.g. no closing instead of referring a suspected crime)."""
    if check not in _finish_checks:
        _finish_checks.append(check)


def finish_checks() -> list[FinishCheck]:
    return list(_finish_checks)


def register_figures_judge(judge: FiguresJudge) -> None:
    """The app that holds the criminal thresholds judges figures recorded outside cases."""
    if judge not in _figures_judges:
        _figures_judges.append(judge)


def judge_figures(records: Iterable[FigureRecord]) -> dict[int, list[Any]]:
    """What the registered judges find in ``records`` (nothing without one)."""
    records = list(records)
    found: dict[int, list[Any]] = {}
    for judge in _figures_judges if records else []:
        for key, hits in judge(records).items():
            found.setdefault(key, []).extend(hits)
    return found


def register_panel(panel: Panel) -> None:
    _panels[panel.name] = panel


def panels() -> list[Panel]:
    return sorted(_panels.values(), key=lambda p: p.order)


# --- hooks of other apps into the kernel's pages ------------------------------------------

# A case-list filter an app offers: called with the list's query parameters and the user,
# it returns None when its parameters are absent, else (filter on Case, what it shows,
# in words); a ValueError says the parameters are invalid (the list is then empty).
CaseListFilter = Callable[[Mapping[str, str], "User"], "tuple[Q, str] | None"]
# A check shown at intake: called with the user and the chosen respondents.
IntakeCheck = Callable[["User", Sequence["Party"]], "SafeString | None"]

_list_filters: list[CaseListFilter] = []
_intake_checks: list[IntakeCheck] = []


def register_case_list_filter(fn: CaseListFilter) -> None:
    if fn not in _list_filters:
        _list_filters.append(fn)


def case_list_filters() -> list[CaseListFilter]:
    return list(_list_filters)


def register_intake_check(fn: IntakeCheck) -> None:
    if fn not in _intake_checks:
        _intake_checks.append(fn)


def intake_checks() -> list[IntakeCheck]:
    return list(_intake_checks)
