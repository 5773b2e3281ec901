"""Cases of every workflow, on data nobody wrote the templates for, walked through the
services into every state that offers a document; at each state every offered document is
rendered for every addressee, as the draft and as its public copy.

The data: several requesters and respondents, a natural person and companies, a foreign
and a Hong Kong company (no credit code), a very long name, optional fields left empty,
two patents in one case, no amount claimed, dates around the new year, Chinese and ASCII
punctuation in free text, an anonymous tip-off, a matter transferred and one referred.

``walk_all()`` returns a list of ``Rendered``; the checks are in test_varied_documents.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cases import workflows
from cases.complaints.services import ComplaintRequest, register_complaint
from cases.demo.offices import ensure_offices
from cases.demo.parties import make_patent_number, make_resident_id, make_uscc
from cases.demo.people import OfficeStaff, ensure_staff
from cases.models import Case, DocumentKind, Party
from cases.models.parties import AgentKind, PartyKind
from cases.models.rights import RightKind, RightStatus
from cases.referral.seeds import seed_threshold_rules
from cases.ruling.intake import PartyEntry, RulingRequest, file_ruling_request
from cases.ruling.models import ACCEPTANCE_CHECKLIST_ITEMS
from cases.services import approvals
from cases.services.calendar import seed_calendar_from_package
from cases.services.deadline_rules import seed_deadline_rules
from cases.services.evidence import add_evidence_item
from cases.services.parties import create_agent, create_ip_right, create_party
from cases.services.roles import ensure_role_groups
from cases.services.runner import perform_transition
from documents.context import missing_fields
from documents.models import Document, DocumentState
from documents.redaction import public_context
from documents.rendering import render_docx
from documents.services import (
    _rule_context,
    active_template,
    generate_documents,
    issue_document,
    seed_default_templates,
)
from documents.views import _offered
from tests.ruling_driver import hearing_attendance

# Mixed punctuation as officers type it: ASCII commas and brackets inside Chinese text.
MIXED = "被请求人于2026年12月30日(星期三)在其门店销售被控产品,并通过\"拼多多\"网店许诺销售;"
LONG_NAME = "广西壮族自治区南宁市青秀区五象新区八桂智能照明科技研究院暨光电设备制造有限责任公司"


@dataclass
class Rendered:
    where: str          # case number, workflow, state, kind, addressee
    workflow: str
    state: str
    kind: str
    docx: bytes
    public: bytes
    context: dict[str, Any]


@dataclass
class Cast:
    staff: OfficeStaff
    other: OfficeStaff
    company: Party      # requester, long name, agent
    person: Party       # requester, natural person with phone and home address
    foreign: Party      # respondent, foreign company, no credit code
    hongkong: Party     # respondent, Hong Kong company in traditional characters
    bare: Party         # respondent, natural person with nothing but a name
    patents: list[Any]
    trademark: Any
    agent: Any


def _setup() -> Cast:
    counts: Counter[str] = Counter()
    groups = ensure_role_groups()
    seed_calendar_from_package()
    seed_deadline_rules()
    seed_threshold_rules()
    seed_default_templates()
    offices = ensure_offices(counts)
    staff = ensure_staff(offices, groups, counts)
    nn, lz = staff["nn"], staff["lz"]
    office, actor = nn.office, nn.officer
    rng = random.Random(2027)  # noqa: S311 - test data

    def party(**fields: Any) -> Party:
        return create_party(actor=actor, office=office, **fields)

    company = party(kind=PartyKind.LEGAL, name=LONG_NAME, id_number=make_uscc(rng, "450103"),
                    domicile="广西壮族自治区南宁市青秀区民族大道166号龙光世纪大厦A座2801室",
                    region_code="450103", legal_representative="欧阳·买买提",
                    phone="0771-5588123")
    person = party(kind=PartyKind.NATURAL, name="韦秀英",
                   id_number=make_resident_id(rng, "450107"),
                   domicile="广西壮族自治区南宁市西乡塘区大学东路98号3栋2单元501",
                   region_code="450107", phone="13907715678")
    foreign = party(kind=PartyKind.LEGAL, name="Lumière Lighting Technologies GmbH & Co. KG",
                    domicile="Marienplatz 8, 80331 München, Deutschland",
                    legal_representative="Hans-Peter Müller")
    hongkong = party(kind=PartyKind.LEGAL, name="香港佳明電子實業有限公司",
                     domicile="香港九龍觀塘道388號創紀之城1期12樓",
                     legal_representative="陳嘉豪")
    bare = party(kind=PartyKind.NATURAL, name="覃")
    agent = create_agent(actor=actor, office=office, name="莫丽娟", kind=AgentKind.LAWYER,
                         firm="广西八桂律师事务所", license_number="14501201910123456",
                         phone="0771-2345678")
    patents = [
        create_ip_right(actor=actor, office=office, kind=RightKind.INVENTION_PATENT,
                        number=make_patent_number(rng, "1"), title="一种LED路灯散热器及其制备方法",
                        holder=company, status=RightStatus.VALID,
                        application_date=date(2019, 12, 31), grant_date=date(2021, 1, 1)),
        create_ip_right(actor=actor, office=office, kind=RightKind.UTILITY_MODEL,
                        number=make_patent_number(rng, "2"), title="一种防水型LED路灯灯罩",
                        holder=company, status=RightStatus.VALID,
                        application_date=date(2020, 1, 2), grant_date=date(2020, 12, 31),
                        evaluation_report_no=""),
    ]
    trademark = create_ip_right(actor=actor, office=office, kind=RightKind.TRADEMARK,
                                number="41234567", title="八桂光", holder=company,
                                nice_class=11, status=RightStatus.VALID)
    return Cast(staff=nn, other=lz, company=company, person=person, foreign=foreign,
                hongkong=hongkong, bare=bare, patents=patents, trademark=trademark, agent=agent)


def _issue(case: Case, kind: str, actor: Any, on: date | None = None) -> None:
    """Draft and issue the documents of ``kind``, one per addressee (dated ``on``)."""
    for draft in generate_documents(case=case, kind=kind, actor=actor):
        document = issue_document(document=draft, actor=actor)
        if on is not None:
            Document.objects.filter(pk=document.pk).update(
                issued_at=timezone.make_aware(datetime.combine(on, time(9))))


class Walker:
    """Renders, after every step, every document each touched case offers in its state."""

    def __init__(self, travel: Callable[[datetime], None]) -> None:
        self.out: list[Rendered] = []
        self.refused: list[str] = []
        self._travel = travel

    def travel(self, day: date, hour: int = 9) -> None:
        self._travel(timezone.make_aware(datetime.combine(day, time(hour))))

    def render(self, case: Case) -> None:
        case.refresh_from_db()
        workflow = workflows.of(case)
        state = case.flow.state
        issued = set(Document.objects.filter(case=case, state=DocumentState.ISSUED)
                     .values_list("kind", flat=True))
        for kind, rule in workflow.documents.items():
            if not _offered(rule, case, issued):
                continue
            template = active_template(kind).file.read()
            for party in rule.addressees(case.flow):
                context = _rule_context(case, kind, party)
                where = (f"{case.number} ({case.workflow}, {state}) {kind}"
                         f"{' → ' + party.name if party else ''}")
                missing = missing_fields(kind, context)
                if missing:  # refused (409) as generating it would be, never printed blank
                    self.refused.append(f"{where}: missing {'、'.join(missing)}")
                    continue
                self.out.append(Rendered(
                    where=where,
                    workflow=case.workflow, state=state, kind=kind,
                    docx=render_docx(template, context),
                    public=render_docx(template, public_context(context)), context=context))

    def step(self, case: Case, actor: Any, name: str, **data: Any) -> Case:
        action = workflows.of(case).actions[name]
        if case.workflow == "referral" and name == "send":
            _issue(case, DocumentKind.REFERRAL_LETTER, actor)  # what is sent
        if action.needs_approval:
            request = approvals.submit(case_id=case.pk, actor=actor, name=name, data=data)
            on = data.get(action.approved_on_field) if action.approved_on_field else None
            approvals.approve(request_id=request.pk, actor=_head(case, actor),
                              on=date.fromisoformat(on) if isinstance(on, str) else on)
        else:
            perform_transition(case_id=case.pk, actor=actor, name=name, data=data)
        case = Case.objects.get(pk=case.pk)
        self.render(case)
        return case


def _head(case: Case, actor: Any) -> Any:
    from cases.models import Role, User
    return User.objects.filter(office=case.office, groups__name=Role.HEAD).first() or actor


def _ruling(w: Walker, cast: Cast) -> None:
    """The whole path, dated across the new year: received 2026-12-28, accepted
    2026-12-31, heard and decided in January 2027, then enforced and closed."""
    s = cast.staff
    w.travel(date(2026, 12, 28))
    request = RulingRequest(
        office=s.office, title=f"{LONG_NAME}、韦秀英与Lumière Lighting Technologies GmbH & Co. "
                               "KG等侵害发明专利权、实用新型专利权纠纷",
        received_on=date(2026, 12, 28),
        requesters=[PartyEntry(cast.company, cast.agent), PartyEntry(cast.person)],
        respondents=[PartyEntry(cast.foreign), PartyEntry(cast.hongkong), PartyEntry(cast.bare)],
        rights=cast.patents, accused_products=["LED路灯散热器(型号:SL-2026)", "防水灯罩"],
        infringing_acts=["make", "sell", "offer"], infringement_place="南宁市青秀区",
        infringement_region_code="450103", product_category="LED路灯",
        requester_claims="1.责令被请求人立即停止侵权;2、销毁库存侵权产品。", facts=MIXED)
    case = file_ruling_request(actor=s.officer, request=request)
    w.render(case)
    w.travel(date(2026, 12, 31))
    case = w.step(case, s.officer, "accept", accepted_on=date(2026, 12, 31),
                  officer_in_charge=s.officer.pk,
                  panel=[s.officer.pk, s.officer2.pk, s.officer3.pk],
                  **{f"check_{key}": True for key, _label in ACCEPTANCE_CHECKLIST_ITEMS})
    w.travel(date(2027, 1, 4))
    _issue(case, DocumentKind.ANSWER_NOTICE, s.officer)
    case = w.step(case, s.officer, "serve_respondent", served_on=date(2027, 1, 4),
                  method="mail")
    w.travel(date(2027, 1, 5))
    case = w.step(case, s.officer, "record_answer", received_on=date(2027, 1, 5),
                  defence="被控产品系从他人处合法购得(有发票为证),不应承担赔偿责任。")
    case = w.step(case, s.officer, "extend_time_limit",
                  reason="需委托技术鉴定,申请延长审理期限一个月;")
    hearing = timezone.make_aware(datetime(2027, 1, 11, 14, 0))
    case = w.step(case, s.officer, "schedule_hearing", hearing_at=hearing.isoformat(),
                  place="南宁市知识产权局第二审理庭(五楼)")
    w.travel(date(2027, 1, 11), hour=17)
    case = w.step(case, s.officer, "hold_hearing", held_at=hearing.isoformat(),
                  minutes="请求人到庭;Lumière公司未到庭。", **hearing_attendance(case))
    requester = case.case_parties.get(party=cast.company)
    respondent = case.case_parties.get(party=cast.hongkong)
    add_evidence_item(case_id=case.pk, actor=s.officer, data={
        "submitted_by": str(requester.party_id), "name": "公证书((2027)桂南证字第3号)",
        "purpose": "被请求人销售了型号为SL-2026的产品.", "pages": 12, "form": "original",
        "submitted_on": "2027-01-11", "examination": "被请求人对真实性无异议;"})
    add_evidence_item(case_id=case.pk, actor=s.officer, data={
        "submitted_by": str(respondent.party_id), "name": "进货发票",
        "purpose": "被控产品有合法来源;", "pages": 1, "form": "copy",
        "submitted_on": "2027-01-11", "examination": "请求人认为发票与被控产品无关."})
    case = w.step(case, s.officer, "submit_for_approval", draft_outcome="infringement_found",
                  # Numbered as officers type them: the template numbers the items itself.
                  draft_order_text="1. 被请求人立即停止制造、许诺销售、销售侵犯涉案专利权的产品.\n"
                                   "2、被请求人销毁库存的侵权产品.",
                  evidence_examination="", disputed_issues="", findings=MIXED,
                  reasoning="被控产品落入权利要求1的保护范围,合法来源抗辩不成立.")
    case = w.step(case, s.legal, "record_legal_review", passed="yes",
                  opinion="事实清楚;程序合法.")
    w.travel(date(2027, 1, 12))
    _issue(case, DocumentKind.RULING, s.head)
    case = w.step(case, s.head, "decide", decided_on=date(2027, 1, 12))
    w.travel(date(2027, 1, 13))
    case = w.step(case, s.officer, "serve_ruling", served_on=date(2027, 1, 13), method="direct")
    w.travel(date(2027, 1, 29))
    case = w.step(case, s.officer, "become_effective")
    _issue(case, DocumentKind.REMINDER, s.officer)
    case = w.step(case, s.officer, "serve_demand", served_on=date(2027, 1, 29))
    w.travel(date(2027, 2, 26))
    case = w.step(case, s.officer, "apply_enforcement", court="南宁知识产权法庭",
                  applied_on=date(2027, 2, 26))
    w.step(case, s.officer, "close", summary="被请求人已履行;本案结案.")


def _ruling_short(w: Walker, cast: Cast) -> None:
    """The other branches: correction, rejection, suspension and resumption."""
    s = cast.staff

    def filed(title: str, respondent: Party, rights: list[Any] | None = None) -> Case:
        request = RulingRequest(
            office=s.office, title=title, received_on=date(2026, 12, 31),
            requesters=[PartyEntry(cast.person)], respondents=[PartyEntry(respondent)],
            rights=rights or cast.patents[1:], facts="")
        return file_ruling_request(actor=s.officer, request=request)

    case = filed("韦秀英与香港佳明電子實業有限公司侵害实用新型专利权纠纷(补正)", cast.hongkong)
    case = w.step(case, s.officer, "request_correction",
                  items="（1）请求人身份证复印件;\n(2) 涉案专利的专利登记簿副本")
    w.step(case, s.officer, "receive_correction", received_on=date(2027, 2, 26))
    case = filed("韦秀英与香港佳明電子實業有限公司侵害实用新型专利权纠纷(不予受理)", cast.foreign)
    w.step(case, s.officer, "reject", reason="1.请求人已就同一纠纷向人民法院起诉,不符合受理条件。",
           on=date(2027, 1, 4))
    case = filed("韦秀英与香港佳明電子實業有限公司侵害实用新型专利权纠纷(中止)", cast.bare)
    case = w.step(case, s.officer, "accept", accepted_on=date(2027, 1, 4),
                  officer_in_charge=s.officer.pk,
                  panel=[s.officer.pk, s.officer2.pk, s.officer3.pk],
                  **{f"check_{key}": True for key, _label in ACCEPTANCE_CHECKLIST_ITEMS})
    case = w.step(case, s.officer, "suspend", reason="被请求人已向国家知识产权局提出无效宣告请求。")
    case = w.step(case, s.officer, "resume", reason="无效宣告请求已被驳回。")
    w.step(case, s.officer, "withdraw", reason="请求人撤回处理请求(双方已和解).")
    # Handed over to mediation after the answer.
    case = filed("韦秀英与Lumière公司侵害实用新型专利权纠纷(转调解)", cast.foreign)
    case = w.step(case, s.officer, "accept", accepted_on=date(2027, 1, 4),
                  officer_in_charge=s.officer.pk,
                  panel=[s.officer.pk, s.officer2.pk, s.officer3.pk],
                  **{f"check_{key}": True for key, _label in ACCEPTANCE_CHECKLIST_ITEMS})
    _issue(case, DocumentKind.ANSWER_NOTICE, s.officer, on=date(2027, 1, 5))
    case = w.step(case, s.officer, "serve_respondent", served_on=date(2027, 1, 5),
                  method="electronic")
    case = w.step(case, s.officer, "record_answer", received_on=date(2027, 1, 6),
                  defence="同意调解.")
    w.step(case, s.officer, "start_mediation", reason="双方请求就赔偿数额调解.")
    # Transferred to the competent authority (no jurisdiction).
    case = filed("韦秀英与香港佳明電子實業有限公司侵害发明专利权纠纷(移送)", cast.hongkong,
                 cast.patents[:1])
    case = w.step(case, s.officer, "accept", accepted_on=date(2027, 1, 4),
                  officer_in_charge=s.officer.pk,
                  panel=[s.officer.pk, s.officer2.pk, s.officer3.pk],
                  **{f"check_{key}": True for key, _label in ACCEPTANCE_CHECKLIST_ITEMS})
    w.step(case, s.officer, "refer", kind="jurisdiction", target="柳州市知识产权局",
           reason="侵权行为地和被请求人住所地均在柳州市.")
    # Dismissed on the papers, then the requester sues.
    case = filed("韦秀英与Lumière公司侵害发明专利权纠纷(诉讼)", cast.foreign, cast.patents[:1])
    case = w.step(case, s.officer, "accept", accepted_on=date(2027, 1, 4),
                  officer_in_charge=s.officer.pk,
                  panel=[s.officer.pk, s.officer2.pk, s.officer3.pk],
                  **{f"check_{key}": True for key, _label in ACCEPTANCE_CHECKLIST_ITEMS})
    _issue(case, DocumentKind.ANSWER_NOTICE, s.officer, on=date(2027, 1, 5))
    case = w.step(case, s.officer, "serve_respondent", served_on=date(2027, 1, 5),
                  method="public_notice")
    case = w.step(case, s.officer, "record_answer", received_on=date(2027, 1, 6),
                  defence="不构成侵权.")
    case = w.step(case, s.officer, "deliberate_without_hearing", reason="事实清楚;书面审理.")
    case = w.step(case, s.officer, "submit_for_approval", draft_outcome="dismissed",
                  draft_order_text="驳回请求人的全部请求.", evidence_examination="",
                  disputed_issues="被控产品是否落入保护范围?",
                  findings="被控产品的散热器为一体压铸成型.",
                  reasoning="被控产品缺少权利要求1的技术特征(散热翅片).")
    case = w.step(case, s.legal, "record_legal_review", passed="yes", opinion="同意.")
    _issue(case, DocumentKind.RULING, s.head)
    case = w.step(case, s.head, "decide", decided_on=timezone.localdate())
    case = w.step(case, s.officer, "serve_ruling", served_on=timezone.localdate(),
                  method="direct")
    w.step(case, s.officer, "record_suit", court="南宁铁路运输法院",
           court_case_number="(2027)桂7101行初5号")


def _complaints(w: Walker, cast: Cast) -> None:
    s = cast.staff
    today = timezone.localdate()

    def complaint(title: str, *, anonymous: bool, turnover: int | None = None,
                  received: date | None = None) -> Case:
        return register_complaint(actor=s.officer, request=ComplaintRequest(
            kind="tip_off" if anonymous else "complaint",
            channel="online" if anonymous else "12345",
            received_on=received or today - timedelta(days=3), title=title,
            accused_party=cast.hongkong, facts=MIXED, rights=[cast.trademark],
            anonymous=anonymous, complainant_name="" if anonymous else cast.person.name,
            complainant_party=None if anonymous else cast.person,
            complainant_phone="" if anonymous else "139 0771 5678",
            figures={"illegal_turnover": Decimal(turnover)} if turnover else {}))

    case = complaint("投诉:网店销售假冒\"八桂光\"灯具(不予受理)", anonymous=False)
    case = w.step(case, s.officer, "not_accept", on=today.isoformat(),
                  reason="经核查,所反映的侵权行为不存在;")
    w.step(case, s.officer, "record_reply", replied_on=today.isoformat(), method="letter",
           summary="已电话告知核查结果(投诉人表示理解)")
    case = complaint("匿名举报:门店销售假冒灯具", anonymous=True)
    case = w.step(case, s.officer, "not_accept", on=today.isoformat(), reason="线索不具体。")
    w.step(case, s.officer, "close", on=today.isoformat())
    # Transferred to the other office, and to an authority outside the system.
    case = complaint("投诉:移交柳州的灯具侵权事项", anonymous=False)
    w.step(case, s.officer, "transfer_matter", on=today.isoformat(),
           target_office=cast.other.office.pk, target_authority="",
           reason="被投诉人的生产地在柳州市(柳南区)")
    transfer = Case.objects.get(origin=case)
    w.render(transfer)
    transfer = w.step(transfer, s.officer, "send", on=today.isoformat())
    w.step(transfer, cast.other.officer, "accept", on=today.isoformat())
    case = complaint("投诉:移交市场监管部门的商标事项", anonymous=False)
    w.step(case, s.officer, "transfer_matter", on=today.isoformat(),
           target_authority="南宁市市场监督管理局", reason="属于商标行政执法事项.")
    transfer = Case.objects.get(origin=case)
    w.render(transfer)
    transfer = w.step(transfer, s.officer, "send", on=today.isoformat())
    w.step(transfer, s.officer, "record_receipt", on=today.isoformat(), signed_by="收发室")
    # Referred to the police: a tip-off over the threshold in spring 2025.
    day = date(2025, 3, 3)
    case = complaint("匿名举报:仓库储存假冒\"八桂光\"灯具", anonymous=True, turnover=120_000,
                     received=day)
    w.step(case, s.officer, "refer_to_police", on=day.isoformat(), offence="213",
           suspicion="非法经营数额超过五万元,情节严重", task_force=[s.officer.pk, s.officer2.pk])
    referral = Case.objects.get(origin=case)
    w.render(referral)
    police = "南宁市公安局青秀分局"
    steps: list[tuple[str, Any, dict[str, Any]]] = [
        ("submit_report", s.officer, {"report": MIXED, "on": day.isoformat()}),
        ("approve", s.head, {"at": f"{day} 10:00"}),
        ("send", s.officer, {"at": f"{day} 15:00", "police_bureau": police,
                             "package_transfer_letter": "涉嫌犯罪案件移送书",
                             "package_investigation_report": "涉嫌犯罪案件调查报告(含现场检查笔录)",
                             "package_seized_items": "涉案物品清单",
                             "package_appraisal": ""}),
        ("record_receipt", s.officer, {"at": f"{day} 17:00", "signed_by": "值班民警(李)",
                                       "filing_period": "economic"}),
        ("record_not_filed", s.officer, {"on": (day + timedelta(days=2)).isoformat(),
                                         "reason": "没有犯罪事实(公安机关认为)"}),
        ("request_reconsideration", s.officer, {"on": (day + timedelta(days=3)).isoformat()}),
        ("record_reconsideration", s.officer, {"on": (day + timedelta(days=5)).isoformat(),
                                               "result": "filed",
                                               "police_case_number": "青公立字〔2025〕7号"}),
        ("hand_over_exhibits", s.officer, {"on": (day + timedelta(days=6)).isoformat(),
                                           "items": "一、假冒\"八桂光\"LED灯具 80箱\n"
                                                    "二、包装盒 2000个"}),
    ]
    for name, actor, data in steps:
        referral = w.step(referral, actor, name, **data)
    # A second referral the police do not file: the procuratorate is asked to supervise.
    case = complaint("举报:仓库储存假冒灯具(二)", anonymous=True, turnover=90_000, received=day)
    w.step(case, s.officer, "refer_to_police", on=day.isoformat(), offence="213",
           suspicion="非法经营数额超过五万元", task_force=[s.officer.pk, s.officer2.pk])
    referral = Case.objects.get(origin=case)
    for name, actor, data in steps[:5]:
        referral = w.step(referral, actor, name, **data)
    w.step(referral, s.officer, "request_supervision",
           on=(day + timedelta(days=4)).isoformat(), procuratorate="南宁市青秀区人民检察院")


def _mediation(w: Walker, cast: Cast) -> None:
    """A damages mediation asked for by a natural person and a company against a foreign
    and a Hong Kong company, no amount claimed, across the new year: sessions, an
    agreement with a payment and undertakings without amount, performance, breach; the
    agreement's judicial confirmation; and the branches that end it early."""
    from cases.services.assignments import change_assignment
    from mediation.models import Court, DisputeType
    from mediation.models.confirmation import MATERIAL_CODES
    from mediation.reference_data import COURTS, DISPUTE_TYPES
    from mediation.services.intake import (
        MediationRequest,
        file_mediation_request,
        start_confirmation,
    )

    for court in COURTS:
        Court.objects.get_or_create(name=court["name"], defaults=court)
    for dispute in DISPUTE_TYPES:
        DisputeType.objects.get_or_create(code=dispute["code"], defaults=dispute)
    s = cast.staff
    m = s.mediator
    w.travel(date(2026, 12, 29))

    def filed(title: str, requesters: list[Party], respondents: list[Party]) -> Case:
        case = file_mediation_request(actor=s.officer, request=MediationRequest(
            office=s.office, title=title, dispute_type=DisputeType.objects.get(
                code="patent_damages"),
            requested_on=date(2026, 12, 29), requesters=requesters, respondents=respondents,
            request_summary="", amount_claimed=None, rights=cast.patents))
        change_assignment(case.pk, s.head, mediator=m, reason="指定调解员.")
        w.render(case)
        return case

    main = filed("韦秀英等与Lumière公司等专利侵权赔偿数额调解", [cast.company, cast.person],
                 [cast.foreign, cast.hongkong])
    declined = filed("韦秀英与香港佳明電子實業有限公司调解(不同意调解)", [cast.person],
                     [cast.hongkong])
    withdrawn = filed("韦秀英与覃调解(撤回)", [cast.person], [cast.bare])
    failed = filed("八桂公司与覃调解(调解不成)", [cast.company], [cast.bare])
    w.travel(date(2026, 12, 31))
    for case in (main, declined, withdrawn, failed):
        w.step(case, m, "serve_request", served_on="2026-12-30", service_method="mail")
    w.step(declined, m, "decline", decline_reason="refused", on="2026-12-31")
    w.step(withdrawn, m, "withdraw_request", reason="双方已自行和解;请求人撤回调解请求.",
           on="2026-12-31")
    w.travel(date(2027, 1, 4))
    held = timezone.make_aware(datetime(2027, 1, 4, 9, 30))
    for case in (main, failed):
        w.step(case, m, "accept_mediation", on="2027-01-04")
        w.step(case, m, "schedule_session", scheduled_at=held.isoformat(),
               place="南宁市知识产权局调解室(3楼)")
    w.travel(date(2027, 1, 4), hour=16)
    for case in (main, failed):
        session = workflows.flow_of(case).sessions.get(n=1).pk
        w.step(case, m, "record_session", session=session, held_at=held.isoformat(),
               attendees="韦秀英\nHans-Peter Müller(被请求人法定代表人)",
               minutes="双方陈述意见,就赔偿数额进行协商;",
               requester_position="请求赔偿,数额由调解确定", respondent_position="同意赔偿(分期).",
               confirmed_by_parties="on")
    w.step(failed, m, "fail", reason="双方对赔偿数额分歧较大,调解不成.", on="2027-01-04")
    performed = filed("韦秀英与覃调解(已履行)", [cast.person], [cast.bare])
    for name, data in [
            ("serve_request", {"served_on": "2027-01-04", "service_method": "direct"}),
            ("accept_mediation", {"on": "2027-01-04"}),
            ("schedule_session", {"scheduled_at": held.isoformat(), "place": "调解室"})]:
        performed = w.step(performed, m, name, **data)
    performed = w.step(performed, m, "record_session",
                       session=workflows.flow_of(performed).sessions.get(n=1).pk,
                       held_at=held.isoformat(), attendees="韦秀英\n覃", minutes="协商一致.",
                       requester_position="要求停止销售.", respondent_position="同意.",
                       confirmed_by_parties="on")
    for name, data in [
            ("draft_agreement", {"facts": "覃销售被控产品.", "issues": "是否停止销售",
                                 "other_terms": ""}),
            ("add_term", {"kind": "cease", "obligor": cast.bare.pk, "description": "停止销售",
                          "amount": "", "due_on": "2027-01-10"}),
            ("record_signature", {"party": cast.person.pk, "signatory": "韦秀英",
                                  "signed_on": "2027-01-04"}),
            ("record_signature", {"party": cast.bare.pk, "signatory": "覃",
                                  "signed_on": "2027-01-04"}),
            ("sign_agreement", {"signed_on": "2027-01-04"}), ("agree", {"on": "2027-01-04"}),
            ("begin_performance", {})]:
        performed = w.step(performed, m, name, **data)
    term = workflows.flow_of(performed).agreement.terms.get(n=1).pk
    performed = w.step(performed, m, "record_performance", term=term, paid_on="2027-01-04",
                       amount_paid="", term_done="on",
                       evidence="现场检查笔录")
    w.step(performed, m, "record_performed", on="2027-01-04")
    due = date(2027, 1, 20)
    steps: list[tuple[str, dict[str, Any]]] = [
        ("draft_agreement", {"facts": MIXED, "issues": "赔偿数额(含合理开支)",
                              "other_terms": ""}),
        ("add_term", {"kind": "payment", "obligor": cast.foreign.pk,
                      "description": "向请求人支付赔偿金(含合理开支)", "amount": "12345.60",
                      "due_on": due.isoformat()}),
        ("add_term", {"kind": "cease", "obligor": cast.hongkong.pk,
                      "description": "立即停止销售被控产品;", "amount": "",
                      "due_on": due.isoformat()}),
        ("add_term", {"kind": "destroy", "obligor": cast.hongkong.pk,
                      "description": "销毁库存被控产品及模具", "amount": "",
                      "due_on": date(2027, 2, 1).isoformat()}),
    ]
    for party in (cast.company, cast.person, cast.foreign, cast.hongkong):
        steps.append(("record_signature", {"party": party.pk, "signatory": party.name,
                                           "signed_on": "2027-01-04"}))
    steps += [("sign_agreement", {"signed_on": "2027-01-04"}), ("agree", {"on": "2027-01-04"}),
              ("begin_performance", {})]
    for name, data in steps:
        main = w.step(main, m, name, **data)
    w.travel(date(2027, 1, 15))
    term = workflows.flow_of(main).agreement.terms.get(n=1).pk
    main = w.step(main, m, "record_performance", term=term, paid_on="2027-01-15",
                  amount_paid="12345.60", evidence="银行转账回单(No.2027011501)")
    court = Court.objects.filter(name__contains="南宁").first() or Court.objects.first()
    confirmation = start_confirmation(mediation_case_id=main.pk, actor=m, court=court)
    w.render(confirmation)
    confirmation = w.step(confirmation, m, "check_materials", material_application="on")
    confirmation = w.step(confirmation, m, "check_materials",
                          **{f"material_{c}": "on" for c in MATERIAL_CODES})
    w.step(confirmation, m, "file_application", filed_on="2027-01-15", court=court.pk)
    w.travel(date(2027, 2, 2))
    w.step(main, m, "record_breach", note="香港佳明電子實業有限公司未销毁库存;")


SCENARIOS: list[Callable[[Walker, Cast], None]] = [_ruling, _ruling_short, _complaints,
                                                    _mediation]


def walk_all(travel: Callable[[datetime], None]) -> list[Rendered]:
    """``travel`` moves the clock (the test's time machine): steps are dated the day
    they are taken, as the services require."""
    travel(timezone.make_aware(datetime(2026, 12, 28, 9)))
    cast = _setup()
    walker = Walker(travel)
    for scenario in SCENARIOS:
        scenario(walker, cast)
    return walker.out


