"""Complaints, referrals to public security and transfers in every stage, for each demo
office, created through the services like the ruling cases.

The matters over a criminal threshold are dated in spring 2025: the seeded thresholds
(法释〔2004〕19号 and later) ended on 2025-04-25, and the figures of 法释〔2025〕5号 are
entered by an administrator once verified, so a matter received today is judged by no
rule yet (the referral dashboard says so).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cases.complaints.services import ComplaintRequest, register_complaint
from cases.demo.parties import OfficeDirectory
from cases.demo.people import OfficeStaff
from cases.models import Case, DocumentKind, Office, Role, User
from cases.referral.seeds import seed_threshold_rules
from cases.referral.services import waive_flag
from cases.services.runner import perform_transition
from documents.services import generate_document, issue_document, seed_default_templates

# Referral stages and the actions that reach them from a new referral.
REFERRAL_STAGES: dict[str, list[str]] = {
    "drafting": [],
    "pending_approval": ["submit_report"],
    "rejected": ["submit_report", "reject"],
    "approved": ["submit_report", "approve"],
    "sent": ["submit_report", "approve", "send"],
    "with_police": ["submit_report", "approve", "send", "record_receipt"],
    "filed": ["submit_report", "approve", "send", "record_receipt", "record_filed"],
    "not_filed": ["submit_report", "approve", "send", "record_receipt", "record_not_filed"],
    "reconsideration": ["submit_report", "approve", "send", "record_receipt",
                        "record_not_filed", "request_reconsideration"],
    "supervision": ["submit_report", "approve", "send", "record_receipt", "record_not_filed",
                    "request_supervision"],
    "closed": ["submit_report", "approve", "send", "record_receipt", "record_filed",
               "hand_over_exhibits"],
}
# How each stage reads in a demo case's title.
STAGE_TITLES: dict[str, str] = {
    "drafting": "起草移送报告", "pending_approval": "待负责人审批", "rejected": "不予移送",
    "approved": "已批准待移送", "sent": "已移送待签收", "with_police": "公安机关审查中",
    "filed": "公安机关已立案", "not_filed": "公安机关不予立案", "reconsideration": "提请复议中",
    "supervision": "检察监督中", "closed": "涉案物品已移交",
}
# A Monday before the 2025 interpretation took effect.
SPRING_2025 = date(2025, 3, 3)


def _at(day: date, hour: int) -> str:
    return datetime.combine(day, time(hour)).strftime("%Y-%m-%d %H:%M")


def _fields(name: str, day: date, staff: OfficeStaff, police: str) -> dict[str, Any]:
    on = day.isoformat()
    fields: dict[str, dict[str, Any]] = {
        "submit_report": {"report": "当事人涉嫌假冒注册商标，非法经营数额已达追诉标准。", "on": on},
        "approve": {"at": _at(day, 10)},
        "reject": {"reason": "现有证据尚不足以认定涉嫌犯罪，继续行政调查。", "on": on},
        "send": {"at": _at(day, 15), "police_bureau": police,
                 # What was sent for each item, as the form asks (not its name again).
                 "package_transfer_letter": "正本1份",
                 "package_investigation_report": "1份，共12页",
                 "package_seized_items": "1份（假冒注册商标白酒80箱、包装标识2000套）",
                 "package_appraisal": "商标权利人出具的鉴定意见"},
        "record_receipt": {"at": _at(day, 17), "signed_by": "值班民警",
                           "filing_period": "economic"},
        "record_filed": {"on": on, "police_case_number": f"{police}立字〔2025〕{day.day}号"},
        "record_not_filed": {"on": on, "reason": "没有犯罪事实（公安机关认为）"},
        "request_reconsideration": {"on": on},
        "request_supervision": {"on": on, "procuratorate": police.replace("公安局", "人民检察院")},
        "hand_over_exhibits": {"on": on, "items": "假冒注册商标白酒 80箱\n包装标识 2000套"},
        "refer_to_police": {"on": on, "offence": "213", "suspicion": "非法经营数额超过五万元",
                            "task_force": [staff.officer.pk, staff.officer2.pk]},
        "not_accept": {"on": on, "reason": "经核查，所反映的侵权行为不存在。"},
        "record_reply": {"replied_on": on, "method": "letter", "summary": "已书面告知核查结果。"},
        "transfer_matter": {"on": on},
        "close": {"on": on},
        "open_mediation": {"on": on, "reason": "双方同意就停止销售及赔偿事宜进行调解。"},
    }
    return fields[name]


def _actor(name: str, staff: OfficeStaff) -> Any:
    return staff.head if name in {"approve", "reject"} else staff.officer


def _complaint(staff: OfficeStaff, directory: OfficeDirectory, title: str, received: date,
               *, turnover: int | None, named: bool, kind: str = "tip_off") -> Case:
    figures: dict[str, Decimal | int | None] = (
        {"illegal_turnover": Decimal(turnover)} if turnover else {})
    complainant = directory.companies[0] if named else None
    return register_complaint(actor=staff.officer, request=ComplaintRequest(
        kind=kind, channel="12345" if named else "online", received_on=received,
        title=title, accused_party=directory.companies[-1],
        facts="门店及网店销售假冒注册商标的商品。", rights=directory.trademarks[:1],
        anonymous=not named, complainant_name=complainant.name if complainant else "",
        complainant_party=complainant, figures=figures))


def _act(case: Case, name: str, staff: OfficeStaff, day: date, police: str,
         **extra: Any) -> None:
    if case.workflow == "referral" and name == "send":
        # The 涉嫌犯罪案件移送书 is what is sent: issued first, on the day it is sent.
        seed_default_templates()
        letter = generate_document(case=case, kind=DocumentKind.REFERRAL_LETTER,
                                   actor=staff.officer)
        issue_document(document=letter, actor=staff.officer, on=day)
    perform_transition(case_id=case.pk, actor=_actor(name, staff), name=name,
                       data={**_fields(name, day, staff, police), **extra})


def ensure_referral_demo(staff: OfficeStaff, directory: OfficeDirectory, receiver: Office,
                         counts: dict[str, int]) -> None:
    """Complaints in each state, a referral in every stage and transfers both ways
    (``receiver``: the other demo office); what exists already (same title) is skipped."""
    seed_threshold_rules()
    city = staff.office.region_name or staff.office.name
    police = f"{city}公安局"
    today = timezone.localdate()

    def once(title: str, build: Any) -> None:
        # A matter transferred and accepted now belongs to the receiving office.
        if Case.objects.filter(Q(office=staff.office) | Q(created_by__office=staff.office),
                               title=title).exists():
            return
        with transaction.atomic():
            build(title)
        counts["complaints and referrals"] += 1

    def flagged(title: str) -> None:
        _complaint(staff, directory, title, SPRING_2025, turnover=86_000, named=False)

    def not_accepted(title: str) -> None:
        case = _complaint(staff, directory, title, today - timedelta(days=3), turnover=None,
                          named=True, kind="complaint")
        _act(case, "not_accept", staff, today - timedelta(days=1), police)

    def answered(title: str) -> None:
        case = _complaint(staff, directory, title, today - timedelta(days=10), turnover=None,
                          named=True, kind="complaint")
        _act(case, "not_accept", staff, today - timedelta(days=8), police)
        _act(case, "record_reply", staff, today - timedelta(days=7), police)

    def referral(stage: str) -> Any:
        def build(title: str) -> None:
            day = SPRING_2025
            origin = _complaint(staff, directory, title, day, turnover=120_000, named=False)
            _act(origin, "refer_to_police", staff, day, police)
            case = Case.objects.get(origin=origin)
            for step in REFERRAL_STAGES[stage]:
                if step in {"record_filed", "record_not_filed", "hand_over_exhibits",
                            "request_reconsideration", "request_supervision"}:
                    day += timedelta(days=1)
                _act(case, step, staff, day, police)
        return build

    def transfer_out(title: str) -> None:
        origin = _complaint(staff, directory, title, today - timedelta(days=2), turnover=None,
                            named=True, kind="complaint")
        _act(origin, "transfer_matter", staff, today - timedelta(days=1), police,
             target_office=receiver.pk, target_authority="",
             reason=f"被投诉人住所地和侵权行为地均在{receiver.region_name}")
        perform_transition(case_id=Case.objects.get(origin=origin).pk, actor=staff.officer,
                           name="send", data={"on": today.isoformat()})

    def transfer_outside(title: str) -> None:
        origin = _complaint(staff, directory, title, today - timedelta(days=4), turnover=None,
                            named=True, kind="complaint")
        _act(origin, "transfer_matter", staff, today - timedelta(days=3), police,
             target_authority=f"{city}市场监督管理局", reason="属于商标行政执法事项")
        transfer = Case.objects.get(origin=origin)
        perform_transition(case_id=transfer.pk, actor=staff.officer, name="send",
                           data={"on": (today - timedelta(days=2)).isoformat()})
        perform_transition(case_id=transfer.pk, actor=staff.officer, name="record_receipt",
                           data={"on": today.isoformat(), "signed_by": "收发室"})

    def waived(title: str) -> None:
        case = _complaint(staff, directory, title, SPRING_2025, turnover=60_000, named=False)
        waive_flag(case_id=case.pk, actor=staff.head,
                   reason="经现场核查，账册记载的经营数额含正品销售，侵权商品数额未达追诉标准。")
        _act(case, "not_accept", staff, SPRING_2025 + timedelta(days=2), police,
             reason="侵权商品数额未达追诉标准，转入行政处罚程序。")
        _act(case, "close", staff, SPRING_2025 + timedelta(days=2), police)

    def mediation(title: str) -> None:
        case = _complaint(staff, directory, title, today - timedelta(days=5), turnover=None,
                          named=True, kind="complaint")
        _act(case, "open_mediation", staff, today - timedelta(days=4), police)

    def transfer_accepted(title: str) -> None:
        origin = _complaint(staff, directory, title, today - timedelta(days=6), turnover=None,
                            named=True, kind="complaint")
        _act(origin, "transfer_matter", staff, today - timedelta(days=5), police,
             target_office=receiver.pk, target_authority="",
             reason=f"侵权商品的生产地在{receiver.region_name}")
        transfer = Case.objects.get(origin=origin)
        perform_transition(case_id=transfer.pk, actor=staff.officer, name="send",
                           data={"on": (today - timedelta(days=5)).isoformat()})
        accepting = User.objects.filter(office=receiver, groups__name=Role.OFFICER,
                                        is_active=True).order_by("username").first()
        if accepting is None:  # the other office has no officer: leave the transfer sent
            return
        perform_transition(case_id=transfer.pk, actor=accepting, name="accept",
                           data={"on": (today - timedelta(days=3)).isoformat()})

    once("举报：门店销售假冒注册商标白酒（待处理，达到追诉标准）", flagged)
    once("举报：超市销售假冒注册商标食用油（负责人决定不移送）", waived)
    once("投诉：商场专柜销售侵权商品（转行政调解）", mediation)
    once("投诉：网店销售侵权商品（不予受理，待答复）", not_accepted)
    once("投诉：展会销售侵权商品（已答复）", answered)
    for stage in REFERRAL_STAGES:
        once(f"举报：假冒注册商标案（{STAGE_TITLES[stage]}）", referral(stage))
    once(f"投诉：移交{receiver.short_name or receiver.name}的侵权事项", transfer_out)
    once(f"投诉：{receiver.short_name or receiver.name}已接收的移交事项", transfer_accepted)
    once("投诉：移交市场监管部门的商标侵权事项", transfer_outside)
