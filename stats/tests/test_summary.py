"""The statistics' summary table: kept current by transitions and changes, equal to its
rebuild, and equal to the direct aggregation of every figure on random data (periods
crossing the cases' dates, transfers between offices)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from cases.models import Case, CaseEvent, Deadline, DeadlineRule
from cases.models.events import EventKind
from cases.ruling.models import RulingCase
from cases.services.runner import record_event
from cases.tasks import after_case_event
from mediation.models import MediationCase
from mediation.models.reference import DisputeType
from stats import summary
from stats.exports import chart_data
from stats.figures import overdue_q
from stats.filters import figure_q
from stats.models import PendingCase, SummaryCell
from stats.selectors import build_report
from tests.factories import PatentFactory, TrademarkFactory, make_uscc
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _cells() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    summary.drain()  # what the worker does after each change
    return {(c.office_id, c.workflow, c.month, c.figure, c.dim, c.value):
            (c.n, c.days, c.amount0, c.amount1)
            for c in SummaryCell.objects.all() if c.n or c.days or c.amount0 or c.amount1}


def _n(office: Any, figure: str, month: date | None = None, dim: str = "", value: str = ""
       ) -> int:
    summary.drain()  # what the worker does after each change
    rows = SummaryCell.objects.filter(office=office, figure=figure, dim=dim, value=value)
    if month is not None:
        rows = rows.filter(month=month)
    return sum(rows.values_list("n", flat=True))


def _month_end(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _agrees(office: Any, start: date, end: date, user: Any) -> int:
    """Every linked figure of the report equals the count of its list; how many."""
    report = build_report(office, start, end)
    checked = 0
    for table in [report.summary, *report.tables]:
        for row in [*table.rows, *([table.total] if table.total else [])]:
            for cell in row.cells.values():
                if cell.params is None:
                    continue
                q, _label = figure_q(cell.params, user)
                assert Case.objects.filter(q).distinct().count() == cell.value, (
                    office.name, start, end, table.key, row.key, cell.params)
                checked += 1
    for m in report.trend["months"]:
        for key in ("received", "closed"):
            q, _label = figure_q(m[f"{key}_params"], user)
            assert Case.objects.filter(q).distinct().count() == m[key], (m, key)
    return checked


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine):  # type: ignore[no-untyped-def]
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine)


def test_transitions_keep_the_summary_current(driver, offices) -> None:  # type: ignore[no-untyped-def]
    march = date(2026, 3, 1)
    case = driver.file()
    # Filing counts the case at its office and every office above it, by act and officer.
    for office in (offices.nanning, offices.guangxi):
        assert _n(office, "received", march) == 1
        assert _n(office, "open_now") == 1
        assert _n(office, "received", march, "act", "make") == 1
    assert _n(offices.liuzhou, "received") == 0
    driver.act(case, "accept")
    assert _n(offices.guangxi, "accepted", march) == 1
    other = driver.file()
    driver.act(other, "withdraw")
    assert _n(offices.guangxi, "closed", march) == 1
    assert _n(offices.guangxi, "own:withdrawn", march) == 1
    assert _n(offices.guangxi, "open_now") == 1
    report = build_report(offices.guangxi, march, date(2026, 3, 31))
    total = report.summary.total.cells
    assert (total["received"].value, total["accepted"].value, total["closed"].value,
            total["open"].value) == (2, 1, 1, 1)
    # Both requests name making and selling: the act breakdown counts each case under both,
    # and the page charts it.
    acts = next(t for t in report.tables if t.key == "act")
    assert {r.key: (r.cells["received"].value, r.cells["closed"].value)
            for r in acts.rows} == {"make": (2, 1), "sell": (2, 1)}
    assert chart_data(report)["acts"]["categories"] == [r.label for r in acts.rows]
    # Rebuilding from the cases gives what the transitions left.
    incremental = _cells()
    summary.rebuild()
    assert _cells() == incremental


def test_a_change_is_counted_after_commit_by_the_worker_or_the_page(  # type: ignore[no-untyped-def]
        driver, offices) -> None:
    """A transition only marks its case; the worker's task after the event counts it, and
    the statistics page counts whatever is still marked before it reads."""
    march = date(2026, 3, 1)
    case = driver.file()
    driver.act(case, "accept")
    assert PendingCase.objects.filter(case_id=case.pk).exists()
    assert not SummaryCell.objects.filter(figure="accepted").exists()
    after_case_event(case.events.latest("pk").pk)
    assert not PendingCase.objects.exists()
    assert SummaryCell.objects.get(office=offices.guangxi, figure="accepted", month=march,
                                   dim="").n == 1
    other = driver.file()
    assert PendingCase.objects.filter(case_id=other.pk).exists()
    total = build_report(offices.guangxi, march, date(2026, 3, 31)).summary.total.cells
    assert (total["received"].value, total["accepted"].value) == (2, 1)
    assert not PendingCase.objects.exists()
    incremental = _cells()
    summary.rebuild()
    assert _cells() == incremental


def test_a_statistics_request_counts_a_bounded_share_of_the_changes(  # type: ignore[no-untyped-def]
        driver, offices, personas, client) -> None:
    """A GET of the statistics counts at most REQUEST_DRAIN changed cases before it reads
    (the worker does the rest) and then says the figures are behind; once everything is
    counted the note goes."""
    march = date(2026, 3, 1)
    cases = [driver.file() for _ in range(3)]
    marks = PendingCase.objects.count()  # a case's filing marks it more than once
    assert marks > 4
    client.force_login(personas.head)
    url = f"/statistics/?office={offices.nanning.pk}&start=2026-03-01&end=2026-03-31"
    with mock.patch("stats.selectors.REQUEST_DRAIN", 4):
        page = client.get(url)
    assert page.status_code == 200 and page.context["report"].behind
    assert PendingCase.objects.count() == marks - 4
    assert "仍在统计中" in page.content.decode()
    with mock.patch("stats.selectors.REQUEST_DRAIN", marks - 4):
        page = client.get(url)
    assert not page.context["report"].behind and not PendingCase.objects.exists()
    assert "仍在统计中" not in page.content.decode()
    total = build_report(offices.guangxi, march, date(2026, 3, 31)).summary.total.cells
    assert total["received"].value == len(cases)


def test_a_transfer_moves_the_case_between_subtrees(offices, personas, calendar_2026) -> None:  # type: ignore[no-untyped-def]
    case = Case.objects.create(office=offices.qingxiu, year=2026, sequence=1,
                               number="青〔2026〕1号", workflow="ruling", title="纠纷",
                               received_on=date(2026, 2, 3))
    RulingCase.objects.create(case=case, state="accepted", accepted_on=date(2026, 2, 5))
    summary.refresh([case.pk])
    assert (_n(offices.qingxiu, "received"), _n(offices.nanning, "received"),
            _n(offices.liuzhou, "received"), _n(offices.guangxi, "received")) == (1, 1, 0, 1)
    case.office = offices.liuzhou
    case.save(update_fields=["office"])
    record_event(case, actor=personas.admin, kind=EventKind.CHANGE, name="transferred_in")
    assert (_n(offices.qingxiu, "received"), _n(offices.nanning, "received"),
            _n(offices.liuzhou, "received"), _n(offices.guangxi, "received")) == (0, 0, 1, 1)
    offices_table = next(t for t in build_report(offices.guangxi, date(2026, 2, 1),
                                                 date(2026, 2, 28)).tables
                         if t.key == "office")
    assert {r.key: r.cells["received"].value for r in offices_table.rows} == {
        str(offices.liuzhou.pk): 1}


def test_periods_crossing_a_case(offices, personas, calendar_2026) -> None:  # type: ignore[no-untyped-def]
    """Received in January, closed in March: open at the end of January and February,
    closed in March, and over January to March received, closed and not open."""
    case = Case.objects.create(office=offices.nanning, year=2026, sequence=1,
                               number="南〔2026〕1号", workflow="ruling", title="纠纷",
                               received_on=date(2026, 1, 20), closed_on=date(2026, 3, 5))
    RulingCase.objects.create(case=case, state="withdrawn")
    summary.refresh([case.pk])
    expect = {(1, 1): (1, 0, 1), (2, 2): (0, 0, 1), (3, 3): (0, 1, 0), (1, 3): (1, 1, 0),
              (12, 12): (0, 0, 0)}
    for (first, last), figures in expect.items():
        start = date(2025 if first == 12 else 2026, first, 1)
        end = _month_end(date(2025 if last == 12 else 2026, last, 1))
        total = build_report(offices.guangxi, start, end).summary.total.cells
        assert (total["received"].value, total["closed"].value,
                total["open"].value) == figures, (first, last)
        _agrees(offices.guangxi, start, end, personas.admin)


def _running_clocks(case: Case, rule: DeadlineRule, rnd: random.Random) -> None:
    """An open case's clocks: an officer's clock due in the past or the future (overdue
    now or not), sometimes a paused one or a parties' period past its end (neither is
    overdue work)."""
    now = timezone.now()
    for code, status in (("ruling.overall_limit", "open"), ("ruling.hearing_notice", "open"),
                         ("ruling.answer_period", "open"), ("ruling.extension", "paused")):
        if rnd.random() < 0.5:
            continue
        due_at = now + timedelta(hours=rnd.randrange(-24 * 200, 24 * 60))
        Deadline.objects.create(case=case, rule=rule, code=code, started_at=due_at - timedelta(
            days=30), due_on=timezone.localdate(due_at), due_at=due_at, status=status)


def test_summary_equals_direct_aggregation_on_random_data(  # type: ignore[no-untyped-def]
        offices, personas, calendar_2026, deadline_rules) -> None:
    rnd = random.Random(16)
    units = [offices.guangxi, offices.nanning, offices.qingxiu, offices.liuzhou]
    officers = [None, personas.officer, personas.officer2, personas.county_officer]
    rights = [PatentFactory(office=offices.nanning), TrademarkFactory(office=offices.nanning)]
    rule = DeadlineRule.objects.filter(code="ruling.overall_limit").first()
    dispute = DisputeType.objects.create(code="random-test", name="专利侵权纠纷",
                                         legal_basis="专利法")
    ids = []
    for i in range(60):
        received = date(2025, 10, 1) + timedelta(days=rnd.randrange(0, 270))
        closed = (received + timedelta(days=rnd.randrange(0, 120))
                  if rnd.random() < 0.6 else None)
        workflow = "ruling" if i % 4 else "mediation"
        case = Case.objects.create(
            office=rnd.choice(units), year=received.year, sequence=i + 1,
            number=f"随〔{received.year}〕{i + 1}号", workflow=workflow, title="纠纷",
            received_on=received, closed_on=closed, officer_in_charge=rnd.choice(officers))
        case.rights.set(rnd.sample(rights, rnd.randrange(0, 3)))
        accepted = received + timedelta(days=rnd.randrange(0, 10))
        if workflow == "ruling":
            decided = closed - timedelta(days=2) if closed and rnd.random() < 0.7 else None
            RulingCase.objects.create(
                case=case, state=rnd.choice(["closed", "withdrawn", "rejected"]) if closed
                else "investigation", accepted_on=accepted, decided_on=decided,
                outcome=rnd.choice(["infringement_found", "dismissed"]) if decided else "",
                platform=rnd.choice(["淘宝", "京东", ""]),
                infringing_acts=rnd.sample(["make", "sell", "offer"], rnd.randrange(0, 3)))
            if closed and rule is not None:
                due = accepted + timedelta(days=60)
                Deadline.objects.create(
                    case=case, rule=rule, code=rule.code, started_at=datetime(
                        2025, 1, 1, tzinfo=SHANGHAI), due_on=due,
                    due_at=datetime(due.year, due.month, due.day, 23, 59, tzinfo=SHANGHAI),
                    status="met" if closed <= due else "missed")
            elif rule is not None:
                _running_clocks(case, rule, rnd)
            if rnd.random() < 0.3:
                at = datetime(accepted.year, accepted.month, accepted.day, 10,
                              tzinfo=SHANGHAI)
                with mock.patch("django.utils.timezone.now", return_value=at):
                    CaseEvent.objects.create(case=case, kind=EventKind.TRANSITION,
                                             name="suspend")
        else:
            settled = closed is not None and rnd.random() < 0.5
            MediationCase.objects.create(
                case=case, state="performed" if settled else (
                    "unsuccessful" if closed else "in_session"),
                dispute_type=dispute, requested_on=received, accepted_on=accepted,
                outcome="settled" if settled else ("failed" if closed else ""),
                agreed_on=closed - timedelta(days=1) if settled else None,
                amount_agreed=Decimal(1000 * rnd.randrange(1, 9)) if settled else None,
                amount_performed=Decimal(500) if settled else Decimal(0))
        ids.append(case.pk)
    # A case whose first officer's clock fell due earlier today: overdue now, counted on
    # the cases (the summary keeps the days before today).
    today = ids[1]
    Case.objects.filter(pk=today).update(closed_on=None)
    Deadline.objects.filter(case_id=today).delete()
    earlier = max(timezone.now() - timedelta(minutes=1), timezone.make_aware(
        datetime.combine(timezone.localdate(), datetime.min.time())))
    Deadline.objects.create(case_id=today, rule=rule, code="ruling.overall_limit",
                            started_at=earlier - timedelta(days=30), due_on=earlier.date(),
                            due_at=earlier, status="open")
    # Counted case by case (as transitions do), then rebuilt: the same cells.
    summary.refresh(ids)
    incremental = _cells()
    summary.rebuild()
    assert _cells() == incremental
    overdue = build_report(offices.guangxi, date(2026, 1, 1), date(2026, 1, 31)).summary
    assert overdue.total.cells["overdue"].value == Case.objects.filter(overdue_q()).count() > 2
    checked = 0
    for start, end in ((date(2025, 10, 1), date(2026, 6, 30)),
                       (date(2026, 1, 1), date(2026, 3, 31)),
                       (date(2025, 12, 1), date(2025, 12, 31)),
                       (date(2026, 5, 1), date(2026, 11, 30))):
        for office in units:
            checked += _agrees(office, start, end, personas.admin)
    assert checked > 500


def test_a_clock_moved_outside_a_transition_moves_the_overdue_day(  # type: ignore[no-untyped-def]
        offices, personas, calendar_2026, deadline_rules) -> None:
    """A clock recomputed on a newly entered calendar (saved, not through a transition)
    refreshes its case: overdue now follows it."""
    case = Case.objects.create(office=offices.qingxiu, year=2026, sequence=1,
                               number="青〔2026〕1号", workflow="ruling", title="纠纷",
                               received_on=date(2026, 2, 3))
    RulingCase.objects.create(case=case, state="investigation", accepted_on=date(2026, 2, 5))
    rule = DeadlineRule.objects.get(code="ruling.overall_limit")
    due_at = timezone.now() + timedelta(days=3)
    clock = Deadline.objects.create(case=case, rule=rule, code=rule.code,
                                    started_at=due_at - timedelta(days=90),
                                    due_on=timezone.localdate(due_at), due_at=due_at)
    summary.refresh([case.pk])
    period = (date(2026, 2, 1), date(2026, 2, 28))
    assert build_report(offices.guangxi, *period).summary.total.cells["overdue"].value == 0
    clock.due_at -= timedelta(days=10)
    clock.due_on = timezone.localdate(clock.due_at)
    clock.save(update_fields=["due_on", "due_at"])
    assert _n(offices.guangxi, "overdue", timezone.localdate(clock.due_at)) == 1
    assert build_report(offices.guangxi, *period).summary.total.cells["overdue"].value == 1
    _agrees(offices.guangxi, *period, personas.admin)


def test_findings_follow_the_cases_and_the_parties(offices, personas) -> None:  # type: ignore[no-untyped-def]
    """The findings the repeat-infringer check reads are kept on each change: a second
    finding makes a repeat infringer, a finding undone or a party's identifier corrected
    moves them, and the rebuild gives the same."""
    from cases.models import Party
    from cases.services.parties import update_party
    from stats.models import Finding, RepeatIdentifier
    from stats.repeat import repeat_infringers_in
    from stats.tasks import drain_summary
    from stats.tests.fixture import REPEAT_USCC, _respondent, _ruling

    other = make_uscc(780)
    cases = []
    for i, office in enumerate((offices.nanning, offices.liuzhou)):
        case = _ruling(office, date(2025, 3, 1 + i), "closed", closed=date(2025, 8, 1),
                       outcome="infringement_found", decided_on=date(2025, 6, 1 + i))
        _respondent(case, REPEAT_USCC, f"某某公司{i}")
        cases.append(case)
    summary.refresh([cases[0].pk])
    assert repeat_infringers_in([REPEAT_USCC]) == {}
    summary.refresh([cases[1].pk])
    assert [f.case_id for f in repeat_infringers_in([REPEAT_USCC])[REPEAT_USCC].newest] == [
        cases[1].pk, cases[0].pk]
    RulingCase.objects.filter(pk=cases[1].pk).update(outcome="dismissed")
    summary.refresh([cases[1].pk])
    assert repeat_infringers_in([REPEAT_USCC]) == {}
    RulingCase.objects.filter(pk=cases[1].pk).update(outcome="infringement_found")
    summary.refresh([cases[1].pk])
    party = Party.objects.get(office=offices.liuzhou, id_number=REPEAT_USCC)
    update_party(party=party, actor=personas.admin, id_number=other)
    assert drain_summary.apply().get() == 1  # the catch-up counts the party's finding again
    assert repeat_infringers_in([REPEAT_USCC, other]) == {}
    assert set(Finding.objects.values_list("id_number", flat=True)) == {REPEAT_USCC, other}
    kept = (set(Finding.objects.values_list("case_id", "id_number", "on")),
            set(RepeatIdentifier.objects.values_list("id_number", "nth_on")))
    summary.rebuild()
    assert (set(Finding.objects.values_list("case_id", "id_number", "on")),
            set(RepeatIdentifier.objects.values_list("id_number", "nth_on"))) == kept


def test_received_against_a_repeat_infringer_on_its_day(offices, personas) -> None:  # type: ignore[no-untyped-def]
    """A case counts "against a repeat infringer" when, on the day it was received, a
    respondent had two findings in other cases within the window ending that day: a later
    finding does not change an earlier month's figure; a finding undone does. The
    incremental path (the findings first counted in the same batch as the cases) and the
    rebuild agree."""
    from stats.models import RepeatCase
    from stats.tests.fixture import _respondent, _ruling

    r = make_uscc(790)
    nn = offices.nanning

    def ruling(received: date, decided: date | None = None) -> Case:
        case = (_ruling(nn, received, "closed", closed=decided, outcome="infringement_found",
                        decided_on=decided) if decided
                else _ruling(nn, received, "investigation"))
        _respondent(case, r, "重复某公司")
        return case

    x0 = ruling(date(2020, 3, 1), date(2020, 6, 1))  # outside the window of Y and Z
    x1 = ruling(date(2025, 3, 1), date(2025, 6, 1))
    y = ruling(date(2026, 1, 10))  # one finding in its window (X1): not counted
    x2 = ruling(date(2025, 9, 1), date(2026, 2, 1))
    z = ruling(date(2026, 2, 20))  # X1 and X2 before it: counted
    w = ruling(date(2026, 2, 1))  # X2 found that very day: counted (the check showed it)
    cases = [x0, x1, y, x2, z, w]
    summary.refresh([c.pk for c in cases])
    summary.drain()  # the cases against R received since its findings, counted again
    assert set(RepeatCase.objects.values_list("case_id", flat=True)) == {z.pk, w.pk}
    assert _n(nn, "repeat", date(2026, 2, 1)) == 2 and _n(nn, "repeat") == 2
    report = build_report(nn, date(2026, 1, 1), date(2026, 3, 31))
    assert report.summary.total.cells["repeat"].value == 2
    _agrees(nn, date(2026, 1, 1), date(2026, 3, 31), personas.admin)
    kept = _cells()
    summary.rebuild()
    assert set(RepeatCase.objects.values_list("case_id", flat=True)) == {z.pk, w.pk}
    assert _cells() == kept
    # A third finding, after Y was received: Y's month does not change.
    x3 = ruling(date(2025, 11, 1), date(2026, 3, 5))
    summary.refresh([x3.pk])
    summary.drain()
    assert set(RepeatCase.objects.values_list("case_id", flat=True)) == {z.pk, w.pk}
    # X2's finding undone (the ruling set aside): Z and W had one finding on their day.
    RulingCase.objects.filter(pk=x2.pk).update(outcome="dismissed")
    summary.refresh([x2.pk])
    summary.drain()
    assert not RepeatCase.objects.exists() and _n(nn, "repeat") == 0
    kept = _cells()
    summary.rebuild()
    assert _cells() == kept and not RepeatCase.objects.exists()
