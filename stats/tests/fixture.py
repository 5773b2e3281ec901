"""A hand-counted set of cases for the statistics tests (see the expectations in
test_figures.py): cases crossing the period's edges, a suspension, an extension, an
overdue clock, a transfer between offices, mediations, and respondents identified by
credit code under varying names."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.utils import timezone

from cases.models import Case, CaseEvent, CaseParty, Deadline, DeadlineRule
from cases.models.events import EventKind
from cases.ruling.models import RulingCase
from mediation.models import MediationCase
from mediation.models.agreement import Agreement, AgreementTerm
from mediation.models.reference import DisputeType
from stats import summary
from tests.factories import PartyFactory, PatentFactory, TrademarkFactory, make_uscc

CHINA = ZoneInfo("Asia/Shanghai")
START, END = date(2026, 1, 1), date(2026, 6, 30)
REPEAT_USCC = make_uscc(777)
ONCE_USCC = make_uscc(778)
OLD_USCC = make_uscc(779)


@dataclass
class Fixture:
    cases: dict[str, Case] = field(default_factory=dict)


_seq = iter(range(1, 10_000))


def _case(office: Any, workflow: str, received: date, *, closed: date | None = None,
          officer: Any = None, rights: tuple[Any, ...] = ()) -> Case:
    n = next(_seq)
    case = Case.objects.create(office=office, year=received.year, sequence=n,
                               number=f"测试〔{received.year}〕{n}号", workflow=workflow,
                               title=f"测试案件{n}", received_on=received, closed_on=closed,
                               officer_in_charge=officer)
    if rights:
        case.rights.set(rights)
    return case


def _ruling(office: Any, received: date, state: str, **kw: Any) -> Case:
    header = {k: kw.pop(k) for k in ("closed", "officer", "rights") if k in kw}
    case = _case(office, "ruling", received, **header)
    RulingCase.objects.create(case=case, state=state, **kw)
    return case


def _respondent(case: Case, uscc: str, name: str) -> None:
    from cases.models import Party

    party = Party.objects.filter(office=case.office, id_number=uscc).first() or PartyFactory(
        office=case.office, id_number=uscc, name=name)
    CaseParty.objects.create(case=case, party=party, role="respondent")


def _event(case: Case, name: str, on: date) -> None:
    at = datetime(on.year, on.month, on.day, 10, 0, tzinfo=CHINA)
    with mock.patch("django.utils.timezone.now", return_value=at):
        CaseEvent.objects.create(case=case, kind=EventKind.TRANSITION, name=name)


def _clock(case: Case, code: str, status: str, due: date) -> None:
    rule = DeadlineRule.objects.filter(code=code).first()
    assert rule is not None, code
    due_at = datetime(due.year, due.month, due.day, 23, 59, tzinfo=CHINA)
    Deadline.objects.create(case=case, rule=rule, code=code, started_at=due_at - timedelta(
        days=60), due_on=due, due_at=due_at, status=status)


def build(offices: Any, personas: Any) -> Fixture:
    fx = Fixture()
    nn, qx, lz = offices.nanning, offices.qingxiu, offices.liuzhou
    patent, mark = PatentFactory(office=nn), TrademarkFactory(office=nn)
    c = fx.cases
    # A: received before the period, accepted, decided (infringement) and closed in it.
    c["A"] = _ruling(nn, date(2025, 12, 20), "closed", closed=date(2026, 3, 10),
                     officer=personas.officer, rights=(patent,), accepted_on=date(2026, 1, 5),
                     outcome="infringement_found", decided_on=date(2026, 3, 1),
                     platform="淘宝")
    _clock(c["A"], "ruling.overall_limit", "met", date(2026, 4, 1))
    _respondent(c["A"], REPEAT_USCC, "广西某某贸易有限公司")
    # B: received and accepted in the period, suspended, overdue now, against the repeat
    # infringer (registered under another name): received after A's finding, its second.
    c["B"] = _ruling(nn, date(2026, 3, 15), "investigation", officer=personas.officer2,
                     rights=(patent, mark), accepted_on=date(2026, 3, 17), platform="京东")
    _event(c["B"], "suspend", date(2026, 4, 1))
    _event(c["B"], "resume", date(2026, 4, 20))
    _clock(c["B"], "ruling.overall_limit", "open", date(2026, 5, 1))
    _respondent(c["B"], REPEAT_USCC, "广西某某贸易有限公司")
    # C: received in the period, not accepted after its end.
    c["C"] = _ruling(qx, date(2026, 6, 25), "rejected", closed=date(2026, 7, 5))
    # D: county case, decided (dismissed) late, extended, closed in the period.
    c["D"] = _ruling(qx, date(2026, 3, 1), "closed", closed=date(2026, 5, 20),
                     officer=personas.county_officer, rights=(mark,),
                     accepted_on=date(2026, 3, 2), outcome="dismissed",
                     decided_on=date(2026, 5, 1), time_limit_extended=True)
    _event(c["D"], "extend_time_limit", date(2026, 4, 1))
    _clock(c["D"], "ruling.overall_limit", "missed", date(2026, 4, 25))
    _respondent(c["D"], ONCE_USCC, "青秀某厂")
    # E: received after the period.
    c["E"] = _ruling(lz, date(2026, 7, 2), "received")
    # F: filed at the county, transferred to Liuzhou: counts for Liuzhou only.
    c["F"] = _ruling(lz, date(2026, 4, 1), "accepted", accepted_on=date(2026, 4, 2))
    # G: withdrawn in the period.
    c["G"] = _ruling(nn, date(2026, 1, 10), "withdrawn", closed=date(2026, 1, 20))
    # H: an older finding against the repeat infringer, at another office and name.
    c["H"] = _ruling(lz, date(2025, 3, 1), "closed", closed=date(2025, 8, 1),
                     outcome="infringement_found", decided_on=date(2025, 6, 1))
    _respondent(c["H"], REPEAT_USCC, "某某贸易（广西）公司")
    # I: a finding against OLD more than five years ago (outside the window).
    c["I"] = _ruling(lz, date(2020, 3, 1), "closed", closed=date(2020, 9, 1),
                     outcome="infringement_found", decided_on=date(2020, 6, 1))
    _respondent(c["I"], OLD_USCC, "旧某公司")
    # Mediations: M1 settled (with an undertaking to stop: an admission), M2 failed.
    dispute = DisputeType.objects.create(code="patent-infringement-test", name="专利侵权纠纷",
                                         legal_basis="专利法")
    c["M1"] = _case(nn, "mediation", date(2026, 2, 10))
    m1 = MediationCase.objects.create(
        case=c["M1"], state="performing", dispute_type=dispute, requested_on=date(2026, 2, 10),
        accepted_on=date(2026, 2, 12), outcome="settled", agreed_on=date(2026, 3, 1),
        amount_agreed=Decimal("10000.00"), amount_performed=Decimal("6000.00"))
    agreement = Agreement.objects.create(mediation=m1, number="调协〔2026〕1号", facts="事实",
                                         issues="争议焦点")
    _respondent(c["M1"], OLD_USCC, "旧某公司（新名）")
    from cases.models import Party

    AgreementTerm.objects.create(agreement=agreement, n=1, kind="cease",
                                 obligor=Party.objects.get(office=nn, id_number=OLD_USCC),
                                 description="停止销售侵权产品", due_on=date(2026, 3, 10))
    c["M2"] = _case(nn, "mediation", date(2026, 3, 1), closed=date(2026, 4, 1))
    MediationCase.objects.create(
        case=c["M2"], state="unsuccessful", dispute_type=dispute,
        requested_on=date(2026, 3, 1), accepted_on=date(2026, 3, 2), outcome="failed")
    assert timezone.now().date() > date(2026, 5, 1)  # B's clock is overdue
    # Made directly, not through the workflows: the summary is counted from them.
    summary.rebuild()
    return fx
