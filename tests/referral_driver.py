"""Drives complaints, referrals to public security and transfers through the services,
with every action's fields filled in, for the workflow tests and the demo data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from cases.complaints.services import ComplaintRequest, register_complaint
from cases.models import Case, Role
from cases.services.runner import perform_transition
from tests.factories import PartyFactory, PatentFactory, TrademarkFactory, UserFactory

if TYPE_CHECKING:
    from cases.models import Office, User

# The actions each workflow's state is reached by, from a new case.
REFERRAL_PATHS: dict[str, list[str]] = {
    "drafting": [],
    "pending_approval": ["submit_report"],
    "rejected": ["submit_report", "reject"],
    "approved": ["submit_report", "approve"],
    "sent": ["submit_report", "approve", "send"],
    "with_police": ["submit_report", "approve", "send", "record_receipt"],
    "filed": ["submit_report", "approve", "send", "record_receipt", "record_filed"],
    "not_filed": ["submit_report", "approve", "send", "record_receipt", "record_not_filed"],
    "reconsideration": ["submit_report", "approve", "send", "record_receipt", "record_not_filed",
                        "request_reconsideration"],
    "supervision": ["submit_report", "approve", "send", "record_receipt", "record_not_filed",
                    "request_supervision"],
    "closed": ["submit_report", "approve", "send", "record_receipt", "record_filed",
               "hand_over_exhibits"],
}
TRANSFER_KEYS = {"transfer:record_receipt", "transfer:send", "transfer:abandon"}
HEAD_ACTIONS = {"approve", "reject", "extend_verification"}
RECEIVER_ACTIONS = {"accept", "object"}


class Driver:
    def __init__(self, personas: Any, offices: Any) -> None:
        self.p = personas
        self.offices = offices
        self.superior_head = UserFactory(username="gx_head", name="蒙军",
                                         office=offices.guangxi, roles=[Role.HEAD])

    # --- data of each action ---------------------------------------------------------------

    def fields(self, case: Case, name: str) -> dict[str, Any]:
        today = timezone.localdate().isoformat()
        now = timezone.localtime().strftime("%Y-%m-%d %H:%M")
        return {
            # complaints
            "extend_verification": {"reason": "涉及多个销售点，需进一步核查"},
            "open_ruling": {"on": today},
            "open_mediation": {"on": today},
            "transfer_matter": {"on": today, "reason": "被投诉人住所地及侵权行为地均不在本辖区",
                         "target_authority": "南宁市市场监督管理局"},
            "refer_to_police": {"on": today, "offence": "213",
                                "suspicion": "非法经营数额超过追诉标准",
                                "task_force": [self.p.officer.pk, self.p.officer2.pk]},
            "not_accept": {"on": today, "reason": "所反映事项不属于知识产权侵权"},
            "record_reply": {"replied_on": today, "method": "letter",
                             "summary": "已告知处理结果"},
            "close": {"on": today},
            # referral to public security
            "submit_report": {"report": "经调查，当事人涉嫌假冒注册商标罪。", "on": today},
            "approve": {"at": now},
            "reject": {"reason": "证据不足，继续行政调查", "on": today},
            "send": {"at": now, "police_bureau": "南宁市公安局",
                     "package_transfer_letter": "涉嫌犯罪案件移送书",
                     "package_investigation_report": "调查报告",
                     "package_seized_items": "涉案物品清单"},
            "record_receipt": {"at": now, "signed_by": "韦警官", "filing_period": "ordinary"},
            "extend_filing_period": {"reason": "案情重大复杂"},
            "record_filed": {"on": today, "police_case_number": "南公（经）立字〔2026〕8号"},
            "record_not_filed": {"on": today, "reason": "证据不足"},
            "request_reconsideration": {"on": today},
            "record_reconsideration": {"on": today, "result": "filed",
                                       "police_case_number": "南公（经）立字〔2026〕9号"},
            "request_supervision": {"on": today, "procuratorate": "南宁市人民检察院"},
            "record_supervision_declined": {"result": "检察机关认为不立案理由成立"},
            "hand_over_exhibits": {"on": today, "items": "假冒商标白酒 120箱\n标识 3000张"},
            "finish": {"on": today, "summary": "公安机关不予立案，依法作出行政处罚"},
            # transfer
            "accept": {"on": today},
            "object": {"on": today, "objection": "本局对该案亦无管辖权"},
            "designate": {"on": today, "office": self.offices.liuzhou.pk,
                          "reason": "侵权行为地在柳州市"},
            "transfer:record_receipt": {"on": today, "signed_by": "收件人"},
            "transfer:send": {"on": today},
            "transfer:abandon": {"on": today},
        }[name]

    def actor_for(self, case: Case, name: str) -> User:
        if name in HEAD_ACTIONS:
            return self.p.head
        if case.workflow == "transfer":
            if name in RECEIVER_ACTIONS:
                return self.p.outsider
            if name == "designate":
                return self.superior_head
        return self.p.officer

    def issue_letter(self, case: Case) -> Any:
        """The 涉嫌犯罪案件移送书 is sent with the case: issue it first, unless it is."""
        from cases.models import DocumentKind, DocumentNumberPrefix
        from cases.referral.forms import issued_referral_letter
        from documents.services import generate_document, issue_document, seed_default_templates

        existing = issued_referral_letter(case)
        if existing is not None:
            return existing
        seed_default_templates()
        DocumentNumberPrefix.objects.get_or_create(
            office=case.office, kind=DocumentKind.REFERRAL_LETTER,
            defaults={"prefix": f"{(case.office.short_name or case.office.name)[:1]}知移字"})
        draft = generate_document(case=case, kind=DocumentKind.REFERRAL_LETTER,
                                  actor=self.p.officer)
        return issue_document(document=draft, actor=self.p.officer)

    def act(self, case: Case, name: str, actor: User | None = None, **data: Any) -> Case:
        if case.workflow == "referral" and name == "send":
            self.issue_letter(case)
        key = f"{case.workflow}:{name}"
        fields = {**self.fields(case, key if key in TRANSFER_KEYS else name), **data}
        return perform_transition(case_id=case.pk, actor=actor or self.actor_for(case, name),
                                  name=name, data=fields)

    # --- new cases -------------------------------------------------------------------------

    def complaint(self, *, kind: str = "complaint", anonymous: bool = False,
                  figures: dict[str, Any] | None = None, trademark: bool = True,
                  actor: User | None = None, received_on: date | None = None,
                  office: Office | None = None, accused: Any = None) -> Case:
        office = office or self.offices.nanning
        right = (TrademarkFactory(office=office) if trademark else PatentFactory(office=office))
        complainant = PartyFactory(name="广西壮乡食品有限公司")
        return register_complaint(actor=actor or self.p.officer, request=ComplaintRequest(
            kind=kind, channel="12345", received_on=received_on or timezone.localdate(),
            title="销售假冒“壮乡”商标白酒", accused_party=accused or PartyFactory(
                name="南宁市某某商贸有限公司"),
            facts="被投诉人在其门店销售假冒注册商标的白酒。", rights=[right],
            anonymous=anonymous, complainant_name="" if anonymous else complainant.name,
            complainant_party=None if anonymous else complainant,
            figures={k: Decimal(v) for k, v in (figures or {}).items()}))

    def referral(self, **complaint_kwargs: Any) -> Case:
        """A referral in its first state, opened from a complaint over the threshold."""
        origin = self.complaint(figures={"illegal_turnover": 80_000}, **complaint_kwargs)
        self.act(origin, "refer_to_police")
        return Case.objects.get(origin=origin, workflow="referral")

    def referral_in(self, state: str) -> Case:
        case = self.referral()
        for name in REFERRAL_PATHS[state]:
            self.act(case, name)
        return case

    def transfer(self, *, internal: bool = True, target: Office | None = None) -> Case:
        """A transfer in its first state, opened from a complaint of 南宁 (to 柳州 unless
        ``target`` names another office)."""
        origin = self.complaint()
        data = ({"target_office": (target or self.offices.liuzhou).pk,
                 "target_authority": ""}
                if internal else {})
        self.act(origin, "transfer_matter", **data)
        return Case.objects.get(origin=origin, workflow="transfer")
