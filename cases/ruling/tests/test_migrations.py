"""The case-kernel migrations (cases 0003, ruling 0001, cases 0004) move the ruling cases of
a database written before them onto the generic header and ``RulingCase`` without losing
anything: every ruling column, the panel (now assignments), the clocks, the timeline, the
parties and the patents."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

SHANGHAI = ZoneInfo("Asia/Shanghai")
BEFORE = [("cases", "0002_attachments"), ("ruling", None)]
COPIED: list[str] = import_module("cases.ruling.migrations.0001_initial").COPIED
HEADER = ["office_id", "year", "sequence", "number", "title", "received_on",
          "officer_in_charge_id", "closed_on", "created_by_id"]


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    """Migrate to ``targets``; the historical apps at that point."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest() -> list[tuple[str, str | None]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


AMOUNT_KEPT = "0003_hearing_attendance"


def _with_amount() -> list[tuple[str, str | None]]:
    """Every app at its latest migration, the ruling just before "amount claimed" went."""
    return [(app, AMOUNT_KEPT if app == "ruling" else name) for app, name in _latest()]


def _old_cases(old: Any) -> list[int]:
    """Ruling cases as the demo data has them, in the schema before the kernel."""
    Office = old.get_model("cases", "Office")
    User = old.get_model("cases", "User")
    Party = old.get_model("cases", "Party")
    IPRight = old.get_model("cases", "IPRight")
    Case = old.get_model("cases", "Case")
    CaseParty = old.get_model("cases", "CaseParty")
    PanelMember = old.get_model("cases", "PanelMember")
    Deadline = old.get_model("cases", "Deadline")
    DeadlineRule = old.get_model("cases", "DeadlineRule")
    CaseEvent = old.get_model("cases", "CaseEvent")

    office = Office.objects.create(name="南宁市知识产权局", short_name="南宁局", level="city",
                                   region_code="450100", region_name="南宁市", path="450100/")
    officer, second, third, legal = (
        User.objects.create(username=name, name=name, office=office)
        for name in ("nn_officer", "nn_officer2", "nn_officer3", "nn_legal"))
    requester = Party.objects.create(kind="legal_person", name="南宁绿源科技有限公司",
                                     office=office)
    respondent = Party.objects.create(kind="legal_person", name="广西某电器厂", office=office)
    patent = IPRight.objects.create(kind="invention_patent", number="ZL202010123456.7",
                                    title="一种节能灯", office=office)
    rule = DeadlineRule.objects.create(code="ruling.answer_period", workflow="ruling",
                                       name="答辩期", amount=15, unit="days",
                                       legal_basis="专利行政执法办法",
                                       effective_from=date(2020, 1, 1))
    ids = []
    for sequence, (state, extra) in enumerate([
        ("received", {}),
        ("awaiting_answer", {"accepted_on": date(2026, 3, 5), "is_simple": False,
                             "respondent_served_on": date(2026, 3, 9),
                             "respondent_service_method": "direct",
                             "answer_due_on": date(2026, 3, 24)}),
        ("pending_approval", {"accepted_on": date(2026, 2, 2), "draft_outcome":
                              "infringement_found", "draft_order_text": "立即停止制造、销售。",
                              "findings": "落入保护范围。", "reasoning": "全面覆盖原则。",
                              "legal_review_passed": True, "legal_review_opinion": "同意。",
                              "legal_reviewer": legal,
                              "hearing_at": datetime(2026, 2, 20, 9, 30, tzinfo=SHANGHAI),
                              "hearing_place": "第一审理庭", "respondent_absent": True}),
        ("suspended", {"accepted_on": date(2026, 1, 5), "state_before_suspension":
                       "investigation", "suspension_reason": "无效宣告请求已受理。",
                       "time_limit_extended": True}),
        ("closed", {"accepted_on": date(2025, 10, 8), "outcome": "infringement_found",
                    "order_text": "停止侵权。", "decided_on": date(2025, 12, 1),
                    "ruling_served_on": date(2025, 12, 3),
                    "suit_period_ends_on": date(2025, 12, 18),
                    "effective_on": date(2025, 12, 19), "closing_summary": "已执行完毕。",
                    "closed_on": date(2026, 1, 20), "litigation_result": "upheld"}),
    ], start=1):
        case = Case.objects.create(
            office=office, year=2026, sequence=sequence, number=f"南知案字〔2026〕{sequence}号",
            title="专利侵权纠纷", state=state, received_on=date(2026, 1, sequence),
            officer_in_charge=officer, created_by=officer,
            accused_products=["节能灯 A1", "节能灯 B2"], infringing_acts=["make", "sell"],
            sales_channel="online", platform="某电商平台", infringement_place="南宁市",
            infringement_region_code="450100", product_category="照明",
            amount_claimed=Decimal("123456.78"), requester_claims="停止侵权。",
            facts="被请求人制造销售。", court_suit_pending=False,
            acceptance_checklist={"within_jurisdiction": True, "no_court_suit": True},
            correction_items=["补充证据"] if state == "received" else [], **extra)
        case.rights.add(patent)
        CaseParty.objects.create(case=case, party=requester, role="requester")
        CaseParty.objects.create(case=case, party=respondent, role="respondent")
        if state != "received":
            PanelMember.objects.create(case=case, user=officer, role="presiding")
            PanelMember.objects.create(case=case, user=second, role="member")
            PanelMember.objects.create(case=case, user=third, role="member")
        started = datetime(2026, 3, 9, tzinfo=SHANGHAI)
        Deadline.objects.create(case=case, rule=rule, code="ruling.answer_period",
                                started_at=started, due_on=date(2026, 3, 24),
                                due_at=datetime(2026, 3, 24, 23, 59, tzinfo=SHANGHAI))
        CaseEvent.objects.create(case=case, actor=officer, kind="created", name="create",
                                 to_state="received", payload={"number": case.number})
        ids.append(case.pk)
    return ids


@pytest.mark.django_db(transaction=True)
def test_migrating_a_database_of_ruling_cases_loses_nothing():
    old = _migrate(BEFORE)
    ids = _old_cases(old)
    Case = old.get_model("cases", "Case")
    before = {row["id"]: row for row in Case.objects.values("id", *HEADER, *COPIED)}
    panels = {pk: sorted(old.get_model("cases", "PanelMember").objects.filter(case_id=pk)
                         .values_list("user_id", "role")) for pk in ids}
    counts = {name: old.get_model("cases", name).objects.count()
              for name in ("CaseParty", "Deadline", "CaseEvent")}
    rights = sorted(Case.rights.through.objects.values_list("case_id", "ipright_id"))

    # A bare link to a mediation no code ever wrote would be lost: the migration stops.
    Case.objects.filter(pk=ids[0]).update(mediation_reference=7)
    with pytest.raises(RuntimeError, match="mediation/referral reference"):
        _migrate(_latest())
    Case.objects.filter(pk=ids[0]).update(mediation_reference=None)

    new = _migrate(_with_amount())
    NewCase = new.get_model("cases", "Case")
    RulingCase = new.get_model("ruling", "RulingCase")
    assert set(NewCase.objects.values_list("workflow", flat=True)) == {"ruling"}
    after_header = {row["id"]: row for row in NewCase.objects.values("id", *HEADER)}
    after_ruling = {row["case_id"]: row for row in RulingCase.objects.values("case_id",
                                                                             *COPIED)}
    assert sorted(after_ruling) == sorted(ids)
    for pk, row in before.items():
        assert after_header[pk] == {"id": pk, **{f: row[f] for f in HEADER}}
        assert after_ruling[pk] == {"case_id": pk, **{f: row[f] for f in COPIED}}
    assert {pk: sorted(new.get_model("cases", "CaseAssignment").objects.filter(case_id=pk)
                       .values_list("user_id", "role")) for pk in ids} == panels
    assert {name: new.get_model("cases", name).objects.count() for name in counts} == counts
    assert sorted(NewCase.rights.through.objects.values_list("case_id", "ipright_id")) == rights
    # The due dates that left the case row are in its Deadline rows.
    assert set(new.get_model("cases", "Deadline").objects.filter(
        code="ruling.answer_period").values_list("due_on", flat=True)) == {date(2026, 3, 24)}

    # And back: the reverse migration puts every column where it was.
    old = _migrate(BEFORE)
    again = {row["id"]: row for row in old.get_model("cases", "Case").objects.values(
        "id", *HEADER, *COPIED)}
    for pk, row in before.items():
        assert {f: again[pk][f] for f in (*HEADER, *COPIED)} == {
            f: row[f] for f in (*HEADER, *COPIED)}
    _migrate(_latest())


@pytest.mark.django_db(transaction=True)
def test_the_amount_claimed_of_a_ruling_request_stays_in_its_claims():
    """Issue 15: a ruling awards no damages, the column goes; an amount recorded before is
    kept in words at the end of the claims, and comes back if the migration is reversed."""
    old = _migrate(BEFORE)
    ids = _old_cases(old)
    mid = _migrate(_with_amount())
    RulingCase = mid.get_model("ruling", "RulingCase")
    RulingCase.objects.filter(case_id=ids[1]).update(amount_claimed=None)
    RulingCase.objects.filter(case_id=ids[2]).update(requester_claims="")
    new = _migrate(_latest())
    claims = dict(new.get_model("ruling", "RulingCase").objects.values_list(
        "case_id", "requester_claims"))
    assert claims[ids[0]] == "停止侵权。\n请求金额：123456.78元"
    assert claims[ids[1]] == "停止侵权。"
    assert claims[ids[2]] == "请求金额：123456.78元"
    back = _migrate(_with_amount())
    rows = {r["case_id"]: r for r in back.get_model("ruling", "RulingCase").objects.values(
        "case_id", "amount_claimed", "requester_claims")}
    assert rows[ids[0]]["amount_claimed"] == Decimal("123456.78")
    assert rows[ids[0]]["requester_claims"] == "停止侵权。"
    assert rows[ids[1]]["amount_claimed"] is None
    _migrate(_latest())
