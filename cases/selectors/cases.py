"""Reads of cases of every workflow, always scoped to what the user may see."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import reduce
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    F,
    Func,
    Model,
    OrderBy,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases import workdays, workflows
from cases.errors import OutOfScope
from cases.models import Case, CaseAssignment, CaseEvent, CaseParty, DocumentKind
from cases.models.deadlines import DeadlineStatus
from cases.models.events import EventKind
from cases.models.offices import OfficeLevel
from cases.selectors.scope import case_scope_q, office_scope_q, shared_q, visible_offices
from cases.validators import (
    clean_name,
    normalize_case_number,
    normalize_patent_application_number,
    patent_number_part,
)

if TYPE_CHECKING:
    from cases.models import User


def cases_for(user: User) -> QuerySet[Case]:
    return Case.objects.filter(case_scope_q(user))


# The alias (never selected) marking a list whose text search walks the list: its pages'
# keys are read office by office (:func:`page_keys`).
WALKED = "text_walked"


def case_list(
    user: User, *, state: str | None = None, officer_id: int | None = None,
    overdue: bool | None = None, due_before: date | None = None, text: str | None = None,
    right_kind: str | None = None, received_from: date | None = None,
    received_to: date | None = None,
) -> QuerySet[Case]:
    qs = (cases_for(user).select_related("office", "officer_in_charge",
                                         *workflows.state_relations())
          .annotate(flow_state=workflows.state_expression(), **workflows.marker_annotations()))
    if right_kind:
        qs = qs.filter(Exists(Case.rights.through.objects.filter(
            case_id=OuterRef("pk"), ipright__kind=right_kind)))
    if received_from:
        qs = qs.filter(received_on__gte=received_from)
    if received_to:
        qs = qs.filter(received_on__lte=received_to)
    if state:
        qs = qs.filter(workflows.state_q(state))
    if officer_id:
        qs = qs.filter(officer_in_charge_id=officer_id)
    # A case has an overdue running clock exactly when its nearest one (kept on the
    # header by the clock engine) is overdue: an indexed column, no subquery per case.
    if overdue is not None:
        late = Q(next_deadline_at__lt=timezone.now())
        qs = qs.filter(late) if overdue else qs.filter(
            Q(next_deadline_at__isnull=True) | Q(next_deadline_at__gte=timezone.now()))
    if due_before:
        qs = qs.filter(next_deadline_at__lte=timezone.make_aware(
            datetime.combine(due_before, time.max)))
    text = clean_name(text or "")
    if text:
        found, walked = _text_q(normalize_case_number(text), case_scope_q(user))
        qs = qs.filter(found)
        if walked:
            qs = qs.alias(**{WALKED: Value(True)})
    return qs


def page_keys(user: User, qs: QuerySet[Case], order: list[OrderBy], limit: int) -> list[int]:
    """The keys of the first ``limit`` cases of ``qs`` (a case list of ``user``) in
    ``order``.

    A walked search (a text with more than ``TEXT_READ`` matches) in the list's order by
    date of receipt, for a county office's user, on PostgreSQL, is walked over each office
    of the user's subtree on its own index (``case_office_received_desc``), its first
    ``limit`` matches each (``LATERAL``), and over the cases workflows share with the user
    beyond the subtree, read by key (a transfer received); the first ``limit`` of those,
    in the order. The scope's ``OR`` between an office's tree and what is shared beyond it
    kept the walk on the province's order: a text common over the province but rare in a
    county read tens of thousands of cases for a page of a few hundred. Every filter of
    ``qs`` (the scope included, the page's cursor) applies to each branch, so the keys are
    those of ``qs``, whatever the subtree.

    Users of a city or of the region keep the walk over the list's order: each office of
    their subtree would be walked until it has ``limit`` matches or none left (an office
    where the text is rare to its end) where the list's order stops at the subtree's
    first ``limit``; at 1,000,000 cases their pages took up to three times as long."""
    office = None if user.is_superuser else user.office
    fields = [o.expression.name if isinstance(o.expression, F) else None for o in order]
    if (connection.vendor != "postgresql" or WALKED not in qs.query.annotations
            or office is None or office.level != OfficeLevel.COUNTY
            or fields != ["received_on", "pk"]):
        return list(qs.order_by(*order).values_list("pk", flat=True)[:limit])

    def first(branch: QuerySet[Case]) -> tuple[str, tuple[Any, ...]]:
        return (branch.order_by(*order).values_list("pk", "received_on")[:limit]
                .query.sql_with_params())

    direction = "DESC" if order[0].descending else "ASC"
    try:
        offices, offices_params = visible_offices(user).order_by().values("pk").query\
            .sql_with_params()
        own, own_params = first(qs.filter(office_id=RawSQL('"subtree"."id"', ())))
    except EmptyResultSet:
        return []
    sql = (f"SELECT walk.key, walk.received FROM ({offices}) AS subtree(id) "  # noqa: S608
           f"CROSS JOIN LATERAL ({own}) AS walk(key, received)")
    params = [*offices_params, *own_params]
    try:
        beyond, beyond_params = first(
            qs.filter(shared_q(user, lambda shared: Q(AmongKeys(found_array(shared)))))
            .exclude(office_scope_q(user)))
    except EmptyResultSet:  # nothing shared
        pass
    else:
        sql += f" UNION ALL ({beyond})"
        params += beyond_params
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key FROM ({sql}) AS found(key, received) "  # noqa: S608
            f"ORDER BY received {direction}, key {direction} LIMIT %s", [*params, limit])
        return [key for (key,) in cursor.fetchall()]


# A text matching at most this many cases within the user's scope is searched from its
# matches (see _text_q)…
TEXT_CANDIDATES = 5000
# …once they are known: at most this many matches, over every office, are read to learn
# which of them are within the scope.
TEXT_READ = 10000
# How a workflow's search field names a field of the case its case was opened from.
ORIGIN = "case__origin__"
TRIGRAM = 3


class HoldsShortText(Func):
    """PostgreSQL: whether a text of one or two characters occurs in any of ``fields``, as
    ``icontains`` on each would say: ``(ipcases_grams(UPPER(a::text || ' ' || b::text))
    COLLATE "C") @> ARRAY[UPPER(text)]``, the expression of a GIN index over the fields'
    characters and pairs of characters (migrations cases 0020, ruling 0006; in byte order
    since cases 0028 and ruling 0008, which only that collation in the query lets the
    planner use). The space joining the fields is never in such a text once stripped, so
    no pair across two fields matches."""

    output_field = BooleanField()

    def __init__(self, *fields: str, text: str) -> None:
        super().__init__(*(F(name) for name in fields), Value(text))

    def as_sql(self, compiler: Any, connection: Any, **extra: Any  # type: ignore[override]
               ) -> tuple[str, list[Any]]:
        *fields, text = [compiler.compile(e) for e in self.get_source_expressions()]
        joined = " || ' ' || ".join(f"{sql}::text" for sql, _params in fields)
        params = [p for _sql, field_params in fields for p in field_params]
        return (f'(ipcases_grams(UPPER({joined})) COLLATE "C") @> '
                f"ARRAY[UPPER({text[0]})::text]", [*params, *text[1]])


class AmongKeys(Func):
    """PostgreSQL: ``field`` (the case's key unless told) is one of the keys of ``array``,
    an array expression: ``id = ANY(%s::bigint[])`` with an array's text (``{1,2,3}``) as
    its one parameter (:func:`keys_array`), or ``ANY(ARRAY(<subquery>))``
    (:func:`found_array`). ``pk__in`` makes a placeholder and a parameter of each key, which
    Django prepares one by one and the driver splits the query text around: for the
    thousands of cases of a person's name, tens of milliseconds of Python and a query text
    of tens of kilobytes. Against a subquery, ``ANY(ARRAY(…))`` reads the subquery's keys
    once and looks each up in ``field``'s index, whatever the planner expects their
    number to be; ``field__in`` lets it choose a merge or hash join that reads the whole
    index when its estimate of a text's matches is too high (party names: five times)."""

    output_field = BooleanField()

    def __init__(self, array: Any, field: str = "pk") -> None:
        super().__init__(F(field), array)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any  # type: ignore[override]
               ) -> tuple[str, list[Any]]:
        (sql, params), (array, array_params) = (
            compiler.compile(e) for e in self.get_source_expressions())
        return f"{sql} = ANY({array})", [*params, *array_params]


def keys_array(listed: str) -> RawSQL:
    """The keys ``listed`` (``1,2,3``) as an array, one parameter."""
    return RawSQL("%s::bigint[]", [f"{{{listed}}}"])


def among(keys: Iterable[int], field: str = "pk") -> Q:
    """``field`` is one of ``keys``, known in Python (a user's waiting cases: hundreds). On
    PostgreSQL one array parameter (:func:`keys_array`) rather than a placeholder and a
    parameter per key: psycopg parses a query's text again at every request once it is
    longer than 4 KB (it caches shorter ones), and converts each parameter. Elsewhere
    ``field__in``. No key: an empty ``pk__in``, answered without a query."""
    listed = sorted({int(key) for key in keys})
    if not listed:
        return Q(pk__in=[])
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": listed})
    return Q(AmongKeys(keys_array(",".join(map(str, listed))), field))


def found_array(keys: QuerySet[Any]) -> Func:
    """The keys ``keys`` (a query of one column) gives, as an array."""
    return Func(Subquery(keys), function="ARRAY")


def _among_found(keys: QuerySet[Any], scope: Q) -> Q | None:
    """The cases ``keys`` (a query of case keys) gives, when it gives at most
    ``TEXT_CANDIDATES``; when it gives more, but at most ``TEXT_READ``, those of them within
    ``scope`` if there are at most ``TEXT_CANDIDATES``; ``None`` otherwise.

    On PostgreSQL this is one query. The keys (``found``, read once) are listed as they
    are when there are few (the page's query applies the scope to them); between the two
    limits they are looked up on the case header by its primary key, the scope applied
    there (a text matching thousands of cases across the province may match a few dozen of
    a county's); beyond ``TEXT_READ`` no header is read (one-time filters on the count).
    The keys come back as one text, the array's, which goes back into the page's query as
    one parameter (:class:`AmongKeys`): no Python object per key. A key found twice (a
    case where two parties match) is one entry of the index scan the array drives, so the
    keys are not deduplicated here."""
    first = keys[:TEXT_READ + 1]
    scoped = Case.objects.filter(scope).order_by().values_list("pk", flat=True)
    if connection.vendor != "postgresql":
        found = list(first)
        if len(found) > TEXT_READ:
            return None
        if len(found) <= TEXT_CANDIDATES:
            return Q(pk__in=set(found))
        within = list(scoped.filter(pk__in=set(found))[:TEXT_CANDIDATES + 1])
        return Q(pk__in=within) if len(within) <= TEXT_CANDIDATES else None
    sql, params = first.query.sql_with_params()
    try:
        # By key, from the primary key's index: with ``pk__in`` the planner, which cannot
        # know how many keys ``found`` holds, may pair each of them with every office.
        scoped_sql, scoped_params = scoped.filter(
            AmongKeys(RawSQL("ARRAY(SELECT key FROM found)", ()))).query.sql_with_params()
    except EmptyResultSet:  # a user who sees no case
        return Q(pk__in=[])
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH found(key) AS MATERIALIZED ({sql}), "  # noqa: S608
            f"total(n) AS (SELECT count(*) FROM found), "
            f"listed(key) AS (SELECT key FROM found WHERE (SELECT n FROM total) <= %s "
            f"UNION ALL SELECT key FROM ({scoped_sql}) AS within(key) "
            f"WHERE (SELECT n FROM total) BETWEEN %s AND %s) "
            f"SELECT (SELECT n FROM total), count(*), string_agg(key::text, ',') FROM listed",
            [*params, TEXT_CANDIDATES, *scoped_params, TEXT_CANDIDATES + 1, TEXT_READ])
        count, count_within, listed = cursor.fetchone()
    if count > TEXT_READ or count_within > TEXT_CANDIDATES:
        return None
    # No match: an empty ``pk__in``, which Django answers without asking the database.
    return Q(AmongKeys(keys_array(listed))) if count_within else Q(pk__in=[])


def _holds(text: str, *fields: str) -> Q:
    """``fields`` hold ``text`` (case-insensitively), each from its index: a trigram index
    for a text of three characters or more, the grams index on PostgreSQL for a shorter
    one (other databases: ``icontains``, unindexed)."""
    if 0 < len(text) < TRIGRAM and connection.vendor == "postgresql":
        return Q(HoldsShortText(*fields, text=text))
    return reduce(operator.or_, (Q(**{f"{name}__icontains": text}) for name in fields))


def _text_q(text: str, scope: Q) -> tuple[Q, bool]:
    """Case number, cause, party name, patent number or a workflow's searchable fields
    (a ruling's online platform): a patent number matches however it is written
    (ZL2020 1 0123456.7, 202010123456.7…), and so does a part of one typed with its ZL
    prefix (ZL2020101).

    First one query gathers the matching cases of every source, each from its own index
    (on PostgreSQL: trigram indexes, and for a text of one or two characters, which no
    trigram serves, the grams indexes of :class:`HoldsShortText`), up to ``TEXT_READ``,
    and keeps those within ``scope`` (the user's), up to ``TEXT_CANDIDATES``: a text that
    rare in the scope (a case number, a company's or a person's name, a trade name common
    in other cities) is then a filter on those keys, so the database reads a few cases
    instead of testing every case of the scope against an OR across the joined tables. A
    common text (a word of many names) keeps that OR: walking the list in its order finds
    a page of matches quickly. So does a short text on other databases (no index serves
    it there). The second value says whether it is the walk."""
    right_q = _right_number_q(text)
    workflow_q = Q(pk__in=[])
    sources: list[QuerySet[Any]] = [
        CaseParty.objects.filter(_holds(text, "party__name"))
        .order_by().values_list("case_id", flat=True),
    ]
    if right_q is not None:
        sources.append(Case.rights.through.objects.filter(right_q)
                       .order_by().values_list("case_id", flat=True))
    # Fields of the case a workflow's case was opened from (``case__origin__…``): one
    # source per field for every workflow that names it, from the case header, so the
    # origin's matching parties are looked up once, not once per such workflow.
    # The walk tests them the same way: one condition per field on the case header.
    through_origin: dict[str, list[str]] = {}
    for spec in workflows.all_workflows():
        for name in spec.search_fields:
            if name.startswith(ORIGIN):
                through_origin.setdefault(name.removeprefix("case__"), []).append(spec.name)
                continue
            if _many_valued(spec.model, name):
                # A join to many rows would list the case once per matching row.
                workflow_q |= Q(Exists(spec.model._default_manager.filter(
                    **{f"{name}__icontains": text}, **_probed("pk"))))
            else:
                workflow_q |= Q(**{f"{spec.related_name}__{name}__icontains": text})
            sources.append(spec.model._default_manager.filter(_holds(text, name))
                           .order_by().values_list("pk", flat=True))
    for name, names in through_origin.items():
        workflow_q |= _origin_holds(text, name, names)
        # The cases opened from a case whose field holds the text: those origins first,
        # then their derived cases from ``origin_id``'s index (``AmongKeys``).
        origins = _cases_holding(text, name.removeprefix("origin__"))
        derived = (Q(AmongKeys(found_array(origins), "origin"))
                   if connection.vendor == "postgresql" else Q(origin__in=origins))
        sources.append(Case.objects.filter(derived, workflow__in=names)
                       .order_by().values_list("pk", flat=True))
    own = Case.objects.filter(_holds(text, "number", "title"))
    # Without an index for it (a text of one or two characters on SQLite), the sources
    # would each be read whole: such a text goes straight to the walk.
    if len(text) >= TRIGRAM or (text and connection.vendor == "postgresql"):
        first = [own.order_by().values_list("pk", flat=True), *sources]
        if connection.vendor == "postgresql":
            # Each source limited too: planned for its first matches, a common text's
            # source is read from its index until the limit, not joined whole first (the
            # parties of 有限公司: 300 ms to learn that there are more than the limit).
            first = [source[:TEXT_READ + 1] for source in first]
        among = _among_found(first[0].union(*first[1:], all=True), scope)
        if among is not None:
            return among, False
    walked = (Q(number__icontains=text) | Q(title__icontains=text) | workflow_q
              | Q(Exists(CaseParty.objects.filter(_holds(text, "party__name"),
                                                  **_probed("case_id")))))
    if right_q is not None:
        walked |= Q(Exists(Case.rights.through.objects.filter(right_q, **_probed("case_id"))))
    return walked, True


def _right_number_q(text: str) -> Q | None:
    """The rights whose number holds ``text`` as typed, as a whole patent number reads
    (ZL2020 1 0123456.7 → 202010123456.7) or without its ZL (ZL2020101 → 2020101); None
    when it cannot be a part of a number worth searching: every right's number has digits
    (patents, trademarks, copyright registrations), and one or two characters of one are
    in nearly every right. So a name (孙勇, 永兴化工) reads no right, and the numbers are
    searched from their trigram index alone (``right_number_trgm``)."""
    numbers = {text}
    try:
        numbers.add(normalize_patent_application_number(text))
    except ValidationError:  # a part of a number, perhaps typed with its ZL prefix
        numbers.add(patent_number_part(text))
    numbers = {n for n in numbers if len(n) >= TRIGRAM and any(ch.isdigit() for ch in n)}
    if not numbers:
        return None
    return reduce(operator.or_, (Q(ipright__number__icontains=n) for n in sorted(numbers)))


def _cases_holding(text: str, path: str) -> QuerySet[Any]:
    """The keys of the cases whose field ``path`` holds ``text``. A path through a record
    pointing at the case (``case_parties__party__name``, ``complaint__…``) is read from
    that record's own key to the case: joined back to the case header only to name the
    case's key, the parties of a common trade name read 3,400 headers for nothing (9 ms of
    a 27 ms search at 1,000,000 cases)."""
    first, _sep, rest = path.partition("__")
    relation = Case._meta.get_field(first)
    if rest and relation.auto_created and not relation.concrete:  # a reverse relation
        record = cast("type[Model]", relation.related_model)
        return (record._default_manager.filter(_holds(text, rest)).order_by()
                .values(relation.field.attname))  # type: ignore[union-attr]
    return Case.objects.filter(_holds(text, path)).order_by().values("pk")


def _origin_holds(text: str, name: str, workflows_: list[str]) -> Q:
    """A case of ``workflows_`` whose origin case's field ``name`` (``origin__…``, from
    the case header) holds ``text``. A field reached through many rows (the origin's
    parties) is an ``Exists`` over the cases of those workflows, so the case is listed
    once however many of them match."""
    if not _many_valued(Case, name):
        return Q(workflow__in=workflows_, **{f"{name}__icontains": text})
    return Q(Exists(Case.objects.filter(workflow__in=workflows_, **{f"{name}__icontains": text},
                                        **_probed("pk"))))


def _probed(key: str) -> dict[str, OuterRef]:
    """The walk's correlation of an ``Exists`` with the case it tests: ``key`` is the
    case's key, and also not below it. The second condition says nothing more, but an
    outer reference that is not an equality keeps PostgreSQL from turning the ``Exists``
    into a hashed subplan: one that reads and hashes every match of the text (the
    2,000,000 case parties' of 有限公司 at 1,000,000 cases: two seconds) before the walk
    reads its first case. Probed for each case the walk reads instead, from the key's
    index, it costs what the walk reads: a few hundred cases for a page of a common text."""
    return {key: OuterRef("pk"), f"{key}__gte": OuterRef("pk")}


def _many_valued(model: type[Model], path: str) -> bool:
    """Whether the lookup ``path`` from ``model`` passes a relation to many rows."""
    for part in path.split("__")[:-1]:
        field = model._meta.get_field(part)
        if field.one_to_many or field.many_to_many:
            return True
        model = cast("type[Model]", field.related_model)
    return False


def with_sort_keys(qs: QuerySet[Case]) -> QuerySet[Case]:
    """Sortable values for the list's columns that are not plain case columns: the first
    name the party column shows (the first requester's, else what the case's workflow
    names first: a complaint's complainant, a referral's suspect), the officer's name and
    the office's name (never NULL, so keyset pages compare them)."""
    first_requester = (CaseParty.objects.filter(case=OuterRef("pk"), role="requester")
                       .order_by("position", "pk").values("party__name")[:1])
    return qs.annotate(
        sort_party=Coalesce(Subquery(first_requester), workflows.list_sort_party(),
                            Value("")),
        sort_officer=Coalesce(F("officer_in_charge__name"), Value("")),
        sort_office=F("office__name"),
    )


def case_detail(user: User, case_id: int) -> Case:
    try:
        return (
            cases_for(user)
            .select_related("office", "officer_in_charge", "origin__office",
                            *workflows.state_relations())
            .prefetch_related(
                Prefetch("case_parties",
                         queryset=CaseParty.objects.select_related("party", "agent")),
                Prefetch("assignments",
                         queryset=CaseAssignment.objects.select_related("user")),
                "rights",
            )
            .get(pk=case_id)
        )
    except (Case.DoesNotExist, ValueError):
        raise OutOfScope() from None


def case_timeline(case: Case) -> QuerySet[CaseEvent]:
    return case.events.select_related("actor", "case").order_by("at", "id")


# Timeline entries that are not workflow actions (those are labelled by their action), as
# the user reads them.
EVENT_LABELS = {
    "create": _("Request registered"),
    "attach_evidence": _("Evidence added"),
    "update_details": _("Details changed"),
    "document_generated": _("Document generated"),
    "document_regenerated": _("Document regenerated"),
    "document_rendered": _("Document rendered"),
    "document_render_failed": _("Document rendering failed"),
    "document_uploaded": _("Corrected version uploaded"),
    "document_issued": _("Document issued"),
    "document_voided": _("Document voided"),
    "document_served": _("Service of the document recorded"),
}


def event_label(name: str, workflow: str = "") -> str:
    """What a timeline entry of a case of ``workflow`` did, in the user's language."""
    own = workflows.event_label(workflow, name)
    if own is not None:
        return own
    label = EVENT_LABELS.get(name)
    return str(label) if label is not None else name


# Timeline entries of approvals (cases.services.approvals) and the action they concern.
APPROVAL_EVENTS = ("approval_submitted", "approval_returned")


def assignment_change_text(payload: dict[str, Any]) -> str:
    """An assignment change in words: old → new, per assignment."""
    def names(value: Any) -> str:
        if isinstance(value, list) and value:
            return "、".join(str(v.get("name", "")) for v in value if isinstance(v, dict))
        if isinstance(value, dict):
            return str(value.get("name", ""))
        return gettext("nobody")

    labels = {"officer_in_charge": gettext("Officer in charge"), "panel": gettext("Panel"),
              "mediator": gettext("Mediator")}
    return "；".join(
        f"{label}：{names(change.get('old'))} → {names(change.get('new'))}"
        for key, label in labels.items()
        if isinstance(change := payload.get(key), dict))


def event_detail(event: CaseEvent) -> str:
    """The object a document entry concerns: its kind and, once issued, its number; the
    action an approval entry concerns; who submitted an approved step."""
    payload = event.payload if isinstance(event.payload, dict) else {}
    if payload.get("action_label") and event.name in APPROVAL_EVENTS:
        return str(payload["action_label"])
    approval = payload.get("approval")
    if event.kind == "transition" and isinstance(approval, dict):
        return gettext("approved; submitted by %(who)s") % {
            "who": (approval.get("requested_by") or {}).get("name", "")}
    if event.name == "assignment_changed":
        return assignment_change_text(payload)
    if event.kind != "document" or not payload.get("kind"):
        return ""
    try:
        kind = str(DocumentKind(payload["kind"]).label)
    except ValueError:
        kind = str(payload["kind"])
    return f"{kind} {payload.get('number') or ''}".strip()


@dataclass(frozen=True)
class EventField:
    """One field an action recorded, as the timeline shows it."""

    name: str
    label: str
    value: str


def event_fields(event: CaseEvent) -> list[EventField]:
    """What an action recorded with its timeline entry besides the reason (an appraisal's
    institution and conclusion, a defence, a hearing's place, a settlement's amount),
    labelled as the action's form labels it and written as people read it: a choice by its
    label, yes or no, a time in local time, people by name. Fields the form does not
    declare (those made per case, e.g. attendance per party), bare ids and empty values are
    left out; so is the reason, which the entry shows on its own."""
    payload = event.payload if isinstance(event.payload, dict) else {}
    if not payload or event.kind != EventKind.TRANSITION:
        return []
    try:
        action = workflows.of(event.case).actions.get(event.name)
    except workflows.UnknownWorkflow:  # a test's workflow, unregistered since
        return []
    if action is None:
        return []
    shown = []
    for name, field in getattr(action.form, "base_fields", {}).items():
        if name in {"reason", "expected_state"} or name not in payload or not field.label:
            continue
        text = _field_text(field, payload[name])
        if text:
            shown.append(EventField(name, str(field.label), text))
    return shown


def _field_text(field: forms.Field, value: Any) -> str:
    if value is None or value in ("", [], {}):
        return ""
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return gettext("Yes") if value else gettext("No")
    items = value if isinstance(value, list) else [value]
    if isinstance(field, forms.ModelChoiceField):  # people by name; other records by id: not shown
        return "、".join(str(v["name"]) for v in items if isinstance(v, dict) and v.get("name"))
    if isinstance(field, forms.ChoiceField):
        labels: dict[str, str] = {}
        for key, label in cast(Iterable[tuple[Any, Any]], field.choices):
            for k, text in (label if isinstance(label, list | tuple) else [(key, label)]):
                labels[str(k)] = str(text)
        # A value without a label here is one of choices made per case (a party): its id.
        return "、".join(labels[str(v)] for v in items if str(v) in labels)
    if isinstance(field, forms.DateTimeField) and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dict | list):
        return "、".join(str(v["name"]) for v in items if isinstance(v, dict) and v.get("name"))
    if isinstance(field, forms.DecimalField):  # money, as the pages print it: 30,000.00
        try:
            return f"{Decimal(str(value)):,.2f}"
        except ArithmeticError:
            return str(value)
    return str(value)


@dataclass(frozen=True)
class DeadlineView:
    id: int
    code: str
    name: str
    unit: str
    status: str
    status_display: str
    due_on: date
    due_at: datetime
    remaining: int | None
    remaining_unit: str
    overdue: bool
    legal_basis: str
    provisional: bool = False
    party_period: bool = False
    next_step: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "code": self.code, "name": self.name, "status": self.status,
            "status_display": self.status_display, "due": self.due_on.isoformat(),
            "due_at": self.due_at.isoformat(), "remaining": self.remaining,
            "remaining_unit": self.remaining_unit, "overdue": self.overdue,
            "legal_basis": self.legal_basis, "provisional": self.provisional,
            "party_period": self.party_period, "next_step": self.next_step,
        }


def deadline_views(case: Case, *, include_closed: bool = False) -> list[DeadlineView]:
    """The case's clocks with what is left: working days for working-day rules, calendar
    days otherwise, hours for hour rules; negative once overdue."""
    now = timezone.now()
    today = timezone.localdate(now)
    qs = case.deadlines.select_related("rule").order_by("due_at")
    if not include_closed:
        qs = qs.filter(status__in=[DeadlineStatus.OPEN, DeadlineStatus.PAUSED])
    party_periods = workflows.party_periods()
    views = []
    for d in qs:
        remaining: int | None
        if d.status == DeadlineStatus.PAUSED:
            remaining, unit = d.remaining, d.remaining_unit
        elif d.status != DeadlineStatus.OPEN:
            remaining, unit = None, ""
        elif d.rule.unit == "hours":
            remaining, unit = int((d.due_at - now).total_seconds() // 3600), "hours"
        elif d.rule.unit == "working_days":
            unit = "working_days"
            remaining = workdays.working_days_between(today, d.due_on)
        else:
            remaining, unit = workdays.days_between(today, d.due_on), "days"
        # A party's period that has ended is not overdue work: it names the next step.
        ended = d.status == DeadlineStatus.OPEN and d.due_at < now
        party_period = d.code in party_periods
        views.append(DeadlineView(
            id=d.pk, code=d.code, name=d.rule.name, unit=d.rule.unit, status=d.status,
            status_display=d.get_status_display(), due_on=d.due_on, due_at=d.due_at,
            remaining=remaining, remaining_unit=unit,
            overdue=ended and not party_period,
            legal_basis=d.rule.legal_basis, provisional=d.provisional,
            party_period=party_period,
            next_step=str(party_periods[d.code]) if party_period and ended else "",
        ))
    return views
