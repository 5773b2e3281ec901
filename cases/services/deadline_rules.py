"""The default time limits (DOMAIN.md), seeded into the editable ``DeadlineRule`` table.

Seeding never overwrites what an administrator changed: a default is inserted only when
no version of that code with that effective date exists. A legal basis an earlier version
seeded in half-width punctuation (``《专利行政执法办法》(2015) 第十条``) is written as
shipped now.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from django.db import transaction

from cases.models import DeadlineRule
from cases.punctuation import typed_half_width


class RuleDefault(TypedDict):
    code: str
    workflow: str
    name: str
    amount: int
    unit: str
    legal_basis: str


SINCE = date(2010, 1, 1)

DEFAULT_RULES: list[RuleDefault] = [
    {"code": "ruling.acceptance_decision", "workflow": "ruling", "amount": 5,
     "unit": "working_days", "name": "收到请求书后作出是否受理的决定",
     "legal_basis": "《专利行政执法办法》（2015）第十条；"
                    "《专利纠纷行政裁决和调解办法》（2025，待核实）"},
    {"code": "ruling.serve_respondent", "workflow": "ruling", "amount": 5,
     "unit": "working_days", "name": "立案后向被请求人送达请求书副本和答辩通知书",
     "legal_basis": "《专利行政执法办法》（2015）第十一条；"
                    "《专利纠纷行政裁决和调解办法》（2025，待核实）"},
    {"code": "ruling.answer_period", "workflow": "ruling", "amount": 15, "unit": "days",
     "name": "被请求人收到请求书副本后提交答辩书",
     "legal_basis": "《专利法实施细则》（2023）第九十七条；《专利行政执法办法》（2015）第十一条"},
    {"code": "ruling.answer_copy", "workflow": "ruling", "amount": 5, "unit": "working_days",
     "name": "收到答辩书后将副本送达请求人",
     "legal_basis": "《专利行政执法办法》（2015）第十一条"},
    {"code": "ruling.hearing_notice", "workflow": "ruling", "amount": 3,
     "unit": "working_days", "name": "口头审理通知最迟提前送达的期限",
     "legal_basis": "《专利行政执法办法》（2015）口头审理条款（第十二条，条文序号待核实）"},
    {"code": "ruling.overall_limit", "workflow": "ruling", "amount": 3, "unit": "months",
     "name": "自立案之日起结案（中止、公告、鉴定期间不计入）",
     "legal_basis": "《专利行政执法办法》（2015）第二十一条；2025年办法（待核实）"},
    {"code": "ruling.extension", "workflow": "ruling", "amount": 1, "unit": "months",
     "name": "经负责人批准可延长的审理期限",
     "legal_basis": "《专利行政执法办法》（2015）第二十一条"},
    {"code": "ruling.suit_period", "workflow": "ruling", "amount": 15, "unit": "days",
     "name": "当事人收到裁决书后提起行政诉讼", "legal_basis": "《专利法》（2020）第六十五条"},
    {"code": "ruling.demand_wait", "workflow": "ruling", "amount": 10, "unit": "days",
     "name": "催告书送达后申请强制执行前的等待期",
     "legal_basis": "《行政强制法》第五十四条"},
    {"code": "ruling.enforcement_window", "workflow": "ruling", "amount": 3, "unit": "months",
     "name": "起诉期限届满后申请人民法院强制执行",
     "legal_basis": "《行政强制法》第五十三条；最高法行诉法解释第一百五十六条"},
    {"code": "general.reconsideration_period", "workflow": "general", "amount": 60,
     "unit": "days", "name": "知道行政行为之日起申请行政复议",
     "legal_basis": "《中华人民共和国行政复议法》（2023）第二十条"},
    {"code": "general.suit_period", "workflow": "general", "amount": 6, "unit": "months",
     "name": "知道行政行为之日起提起行政诉讼（一般期限）",
     "legal_basis": "《中华人民共和国行政诉讼法》第四十六条"},
    {"code": "mediation.respondent_answer", "workflow": "mediation", "amount": 15,
     "unit": "days", "name": "被请求人收到调解请求书副本后答复是否同意调解",
     "legal_basis": "《专利行政执法办法》（2015）第二十三条"},
    {"code": "mediation.session_limit", "workflow": "mediation", "amount": 30,
     "unit": "days", "name": "调解期限（无法定期限，可配置）", "legal_basis": "本机关规定"},
    {"code": "mediation.extension", "workflow": "mediation", "amount": 15, "unit": "days",
     "name": "经负责人批准可延长的调解期限", "legal_basis": "本机关规定"},
    {"code": "confirmation.filing", "workflow": "confirmation", "amount": 30, "unit": "days",
     "name": "调解协议生效后共同向人民法院申请司法确认",
     "legal_basis": "《民事诉讼法》（2023）第二百零五条；《人民调解法》第三十三条"},
    {"code": "confirmation.court_acceptance", "workflow": "confirmation", "amount": 3,
     "unit": "days", "name": "人民法院决定是否受理司法确认申请",
     "legal_basis": "最高法《关于人民调解协议司法确认程序的若干规定》（2011）第四条"},
    {"code": "confirmation.court_decision", "workflow": "confirmation", "amount": 30,
     "unit": "days", "name": "人民法院受理后作出确认裁定",
     "legal_basis": "《民事诉讼法》（2023）第二百零六条；民诉法解释"},
    {"code": "referral.approval", "workflow": "referral", "amount": 3, "unit": "days",
     "name": "负责人审批移送或不予批准",
     "legal_basis": "《行政执法机关移送涉嫌犯罪案件的规定》（国务院令第310号，2020年修订）第五条"},
    {"code": "referral.send", "workflow": "referral", "amount": 24, "unit": "hours",
     "name": "批准后向同级公安机关移送",
     "legal_basis": "国务院令第310号（2020）第五条"},
    {"code": "referral.police_filing", "workflow": "referral", "amount": 3, "unit": "days",
     "name": "公安机关决定是否立案", "legal_basis": "国务院令第310号（2020）第八条"},
    {"code": "referral.police_filing_economic", "workflow": "referral", "amount": 10,
     "unit": "days", "name": "公安机关决定是否立案（经济犯罪）",
     "legal_basis": "《公安机关办理经济犯罪案件的若干规定》"},
    {"code": "referral.police_filing_complex", "workflow": "referral", "amount": 30,
     "unit": "days", "name": "公安机关决定是否立案（重大复杂，可再延长30日）",
     "legal_basis": "《公安机关办理经济犯罪案件的若干规定》"},
    {"code": "referral.reconsideration", "workflow": "referral", "amount": 3, "unit": "days",
     "name": "不予立案后提请复议及公安机关答复",
     "legal_basis": "国务院令第310号（2020）第九条"},
    {"code": "referral.police_filing_extension", "workflow": "referral", "amount": 30,
     "unit": "days", "name": "重大复杂案件公安机关立案审查期限的延长",
     "legal_basis": "《公安机关办理经济犯罪案件的若干规定》（待核实）"},
    {"code": "referral.reconsideration_answer", "workflow": "referral", "amount": 3,
     "unit": "days", "name": "公安机关收到提请复议书后作出复议决定",
     "legal_basis": "国务院令第310号（2020）第九条"},
    {"code": "referral.exhibits_handover", "workflow": "referral", "amount": 3,
     "unit": "days", "name": "公安机关立案后移交涉案物品",
     "legal_basis": "国务院令第310号（2020）第十二条（条文序号待核实）"},
    {"code": "complaint.decision", "workflow": "complaint", "amount": 7,
     "unit": "working_days", "name": "收到投诉后决定是否受理",
     "legal_basis": "《市场监督管理投诉举报处理暂行办法》第十五条（待核实）"},
    {"code": "complaint.tipoff_verification", "workflow": "complaint", "amount": 15,
     "unit": "working_days", "name": "收到举报后核查并决定是否立案",
     "legal_basis": "《市场监督管理行政处罚程序规定》第十八条（待核实）"},
    {"code": "complaint.tipoff_extension", "workflow": "complaint", "amount": 15,
     "unit": "working_days", "name": "经负责人批准延长举报核查期限",
     "legal_basis": "《市场监督管理行政处罚程序规定》第十八条（待核实）"},
    {"code": "general.public_notice_service", "workflow": "general", "amount": 30,
     "unit": "days", "name": "公告送达自发出公告之日起经过即视为送达",
     "legal_basis": "《民事诉讼法》（2023）第九十五条（参照）"},
]


@transaction.atomic
def seed_deadline_rules() -> int:
    """Insert the defaults that are missing, and write the legal basis of those seeded in
    half-width punctuation as shipped; returns how many were inserted."""
    created = 0
    for default in DEFAULT_RULES:
        rule, was_created = DeadlineRule.objects.get_or_create(
            code=default["code"], effective_from=SINCE, defaults=dict(default))
        created += int(was_created)
        if typed_half_width(rule.legal_basis, default["legal_basis"]):
            DeadlineRule.objects.filter(pk=rule.pk).update(legal_basis=default["legal_basis"])
    return created
