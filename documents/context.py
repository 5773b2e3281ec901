"""The context contract between the case selector and the document templates.

A template sees one plain ``dict`` whose top-level keys are those of :class:`DocumentContext`.
The selector that builds it from a case (``documents.selectors``, later) fills every key;
optional parts are ``None`` or empty lists, never missing, so a template can always write
``{% if suspension %}``. All text is already in the document's words: dates written the
Chinese way (``*_cn``), amounts in figures and in capital numerals, periods as numbers
and as Chinese numerals (the number comes from the time-limit rule, not from the template).

Free text that may run to several paragraphs (``facts``, ``requester_claims`` …) is a list
of paragraphs: the templates loop over it, one Word paragraph each, so nothing depends on
line breaks inside a run.

Values are plain text: the renderer escapes ``&``, ``<``, ``>`` and quotes (autoescape), so a
selector must not pre-escape anything.

``sample_context(kind)`` is a complete, realistic context used to validate uploaded
templates (a sample render must succeed) and by the tests; its party names and free text
deliberately contain ``&``, ``<``, ``>``, “” and "" quotes and apostrophes.
"""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal
from typing import Any, TypedDict

from django.utils.translation import gettext_lazy as _

from documents.formatting import amount_capital, amount_figures, date_cn, number_cn


class OfficeCtx(TypedDict):
    name: str  # 南宁市知识产权局
    short_name: str  # 本局 — how the office refers to itself in the text
    address: str
    postcode: str
    phone: str
    government: str  # 南宁市人民政府: where 行政复议 of the office's decisions goes


class DocCtx(TypedDict):
    number: str  # 文号, e.g. 南知裁字〔2026〕12号; "" while a draft has none
    kind: str  # cases.models.offices.DocumentKind value
    title: str  # e.g. 专利侵权纠纷行政裁决书
    date: datetime.date
    date_cn: str  # 2026年11月24日 or 二〇二六年十一月二十四日 (DOCUMENT_DATE_NUMERALS)
    arabic_dates: bool  # dates are in Arabic numerals (the signature block's width)


class CaseCtx(TypedDict):
    number: str  # case number (案号)
    cause: str  # 案由, e.g. 专利侵权纠纷
    state: str
    request_date_cn: str  # date of the request (请求书落款/提交日)
    received_on_cn: str
    accepted_on_cn: str  # "" before acceptance
    closed_on_cn: str


class AgentCtx(TypedDict):
    name: str
    firm: str  # law firm / patent agency; "" for a citizen agent
    title: str  # 律师, 专利代理师, 公民代理人 …
    phone: str


class PartyCtx(TypedDict):
    name: str
    kind: str  # cases.models.parties.PartyKind value
    is_natural_person: bool
    address_label: str  # 住所 (legal person) / 住址 (natural person)
    address: str
    id_label: str  # 统一社会信用代码 / 公民身份号码
    id_number: str
    legal_representative: str  # "" for natural persons
    legal_representative_title: str  # 法定代表人 / 负责人 / "" for natural persons
    phone: str
    agent: AgentCtx | None


class PatentCtx(TypedDict):
    kind: str  # cases.models.rights.RightKind value
    number_display: str  # ZL2020 1 0123456.7, with no-break spaces: never split at a line end
    title: str
    kind_label: str  # 发明 / 实用新型 / 外观设计
    grant_date_cn: str
    holder: str


class ProductCtx(TypedDict):
    name: str
    model: str


class PanelMemberCtx(TypedDict):
    name: str
    role: str  # 合议组组长 / 合议组成员 / 审理人员


class HearingCtx(TypedDict):
    at_cn: str  # 二〇二六年九月十日上午九时三十分
    place: str
    held: bool  # the hearing has taken place (the ruling then narrates it)


class SuspensionCtx(TypedDict):
    from_cn: str
    to_cn: str  # "" while still suspended
    reason: str


class ExtensionCtx(TypedDict):
    approved_on_cn: str
    months: int
    months_cn: str
    new_due_cn: str
    reason: str


class ReasoningCtx(TypedDict):
    doctrine: list[str]  # the rule for the kind of patent (claims / overall visual effect)
    analysis: list[str]  # the panel's comparison and the defences, as entered
    conclusion: str  # from the outcome: infringing or not, request upheld or not


class AmountsCtx(TypedDict):
    claimed: Decimal | None
    claimed_figures: str  # 123,456.78元
    claimed_cn_capital: str  # 人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分


class PeriodsCtx(TypedDict):
    suit_days: int  # 起诉期限 (专利法 art. 65: 15 days)
    suit_days_cn: str
    answer_days: int  # 答辩期限 (15 days)
    answer_days_cn: str
    correction_days: int  # 补正期限
    correction_days_cn: str
    performance_days: int  # 催告后履行期限 (10 days)
    performance_days_cn: str
    enforcement_months: int  # 申请强制执行期限 (3 months)
    enforcement_months_cn: str
    reconsideration_days: int  # 行政复议 (行政复议法 art. 20: 60 days)
    reconsideration_days_cn: str
    general_suit_months: int  # 行政诉讼, general period (行政诉讼法 art. 46: 6 months)
    general_suit_months_cn: str


class ServiceCtx(TypedDict):
    """送达回证: what was served, how and to whom."""

    document_title: str
    document_number: str
    recipient: str
    address: str
    method: str  # 直接送达 / 邮寄送达 / 电子送达 / 公告送达
    served_on_cn: str  # "" until service is recorded
    received_by: str  # 代收人, when someone else signed for the party
    server_names: list[str]


class RulingRefCtx(TypedDict):
    """The issued ruling a 催告书 or 强制执行申请书 refers to."""

    title: str
    number: str
    date_cn: str
    served_on_cn: str
    # The suit brought against the ruling and how it ended, one sentence ("" when none was
    # brought): the documents then do not say that no suit was brought.
    litigation: str


class DocumentContext(TypedDict):
    office: OfficeCtx
    doc: DocCtx
    case: CaseCtx
    requesters: list[PartyCtx]
    respondents: list[PartyCtx]
    recipient: PartyCtx | None  # addressee of a notice (主送) or the party served
    recipient_role: str  # requester / respondent / "" (the hearing notice's warning)
    patents: list[PatentCtx]
    is_design: bool  # a design patent: overall visual effect, 第十一条第二款
    products: list[ProductCtx]
    acts: list[str]  # infringing acts in words: 制造, 销售, 许诺销售 …
    panel: list[PanelMemberCtx]
    hearing: HearingCtx | None
    suspension: SuspensionCtx | None
    extension: ExtensionCtx | None
    outcome: str  # cases.ruling.models.Outcome value, "" before a decision
    orders: list[str]  # the one list of operative items (officer's, else the standard one)
    procedure: list[str]  # the ruling's account of the procedure as it went
    headings: dict[str, str]  # the ruling's section headings, numbered; "" when empty
    evidence: list[str]  # 证据及质证
    disputed_issues: list[str]  # 争议焦点
    requester_claims: list[str]
    respondent_defence: list[str]
    facts: list[str]
    reasoning: ReasoningCtx
    legal_basis: str  # from documents.LegalBasisRule: statute, interpretation, procedure
    reasons: list[str]  # reasons of a notice: not accepted, suspension, extension …
    correction_items: list[str]  # every missing item of a 补正通知书
    amounts: AmountsCtx
    periods: PeriodsCtx
    service: ServiceCtx | None
    ruling_ref: RulingRefCtx | None
    court: str  # competent court (remedy), or the enforcement court of an application
    closing_summary: list[str]  # 结案报告 body
    closing_method: str  # 结案方式 of the 结案报告 ("" while not known)
    contact: str  # 附注: 联系人：…，联系电话：… (the template adds the brackets)


CONTEXT_KEYS: frozenset[str] = frozenset(DocumentContext.__annotations__)

# Titles of the default documents, by DocumentKind value.
DOCUMENT_TITLES: dict[str, str] = {
    "acceptance_notice": "受理通知书",
    "rejection_notice": "不予受理通知书",
    "correction_notice": "补正通知书",
    "answer_notice": "答辩通知书",
    "hearing_notice": "口头审理通知书",
    "suspension_notice": "中止审理通知书",
    "resumption_notice": "恢复审理通知书",
    "extension_approval": "延长审理期限审批表",
    "ruling": "专利侵权纠纷行政裁决书",
    "service_receipt": "送达回证",
    "reminder": "催告书",
    "enforcement_application": "强制执行申请书",
    "closing_report": "结案报告",
    # Mediation and judicial confirmation (mediation.documents)
    "mediation_request_notice": "调解请求通知书",
    "mediation_session_notice": "调解会议通知书",
    "mediation_record": "调解笔录",
    "mediation_agreement": "调解协议书",
    "mediation_termination_notice": "调解终止通知书",
    "confirmation_application": "司法确认申请书",
    "confirmation_materials": "司法确认申请材料清单",
}

# Complaints and referral (issue 12): titles of their documents.
DOCUMENT_TITLES.update({
    "referral_letter": "涉嫌犯罪案件移送书",
    "referral_attachments": "移送案件附件清单",
    "reconsideration_request": "提请复议书",
    "exhibit_transfer_list": "移交涉案物品清单",
    "transfer_letter": "案件移送函",
    "complaint_reply": "投诉举报答复书",
})


_SAMPLE_DOC_NUMBER_CODES: dict[str, str] = {
    "acceptance_notice": "南知受字",
    "rejection_notice": "南知不受字",
    "correction_notice": "南知补字",
    "answer_notice": "南知答字",
    "hearing_notice": "南知审字",
    "suspension_notice": "南知中字",
    "resumption_notice": "南知恢字",
    "extension_approval": "南知延字",
    "ruling": "南知裁字",
    "service_receipt": "南知送字",
    "reminder": "南知催字",
    "enforcement_application": "南知执字",
    "closing_report": "南知结字",
}


# Notices that go to the requester; the others go to a respondent.
_ADDRESSED_TO_REQUESTER = frozenset(
    {"acceptance_notice", "rejection_notice", "correction_notice"}
)


def _sample() -> dict[str, Any]:
    issued = datetime.date(2026, 11, 24)
    claimed = Decimal("123456.78")
    requester: PartyCtx = {
        "name": "南宁绿源科技有限公司（Green & Clean）",
        "kind": "legal_person",
        "is_natural_person": False,
        "address_label": "住所",
        "address": "广西壮族自治区南宁市西乡塘区科园大道68号A座1201室",
        "id_label": "统一社会信用代码",
        "id_number": "91450100MA5L8X7P23",
        "legal_representative": "陈志远",
        "legal_representative_title": "法定代表人",
        "phone": "0771-5566778",
        "agent": {
            "name": "周明",
            "firm": "广西“桂知”律师事务所",
            "title": "律师",
            "phone": "13907712345",
        },
    }
    company_respondent: PartyCtx = {
        "name": "广西<星河>智能设备有限公司",
        "kind": "legal_person",
        "is_natural_person": False,
        "address_label": "住所",
        "address": "广西壮族自治区南宁市青秀区东葛路118号",
        "id_label": "统一社会信用代码",
        "id_number": "91450103MA5K3T9Q1Q",
        "legal_representative": "林海",
        "legal_representative_title": "法定代表人",
        "phone": "0771-2233445",
        "agent": None,
    }
    person_respondent: PartyCtx = {
        "name": "黄丽华",
        "kind": "natural_person",
        "is_natural_person": True,
        "address_label": "住址",
        "address": "广西壮族自治区南宁市青秀区民族大道100号3栋2单元501室",
        "id_label": "公民身份号码",
        "id_number": "450103198503151236",
        "legal_representative": "",
        "legal_representative_title": "",
        "phone": "13812345678",
        "agent": {
            "name": "O'Neil 李",
            "firm": "南宁市\"正和\"专利代理事务所",
            "title": "专利代理师",
            "phone": "13698765432",
        },
    }
    ctx: DocumentContext = {
        "office": {
            "name": "南宁市知识产权局",
            "short_name": "本局",
            "address": "广西壮族自治区南宁市青秀区民族大道119号",
            "postcode": "530028",
            "phone": "0771-5512345",
            "government": "南宁市人民政府",
        },
        "doc": {
            "number": "南知裁字〔2026〕12号",
            "kind": "ruling",
            "title": DOCUMENT_TITLES["ruling"],
            "date": issued,
            "date_cn": date_cn(issued),
            "arabic_dates": False,
        },
        "case": {
            "number": "南知案字〔2026〕7号",
            "cause": "侵害实用新型专利权纠纷",
            "state": "decided",
            "request_date_cn": date_cn(datetime.date(2026, 6, 1)),
            "received_on_cn": date_cn(datetime.date(2026, 6, 2)),
            "accepted_on_cn": date_cn(datetime.date(2026, 6, 8)),
            "closed_on_cn": "",
        },
        "requesters": [requester],
        "respondents": [company_respondent, person_respondent],
        "recipient": company_respondent,
        "recipient_role": "respondent",
        "is_design": False,
        "patents": [
            {
                "kind": "utility_model",
                "number_display": "ZL2020\u00a02\u00a00123456.7",
                "title": "一种带指纹识别的智能门锁",
                "kind_label": "实用新型",
                "grant_date_cn": date_cn(datetime.date(2021, 3, 12)),
                "holder": requester["name"],
            }
        ],
        "products": [{"name": "\"SmartLock <Pro> & Plus\" 智能门锁", "model": "SL-2026<A>"}],
        "acts": ["制造", "销售", "许诺销售"],
        "panel": [
            {"name": "刘建国", "role": "合议组组长"},
            {"name": "覃小燕", "role": "合议组成员"},
            {"name": "韦东", "role": "合议组成员"},
        ],
        "hearing": {
            "at_cn": "二〇二六年九月十日上午九时三十分",
            "place": "南宁市知识产权局第一口审室（民族大道119号5楼）",
            "held": True,
        },
        "suspension": {
            "from_cn": date_cn(datetime.date(2026, 7, 6)),
            "to_cn": date_cn(datetime.date(2026, 8, 20)),
            "reason": "被请求人就涉案专利向国家知识产权局提出无效宣告请求并已被受理",
        },
        "extension": {
            "approved_on_cn": date_cn(datetime.date(2026, 10, 30)),
            "months": 1,
            "months_cn": number_cn(1),
            "new_due_cn": date_cn(datetime.date(2026, 12, 22)),
            "reason": "案情复杂，需进一步比对被诉侵权产品的技术特征",
        },
        "outcome": "infringement_found",
        "orders": [
            "被请求人广西<星河>智能设备有限公司、黄丽华立即停止制造、销售、许诺销售侵犯"
            "ZL2020\u00a02\u00a00123456.7号实用新型专利权的产品的行为。",
            "被请求人销毁库存的被诉侵权产品及专用于制造该产品的模具。",
        ],
        "procedure": [
            "请求人南宁绿源科技有限公司（Green & Clean）与被请求人广西<星河>智能设备有限公司、"
            "黄丽华侵害实用新型专利权纠纷一案，请求人于二〇二六年六月一日向本局提出处理请求，"
            "本局于二〇二六年六月八日依法立案受理，依法组成由刘建国、覃小燕、韦东参加的合议组"
            "进行审理。",
            "本局于二〇二六年九月十日依法进行了口头审理，请求人及其委托代理人周明、被请求人"
            "到庭参加了口头审理。",
            "本案现已审理终结。",
        ],
        "headings": {"claims": "一、请求人称", "defence": "二、被请求人辩称",
                     "evidence": "三、证据及质证", "facts": "四、经审理查明",
                     "issues": "五、争议焦点", "reasoning": "六、本局认为",
                     "order": "七、裁决如下"},
        "evidence": [
            "请求人提交了专利证书、专利登记簿副本、公证书（2026）桂南证字第1024号及所附实物。"
            "被请求人对其真实性无异议，但对关联性有异议。",
        ],
        "disputed_issues": ["被诉侵权产品是否落入涉案专利权的保护范围；合法来源抗辩是否成立。"],
        "requester_claims": [
            "请求人系ZL2020 2 0123456.7号实用新型专利的专利权人，该专利合法有效。",
            "被请求人未经许可，制造、销售、许诺销售的\"SmartLock <Pro> & Plus\"智能门锁"
            "落入涉案专利权利要求1的保护范围，请求责令被请求人立即停止侵权行为。",
            "请求人主张经济损失人民币123,456.78元（该项请求依法另行调解）。",
        ],
        "respondent_defence": [
            "被请求人辩称：被诉产品系其“自主研发”，技术方案与涉案专利不同；"
            "被请求人黄丽华（联系电话13812345678，公民身份号码450103198503151236）"
            "称其仅为销售者，产品有合法来源。",
            "被请求人还称：\"It's our own design & we sold it < 100 units.\"",
        ],
        "facts": [
            "请求人于二〇二〇年三月二日申请名称为“一种带指纹识别的智能门锁”的实用新型专利，"
            "二〇二一年三月十二日获得授权，专利号为ZL2020 2 0123456.7，现处于有效状态。",
            "二〇二六年五月二十日，请求人在被请求人经营场所公证购买了型号为SL-2026<A>的"
            "智能门锁一台，公证书编号为（2026）桂南证字第1024号。",
            "经现场勘验，被请求人库存被诉侵权产品共计326件。",
        ],
        "reasoning": {
            "doctrine": [
                "涉案专利权利要求1记载：一种带指纹识别的智能门锁，包括锁体、指纹模组和控制电路……"
                "本局依据权利要求的内容，结合说明书及附图确定其保护范围。",
            ],
            "analysis": [
                "1. 被诉产品具有锁体，与技术特征A相同；",
                "2. 被诉产品的指纹模组设于把手前端，与技术特征B相同；",
                "3. 被诉产品的控制电路与技术特征C构成等同。",
            ],
            "conclusion": "被请求人黄丽华提交的进货单据与被诉产品型号一致，其合法来源抗辩成立，"
            "但不影响责令其停止销售。被请求人关于“自主研发”的抗辩缺乏证据，本局不予支持。",
        },
        "legal_basis": "《中华人民共和国专利法》第十一条第一款、第六十五条，"
        "《中华人民共和国专利法实施细则》第九十五条",
        "reasons": ["请求人提交的证据不足以证明被请求人实施了被控侵权行为。"],
        "correction_items": [
            "请求人的主体资格证明文件（营业执照副本复印件加盖公章）；",
            "涉案专利的专利登记簿副本；",
            "被诉侵权产品的照片 & 购买凭证。",
        ],
        "amounts": {
            "claimed": claimed,
            "claimed_figures": amount_figures(claimed),
            "claimed_cn_capital": amount_capital(claimed),
        },
        "periods": {
            "suit_days": 15,
            "suit_days_cn": number_cn(15),
            "answer_days": 15,
            "answer_days_cn": number_cn(15),
            "correction_days": 15,
            "correction_days_cn": number_cn(15),
            "performance_days": 10,
            "performance_days_cn": number_cn(10),
            "enforcement_months": 3,
            "enforcement_months_cn": number_cn(3),
            "reconsideration_days": 60,
            "reconsideration_days_cn": number_cn(60),
            "general_suit_months": 6,
            "general_suit_months_cn": number_cn(6),
        },
        "service": {
            "document_title": DOCUMENT_TITLES["ruling"],
            "document_number": "南知裁字〔2026〕12号",
            "recipient": company_respondent["name"],
            "address": company_respondent["address"],
            "method": "直接送达",
            "served_on_cn": date_cn(datetime.date(2026, 11, 26)),
            "received_by": "",
            "server_names": ["覃小燕", "韦东"],
        },
        "ruling_ref": {
            "title": DOCUMENT_TITLES["ruling"],
            "number": "南知裁字〔2026〕12号",
            "date_cn": date_cn(issued),
            "served_on_cn": date_cn(datetime.date(2026, 11, 26)),
            "litigation": "",
        },
        "court": "南宁市中级人民法院",
        "closing_summary": [
            "本案于二〇二六年六月八日立案，经审理于二〇二六年十一月二十四日作出行政裁决，"
            "裁决书已依法送达各方当事人。",
            "当事人在法定期限内未提起行政诉讼，被请求人已停止侵权行为并销毁库存产品，"
            "本案已执行完毕，建议结案。",
        ],
        "closing_method": ("作出行政裁决（南知裁字〔2026〕12号），认定侵权行为成立，"
                           "责令停止侵权行为"),
        "contact": "联系人：覃小燕，联系电话：0771-5512345",
    }
    return dict(ctx)


_SAMPLE = _sample()


def sample_context(kind: str) -> dict[str, Any]:
    """A complete context for a document of ``kind`` (a DocumentKind value); a fresh copy.
    A kind whose workflow declares its own sample (DocumentRule.sample) gets that one."""
    from cases.workflows import kind_rule

    rule = kind_rule(kind)
    if rule is not None and rule.sample is not None:
        return copy.deepcopy(rule.sample())
    ctx = copy.deepcopy(_SAMPLE)
    ctx["doc"]["kind"] = kind
    ctx["doc"]["title"] = DOCUMENT_TITLES.get(kind, ctx["doc"]["title"])
    if kind in _ADDRESSED_TO_REQUESTER:
        ctx["recipient"] = copy.deepcopy(ctx["requesters"][0])
        ctx["recipient_role"] = "requester"
    code = _SAMPLE_DOC_NUMBER_CODES.get(kind, "南知字")
    ctx["doc"]["number"] = f"{code}〔2026〕12号"
    return ctx


# What each kind of document cannot be printed without (dotted paths into the context).
# Generating one with any of them empty is refused with the list of what is missing.
_COMMON: list[tuple[str, Any]] = [
    ("office.name", _("name of the office")), ("case.number", _("case number")),
    ("case.cause", _("cause of action (kind of patent)")), ("requesters", _("requester")),
    ("respondents", _("respondent")),
]
_NOTICE: list[tuple[str, Any]] = [("recipient", _("addressee")),
                                  ("legal_basis", _("legal basis (legal basis rules)"))]
REQUIRED_FIELDS: dict[str, list[tuple[str, Any]]] = {
    "acceptance_notice": [*_NOTICE, ("case.accepted_on_cn", _("date of acceptance")),
                          ("patents", _("patent in dispute")), ("panel", _("panel"))],
    "rejection_notice": [*_NOTICE, ("reasons", _("reasons for not accepting")),
                         ("court", _("competent court (office settings)"))],
    "correction_notice": [*_NOTICE, ("correction_items", _("items to correct"))],
    "answer_notice": [*_NOTICE, ("case.accepted_on_cn", _("date of acceptance"))],
    "hearing_notice": [*_NOTICE, ("hearing.at_cn", _("hearing time")),
                       ("hearing.place", _("hearing place"))],
    "suspension_notice": [*_NOTICE, ("suspension.reason", _("reason for suspension")),
                          ("suspension.from_cn", _("date of suspension"))],
    "resumption_notice": [*_NOTICE, ("suspension.reason", _("reason for suspension")),
                          ("suspension.to_cn", _("date of resumption"))],
    "extension_approval": [("extension.reason", _("reason for the extension")),
                           ("panel", _("panel"))],
    "ruling": [("patents", _("patent in dispute")), ("case.accepted_on_cn",
                                                     _("date of acceptance")),
               ("panel", _("panel")), ("requester_claims", _("requester's claims")),
               ("facts", _("facts found")), ("reasoning.analysis", _("reasoning")),
               ("outcome", _("outcome")), ("orders", _("operative part of the ruling")),
               ("legal_basis", _("legal basis (legal basis rules)")),
               ("court", _("competent court (office settings)"))],
    "service_receipt": [("recipient", _("party served")),
                        ("service.document_title", _("issued document to serve")),
                        ("service.document_number", _("number of the document served"))],
    "reminder": [*_NOTICE, ("ruling_ref.number", _("number of the issued ruling")),
                 ("ruling_ref.served_on_cn", _("date the ruling was served")),
                 ("orders", _("operative part of the ruling"))],
    "enforcement_application": [("legal_basis", _("legal basis (legal basis rules)")),
                                ("ruling_ref.number", _("number of the issued ruling")),
                                ("ruling_ref.served_on_cn", _("date the ruling was served")),
                                ("orders", _("operative part of the ruling")),
                                ("court", _("court to apply to"))],
    "closing_report": [("closing_summary", _("closing report")), ("panel", _("panel"))],
}


def _lookup(context: dict[str, Any], path: str) -> Any:
    value: Any = context
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def context_keys(kind: str) -> frozenset[str]:
    """The top-level keys a template of ``kind`` may use: those of its workflow's context
    type (DocumentRule.context_type), the ruling's contract for the ruling's kinds."""
    from typing import is_typeddict

    from cases.workflows import kind_rule

    rule = kind_rule(kind)
    if rule is not None and is_typeddict(rule.context_type):
        return frozenset(rule.context_type.__annotations__)
    return CONTEXT_KEYS


def missing_fields(kind: str, context: dict[str, Any]) -> list[str]:
    """Labels of the required values of ``kind`` that are empty in ``context``: the ruling
    workflow's kinds from REQUIRED_FIELDS, every other kind from its DocumentRule."""
    from cases.workflows import kind_rule

    if kind in REQUIRED_FIELDS:
        required = [*_COMMON, *REQUIRED_FIELDS[kind]]
    else:
        rule = kind_rule(kind)
        required = list(rule.required) if rule is not None else list(_COMMON)
    missing = []
    for path, label in required:
        value = _lookup(context, path)
        if value is None or value == "" or value == [] or value == {}:
            missing.append(str(label))
    return missing
