"""A data set at the scale of a province (up to a million cases) for benchmarks.

``generate_cases(n)`` writes ``n`` cases across every registered workflow and its states:
five years of received dates (older cases mostly ended), every office of the tree, a
directory of parties that recur across cases (each case naming the right in dispute its
requester holds, of the kind its cause names), panels, running and ended clocks (the
header's ``next_deadline`` filled as the clock engine would), timeline events and
reminders. Officers are created per office so that each holds tens to a few hundred open
cases, as officers do. On PostgreSQL every row is made by the server, one set-based
``INSERT … SELECT`` per table (:mod:`cases.demo.scale_pg`); on other databases rows are
built here and written by ``executemany``, with primary keys allocated up front, in chunks
of ``CHUNK`` cases.

It is for benchmarks, and for users who open the cases: they are not made through the
workflow services, but each carries what the steps into its state would have recorded
and the documents of its state are printed from (a panel of three, reasons, hearing,
the issued ruling of a decided ruling and its service day, a mediation's concluded
agreement, a referral's package, a transfer's receiving office; decisions 107 to 109).
"""

from __future__ import annotations

import json
import math
import random
import time as clock
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as day_time
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from cases import workflows
from cases.complaints.models import TriageOutcome
from cases.demo.offices import ensure_offices
from cases.demo.people import DEMO_PASSWORD
from cases.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseParty,
    Deadline,
    DeadlineRule,
    DocumentKind,
    DocumentNumberPrefix,
    IPRight,
    Notification,
    NumberSequence,
    Office,
    Party,
    Role,
    User,
)
from cases.models.deadlines import DeadlineStatus
from cases.models.notifications import NotificationKind
from cases.models.participants import AssignmentRole, PartyRole
from cases.models.parties import PartyKind
from cases.models.rights import RightKind, RightStatus
from cases.services.calendar import seed_calendar_from_package
from cases.services.deadline_rules import seed_deadline_rules
from cases.services.roles import ensure_role_groups
from cases.validators import patent_check_char
from documents.models import Document, DocumentState, DocumentTemplate, RenderStatus
from documents.services import seed_default_templates

CHUNK = 20_000
YEARS = 5
# Open cases an officer holds on average (the load of a real officer, not 1/50 of all).
OPEN_PER_OFFICER = 120
# Share of the generated cases still open (recent ones mostly): officers are sized on it.
OPEN_SHARE = 0.19
# Share of the cases of each workflow (the rest are rulings).
WORKFLOW_SHARE = {"mediation": 0.18, "complaint": 0.15, "referral": 0.04, "transfer": 0.03,
                  "confirmation": 0.03}
# Referrals and transfers are opened from a complaint of their office (its triage refers
# it to the police or transfers it, the only way the services open them): each carries it
# as its origin, opened 1 to ORIGIN_LAG days after the complaint was received; one drawn
# where its office has no complaint left to open it is a complaint instead.
DERIVED_FROM_COMPLAINT = ("referral", "transfer")
ORIGIN_LAG = 14
# The ruling states after a decision (each carries an outcome) and those of a decision
# that has become effective.
DECIDED_STATES = ("decided", "served", "in_litigation", "effective", "enforcement", "closed")
EFFECTIVE_STATES = ("effective", "enforcement", "closed")
SCALE_USER = "scale_officer_"
TITLE = "规模测试案件"
PARTY_MARK = "（规模）"  # the end of every generated party's name
# What the steps the generator skips would have recorded, which the notices print.
COMPLAINT_DECIDED_STATES = ("decided", "closed")
NOT_ACCEPTED_REASONS = "投诉举报人未提供涉案专利的权利证明及被投诉人实施被控侵权行为的初步证据。"
REJECTION_REASONS = "请求人未提交涉案专利的专利证书及专利权有效的证明。"
HEARING_TIME = day_time(9, 30)
HEARING_PLACE = "本局口头审理室"
SUSPENSION = ("ruling", "suspended")
SUSPENSION_REASON = "被请求人已向国家知识产权局请求宣告涉案专利权无效并已被受理"
# A panel (合议组) of an odd number of at least three, as acceptance requires: the officer
# presiding and two members; a simple case's officer alone. A referral's task force is two
# officers, the officer in charge and one more; a mediation's mediator its officer in charge.
PANEL_MEMBERS = 2
MIN_OFFICERS = 1 + PANEL_MEMBERS
# The ruling states once the decision is served (serve_ruling records the day) and the
# issued ruling every decided ruling has (decide approves it; 催告书 cites its number).
SERVED_STATES = ("served", "in_litigation", "effective", "enforcement", "closed")
JUDGED = ("infringement_found", "dismissed")
# A mediation's states once its agreement is concluded (agree), and what it records: the
# facts and issues, one payment term by the respondent, both parties' and the mediator's
# signatures, the day it takes effect (20 to 59 days after the request).
AGREED_STATES = ("agreed", "performing", "performed", "breached")
AGREEMENT_FACTS = "双方就专利侵权赔偿达成协议。"
AGREEMENT_ISSUES = "赔偿数额。"
TERM_DESCRIPTION = "被请求人向请求人支付赔偿金"
SIGNATORY = "当事人本人"
# A referral's steps (approve, send, the police's decision not to file), recorded as the
# transitions would: approved and sent two days after it was opened with the package's
# three required items (国务院令第310号 art. 6), the police deciding four days later.
REFERRAL_APPROVED = ("approved", "sent", "with_police", "filed", "not_filed",
                     "reconsideration", "supervision", "closed")
REFERRAL_SENT = REFERRAL_APPROVED[1:]
REFERRAL_NOT_FILED = ("not_filed", "reconsideration", "supervision")
REFERRAL_PACKAGE = {"transfer_letter": "正本1份", "investigation_report": "1份",
                    "seized_items": "1份"}
NOT_FILED_REASONS = "现有证据不足以证明涉案数额达到追诉标准。"

SURNAMES = "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙莫陆"
GIVEN = "明芳伟静强敏磊军洋勇艳杰娟涛超秀霞平刚桂英华丽海燕"
COMPANY_WORDS = ["华盛", "金桂", "绿城", "南方", "八桂", "宏远", "佳美", "鑫达", "联创", "恒通",
                 "博瑞", "新锐", "嘉禾", "瑞丰", "广源", "天成", "永兴", "远航", "中科", "凯达"]
INDUSTRIES = ["电子", "机械", "食品", "日用品", "照明", "家具", "建材", "医疗器械", "农业机械",
              "汽车配件", "服装", "化工"]
CAUSES = ["发明专利侵权纠纷", "实用新型专利侵权纠纷", "外观设计专利侵权纠纷", "商标侵权投诉",
          "假冒专利举报", "专利纠纷调解", "涉嫌犯罪移送"]
# The right a case of each cause is about (a referral's offences, 刑法 213-215, are
# trademark crimes). A ruling is a patent dispute of the kind its cause names; a mediation
# or confirmation is about a patent; the other workflows take any cause.
CAUSE_KIND = {"发明专利侵权纠纷": RightKind.INVENTION_PATENT,
              "实用新型专利侵权纠纷": RightKind.UTILITY_MODEL,
              "外观设计专利侵权纠纷": RightKind.DESIGN_PATENT, "商标侵权投诉": RightKind.TRADEMARK,
              "假冒专利举报": RightKind.INVENTION_PATENT,
              "专利纠纷调解": RightKind.INVENTION_PATENT,
              "涉嫌犯罪移送": RightKind.TRADEMARK}
WORKFLOW_CAUSES = {"ruling": CAUSES[:3], "mediation": [*CAUSES[:3], "专利纠纷调解"],
                   "confirmation": [*CAUSES[:3], "专利纠纷调解"]}
# The kinds of right a requester holds, in the order of the computed keys on PostgreSQL
# (right j of the i-th party of the directory: first + 4(i - 1) + j).
RIGHT_KINDS = (RightKind.INVENTION_PATENT, RightKind.UTILITY_MODEL, RightKind.DESIGN_PATENT,
               RightKind.TRADEMARK)
PATENT_DIGIT = {RightKind.INVENTION_PATENT: "1", RightKind.UTILITY_MODEL: "2",
                RightKind.DESIGN_PATENT: "3"}
PRODUCTS = ["LED照明灯具", "折叠式办公椅", "食品包装盒", "农用播种机", "汽车座椅调节器",
            "医用输液架", "电子计价秤", "节能电饭煲"]
NICE_CLASSES = [9, 11, 20, 25, 29, 35]
# A trademark's registration number: 8 digits from here up (the demo's are below).
TRADEMARK_BASE = 70_000_000


@dataclass
class ScaleResult:
    cases: int = 0
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    # Wall seconds of each step, in the order the steps ran (``generate_cases -v2``).
    steps: dict[str, float] = field(default_factory=dict)

    @property
    def per_second(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0

    def count(self, table: str, rows: int) -> None:
        self.rows[table] += rows

    @contextmanager
    def timed(self, step: str) -> Iterator[None]:
        started = clock.perf_counter()
        try:
            yield
        finally:
            self.steps[step] = self.steps.get(step, 0.0) + clock.perf_counter() - started


class _Ids:
    """Primary keys allocated up front for each table, so related rows are written
    without reading any back."""

    def __init__(self) -> None:
        self.next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], n: int) -> int:
        if model not in self.next:
            top = model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0
            self.next[model] = top + 1
        first = self.next[model]
        self.next[model] += n
        return first

    def sync_sequences(self) -> None:
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for model, after in self.next.items():
                table, pk = model._meta.db_table, model._meta.pk.column
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                    [table, pk, after])


def write_rows(model: type[models.Model], objs: Sequence[models.Model]) -> int:
    """Insert ``objs`` (primary keys set) by COPY on PostgreSQL, by executemany elsewhere;
    dates already set on auto_now(_add) fields are kept (five years of history)."""
    if not objs:
        return 0
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    if connection.vendor != "postgresql":
        marks = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                               [[_db_value(f, obj) for f in fields] for obj in objs])
        return len(objs)
    getters = [_fast_getter(f) for f in fields]
    raw = connection.connection  # the psycopg connection under Django's wrapper
    with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            copy.write_row([get(obj) for get in getters])
    return len(objs)


def _fast_getter(f: Any) -> Callable[[models.Model], Any]:
    """The column value psycopg takes as it is (no per-value field machinery)."""
    attname = f.attname
    if isinstance(f, models.JSONField):
        return lambda obj: json.dumps(getattr(obj, attname), ensure_ascii=False)
    if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
        now = timezone.now()
        return lambda obj: getattr(obj, attname) or now
    if isinstance(f, models.DecimalField | models.UUIDField | models.FileField):
        return lambda obj: _db_value(f, obj)
    return lambda obj: getattr(obj, attname)


def _db_value(f: Any, obj: models.Model) -> Any:
    if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)) and \
            getattr(obj, f.attname) is not None:
        value = getattr(obj, f.attname)
    else:
        value = f.pre_save(obj, True)
    if isinstance(f, models.JSONField):
        return None if value is None else json.dumps(value, ensure_ascii=False)
    return f.get_db_prep_save(value, connection)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < .6
                                                       else "")


def _uscc(k: int) -> str:
    """A unique 18-character identifier of the generated legal person ``k`` (the check
    character is not computed: these parties are for benchmarks only)."""
    return f"91450{k:012d}X"[:18]


def right_fields(party: int, kind: str) -> dict[str, Any]:
    """The right of ``kind`` the party ``party`` holds in the generated cases (the same
    as :func:`cases.demo.scale_pg._right_columns`): a patent applied for in 2015 to 2020,
    numbered like ZL2019 1 1012345.6 (its serial and year from the party's key, so no two
    parties' collide), granted later; a trademark registered under a number of its own."""
    year = 2015 + party % 6
    applied = date(year, 1 + party % 12, 1 + party % 28)
    product = PRODUCTS[party % len(PRODUCTS)]
    if kind == RightKind.TRADEMARK:
        return {"number": str(TRADEMARK_BASE + party),
                "title": COMPANY_WORDS[party % len(COMPANY_WORDS)],
                "nice_class": NICE_CLASSES[party % len(NICE_CLASSES)],
                "application_date": applied, "grant_date": applied + timedelta(days=400)}
    twelve = f"{year}{PATENT_DIGIT[RightKind(kind)]}{1_000_000 + (party // 6) % 9_000_000}"
    title = {RightKind.INVENTION_PATENT: f"一种{product}及其制造方法",
             RightKind.UTILITY_MODEL: f"一种{product}", RightKind.DESIGN_PATENT: product}[
        RightKind(kind)]
    return {"number": f"{twelve}.{patent_check_char(twelve)}", "title": title,
            "application_date": applied,
            "grant_date": applied + timedelta(days=700 if kind == RightKind.INVENTION_PATENT
                                              else 200)}


def _reference_data() -> None:
    """The courts and dispute types the mediation and confirmation records name: seeded by
    a migration, and again here when a database was emptied since (a test's flush)."""
    from mediation.models import Court, DisputeType
    from mediation.reference_data import COURTS, DISPUTE_TYPES

    if Court.objects.exists() and DisputeType.objects.exists():
        return
    for court in COURTS:
        Court.objects.get_or_create(name=court["name"], defaults=court)
    for dispute in DISPUTE_TYPES:
        DisputeType.objects.get_or_create(code=dispute["code"], defaults=dispute)


def _prepare(stdout: Callable[[str], None]) -> tuple[list[Office], dict[int, str]]:
    ensure_role_groups()
    _reference_data()
    seed_calendar_from_package()
    seed_deadline_rules()
    ensure_offices(defaultdict(int))
    offices = list(Office.objects.filter(is_active=True).order_by("path"))
    prefixes = dict(DocumentNumberPrefix.objects.filter(kind=DocumentKind.CASE_NUMBER)
                    .values_list("office_id", "prefix"))
    for office in offices:
        prefixes.setdefault(office.pk, f"{office.short_name or office.region_name}案字")
    stdout(f"offices: {len(offices)}")
    return offices, prefixes


def _officers(offices: list[Office], weights: list[float], n_open: int, ids: _Ids
              ) -> tuple[dict[int, list[int]], Callable[[], int]]:
    """Officers of each office, enough for about OPEN_PER_OFFICER open cases each (keys
    of those there and of those to add), and the function writing the ones to add."""
    from django.contrib.auth.models import Group

    # Generated officers also mediate (a mediation's mediator is its officer in charge).
    groups = [Group.objects.get(name=Role.OFFICER).pk, Group.objects.get(name=Role.MEDIATOR).pk]
    have: dict[int, list[int]] = defaultdict(list)
    for pk, office_id in User.objects.filter(username__startswith=SCALE_USER).values_list(
            "pk", "office_id"):
        have[office_id].append(pk)
    password = make_password(DEMO_PASSWORD)
    users, links = [], []
    for office, weight in zip(offices, weights, strict=True):
        wanted = max(MIN_OFFICERS, math.ceil(n_open * weight / OPEN_PER_OFFICER))
        missing = wanted - len(have[office.pk])
        if missing <= 0:
            continue
        first = ids.take(User, missing)
        rng = random.Random(office.pk)  # noqa: S311 - benchmark data
        for k in range(missing):
            pk = first + k
            users.append(User(pk=pk, username=f"{SCALE_USER}{office.region_code}_{pk}",
                              name=_name(rng), office=office, password=password,
                              is_active=True))
            links += [User.groups.through(user_id=pk, group_id=group) for group in groups]
            have[office.pk].append(pk)

    def write() -> int:
        written = write_rows(User, users)
        User.groups.through.objects.bulk_create(links, batch_size=1000)
        return written

    return have, write


def _party_target(offices: list[Office], n: int) -> int:
    """About n/3 parties, and at least one per office (each office's cases draw their
    requesters among its own parties)."""
    return max(20, len(offices), n // 3)


def _parties(offices: list[Office], n: int, ids: _Ids, result: ScaleResult
             ) -> dict[int, list[int]]:
    """A directory of about n/3 parties: cases draw on them unevenly, so that a few
    companies appear in hundreds of cases (repeat parties), most in one or two."""
    wanted = _party_target(offices, n)
    have = Party.objects.filter(name__endswith=PARTY_MARK).count()
    missing = wanted - have
    by_office: dict[int, list[int]] = defaultdict(list)
    if missing > 0:
        first = ids.take(Party, missing)
        rng = random.Random(7)  # noqa: S311 - benchmark data
        rows = []
        for k in range(missing):
            pk = first + k
            office = offices[k % len(offices)]
            city = office.region_name.removesuffix("市")
            if rng.random() < 0.7:
                name = (f"广西{city}{rng.choice(COMPANY_WORDS)}{rng.choice(INDUSTRIES)}"
                        f"有限公司{pk}{PARTY_MARK}")
                rows.append(Party(pk=pk, kind=PartyKind.LEGAL, name=name, id_number=_uscc(pk),
                                  office=office, region_code=office.region_code,
                                  legal_representative=_name(rng)))
            else:
                rows.append(Party(pk=pk, kind=PartyKind.NATURAL, name=f"{_name(rng)}{PARTY_MARK}",
                                  id_number=f"450{pk:014d}X"[:18], office=office,
                                  region_code=office.region_code))
            if len(rows) >= CHUNK:
                result.rows["parties"] += write_rows(Party, rows)
                rows = []
        result.rows["parties"] += write_rows(Party, rows)
    for pk, office_id in Party.objects.filter(name__endswith=PARTY_MARK).values_list(
            "pk", "office_id"):
        by_office[office_id].append(pk)
    return by_office


def _skewed(rng: random.Random, items: list[int]) -> int:
    """An item drawn unevenly: the first ones far more often (repeat parties)."""
    return items[min(len(items) - 1, int(len(items) * rng.random() ** 3))]


@dataclass
class _Plan:
    rules: dict[str, list[DeadlineRule]]
    spec_states: dict[str, tuple[list[str], list[str]]]
    extra: dict[str, Callable[[random.Random, Case, str], dict[str, Any]]]


def _plan() -> _Plan:
    rules: dict[str, list[DeadlineRule]] = defaultdict(list)
    seen = set()
    for rule in DeadlineRule.objects.order_by("code", "-effective_from"):
        if rule.code not in seen:
            seen.add(rule.code)
            rules[rule.workflow].append(rule)
    spec_states = {}
    for spec in workflows.all_workflows():
        terminal = [s for s, _l in spec.states if s in spec.terminal_states]
        running = [s for s, _l in spec.states if s not in spec.terminal_states]
        spec_states[spec.name] = (running, terminal or running[-1:])
    from mediation.models import Court, DisputeType

    dispute_types = list(DisputeType.objects.values_list("pk", flat=True))
    courts = list(Court.objects.values_list("pk", flat=True))

    def mediation(rng: random.Random, case: Case, state: str) -> dict[str, Any]:
        return {"dispute_type_id": rng.choice(dispute_types), "requested_on": case.received_on}

    def confirmation(rng: random.Random, case: Case, state: str) -> dict[str, Any]:
        return {"court_id": rng.choice(courts)}

    def complaint(rng: random.Random, case: Case, state: str) -> dict[str, Any]:
        return {"kind": rng.choice(["complaint", "tip_off"]),
                "channel": rng.choice(["12345", "12315", "letter"]),
                "facts": "被投诉人在其网店销售涉嫌侵犯专利权的产品。",
                **complaint_decision(case.pk, state, case)}

    def referral(rng: random.Random, case: Case, state: str) -> dict[str, Any]:
        return {"offence": rng.choice(["213", "214", "215"]),
                "suspicion": "涉案金额较大，涉嫌构成犯罪。", **referral_steps(state, case)}

    def transfer(rng: random.Random, case: Case, state: str) -> dict[str, Any]:
        return {"direction": "internal", "reasons": "不属于本局管辖。"}

    def ruling(rng: random.Random, case: Case, state: str) -> dict[str, Any]:
        accepted = case.received_on + timedelta(days=rng.randrange(1, 6))
        return {"accepted_on": None if state in ("received", "correction_requested",
                                                 "rejected") else accepted,
                "is_simple": rng.random() < 0.3, "accused_products": ["产品"],
                "infringing_acts": ["make", "sell"], **ruling_decision(case.pk, state, case),
                **ruling_reasons(case.pk, state)}

    extra: dict[str, Callable[[random.Random, Case, str], dict[str, Any]]] = {
        "mediation": mediation, "confirmation": confirmation, "complaint": complaint,
        "referral": referral, "transfer": transfer, "ruling": ruling}
    return _Plan(rules=rules, spec_states=spec_states, extra=extra)


def ruling_decision(k: int, state: str, case: Case) -> dict[str, Any]:
    """A ruling's outcome and its days (the same rules as
    :func:`cases.demo.scale_pg._ruling_decision`, from the case's ordinal ``k``): so that
    the data set has findings, repeat infringers and rulings that became effective."""
    if state == "enforcement":
        outcome = "infringement_found"
    elif state == "closed" and (k * 7) % 6 == 5:
        outcome = "settled"
    elif state in DECIDED_STATES:
        outcome = "infringement_found" if (k * 3) % 10 < 7 else "dismissed"
    else:
        outcome = ""
    if outcome not in JUDGED:
        return {"outcome": outcome}
    today = timezone.localdate()
    decided = min(case.closed_on or today,
                  case.received_on + timedelta(days=10 + (k * 37) % 120))
    effective = (min(today, decided + timedelta(days=15 + (k * 13) % 45))
                 if state in EFFECTIVE_STATES else None)
    # Served 1 to 5 days after the decision (serve_ruling), before it took effect.
    served = min(today, decided + timedelta(days=1 + k % 5)) if state in SERVED_STATES \
        else None
    return {"outcome": outcome, "decided_on": decided, "effective_on": effective,
            "ruling_served_on": served}


def referral_steps(state: str, case: Case) -> dict[str, Any]:
    """What a referral's steps into ``state`` recorded (the same as
    :func:`cases.demo.scale_pg._referral_steps`): approved and sent two days after it was
    opened (by today), with the package's required items; the police's decision not to
    file and their reasons four days later."""
    today = timezone.localdate()
    steps: dict[str, Any] = {}
    sent_on = min(today, case.received_on + timedelta(days=2))
    if state in REFERRAL_APPROVED:
        steps["approved_at"] = timezone.make_aware(datetime.combine(sent_on, day_time(10)))
    if state in REFERRAL_SENT:
        steps["sent_at"] = timezone.make_aware(datetime.combine(sent_on, day_time(15)))
        steps["package"] = dict(REFERRAL_PACKAGE)
    if state in REFERRAL_NOT_FILED:
        steps["police_decided_on"] = min(today, case.received_on + timedelta(days=6))
        steps["not_filed_reasons"] = NOT_FILED_REASONS
    return steps


def agreement_rows(mediation: int, k: int, state: str, received: date, requester: int,
                   respondent: int, officer: int) -> tuple[Any, list[Any], list[Any]]:
    """A mediation's concluded agreement, its term and signatures (the same as
    :func:`cases.demo.scale_pg._agreements`): effective 20 to 59 days after the
    request (by today), signed that day by both parties and the mediator; one payment of
    10,000 to 200,000 yuan by the respondent 30 days later, paid once performed."""
    from mediation.models import Agreement, AgreementSignature, AgreementTerm
    from mediation.models.agreement import TermKind

    today = timezone.localdate()
    effective = min(today, received + timedelta(days=20 + k % 40))
    agreement = Agreement(mediation_id=mediation, number=f"调解协议{mediation}",
                          facts=AGREEMENT_FACTS, issues=AGREEMENT_ISSUES, other_terms="",
                          mediator_signed_on=effective, effective_on=effective)
    amount = Decimal(10_000 * (1 + k % 20))
    due = effective + timedelta(days=30)
    performed = state == "performed"
    term = AgreementTerm(agreement_id=mediation, n=1, kind=TermKind.PAYMENT,
                         obligor_id=respondent, description=TERM_DESCRIPTION, amount=amount,
                         due_on=due, done_on=min(today, due) if performed else None,
                         amount_paid=amount if performed else Decimal(0))
    signatures = [AgreementSignature(agreement_id=mediation, party_id=party,
                                     signed_on=effective, signatory=SIGNATORY,
                                     recorded_by_id=officer)
                  for party in (requester, respondent)]
    return agreement, [term], signatures


def ruling_reasons(k: int, state: str) -> dict[str, Any]:
    """What the ruling's step into ``state`` recorded (the same as
    :func:`cases.demo.scale_pg._ruling_reasons`): the reasons of a rejection
    (``reject(reasons=…)``), the reason of a suspension and the state it interrupted
    (``suspend(reason=…)``), the time and place of a scheduled hearing, 3 to 22 days
    ahead at 9:30 (``schedule_hearing``), which their notices print."""
    if state == "hearing_scheduled":
        day = timezone.localdate() + timedelta(days=3 + k % 20)
        return {"hearing_at": timezone.make_aware(datetime.combine(day, HEARING_TIME)),
                "hearing_place": HEARING_PLACE}
    if state == "rejected":
        return {"rejection_reasons": REJECTION_REASONS}
    if state == "suspended":
        return {"suspension_reason": SUSPENSION_REASON,
                "state_before_suspension": "investigation"}
    return {}


def complaint_decision(k: int, state: str, case: Case) -> dict[str, Any]:
    """A complaint's triage (the same rules as
    :func:`cases.demo.scale_pg._complaint_decision`): one past triage (decided, closed)
    was decided, not accepted, with reasons, 1 to 7 days after receipt (by its close),
    unless it opened a referral (:func:`_triage` decides it so). Every complaint is named
    (the caller makes its requester the complainant; only a tip-off may be anonymous)."""
    if state not in COMPLAINT_DECIDED_STATES:
        return {}
    return {"outcome": TriageOutcome.NOT_ACCEPTED,
            "decided_on": min(case.closed_on or timezone.localdate(),
                              case.received_on + timedelta(days=1 + k % 7)),
            "decision_reasons": NOT_ACCEPTED_REASONS}


def generate_cases(n: int, *, seed: int = 1, stdout: Callable[[str], None] = print
                   ) -> ScaleResult:
    """Create ``n`` cases (see the module's description); returns counts and timing."""
    result = ScaleResult()
    started = clock.perf_counter()
    with result.timed("prepare"):
        offices, prefixes = _prepare(stdout)
    # Cities and the region handle more than counties: weight by level.
    level_weight = {"province": 3.0, "city": 2.0, "county": 0.5}
    raw = [level_weight.get(o.level, 1.0) for o in offices]
    weights = [w / sum(raw) for w in raw]
    if connection.vendor == "postgresql":
        _generate_on_server(n, seed, offices, weights, prefixes, result)
    else:
        rng = random.Random(seed)  # noqa: S311 - benchmark data
        ids = _Ids()
        with transaction.atomic():
            officers, write_officers = _officers(offices, weights, int(n * OPEN_SHARE), ids)
            result.rows["users"] += write_officers()
            _generate_here(n, rng, offices, weights, officers, prefixes, ids, result,
                           lambda done: stdout(
                               f"  {done}/{n} cases, "
                               f"{done / (clock.perf_counter() - started):.0f}/s"))
    result.cases = n
    result.seconds = clock.perf_counter() - started
    return result


def _generate_on_server(n: int, seed: int, offices: list[Office], weights: list[float],
                        prefixes: dict[int, str], result: ScaleResult) -> None:
    """PostgreSQL: every row made by the server from a plan drawn once, one statement per
    table (:mod:`cases.demo.scale_pg`); a big load in two sessions at once, the headers
    (cases, workflow records, parties, officers) in one and the rows pointing at them
    (case parties, panels, events, clocks, reminders) in the other."""
    from cases.demo import scale_pg
    from mediation.models import Agreement, AgreementSignature, AgreementTerm

    ids = _Ids()
    officers, write_officers = _officers(offices, weights, int(n * OPEN_SHARE), ids)
    have = Party.objects.filter(name__endswith=PARTY_MARK).count()
    missing = max(0, _party_target(offices, n) - have)
    first_party = ids.take(Party, missing) if missing else 0
    # Up to one right of each kind per party of the directory (computed keys).
    first_right = ids.take(IPRight, 4 * (have + missing))
    plan = _plan()
    specs = scale_pg.Plan(offices=offices, weights=weights, officers=officers,
                          prefixes=prefixes, shares=WORKFLOW_SHARE, states=plan.spec_states,
                          rules=plan.rules)
    first_case, first_clock = ids.take(Case, n), ids.take(Deadline, 2 * n)
    first_ids = {"caseparty": ids.take(CaseParty, 2 * n),
                 "caseassignment": ids.take(CaseAssignment,
                                            scale_pg.ASSIGNMENT_SLOTS * n),
                 "caseevent": ids.take(CaseEvent, 2 * n),
                 "caserights": ids.take(Case.rights.through, n)}

    def draw(shared: bool) -> None:
        scale_pg.draw_plan(n, seed, specs, first_case=first_case, first_clock=first_clock,
                           first_right=first_right, new_parties=(first_party, missing),
                           party_marker=PARTY_MARK,
                           causes=CAUSES, title=TITLE, shared=shared)

    def headers() -> None:
        with result.timed("officers"):
            result.count("users", write_officers())
        if missing:
            with result.timed("parties"):
                result.count("parties", scale_pg.make_parties(
                    offices, first_party, missing,
                    {"surnames": SURNAMES, "given": GIVEN, "company": COMPANY_WORDS,
                     "industries": INDUSTRIES}))
        scale_pg.write_headers(specs, result)
        ids.sync_sequences()

    def dependents() -> None:
        scale_pg.write_dependents(result, first_ids)

    # The officers' roles too (written with the officers): without statistics the list's
    # officer filter was planned for 9 officers and read all 1,584 (9 ms on every page).
    header_tables = [m._meta.db_table for m in (Case, Party, User, User.groups.through,
                                                Agreement, AgreementTerm, AgreementSignature,
                                                IPRight, Document)]
    header_tables += [spec.model._meta.db_table for spec in workflows.all_workflows()]
    dependent_tables = [m._meta.db_table for m in (CaseParty, CaseAssignment, CaseEvent,
                                                   Deadline, Notification,
                                                   Case.rights.through)]
    # A load at least as big as what is there: indexes built once at the end.
    rebuild = n >= max(CHUNK, Case.objects.count())
    # Two sessions need a transaction each (so not inside a caller's) and the foreign-key
    # triggers skipped: the second writes rows pointing at the first's uncommitted ones.
    parallel = rebuild and not connection.in_atomic_block and scale_pg.may_skip_triggers()
    scale_pg.load(draw, [(header_tables, headers), (dependent_tables, dependents)],
                  rebuild_indexes=rebuild, parallel=parallel, report=result)


def _generate_here(n: int, rng: random.Random, offices: list[Office], weights: list[float],
                   officers: dict[int, list[int]], prefixes: dict[int, str], ids: _Ids,
                   result: ScaleResult, progress: Callable[[int], None]) -> None:
    """Other databases: rows built in Python and written by ``executemany``, by chunks."""
    parties = _parties(offices, n, ids, result)
    all_parties = [pk for pks in parties.values() for pk in pks]
    plan = _plan()
    sequences = {(o, k, y): v for o, k, y, v in NumberSequence.objects.filter(
        kind=DocumentKind.CASE_NUMBER).values_list("office_id", "kind", "year", "last_value")}
    seq_next: dict[tuple[int, int], int] = {}
    ruling_next: dict[tuple[int, int], int] = {}  # the issued rulings' numbers
    # Rights there already by (office, kind, number); in this run's cases by
    # (office, holder, kind): a requester's cases of one kind share its right.
    rights: dict[tuple[Any, ...], int] = {
        (o, k, num): pk for pk, o, k, num in IPRight.objects.exclude(number="").values_list(
            "pk", "office_id", "kind", "number")}
    done = 0
    while done < n:
        size = min(CHUNK, n - done)
        _chunk(size, rng, offices, weights, officers, parties, all_parties, plan,
               prefixes, sequences, seq_next, ruling_next, rights, ids, result)
        done += size
        progress(done)
    _save_sequences(seq_next, DocumentKind.CASE_NUMBER)
    _save_sequences(ruling_next, DocumentKind.RULING)


def _save_sequences(seq_next: dict[tuple[int, int], int], kind: str) -> None:
    for (office_id, year), last in seq_next.items():
        NumberSequence.objects.update_or_create(
            office_id=office_id, kind=kind, year=year,
            defaults={"last_value": last})


def _chunk(size: int, rng: random.Random, offices: list[Office], weights: list[float],
           officers: dict[int, list[int]], parties: dict[int, list[int]],
           all_parties: list[int], plan: _Plan, prefixes: dict[int, str],
           sequences: dict[tuple[int, str, int], int], seq_next: dict[tuple[int, int], int],
           document_sequences: dict[tuple[int, int], int],
           rights: dict[tuple[Any, ...], int], ids: _Ids, result: ScaleResult) -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    first_day = today - timedelta(days=365 * YEARS)
    span = (today - first_day).days
    names = list(WORKFLOW_SHARE)
    cum = []
    acc = 0.0
    for name in names:
        acc += WORKFLOW_SHARE[name]
        cum.append(acc)
    first_case = ids.take(Case, size)
    chosen = rng.choices(offices, weights=weights, k=size)
    cases: list[Case] = []
    flows: dict[str, list[models.Model]] = defaultdict(list)
    case_parties: list[CaseParty] = []
    new_rights: list[IPRight] = []
    case_rights: list[models.Model] = []
    assignments: list[CaseAssignment] = []
    events: list[CaseEvent] = []
    clocks: list[Deadline] = []
    notes: list[Notification] = []
    unpaired: list[int] = []  # mediation cases of the chunk without a confirmation yet
    # Complaints of the chunk not yet the origin of a referral or transfer, by office.
    triaged: dict[int, deque[tuple[Case, models.Model]]] = defaultdict(deque)
    # The chunk's mediations (ordinal, state, received, requester, respondent, officer)
    # and the agreements concluded for them (agreement, terms, signatures).
    mediations: dict[int, tuple[int, str, date, int, int, int]] = {}
    concluded: dict[int, tuple[Any, list[Any], list[Any]]] = {}
    rulings: list[tuple[date, int, Office, int]] = []  # decided: (day, case, office, officer)
    from mediation.models import Agreement, AgreementSignature, AgreementTerm
    specs = {spec.name: spec for spec in workflows.all_workflows()}
    for k in range(size):
        pk = first_case + k
        office = chosen[k]
        draw = rng.random()
        name = next((w for w, c in zip(names, cum, strict=True) if draw < c), "ruling")
        if name not in specs:
            name = "ruling"
        if name == "confirmation" and not unpaired:
            name = "mediation"  # a confirmation needs a mediation case before it
        # Recent cases are mostly running, older ones mostly ended.
        received = first_day + timedelta(days=int(span * rng.random() ** 0.6))
        source: tuple[Case, models.Model] | None = None  # the complaint it came from
        if name in DERIVED_FROM_COMPLAINT:
            if triaged[office.pk]:
                source = triaged[office.pk].popleft()
                received = min(today, source[0].received_on
                               + timedelta(days=1 + int(rng.random() * ORIGIN_LAG)))
            else:
                name = "complaint"  # nothing of its office to open it from
        spec = specs[name]
        age = (today - received).days
        running, terminal = plan.spec_states[name]
        ended = rng.random() < (0.15 if age < 120 else 0.6 if age < 365 else 0.97)
        state = rng.choice(terminal if ended else running)
        closed_on = (min(today, received + timedelta(days=rng.randrange(20, 200)))
                     if state in spec.terminal_states else None)
        officer = rng.choice(officers[office.pk])
        key = (office.pk, received.year)
        if key not in seq_next:
            seq_next[key] = sequences.get((office.pk, DocumentKind.CASE_NUMBER,
                                           received.year), 0)
        seq_next[key] += 1
        sequence = seq_next[key]
        cause = rng.choice(WORKFLOW_CAUSES.get(name, CAUSES))
        case = Case(pk=pk, office=office, year=received.year, sequence=sequence,
                    number=f"{prefixes[office.pk]}〔{received.year}〕{sequence}号",
                    workflow=name, title=f"{TITLE}：{cause}", received_on=received,
                    officer_in_charge_id=officer, closed_on=closed_on, created_by_id=officer)
        cases.append(case)
        requester = _skewed(rng, parties.get(office.pk) or all_parties)
        respondent = _skewed(rng, all_parties)
        if respondent == requester:
            respondent = all_parties[(all_parties.index(requester) + 1) % len(all_parties)]
        kind = CAUSE_KIND[cause]
        held = (office.pk, requester, kind)
        if held not in rights:
            fields = right_fields(requester, kind)
            there = rights.get((office.pk, kind, fields["number"]))
            if there is None:
                there = ids.take(IPRight, 1)
                new_rights.append(IPRight(pk=there, office=office, kind=kind,
                                          holder_id=requester, status=RightStatus.VALID,
                                          **fields))
                rights[(office.pk, kind, fields["number"])] = there
            rights[held] = there
        case_rights.append(Case.rights.through(case_id=pk, ipright_id=rights[held]))
        extra = plan.extra.get(name, lambda *_a: {})(rng, case, state)
        if name == "complaint":
            extra["accused_party_id"] = respondent
            extra["complainant_party_id"] = requester
        if name == "transfer":
            # To the competent office (one of the system's: the next in the tree's order).
            extra["target_office_id"] = _next_office(offices, office).pk
        if name == "mediation":
            unpaired.append(pk)
            mediations[pk] = (k, state, received, requester, respondent, officer)
            if state in AGREED_STATES:
                concluded[pk] = agreement_rows(pk, *mediations[pk])
        if name == "confirmation":
            # A confirmation applies for the agreement of a mediation case (its origin),
            # concluded (effective, with its terms) whatever the mediation's drawn state.
            origin = unpaired.pop()
            case.origin_id = origin
            if origin not in concluded:
                concluded[origin] = agreement_rows(origin, *mediations[origin])
            extra["agreement"] = concluded[origin][0]
        flow = spec.model(case_id=pk, state=state, **extra)
        flows[name].append(flow)
        if name == "complaint":
            triaged[office.pk].append((case, flow))
        if source is not None:
            case.origin_id = source[0].pk
            events += _triage(source, name, received, _next_office(offices, office).name)
        case_parties += [
            CaseParty(case_id=pk, party_id=requester, role=PartyRole.REQUESTER),
            CaseParty(case_id=pk, party_id=respondent, role=PartyRole.RESPONDENT)]
        # The panel: a simple case's officer alone (审理人员), else the officer presiding
        # and two members; a referral's task force; a mediation's mediator.
        others = [u for u in officers[office.pk] if u != officer]
        if name == "ruling" and extra.get("is_simple"):
            assignments.append(
                CaseAssignment(case_id=pk, user_id=officer, role=AssignmentRole.PRESIDING))
        elif name == "ruling" and len(others) >= PANEL_MEMBERS:
            assignments.append(
                CaseAssignment(case_id=pk, user_id=officer, role=AssignmentRole.PRESIDING))
            assignments += [CaseAssignment(case_id=pk, user_id=member, role=AssignmentRole.MEMBER)
                            for member in rng.sample(others, PANEL_MEMBERS)]
        elif name == "referral" and others:
            assignments += [CaseAssignment(case_id=pk, user_id=member, role=AssignmentRole.MEMBER)
                            for member in (officer, rng.choice(others))]
        elif name == "mediation":
            assignments.append(
                CaseAssignment(case_id=pk, user_id=officer, role=AssignmentRole.MEDIATOR))
        if name == "ruling" and extra.get("outcome") in JUDGED:
            rulings.append((extra["decided_on"], pk, office, officer))
        at = timezone.make_aware(datetime.combine(received, day_time(9)))
        events.append(CaseEvent(case_id=pk, actor_id=officer, kind="created", name="create",
                                to_state=running[0], at=at))
        if state != running[0]:
            # A suspension is dated by its event (the notice's 中止审理日期).
            events.append(CaseEvent(case_id=pk, actor_id=officer, kind="transition",
                                    name="suspend" if (name, state) == SUSPENSION else "scale",
                                    from_state=running[0], to_state=state,
                                    at=at + timedelta(days=rng.randrange(1, 15))))
        rules = plan.rules.get(name) or plan.rules.get("ruling", [])
        for j in range(rng.randrange(1, 3)):
            rule = rules[(k + j) % len(rules)]
            started = at + timedelta(days=rng.randrange(0, 10))
            if closed_on is None and j == 0:
                due_on = today + timedelta(days=rng.randrange(-15, 60))
                status = DeadlineStatus.OPEN
            else:
                due_on = started.date() + timedelta(days=rng.randrange(5, 60))
                status = rng.choice([DeadlineStatus.MET, DeadlineStatus.MET,
                                     DeadlineStatus.MISSED, DeadlineStatus.CANCELLED])
            due_at = timezone.make_aware(datetime.combine(due_on, day_time.max))
            clocks.append(Deadline(
                case_id=pk, rule_id=rule.pk, code=rule.code, started_at=started,
                due_on=due_on, due_at=due_at, status=status,
                closed_at=None if status == DeadlineStatus.OPEN else due_at,
                computation=[{"unit": rule.unit, "amount": rule.amount,
                              "from": started.date().isoformat()}]))
    # Clocks: keys up front, the header's nearest running clock set as the engine would.
    first_clock = ids.take(Deadline, len(clocks))
    nearest: dict[int, Deadline] = {}
    for j, d in enumerate(clocks):
        d.pk = first_clock + j
        if d.status == DeadlineStatus.OPEN:
            best = nearest.get(d.case_id)
            if best is None or d.due_at < best.due_at:
                nearest[d.case_id] = d
            case = cases[d.case_id - first_case]
            if d.due_on <= today + timedelta(days=5) and rng.random() < 0.5 \
                    and case.officer_in_charge_id is not None:
                notes.append(Notification(
                    recipient_id=case.officer_in_charge_id, case_id=d.case_id, deadline_id=d.pk,
                    kind=NotificationKind.MISSED if d.due_at < now
                    else NotificationKind.DUE_SOON,
                    lead_days=0 if d.due_at < now else 3,
                    message=f"{case.number}：期限将至或已届满"))
    for case_id, d in nearest.items():
        case = cases[case_id - first_case]
        case.next_deadline_id, case.next_deadline_at = d.pk, d.due_at
    result.rows["cases"] += write_rows(Case, cases)
    agreements = [a for a, _terms, _signatures in concluded.values()]
    for flow in flows.get("confirmation", []):
        flow.agreement_id = flow.agreement.pk  # type: ignore[attr-defined]
    order = sorted(flows, key=lambda name: name == "confirmation")
    for name in order:
        result.rows[name] += write_rows(specs[name].model, flows[name])
    result.rows["agreements"] += write_rows(Agreement, agreements)
    signed: tuple[tuple[type[models.Model], list[Any]], ...] = (
        (AgreementTerm, [t for _a, ts, _s in concluded.values() for t in ts]),
        (AgreementSignature, [x for _a, _t, ss in concluded.values() for x in ss]))
    for signed_model, signed_rows in signed:
        _with_ids(signed_model, signed_rows, ids)
        result.rows[signed_model._meta.model_name or ""] += write_rows(signed_model,
                                                                        signed_rows)
    result.rows["documents"] += write_rows(Document, issued_rulings(
        rulings, document_sequences, ids))
    result.rows["iprights"] += write_rows(IPRight, new_rights)
    _with_ids(Case.rights.through, case_rights, ids)
    result.rows["caserights"] += write_rows(Case.rights.through, case_rights)
    for model, rows in ((CaseParty, case_parties), (CaseAssignment, assignments),
                        (CaseEvent, events), (Deadline, clocks), (Notification, notes)):
        _with_ids(model, rows, ids)
        result.rows[model._meta.model_name or ""] += write_rows(model, rows)


def issued_rulings(rulings: list[tuple[date, int, Office, int]],
                   sequences: dict[tuple[int, int], int], ids: _Ids) -> list[Document]:
    """The issued ruling (行政裁决书) of each decided ruling, numbered in the order of the
    days they were decided, per office and year, after the office's sequence (``sequences``,
    moved on here); issued that day at 10:00. A record only: no version (file) is rendered,
    which the documents panel shows as a document without a file."""
    if not rulings:
        return []
    template = ruling_template()
    prefixes = dict(DocumentNumberPrefix.objects.filter(kind=DocumentKind.RULING)
                    .values_list("office_id", "prefix"))
    first = ids.take(Document, len(rulings))
    documents = []
    for j, (day, case_id, office, officer) in enumerate(sorted(
            rulings, key=lambda r: (r[0], r[1]))):
        key = (office.pk, day.year)
        if key not in sequences:
            sequences[key] = NumberSequence.objects.filter(
                office=office, kind=DocumentKind.RULING, year=day.year).values_list(
                "last_value", flat=True).first() or 0
        sequences[key] += 1
        prefix = prefixes.get(office.pk) or ruling_prefix(office)
        at = timezone.make_aware(datetime.combine(day, day_time(10)))
        documents.append(Document(
            pk=first + j, case_id=case_id, kind=DocumentKind.RULING, template_id=template,
            state=DocumentState.ISSUED, number=f"{prefix}〔{day.year}〕{sequences[key]}号",
            year=day.year, sequence=sequences[key], issued_at=at, issued_by_id=officer,
            render_status=RenderStatus.DONE, created_by_id=officer, created_at=at))
    return documents


def ruling_prefix(office: Office) -> str:
    """The ruling's number code of an office without one configured (unique per office)."""
    return f"{office.short_name or office.region_name}裁字"


def ruling_template() -> int:
    """The active ruling template the issued rulings were made from (the shipped ones are
    loaded when there is none, as ``seed_defaults`` does)."""
    template = DocumentTemplate.objects.filter(kind=DocumentKind.RULING, is_active=True).first()
    if template is None:
        seed_default_templates()
        template = DocumentTemplate.objects.get(kind=DocumentKind.RULING, is_active=True)
    return template.pk


def _next_office(offices: list[Office], office: Office) -> Office:
    """The office a transfer from ``office`` goes to (the next in the tree's order)."""
    return offices[(offices.index(office) + 1) % len(offices)]


def _triage(origin: tuple[Case, Any], derived: str, on: Any, target: str) -> list[CaseEvent]:
    """The complaint ``origin`` as its triage leaves it once it opened a ``derived``
    referral or transfer on the day ``on`` (``refer_to_police``: decided so, on that day;
    ``transfer_matter``: the receiving office ``target`` named); its timeline's step to
    decided."""
    case, complaint = origin
    if derived != "referral":
        complaint.transfer_target = target
        return []
    complaint.outcome, complaint.decided_on = "referral", on
    complaint.decision_reasons = ""
    if complaint.state != "received":
        return []
    # The state field refuses assignment (protected): the record is written by
    # ``write_rows``, never saved through the model, so its value is set underneath.
    vars(complaint)["state"] = "decided"
    return [CaseEvent(case_id=case.pk, actor_id=case.officer_in_charge_id, kind="transition",
                      name="scale", from_state="received", to_state="decided",
                      at=timezone.make_aware(datetime.combine(on, day_time(10))))]


def _with_ids(model: type[models.Model], rows: Iterable[models.Model], ids: _Ids) -> None:
    rows = list(rows)
    if not rows or rows[0].pk is not None:
        return
    first = ids.take(model, len(rows))
    for j, row in enumerate(rows):
        row.pk = first + j


__all__ = ["CHUNK", "ScaleResult", "generate_cases", "write_rows"]
