# ruff: noqa: S608 - SQL built from the generator's own constants and numbers, no user input
"""The scale generator on PostgreSQL: every row is made by the server, set-based.

One ``INSERT … SELECT`` per table over ``generate_series``: a plan of the n cases (their
workflow, state, office, officer, panel member, parties, dates, number and first clock) is
drawn once into a table with ``random()`` (seeded by ``setseed``), and each table is
filled from it in one statement. Python builds no object per row, so the rate is the
server's, not the interpreter's. A big load runs in two sessions at once (``load``): the
headers in one, the rows pointing at them in the other, committed together or not at all.

The choices are those of the portable generator in :mod:`cases.demo.scale`: workflow
shares, states (older cases mostly ended), offices weighted by level, officers of the
case's office, parties drawn unevenly from the directory (repeat parties), one or two
clocks with the running one on the header as ``next_deadline``, timeline events and
reminders. Primary keys of cases, clocks, case parties, panel members and events are
computed (so the header can point at its clock, and no sequence is drawn from per row),
the others come from their identity sequences.
"""

from __future__ import annotations

import enum
import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone

from cases import workflows
from cases.complaints.models import COMPLAINT, ComplaintState, TriageOutcome
from cases.demo.scale import (
    AGREED_STATES,
    AGREEMENT_FACTS,
    AGREEMENT_ISSUES,
    CAUSE_KIND,
    COMPANY_WORDS,
    COMPLAINT_DECIDED_STATES,
    DECIDED_STATES,
    DERIVED_FROM_COMPLAINT,
    EFFECTIVE_STATES,
    HEARING_PLACE,
    HEARING_TIME,
    JUDGED,
    NICE_CLASSES,
    NOT_ACCEPTED_REASONS,
    NOT_FILED_REASONS,
    ORIGIN_LAG,
    PATENT_DIGIT,
    PRODUCTS,
    REFERRAL_APPROVED,
    REFERRAL_NOT_FILED,
    REFERRAL_PACKAGE,
    REFERRAL_SENT,
    REJECTION_REASONS,
    RIGHT_KINDS,
    SERVED_STATES,
    SIGNATORY,
    SUSPENSION,
    SUSPENSION_REASON,
    TERM_DESCRIPTION,
    TRADEMARK_BASE,
    WORKFLOW_CAUSES,
    ruling_prefix,
    ruling_template,
)
from cases.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseParty,
    Deadline,
    DocumentKind,
    DocumentNumberPrefix,
    IPRight,
    Notification,
    NumberSequence,
    Office,
    Party,
)
from cases.models.deadlines import DeadlineStatus
from cases.models.notifications import NotificationKind
from cases.models.participants import AssignmentRole, PartyRole
from cases.models.parties import PartyKind
from cases.models.rights import RightKind, RightStatus
from cases.referral.models.police import REFERRAL
from cases.referral.models.transfer import TRANSFER
from cases.validators import PATENT_WEIGHTS

# Keys reserved per case for its assignments: a panel of three (scale.PANEL_MEMBERS + 1).
ASSIGNMENT_SLOTS = 3


class Report(Protocol):
    """Where the generator tells each table's rows and each step's wall time."""

    def count(self, table: str, rows: int) -> None: ...

    def timed(self, step: str) -> AbstractContextManager[None]: ...


def lit(value: Any) -> str:
    """A SQL literal of one of the generator's own constants (never user input)."""
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return f"'{value.isoformat()}'::timestamptz"
    if isinstance(value, date):
        return f"'{value.isoformat()}'::date"
    if isinstance(value, list | dict):
        return lit(json.dumps(value, ensure_ascii=False)) + "::jsonb"
    return "'" + str(value).replace("'", "''") + "'"


def pick(values: Sequence[Any]) -> str:
    """SQL drawing one of ``values`` at random, per row."""
    items = ", ".join(lit(v) for v in values)
    return f"(ARRAY[{items}])[1 + floor(random() * {len(values)})::int]"


def insert(model: type[models.Model], exprs: dict[str, str], source: str) -> int:
    """``INSERT INTO`` the model's table ``SELECT`` the columns of ``exprs`` (SQL over
    ``source``); every other column takes its field's default (empty text, NULL, the
    default value, ``now()`` for automatic dates) and an auto primary key its identity."""
    columns, values = [], []
    for f in model._meta.concrete_fields:
        if f.column in exprs:
            value = exprs[f.column]
        elif f.primary_key and isinstance(f, models.AutoField):
            continue
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = "now()"
        else:
            default = f.get_default()
            if default is None and not f.null:
                raise ValueError(f"{model._meta.label}.{f.name} needs a value")
            value = f"CAST({lit(default)} AS {f.cast_db_type(connection)})"  # type: ignore[attr-defined]
        columns.append(connection.ops.quote_name(f.column))
        values.append(value)
    unknown = set(exprs) - {f.column for f in model._meta.concrete_fields}
    if unknown:
        raise ValueError(f"{model._meta.label} has no column {sorted(unknown)}")
    sql = (f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} "
           f"({', '.join(columns)}) SELECT {', '.join(values)} FROM {source}")
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.rowcount


def run(sql: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql)


def bulk_settings() -> None:
    """Memory for the plan's sort and hash joins (a million rows of the plan: about 1 GB,
    which would otherwise spill to disk) and for the index builds, for the rest of the
    transaction. ``temp_buffers`` only takes effect before the session's first temporary
    table."""
    run("SET LOCAL temp_buffers = '512MB'")
    run("SET LOCAL work_mem = '1GB'")
    run("SET LOCAL maintenance_work_mem = '512MB'")


def may_skip_triggers() -> bool:
    """Whether the role may skip the foreign-key triggers (a superuser)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return bool(cursor.fetchone()[0])


@contextmanager
def bulk_load(tables: list[str], *, rebuild_indexes: bool, report: Report) -> Iterator[None]:
    """A bulk load for the rest of the transaction: the foreign-key triggers skipped when
    the role may (superuser, as ``pg_restore --disable-triggers`` does: the rows are
    consistent by construction); and, when ``rebuild_indexes`` (a load at least as big as
    the table), the indexes and unique constraints of ``tables`` (but the primary keys and
    what a foreign key relies on) dropped before and built again after, table by table,
    which is several times faster than maintaining them row by row. All of it is undone
    if the load fails."""
    with connection.cursor() as cursor:
        if may_skip_triggers():
            cursor.execute("SET LOCAL session_replication_role = replica")
        indexes: list[tuple[str, str, str | None, str]] = []
        if rebuild_indexes:
            # Every index but the primary keys and those a foreign key relies on; a unique
            # one checks the load when it is built again (a duplicate fails the load).
            cursor.execute(
                "SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, c.conname, "
                "CASE WHEN c.oid IS NULL THEN pg_get_indexdef(i.indexrelid) "
                "ELSE pg_get_constraintdef(c.oid) END FROM pg_index i "
                "LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.contype <> 'f' "
                "WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary "
                "AND (c.oid IS NULL OR c.contype = 'u') AND NOT EXISTS (SELECT 1 FROM "
                "pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)",
                [tables])
            indexes = cursor.fetchall()
            for table, name, constraint, _definition in indexes:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {constraint}" if constraint
                               else f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        for table, _name, constraint, definition in indexes:
            with report.timed(f"indexes {table}"):
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {constraint} {definition}"
                               if constraint else definition)
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def person_name(surnames: str, given: str) -> str:
    def one(chars: str) -> str:
        return f"substr({lit(chars)}, 1 + floor(random() * {len(chars)})::int, 1)"
    return (f"({one(surnames)} || {one(given)} "
            f"|| CASE WHEN random() < 0.6 THEN {one(given)} ELSE '' END)")


def _local(day_sql: str, at: str) -> str:
    """The instant of the time of day ``at`` on the local day ``day_sql``."""
    return f"(({day_sql}) + time {lit(at)}) AT TIME ZONE {lit(settings.TIME_ZONE)}"


def make_parties(offices: list[Office], first: int, count: int, words: dict[str, Any]) -> int:
    """``count`` parties with keys from ``first``, spread over the offices: 70 % companies
    (named after the office's city), the others natural persons."""
    office_rows = ", ".join(
        f"({k + 1}, {o.pk}, {lit(o.region_name.removesuffix('市'))}, {lit(o.region_code)})"
        for k, o in enumerate(offices))
    person = person_name(words["surnames"], words["given"])
    source = (
        f"(SELECT {first} + g - 1 AS id, g, random() < 0.7 AS legal, {person} AS person, "
        f"{person} AS representative, {pick(words['company'])} AS word, "
        f"{pick(words['industries'])} AS industry "
        f"FROM generate_series(1, {count}) AS g OFFSET 0) AS p "
        f"JOIN (VALUES {office_rows}) AS o(idx, office_id, city, region_code) "
        f"ON o.idx = 1 + mod(p.g - 1, {len(offices)})")
    legal = lit(PartyKind.LEGAL)
    return insert(Party, {
        "id": "p.id",
        "kind": f"CASE WHEN p.legal THEN {legal} ELSE {lit(PartyKind.NATURAL)} END",
        "name": "CASE WHEN p.legal THEN '广西' || o.city || p.word || p.industry || '有限公司' "
                "|| p.id || '（规模）' ELSE p.person || '（规模）' END",
        "id_number": "CASE WHEN p.legal THEN left('91450' || lpad(p.id::text, 12, '0') || 'X', 18)"
                     " ELSE left('450' || lpad(p.id::text, 14, '0') || 'X', 18) END",
        "office_id": "o.office_id",
        "region_code": "o.region_code",
        "legal_representative": "CASE WHEN p.legal THEN p.representative ELSE '' END",
    }, source)


class Plan:
    """What the plan of the cases needs from Python: the offices with their weights,
    officers and number prefixes, the workflows with their states and clock rules."""

    def __init__(self, *, offices: list[Office], weights: list[float],
                 officers: dict[int, list[int]], prefixes: dict[int, str],
                 shares: dict[str, float], states: dict[str, tuple[list[str], list[str]]],
                 rules: dict[str, list[Any]]) -> None:
        self.offices, self.weights, self.officers = offices, weights, officers
        self.prefixes, self.shares, self.states, self.rules = prefixes, shares, states, rules


def create_table(shared: bool, name: str, rest: str) -> None:
    """``CREATE TABLE name rest`` for the plan: temporary (dropped at commit) when one
    session loads, unlogged (in the plan's own schema, see ``load``) when two sessions read
    it."""
    if shared:
        run(f"CREATE UNLOGGED TABLE {name} {rest}")
    elif rest.split(None, 1)[0] == "AS":
        run(f"CREATE TEMP TABLE {name} ON COMMIT DROP {rest}")
    else:
        run(f"CREATE TEMP TABLE {name} {rest} ON COMMIT DROP")


def _temp_tables(plan: Plan, party_marker: str, new_parties: tuple[int, int],
                 shared: bool) -> int:
    """The offices, workflows, rules and party directory as tables of the plan; returns
    the number of parties in the directory. The directory is the parties already there
    and the ``new_parties`` (first key, count) ``make_parties`` writes, whose keys and
    offices are known before they are written."""
    rows, low = [], 0.0
    for k, (office, weight) in enumerate(zip(plan.offices, plan.weights, strict=True)):
        officers = plan.officers[office.pk]
        rows.append(f"({k + 1}, {office.pk}, {lit(office.name)}, {lit(plan.prefixes[office.pk])}, "
                    f"{len(officers)}, ARRAY[{', '.join(map(str, officers))}]::bigint[])")
        low += weight
    create_table(shared, "scale_office", "(idx int, office_id bigint, name text, prefix text, "
                 "n_officers int, officers bigint[], n_parties int)")
    run(f"INSERT INTO scale_office (idx, office_id, name, prefix, n_officers, officers) "
        f"VALUES {', '.join(rows)}")
    specs = {spec.name: spec for spec in workflows.all_workflows()}
    flows, rules = [], []
    for name, (running, terminal) in plan.states.items():
        ends = sorted(str(s) for s in specs[name].terminal_states)
        own = plan.rules.get(name) or plan.rules.get("ruling", [])
        flows.append(f"({lit(name)}, ARRAY[{', '.join(map(lit, running))}]::text[], "
                     f"ARRAY[{', '.join(map(lit, terminal))}]::text[], "
                     f"ARRAY[{', '.join(map(lit, ends)) or 'NULL'}]::text[], {len(own)})")
        rules += [f"({lit(name)}, {j}, {r.pk}, {lit(r.code)}, {lit(r.unit)}, {r.amount})"
                  for j, r in enumerate(own)]
    create_table(shared, "scale_flow", "(name text, running text[], terminal text[], "
                 "ends text[], n_rules int)")
    run(f"INSERT INTO scale_flow VALUES {', '.join(flows)}")
    create_table(shared, "scale_rule", "(workflow text, idx int, rule_id bigint, code text, "
                 "unit text, amount int)")
    run(f"INSERT INTO scale_rule VALUES {', '.join(rules)}")
    party = connection.ops.quote_name(Party._meta.db_table)
    first, count = new_parties
    create_table(shared, "scale_party", (
        f"AS SELECT id, office_id, row_number() OVER (ORDER BY id) AS ord, "
        f"row_number() OVER (PARTITION BY office_id ORDER BY id) AS ord_office "
        f"FROM (SELECT id, office_id FROM {party} WHERE name LIKE {lit('%' + party_marker)} "
        f"UNION ALL SELECT {first} + g - 1, o.office_id FROM generate_series(1, {count}) AS g "
        f"JOIN scale_office o ON o.idx = 1 + mod(g - 1, {len(plan.offices)})) AS p"))
    run("UPDATE scale_office o SET n_parties = p.n FROM (SELECT office_id, count(*) AS n "
        "FROM scale_party GROUP BY office_id) AS p WHERE p.office_id = o.office_id")
    run("ANALYZE scale_office; ANALYZE scale_flow; ANALYZE scale_rule; ANALYZE scale_party")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM scale_party")
        return int(cursor.fetchone()[0])


def _draw_cases(n: int, seed: int, plan: Plan, first_case: int, first_clock: int,
                n_parties: int, causes: list[str], title: str, shared: bool) -> None:
    """The plan of the n cases, one row each, in the temporary table ``scale_case``."""
    today = timezone.localdate()
    first_day = today - timedelta(days=365 * 5)
    span = (today - first_day).days
    thresholds, low = [], 0.0
    for weight in plan.weights:
        thresholds.append(low)
        low += weight
    draw, acc = [], 0.0
    for name, share in plan.shares.items():
        acc += share
        if name in plan.states:
            draw.append(f"WHEN r_wf < {acc} THEN {lit(name)}")
    workflow = f"CASE {' '.join(draw)} ELSE 'ruling' END" if draw else "'ruling'"
    numbers = connection.ops.quote_name(NumberSequence._meta.db_table)
    first = f"1 + floor(v.r_resp ^ 3 * {n_parties})::int"
    run(f"SELECT setseed({(seed % 1000) / 1000 - 0.5})")
    derived = ", ".join(lit(w) for w in DERIVED_FROM_COMPLAINT)

    def one_of(items: list[str]) -> str:
        return (f"(ARRAY[{', '.join(map(lit, items))}])[1 + floor(t.r_cause * {len(items)})"
                f"::int]")
    cause = "CASE {} ELSE {} END".format(
        " ".join(f"WHEN t.workflow = {lit(w)} THEN {one_of(own)}"
                 for w, own in WORKFLOW_CAUSES.items()), one_of(causes))
    right_kind = "CASE v.cause {} END".format(
        " ".join(f"WHEN {lit(c)} THEN {lit(k)}" for c, k in CAUSE_KIND.items()))
    create_table(shared, "scale_case", f"""AS
WITH bw AS (
  SELECT b0.*, {workflow} AS wf0
  FROM (SELECT g AS k, random() AS r_wf,
               width_bucket(random(), ARRAY[{', '.join(map(str, thresholds))}]::float8[])
               AS oidx,
               {lit(first_day)} + floor({span} * random() ^ 0.6)::int AS drawn_on,
               random() AS r_end, random() AS r_state, random() AS r_close, random() AS r_off,
               random() AS r_mem, random() AS r_mem2, random() AS r_req, random() AS r_resp,
               random() AS r_simple,
               random() AS r_clocks, random() AS r_due, random() AS r_cause,
               random() AS r_origin, random() AS r_lag
        FROM generate_series(1, {n}) AS g) AS b0),
-- Materialized, so that the pairing joins on the office and the rank: inlined, the ranks
-- were computed inside the join, which compared every pair of an office's rows.
cr AS MATERIALIZED (
  SELECT k, oidx, drawn_on, row_number() OVER (PARTITION BY oidx ORDER BY k) AS i
  FROM bw WHERE wf0 = {lit(COMPLAINT)}),
dr AS MATERIALIZED (
  SELECT k, oidx, wf0, r_lag, row_number() OVER (PARTITION BY oidx ORDER BY k) AS i
  FROM bw WHERE wf0 IN ({derived})),
pr AS (SELECT dr.k, cr.k AS origin_k, dr.wf0 AS derived_wf,
              least({lit(today)}, cr.drawn_on + 1 + floor(dr.r_lag * {ORIGIN_LAG})::int)
              AS derived_on
       FROM dr JOIN cr ON cr.oidx = dr.oidx AND cr.i = dr.i),
b AS (SELECT bw.*, coalesce(pd.derived_on, bw.drawn_on) AS received_on,
             extract(year FROM coalesce(pd.derived_on, bw.drawn_on))::int AS year,
             pd.origin_k, po.derived_wf AS origin_of, po.derived_on AS origin_decided_on
      FROM bw LEFT JOIN pr pd ON pd.k = bw.k LEFT JOIN pr po ON po.origin_k = bw.k),
-- The panel's two members: offsets 1 + x and 1 + (x + 1 + y) mod (n - 1) from the officer
-- in charge, two different officers of the office other than them.
bo AS (SELECT b.*, o.office_id, o.prefix, o.n_parties, n.office_id AS next_office,
              n.name AS next_office_name,
              o.officers[1 + floor(b.r_off * o.n_officers)::int] AS officer,
              CASE WHEN o.n_officers > 1 THEN o.officers[1 + mod(
                  floor(b.r_off * o.n_officers)::int + 1
                  + floor(b.r_mem * (o.n_officers - 1))::int, o.n_officers)] END AS member,
              CASE WHEN o.n_officers > 2 THEN o.officers[1 + mod(
                  floor(b.r_off * o.n_officers)::int + 1 + mod(
                      floor(b.r_mem * (o.n_officers - 1))::int + 1
                      + floor(b.r_mem2 * (o.n_officers - 2))::int, o.n_officers - 1),
                  o.n_officers)] END AS member2
       FROM b JOIN scale_office o ON o.idx = b.oidx
       JOIN scale_office n ON n.idx = 1 + mod(b.oidx, {len(plan.offices)}) OFFSET 0),
r AS (SELECT bo.*,
             row_number() OVER (PARTITION BY office_id, year ORDER BY k) AS rank,
             count(*) FILTER (WHERE wf0 = 'mediation') OVER w AS med_rank,
             count(*) FILTER (WHERE wf0 = 'confirmation') OVER w AS conf_rank
      FROM bo WINDOW w AS (ORDER BY office_id, year, k ROWS UNBOUNDED PRECEDING)),
-- A referral or transfer its office has no complaint to open it from is a complaint.
s AS (SELECT r.*, CASE WHEN wf0 = 'confirmation' AND conf_rank > med_rank THEN 'ruling'
                       WHEN wf0 IN ({derived}) AND origin_k IS NULL THEN {lit(COMPLAINT)}
                       ELSE wf0 END AS workflow FROM r),
t AS (SELECT s.*, f.running, f.ends,
             CASE WHEN s.r_end < CASE WHEN {lit(today)} - s.received_on < 120 THEN 0.15
                                      WHEN {lit(today)} - s.received_on < 365 THEN 0.6
                                      ELSE 0.97 END
                  THEN f.terminal[1 + floor(s.r_state * cardinality(f.terminal))::int]
                  ELSE f.running[1 + floor(s.r_state * cardinality(f.running))::int]
             END AS drawn_state
      FROM s JOIN scale_flow f ON f.name = s.workflow),
u AS (SELECT t.*, CASE WHEN t.origin_of = {lit(REFERRAL)}
                        AND t.drawn_state = {lit(ComplaintState.RECEIVED)}
                       THEN {lit(ComplaintState.DECIDED)} ELSE t.drawn_state END AS state
      FROM t),
v AS (SELECT t.*,
             CASE WHEN t.state = ANY(t.ends)
                  THEN least({lit(today)}, t.received_on + 20 + floor(t.r_close * 180)::int)
             END AS closed_on,
             t.rank + coalesce(ns.last_value, 0) AS sequence, {cause} AS cause
      FROM u AS t LEFT JOIN (SELECT office_id, year, last_value FROM {numbers}
                             WHERE kind = {lit(DocumentKind.CASE_NUMBER)} OFFSET 0) AS ns
                         ON ns.office_id = t.office_id AND ns.year = t.year)
SELECT {first_case} + v.k - 1 AS id, v.k, v.workflow, v.med_rank, v.conf_rank, v.state,
       v.running[1] AS first_state, v.received_on, v.year, v.sequence, v.closed_on,
       v.office_id, v.officer, v.member, v.member2, v.next_office, v.next_office_name,
       v.r_simple < 0.3 AS is_simple,
       v.prefix || '〔' || v.year || '〕' || v.sequence || '号' AS number,
       {lit(title + '：')} || v.cause AS title, {right_kind} AS right_kind,
       CASE WHEN v.r_clocks < 0.5 THEN 2 ELSE 1 END AS n_clocks,
       {first_clock} + 2 * (v.k - 1) AS clock0,
       CASE WHEN v.closed_on IS NULL THEN {first_clock} + 2 * (v.k - 1) END AS next_id,
       CASE WHEN v.closed_on IS NULL
            THEN {lit(today)} - 15 + floor(v.r_due * 75)::int END AS next_due_on,
       rq.id AS requester, rq.ord AS requester_ord, rp.id AS respondent,
       {first_case} + v.origin_k - 1 AS origin_id, v.origin_of, v.origin_decided_on
FROM v
JOIN scale_party rq ON rq.office_id = v.office_id
                   AND rq.ord_office = 1 + floor(v.r_req ^ 3 * v.n_parties)::int
JOIN scale_party rp ON rp.ord = CASE WHEN rq.ord = {first} THEN 1 + mod({first}, {n_parties})
                                     ELSE {first} END
""")
    # The i-th confirmation (in the plan's order) applies for the agreement of the i-th
    # mediation, which comes before it: one drawn before any mediation is a ruling instead.
    create_table(shared, "scale_pair", "AS "
        "SELECT c.id AS confirmation_id, m.id AS mediation_id FROM scale_case c "
        "JOIN scale_case m ON m.workflow = 'mediation' AND m.med_rank = c.conf_rank "
        "WHERE c.workflow = 'confirmation'")


def _draw_rights(first_right: int, shared: bool) -> None:
    """The right each requester holds in its cases of one kind, ``scale_right`` (party,
    kind, its key and columns; the same as :func:`cases.demo.scale.right_fields`): right
    j (of RIGHT_KINDS) of the i-th party of the directory has the key
    ``first_right + 4(i - 1) + j``, unless the office has one of that number already
    (a previous run's, the demo's), which its cases then name."""
    rights = connection.ops.quote_name(IPRight._meta.db_table)
    kind_idx = "CASE r.kind {} END".format(
        " ".join(f"WHEN {lit(k)} THEN {j}" for j, k in enumerate(RIGHT_KINDS)))
    digit = "CASE r.kind {} END".format(
        " ".join(f"WHEN {lit(k)} THEN {lit(d)}" for k, d in PATENT_DIGIT.items()))
    check = " + ".join(f"substr(n.twelve, {i + 1}, 1)::int * {w}"
                       for i, w in enumerate(PATENT_WEIGHTS))
    trademark = lit(RightKind.TRADEMARK)
    product = f"(ARRAY[{', '.join(map(lit, PRODUCTS))}])[1 + mod(n.party, {len(PRODUCTS)})]"
    create_table(shared, "scale_right", f"""AS
SELECT coalesce(e.id, {first_right} + 4 * (n.party_ord - 1) + n.kind_idx) AS id,
       e.id IS NULL AS new, n.party, n.office_id, n.kind, n.number, n.applied,
       CASE n.kind WHEN {trademark} THEN
            (ARRAY[{', '.join(map(lit, COMPANY_WORDS))}])[1 + mod(n.party, {len(COMPANY_WORDS)})]
            WHEN {lit(RightKind.INVENTION_PATENT)} THEN '一种' || {product} || '及其制造方法'
            WHEN {lit(RightKind.UTILITY_MODEL)} THEN '一种' || {product}
            ELSE {product} END AS title,
       CASE WHEN n.kind = {trademark} THEN (ARRAY[{', '.join(map(str, NICE_CLASSES))}])[
            1 + mod(n.party, {len(NICE_CLASSES)})] END AS nice_class
FROM (SELECT n.*, CASE WHEN n.kind = {trademark} THEN ({TRADEMARK_BASE} + n.party)::text
                       ELSE n.twelve || '.' || CASE WHEN mod({check}, 11) = 10 THEN 'X'
                                                    ELSE mod({check}, 11)::text END
                  END AS number
      FROM (SELECT r.party, r.party_ord, r.office_id, r.kind, {kind_idx} AS kind_idx,
                   (2015 + mod(r.party, 6))::text || coalesce({digit}, '')
                   || (1000000 + mod(r.party / 6, 9000000))::text AS twelve,
                   make_date((2015 + mod(r.party, 6))::int, (1 + mod(r.party, 12))::int,
                             (1 + mod(r.party, 28))::int) AS applied
            FROM (SELECT DISTINCT requester AS party, requester_ord AS party_ord, office_id,
                         right_kind AS kind FROM scale_case) AS r) AS n) AS n
LEFT JOIN {rights} e ON e.office_id = n.office_id AND e.kind = n.kind AND e.number = n.number
""")
    run("ANALYZE scale_right")


def _flow_columns(name: str, lookups: dict[str, list[int]]) -> tuple[dict[str, str], str]:
    """The columns of a workflow's record beyond its case and state, and its source."""
    plain = f"scale_case c WHERE c.workflow = {lit(name)}"
    if name == "ruling":
        return {"accepted_on": "CASE WHEN c.state IN ('received', 'correction_requested', "
                               "'rejected') THEN NULL "
                               "ELSE c.received_on + 1 + floor(random() * 5)::int END",
                "is_simple": "c.is_simple", "accused_products": lit(["产品"]),
                "infringing_acts": lit(["make", "sell"]), **_ruling_decision(),
                **_ruling_reasons()}, plain
    if name == "mediation":
        return {"dispute_type_id": pick(lookups["dispute_types"]),
                "requested_on": "c.received_on"}, plain
    if name == "confirmation":
        return ({"court_id": pick(lookups["courts"]), "agreement_id": "p.mediation_id"},
                "scale_case c JOIN scale_pair p ON p.confirmation_id = c.id")
    if name == "complaint":
        return {"kind": pick(["complaint", "tip_off"]),
                "channel": pick(["12345", "12315", "letter"]),
                "facts": lit("被投诉人在其网店销售涉嫌侵犯专利权的产品。"),
                "accused_party_id": "c.respondent", "complainant_party_id": "c.requester",
                # The origin of a referral was decided so (refer_to_police); that of a
                # transfer names where it went (transfer_matter).
                **_complaint_decision(),
                "transfer_target": f"CASE WHEN c.origin_of = {lit(TRANSFER)} "
                                   f"THEN c.next_office_name ELSE '' END"}, plain
    if name == "referral":
        return {"offence": pick(["213", "214", "215"]),
                "suspicion": lit("涉案金额较大，涉嫌构成犯罪。"), **_referral_steps()}, plain
    if name == "transfer":
        # To the competent office: the next in the tree's order (scale.py does the same).
        return {"direction": lit("internal"), "reasons": lit("不属于本局管辖。"),
                "target_office_id": "c.next_office"}, plain
    return {}, plain


def _referral_steps() -> dict[str, str]:
    """What a referral's steps recorded, as the portable generator draws them
    (:func:`cases.demo.scale.referral_steps`): approved and sent two days after it was
    opened (by today) with the package's required items; not filed four days later."""
    today = lit(timezone.localdate())
    sent_on = f"least({today}, c.received_on + 2)"

    def among(states: Sequence[str]) -> str:
        return "c.state IN ({})".format(", ".join(lit(s) for s in states))
    not_filed = among(REFERRAL_NOT_FILED)
    return {"approved_at": f"CASE WHEN {among(REFERRAL_APPROVED)} "
                           f"THEN {_local(sent_on, '10:00')} END",
            "sent_at": f"CASE WHEN {among(REFERRAL_SENT)} THEN {_local(sent_on, '15:00')} END",
            "package": f"CASE WHEN {among(REFERRAL_SENT)} THEN {lit(REFERRAL_PACKAGE)} "
                       f"ELSE '{{}}'::jsonb END",
            "police_decided_on": f"CASE WHEN {not_filed} "
                                 f"THEN least({today}, c.received_on + 6) END",
            "not_filed_reasons": f"CASE WHEN {not_filed} THEN {lit(NOT_FILED_REASONS)} "
                                 f"ELSE '' END"}


def _ruling_reasons() -> dict[str, str]:
    """The reasons of a rejection and of a suspension and a scheduled hearing's time and
    place, as the portable generator records them (:func:`cases.demo.scale.ruling_reasons`)."""
    hearing_day = f"{lit(timezone.localdate())} + 3 + mod(c.k, 20)"
    hearing_time = HEARING_TIME.strftime("%H:%M")
    return {"hearing_at": f"CASE WHEN c.state = 'hearing_scheduled' "
                          f"THEN {_local(hearing_day, hearing_time)} END",
            "hearing_place": f"CASE WHEN c.state = 'hearing_scheduled' "
                             f"THEN {lit(HEARING_PLACE)} ELSE '' END",
            "rejection_reasons": f"CASE WHEN c.state = 'rejected' "
                                 f"THEN {lit(REJECTION_REASONS)} ELSE '' END",
            "suspension_reason": f"CASE WHEN c.state = 'suspended' "
                                 f"THEN {lit(SUSPENSION_REASON)} ELSE '' END",
            "state_before_suspension": "CASE WHEN c.state = 'suspended' "
                                       "THEN 'investigation' ELSE '' END"}


def _complaint_decision() -> dict[str, str]:
    """A complaint's triage, as the portable generator draws it
    (:func:`cases.demo.scale.complaint_decision`, :func:`cases.demo.scale._triage`): the
    origin of a referral decided so on the referral's day; any other past triage (decided,
    closed) not accepted, with reasons, 1 to 7 days after receipt (by its close)."""
    today = lit(timezone.localdate())
    referred = f"c.origin_of = {lit(REFERRAL)}"
    decided = "c.state IN ({})".format(", ".join(lit(s) for s in COMPLAINT_DECIDED_STATES))
    return {"outcome": f"CASE WHEN {referred} THEN {lit(TriageOutcome.REFERRAL)} "
                       f"WHEN {decided} THEN {lit(TriageOutcome.NOT_ACCEPTED)} ELSE '' END",
            "decided_on": f"CASE WHEN {referred} THEN c.origin_decided_on "
                          f"WHEN {decided} THEN least(coalesce(c.closed_on, {today}), "
                          f"c.received_on + 1 + mod(c.k, 7)) END",
            "decision_reasons": f"CASE WHEN {referred} THEN '' WHEN {decided} "
                                f"THEN {lit(NOT_ACCEPTED_REASONS)} ELSE '' END"}


def _ruling_decision() -> dict[str, str]:
    """A ruling's outcome and its days, as the portable generator draws them
    (:func:`cases.demo.scale.ruling_decision`): the states after the decision carry
    one (enforcement only of a finding), a closed ruling one in six times a settlement;
    decided 10 to 129 days after receipt (by its close), effective 15 to 59 days later
    once effective. Drawn from the case's ordinal so that the columns agree."""
    today = lit(timezone.localdate())
    decided_states = ", ".join(lit(s) for s in DECIDED_STATES)
    effective_states = ", ".join(lit(s) for s in EFFECTIVE_STATES)
    outcome = (f"CASE WHEN c.state = 'enforcement' THEN 'infringement_found' "
               f"WHEN c.state = 'closed' AND mod(c.k * 7, 6) = 5 THEN 'settled' "
               f"WHEN c.state IN ({decided_states}) THEN "
               f"CASE WHEN mod(c.k * 3, 10) < 7 THEN 'infringement_found' "
               f"ELSE 'dismissed' END ELSE '' END")
    decided = f"least(coalesce(c.closed_on, {today}), c.received_on + 10 + mod(c.k * 37, 120))"
    judged = f"({outcome}) IN ({', '.join(lit(j) for j in JUDGED)})"
    served_states = ", ".join(lit(s) for s in SERVED_STATES)
    return {"outcome": outcome,
            "decided_on": f"CASE WHEN {judged} THEN {decided} END",
            "ruling_served_on": f"CASE WHEN {judged} AND c.state IN ({served_states}) "
                                f"THEN least({today}, {decided} + 1 + mod(c.k, 5)) END",
            "effective_on": f"CASE WHEN {judged} AND c.state IN ({effective_states}) "
                            f"THEN least({today}, {decided} + 15 + mod(c.k * 13, 45)) END"}


def draw_plan(n: int, seed: int, plan: Plan, *, first_case: int, first_clock: int,
              first_right: int, new_parties: tuple[int, int], party_marker: str,
              causes: list[str], title: str, shared: bool) -> None:
    """The plan of the n cases (``scale_case``) and the tables it is drawn from."""
    n_parties = _temp_tables(plan, party_marker, new_parties, shared)
    _draw_cases(n, seed, plan, first_case, first_clock, n_parties, causes, title, shared)
    _draw_rights(first_right, shared)


def _loader(report: Report) -> Callable[[str, type[models.Model], dict[str, str], str], None]:
    def load(table: str, model: type[models.Model], exprs: dict[str, str], source: str) -> None:
        with report.timed(table):
            report.count(table, insert(model, exprs, source))
    return load


def write_headers(plan: Plan, report: Report) -> None:
    """From the plan: the case headers, each workflow's record, the agreements the
    confirmations apply for, and the number sequences moved past the numbers used."""
    from mediation.models import Court, DisputeType

    load = _loader(report)
    due_at = "(" + _local("c.next_due_on", "23:59:59.999999") + ")"
    load("cases", Case, {
        "id": "c.id", "office_id": "c.office_id", "year": "c.year", "sequence": "c.sequence",
        "number": "c.number", "workflow": "c.workflow", "title": "c.title",
        "received_on": "c.received_on", "officer_in_charge_id": "c.officer",
        "closed_on": "c.closed_on", "origin_id": "coalesce(p.mediation_id, c.origin_id)",
        "next_deadline_id": "c.next_id",
        "next_deadline_at": due_at, "created_by_id": "c.officer",
    }, "scale_case c LEFT JOIN scale_pair p ON p.confirmation_id = c.id")
    lookups = {"dispute_types": list(DisputeType.objects.values_list("pk", flat=True)),
               "courts": list(Court.objects.values_list("pk", flat=True))}
    granted = {lit(RightKind.INVENTION_PATENT): 700, lit(RightKind.TRADEMARK): 400}
    load("iprights", IPRight, {
        "id": "r.id", "kind": "r.kind", "number": "r.number", "title": "r.title",
        "holder_id": "r.party", "status": lit(RightStatus.VALID),
        "application_date": "r.applied",
        "grant_date": "r.applied + CASE r.kind {} ELSE 200 END".format(
            " ".join(f"WHEN {k} THEN {d}" for k, d in granted.items())),
        "nice_class": "r.nice_class", "office_id": "r.office_id"},
        "scale_right r WHERE r.new")
    _agreements(load)
    for spec in workflows.all_workflows():
        if spec.name not in plan.states:
            continue
        columns, source = _flow_columns(spec.name, lookups)
        load(spec.name, spec.model, {"case_id": "c.id", "state": "c.state", **columns},
             source)
    with report.timed("numbers"):
        numbers = connection.ops.quote_name(NumberSequence._meta.db_table)
        run(f"INSERT INTO {numbers} (office_id, kind, year, last_value) "
            f"SELECT office_id, {lit(DocumentKind.CASE_NUMBER)}, year, max(sequence) "
            f"FROM scale_case GROUP BY office_id, year "
            f"ON CONFLICT (office_id, kind, year) DO UPDATE SET last_value = EXCLUDED.last_value")
    _issued_rulings(plan, load)


def _agreements(load: Callable[[str, type[models.Model], dict[str, str], str], None]) -> None:
    """The agreement of every mediation concluded (its state) or whose agreement a
    confirmation applies for, its payment term and both parties' signatures, as the
    portable generator makes them (:func:`cases.demo.scale.agreement_rows`)."""
    from mediation.models import Agreement, AgreementSignature, AgreementTerm
    from mediation.models.agreement import TermKind

    today = lit(timezone.localdate())
    agreed = ", ".join(lit(s) for s in AGREED_STATES)
    source = (f"(SELECT m.*, least({today}, m.received_on + 20 + mod(m.k, 40)) AS effective_on "
              f"FROM scale_case m LEFT JOIN scale_pair p ON p.mediation_id = m.id "
              f"WHERE m.workflow = 'mediation' AND (m.state IN ({agreed}) "
              f"OR p.mediation_id IS NOT NULL) OFFSET 0) AS a")
    load("agreements", Agreement, {
        "mediation_id": "a.id", "number": "'调解协议' || a.id", "facts": lit(AGREEMENT_FACTS),
        "issues": lit(AGREEMENT_ISSUES), "mediator_signed_on": "a.effective_on",
        "effective_on": "a.effective_on"}, source)
    performed = "a.state = 'performed'"
    amount = "10000 * (1 + mod(a.k, 20))"
    load("agreementterm", AgreementTerm, {
        "agreement_id": "a.id", "n": "1", "kind": lit(TermKind.PAYMENT),
        "obligor_id": "a.respondent", "description": lit(TERM_DESCRIPTION), "amount": amount,
        "due_on": "a.effective_on + 30",
        "done_on": f"CASE WHEN {performed} THEN least({today}, a.effective_on + 30) END",
        "amount_paid": f"CASE WHEN {performed} THEN {amount} ELSE 0 END"}, source)
    load("agreementsignature", AgreementSignature, {
        "agreement_id": "a.id", "party_id": "CASE WHEN s.j = 0 THEN a.requester "
                                            "ELSE a.respondent END",
        "signed_on": "a.effective_on", "signatory": lit(SIGNATORY), "recorded_by_id": "a.officer"},
        f"{source} CROSS JOIN (VALUES (0), (1)) AS s(j)")


def _issued_rulings(plan: Plan,
                    load: Callable[[str, type[models.Model], dict[str, str], str], None]
                    ) -> None:
    """The issued ruling of every decided ruling (read from the rulings just written),
    numbered per office and year in the order of the days they were decided after the
    office's sequence, which is moved on (as :func:`cases.demo.scale.issued_rulings`)."""
    from documents.models import Document, DocumentState, RenderStatus

    ruling = connection.ops.quote_name(workflows.get("ruling").model._meta.db_table)
    numbers = connection.ops.quote_name(NumberSequence._meta.db_table)
    configured = dict(DocumentNumberPrefix.objects.filter(kind=DocumentKind.RULING)
                      .values_list("office_id", "prefix"))
    prefixes = ", ".join(f"({o.pk}, {lit(configured.get(o.pk) or ruling_prefix(o))})"
                         for o in plan.offices)
    judged = ", ".join(lit(j) for j in JUDGED)
    kind = lit(DocumentKind.RULING)
    run(f"CREATE TEMP TABLE scale_ruling_doc ON COMMIT DROP AS "
        f"SELECT d.*, d.rank + coalesce(ns.last_value, 0) AS sequence "
        f"FROM (SELECT c.id, c.officer, c.office_id, r.decided_on, "
        f"extract(year FROM r.decided_on)::int AS year, row_number() OVER ("
        f"PARTITION BY c.office_id, extract(year FROM r.decided_on) "
        f"ORDER BY r.decided_on, c.k) AS rank "
        f"FROM scale_case c JOIN {ruling} r ON r.case_id = c.id "
        f"WHERE c.workflow = 'ruling' AND r.outcome IN ({judged})) AS d "
        f"LEFT JOIN {numbers} ns ON ns.office_id = d.office_id AND ns.kind = {kind} "
        f"AND ns.year = d.year")
    issued = _local("d.decided_on", "10:00")
    load("documents", Document, {
        "case_id": "d.id", "kind": kind, "template_id": str(ruling_template()),
        "state": lit(DocumentState.ISSUED),
        "number": "x.prefix || '〔' || d.year || '〕' || d.sequence || '号'", "year": "d.year",
        "sequence": "d.sequence", "issued_at": issued, "issued_by_id": "d.officer",
        "render_status": lit(RenderStatus.DONE), "created_by_id": "d.officer",
        "created_at": issued},
        f"scale_ruling_doc d JOIN (VALUES {prefixes}) AS x(office_id, prefix) "
        f"ON x.office_id = d.office_id")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {numbers} (office_id, kind, year, last_value) "
            f"SELECT office_id, {kind}, year, max(sequence) FROM scale_ruling_doc "
            f"GROUP BY office_id, year ON CONFLICT (office_id, kind, year) "
            f"DO UPDATE SET last_value = EXCLUDED.last_value")
        cursor.execute("DROP TABLE scale_ruling_doc")


def write_dependents(report: Report, first_ids: dict[str, int]) -> None:
    """From the plan: the cases' parties, panels, timeline events, clocks and reminders
    (rows that point at a case, none at another of these). Case k's parties and events
    take the keys ``first_ids[table] + 2(k - 1) + j`` (j = 0, 1), its panel members (or
    task force, or mediator) ``first + 3(k - 1) + j`` (j = 0, 1, 2): no sequence is
    drawn from per row."""
    load = _loader(report)

    def key(table: str, j: int) -> str:
        slots = ASSIGNMENT_SLOTS if table == "caseassignment" else 2
        return f"{first_ids[table]} + {slots} * (c.k - 1) + {j}"

    for j, (role, column) in enumerate(((PartyRole.REQUESTER, "requester"),
                                        (PartyRole.RESPONDENT, "respondent"))):
        load("caseparty", CaseParty, {"id": key("caseparty", j), "case_id": "c.id",
                                      "party_id": f"c.{column}", "role": lit(role)},
             "scale_case c")
    # The panel: a simple case's officer alone (审理人员), else the officer presiding and
    # two members; a referral's task force (its officer and one more); a mediation's
    # mediator (its officer).
    panel = "c.workflow = 'ruling' AND NOT c.is_simple AND c.member2 IS NOT NULL"
    task_force = "c.workflow = 'referral' AND c.member IS NOT NULL"
    member, presiding = lit(AssignmentRole.MEMBER), lit(AssignmentRole.PRESIDING)
    for j, (column, role_sql, where) in enumerate((
            ("officer", f"CASE c.workflow WHEN 'ruling' THEN {presiding} WHEN 'mediation' "
                        f"THEN {lit(AssignmentRole.MEDIATOR)} ELSE {member} END",
             f"(c.workflow = 'ruling' AND c.is_simple) OR ({panel}) OR ({task_force}) "
             f"OR c.workflow = 'mediation'"),
            ("member", member, f"({panel}) OR ({task_force})"),
            ("member2", member, panel))):
        load("caseassignment", CaseAssignment, {
            "id": key("caseassignment", j), "case_id": "c.id", "user_id": f"c.{column}",
            "role": role_sql}, f"scale_case c WHERE {where}")
    # The right in dispute (one per case, its requester's of the case's kind).
    load("caserights", Case.rights.through, {
        "id": f"{first_ids['caserights']} + c.k - 1", "case_id": "c.id", "ipright_id": "r.id"},
        "scale_case c JOIN scale_right r ON r.party = c.requester AND r.kind = c.right_kind")
    created = _local("c.received_on", "09:00")
    load("caseevent", CaseEvent, {
        "id": key("caseevent", 0), "case_id": "c.id", "actor_id": "c.officer",
        "kind": "'created'", "name": "'create'", "to_state": "c.first_state", "at": created},
        "scale_case c")
    load("caseevent", CaseEvent, {
        "id": key("caseevent", 1), "case_id": "c.id", "actor_id": "c.officer",
        "kind": "'transition'",
        # A suspension is dated by its event (the notice's 中止审理日期).
        "name": f"CASE WHEN (c.workflow, c.state) = ({lit(SUSPENSION[0])}, "
                f"{lit(SUSPENSION[1])}) THEN 'suspend' ELSE 'scale' END",
        "from_state": "c.first_state", "to_state": "c.state",
        "at": f"{created} + (1 + floor(random() * 14)::int) * interval '1 day'"},
        "scale_case c WHERE c.state <> c.first_state")
    # Clock j of case k has the key first_clock + 2(k - 1) + j: the header's next deadline
    # (the running clock of an open case, j = 0) is known before the clocks are written.
    closed_status = pick([DeadlineStatus.MET, DeadlineStatus.MET, DeadlineStatus.MISSED,
                          DeadlineStatus.CANCELLED])
    due_on = "CASE WHEN e.running THEN e.next_due_on ELSE e.started_on + e.days END"
    clocks = (
        f"(SELECT e.*, {due_on} AS due_on, {_local(due_on, '23:59:59.999999')} AS due_at "
        f"FROM (SELECT c.id AS case_id, c.clock0 + j AS id, c.workflow, "
        f"c.k + j AS turn, c.received_on + floor(random() * 10)::int AS started_on, "
        f"c.next_due_on, j = 0 AND c.closed_on IS NULL AS running, {closed_status} AS ended, "
        f"5 + floor(random() * 55)::int AS days "
        f"FROM scale_case c JOIN (VALUES (0), (1)) AS j(j) ON j < c.n_clocks OFFSET 0) AS e "
        f"OFFSET 0) AS d "
        f"JOIN scale_flow f ON f.name = d.workflow "
        f"JOIN scale_rule r ON r.workflow = d.workflow AND r.idx = mod(d.turn, f.n_rules)")
    # How the due day was counted is read again only for running clocks (extended,
    # counted again on a new calendar): ended ones keep the default, which is far cheaper
    # to write than a JSON document per row.
    load("deadline", Deadline, {
        "id": "d.id", "case_id": "d.case_id", "rule_id": "r.rule_id", "code": "r.code",
        "started_at": _local("d.started_on", "09:00"), "due_on": "d.due_on", "due_at": "d.due_at",
        "status": f"CASE WHEN d.running THEN {lit(DeadlineStatus.OPEN)} ELSE d.ended END",
        "closed_at": "CASE WHEN d.running THEN NULL ELSE d.due_at END",
        "computation": "CASE WHEN d.running THEN jsonb_build_array(jsonb_build_object("
                       "'unit', r.unit, 'amount', r.amount, 'from', d.started_on)) "
                       "ELSE '[]'::jsonb END",
    }, clocks)
    now = lit(timezone.now())
    late = f"{_local('c.next_due_on', '23:59:59.999999')} < {now}"
    load("notification", Notification, {
        "recipient_id": "c.officer", "case_id": "c.id", "deadline_id": "c.next_id",
        "kind": f"CASE WHEN {late} THEN {lit(NotificationKind.MISSED)} "
                f"ELSE {lit(NotificationKind.DUE_SOON)} END",
        "lead_days": f"CASE WHEN {late} THEN 0 ELSE 3 END",
        "message": "c.number || '：期限将至或已届满'",
    }, f"scale_case c WHERE c.next_id IS NOT NULL AND c.officer IS NOT NULL "
       f"AND c.next_due_on <= {lit(timezone.localdate() + timedelta(days=5))} "
       f"AND random() < 0.5")


def load(draw: Callable[[bool], None], sessions: list[tuple[list[str], Callable[[], None]]],
         *, rebuild_indexes: bool, parallel: bool, report: Report) -> None:
    """Draw the plan, then run each session's writes (its tables and a function writing
    them) in bulk (``bulk_load``), and ANALYZE what they wrote.

    One session (``parallel`` false, or inside a caller's transaction): everything in one
    transaction, the plan in temporary tables. Two sessions: the plan is drawn and
    committed first into unlogged tables of a schema of its own (a temporary table is
    seen by its session only), then the two sessions run at once, this one and a second
    connection in a thread, each in its own transaction, and commit only when both have
    finished: if either fails, both roll back. The plan's schema is dropped in every case.
    """
    if not parallel:
        with transaction.atomic():
            bulk_settings()
            with report.timed("plan"):
                draw(False)
            tables = [table for own, _write in sessions for table in own]
            with bulk_load(tables, rebuild_indexes=rebuild_indexes, report=report):
                for _own, write in sessions:
                    write()
            run("DROP TABLE scale_office, scale_flow, scale_rule, scale_party, scale_case, "
                "scale_pair, scale_right")
            _analyze(tables, report, "analyze")
        return
    schema = f"scale_plan_{os.getpid()}_{threading.get_ident()}"

    def session(tables: list[str], write: Callable[[], None], k: int) -> Callable[[], None]:
        def work() -> None:
            bulk_settings()
            _search_path(schema)
            with bulk_load(tables, rebuild_indexes=rebuild_indexes, report=report):
                write()
            _analyze(tables, report, f"analyze (session {k})")
        return work

    try:
        with transaction.atomic():
            bulk_settings()
            run(f"CREATE SCHEMA {schema}")
            _search_path(schema)
            with report.timed("plan"):
                draw(True)
        (first_tables, first), (second_tables, second) = sessions
        both_or_neither(session(first_tables, first, 1), session(second_tables, second, 2),
                        report=report)
    finally:
        run(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def _search_path(schema: str) -> None:
    """The plan's schema first, for the rest of the transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        cursor.execute(f"SET LOCAL search_path = {schema}, {cursor.fetchone()[0]}")


def _analyze(tables: list[str], report: Report, step: str) -> None:
    """Fresh planner statistics for the tables written (the benchmarks query them at
    once); within the transaction, whose own rows ANALYZE counts as live."""
    with report.timed(step), connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


class _Abandon(Exception):
    """Raised inside the second session's transaction to roll it back."""


def both_or_neither(first: Callable[[], None], second: Callable[[], None], *,
                    report: Report) -> None:
    """Run ``first`` on this connection and ``second`` on a second one (a thread, which
    Django gives a connection of its own), at once, each in a transaction; commit both
    when both succeeded, else roll both back. The second commits first; the first's
    commit then only fails if the server goes away between the two."""
    finished = threading.Event()  # the second finished its work, or failed
    decided = threading.Event()
    verdict: list[bool] = []
    errors: list[BaseException] = []

    def run_second() -> None:
        try:
            with report.timed("session 2"), transaction.atomic():
                second()
                finished.set()
                decided.wait()
                if not verdict[0]:
                    raise _Abandon
        except _Abandon:
            pass
        except BaseException as exc:  # handed to the first session, which re-raises it
            errors.append(exc)
        finally:
            finished.set()
            connection.close()

    thread = threading.Thread(target=run_second, name="generate_cases-2")
    thread.start()
    try:
        with report.timed("session 1"), transaction.atomic():
            first()
            finished.wait()
            if errors:
                raise errors[0]
            verdict.append(True)
            decided.set()
            thread.join()
            if errors:
                raise errors[0]
    finally:
        if not verdict:
            verdict.append(False)
        decided.set()
        thread.join()
