"""Writes decisions.json and queries.json of the independent set.

``python -m search.evaluation.independent.compose`` after editing ``cases.py`` or
``QUERIES`` below; the JSON files are committed. Nothing here comes from
``search/evaluation/generator.py``: the layouts, party names, procedural text and facts
are this set's own.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from search.evaluation.independent.cases import CASES
from search.evaluation.sets import Case, write_set

HERE = Path(__file__).resolve().parent
REVISED = date(2021, 6, 1)  # the 2020 patent and copyright laws took effect

CITY = {"450100": "南宁市", "450200": "柳州市", "450300": "桂林市", "450400": "梧州市",
        "450500": "北海市"}
PLATFORM_PHRASE = {"拼多多": "拼多多平台", "淘宝": "淘宝网", "天猫": "天猫商城", "京东": "京东商城",
                   "抖音": "抖音平台", "快手": "快手平台", "1688": "1688批发平台",
                   "亚马逊": "亚马逊平台", "闲鱼": "闲鱼平台", "微信": "微信"}
RIGHT = {"design_patent": "外观设计专利", "utility_model": "实用新型专利",
         "invention_patent": "发明专利", "trademark": "注册商标专用权", "copyright": "著作权"}
ACT_WORDS = {"make": "生产", "use": "使用", "offer": "许诺销售", "sell": "销售", "import": "进口"}
HOLDERS = ["广西绿城照明科技有限公司", "柳州市宏达机械制造有限公司", "桂林漓江日用品有限公司",
           "深圳市优品电子科技有限公司", "浙江永康五金制品有限公司", "广东佛山家居用品有限公司",
           "南宁市青山农业科技有限公司", "上海晨光文化创意有限公司", "北京华彩影视文化有限公司",
           "梧州市六堡茶业协会"]
RESPONDENTS = ["南宁市西乡塘区某某日用品店", "柳州市鱼峰区某某贸易商行", "桂林市七星区某某电子经营部",
               "梧州市长洲区某某五金店", "北海市海城区某某百货店", "广西某某实业有限公司",
               "南宁市江南区某某灯饰厂", "柳州市柳南区某某服装店", "桂林某某电子商务有限公司",
               "北海某某科技有限公司", "梧州某某塑料制品厂"]


def _who(case: Case, pool: list[str], salt: int) -> str:
    return pool[(int(case.id[-3:]) * 7 + salt) % len(pool)]


def _acts(case: Case) -> str:
    return "、".join(ACT_WORDS[a] for a in case.acts)


def _where(case: Case) -> str:
    if case.platform:
        return f"在{PLATFORM_PHRASE.get(case.platform, case.platform)}开设的店铺"
    return "在其经营场所"


def _patent_statutes(case: Case, judgment: bool) -> list[str]:
    new = date.fromisoformat(case.date) >= REVISED
    law = "《中华人民共和国专利法》"
    nums = ["第十一条", "第六十四条" if new else "第五十九条"]
    if not judgment:
        nums.append("第六十五条" if new else "第六十条")
    if {"prior_art", "prior_design"} & set(case.topics):
        nums.append("第六十七条" if new else "第六十二条")
    if "legal_source" in case.topics:
        nums.append("第七十七条" if new else "第七十条")
    if "prior_use" in case.topics:
        nums.append("第七十五条" if new else "第六十九条")
    if judgment and case.amount:
        nums.append("第七十一条" if new else "第六十五条")
    return [law + "、".join(nums)]


def _trademark_statutes(case: Case, judgment: bool) -> list[str]:
    nums = ["第五十七条"]
    nums.append("第六十三条" if judgment else "第六十条")
    return ["《中华人民共和国商标法》" + "、".join(nums)]


def _copyright_statutes(case: Case, judgment: bool) -> list[str]:
    new = date.fromisoformat(case.date) >= REVISED
    nums = ["第十条"]
    nums.append("第五十三条" if new else "第四十八条")
    if judgment and case.amount:
        nums.append("第五十四条" if new else "第四十九条")
    out = ["《中华人民共和国著作权法》" + "、".join(nums)]
    if not judgment:
        out.append("《中华人民共和国著作权法实施条例》第三十六条")
    return out


def statutes(case: Case) -> list[str]:
    judgment = case.layout == "judgment"
    if case.ip == "trademark":
        return _trademark_statutes(case, judgment)
    if case.ip == "copyright":
        return _copyright_statutes(case, judgment)
    return _patent_statutes(case, judgment)


DEFENCE = {
    "prior_art": "被请求人提出现有技术抗辩，认为其实施的技术方案在专利申请日以前已为国内外公众所知。",
    "prior_design": "被请求人提出现有设计抗辩，并提交了申请日前公开的设计资料。",
    "legal_source": "被请求人辩称其不知道所售产品为侵权产品，产品系从正规渠道购进，能够说明合法来源。",
    "prior_use": "被请求人主张其在申请日前已经实施相同技术，享有先用权。",
    "equivalent": "被请求人认为被诉产品与专利技术方案存在区别，不构成侵权。",
    "missing_feature": "被请求人认为被诉产品缺少权利要求记载的必要技术特征。",
    "different_design": "被请求人认为被诉产品与专利设计差别明显，不会造成混淆。",
}


def _defence(case: Case, party: str) -> str:
    for topic in case.topics:
        if topic in DEFENCE:
            return DEFENCE[topic].replace("被请求人", party)
    return f"{party}未到庭陈述意见，亦未提交书面答辩。" if case.outcome == "infringement_found" \
        else f"{party}对请求人主张的事实部分予以认可。".replace("请求人", "对方")


EVIDENCE = {
    "online_shop": "网店页面截图及商品链接的公证书一份，证明被诉产品在网店展示、标价和成交记录；",
    "live_stream": "直播回放录屏光盘及订单截图，证明直播过程中展示和推销被诉产品；",
    "factory": "现场勘验笔录及照片，证明生产车间内的设备、模具、半成品和成品情况；",
    "offline_store": "现场检查笔录及照片，证明经营场所内陈列和库存的被诉产品；",
    "wholesale": "批发平台店铺页面截图，证明被诉产品以批发价格对外供货；",
    "legal_source": "进货合同、送货单、付款凭证，证明被诉产品的来源；",
    "prior_art": "申请日前公开的文献资料，证明被诉技术方案的公开情况；",
    "prior_design": "申请日前公开的产品图册及网页截图，证明被诉设计的公开情况；",
    "counterfeit": "权利人出具的鉴定意见及商标注册证，证明被查获商品为侵权商品；",
    "piracy": "著作权人出具的鉴定书及正版样本，证明涉案复制品为非正版；",
    "software": "软件著作权登记证书及现场核查记录，证明安装软件的数量和授权情况；",
    "import": "报关单及进口合同，证明被诉产品的进口批次和数量；",
    "process_patent": "生产工艺流程记录及现场勘验笔录，证明被诉方法的各个步骤；",
}


def _evidence(case: Case) -> str:
    items = [EVIDENCE[t] for t in case.topics if t in EVIDENCE]
    items.insert(0, "权利证书及权利有效的证明文件，证明权利的归属和有效性；")
    return "".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


PROCEDURE = ("本案在审理过程中，办案人员依法向双方当事人送达了受理通知书、答辩通知书、举证通知书及口头审理通知书，"
             "告知了双方当事人的权利义务以及合议组成员名单，双方当事人均未申请回避。各方当事人在规定期限内提交了证据材料，"
             "并在口头审理中进行了质证。对双方当事人无异议的证据，予以确认并在卷佐证；对有异议的证据，结合全案情况进行审查认定。")


def _ruling(case: Case) -> tuple[str, str, str]:
    holder, resp = _who(case, HOLDERS, 1), _who(case, RESPONDENTS, 3)
    city = CITY[case.region]
    num = f"{city[:2]}知处字〔{case.date[:4]}〕{int(case.id[-3:]):03d}号"
    title = f"{holder}与{resp}{RIGHT[case.ip]}侵权纠纷处理决定书"
    law = statutes(case)[0]
    outcome = {
        "infringement_found": f"一、被请求人立即停止{_acts(case)}侵犯请求人{RIGHT[case.ip]}的产品；"
                              "二、被请求人销毁库存侵权产品及专用模具。",
        "partially_found": f"一、被请求人停止{_acts(case)}被诉侵权产品；二、驳回请求人的其他请求。",
        "dismissed": "驳回请求人的处理请求。",
        "settled": "本案经调解结案，双方当事人自愿达成协议，本局予以确认。",
        "withdrawn": "准许请求人撤回处理请求，本案终止处理。",
    }[case.outcome]
    reasoning = {
        "infringement_found": "被诉侵权产品落入涉案专利权的保护范围，被请求人未经许可实施专利，构成侵权。",
        "partially_found": "被诉侵权产品落入涉案专利权的保护范围，被请求人应当停止侵权，但请求人的其余主张缺乏依据。",
        "dismissed": "请求人关于被请求人侵犯其专利权的主张不能成立。",
        "settled": "双方经本局主持调解达成一致。",
        "withdrawn": "请求人撤回处理请求系其真实意思表示。",
    }[case.outcome]
    text = (
        f"{city}知识产权局\n专利侵权纠纷处理决定书\n{num}\n"
        f"请求人：{holder}，住所地{city}。\n被请求人：{resp}，经营场所{city}。\n"
        f"请求人以被请求人侵犯其{RIGHT[case.ip]}为由，于{case.date[:4]}年向本局提出处理请求，本局依法立案，"
        "组成合议组并进行了口头审理，双方当事人到场参加。本案现已审理终结。\n"
        f"请求人称：其是名称为“{case.product}”的{RIGHT[case.ip]}的专利权人，该专利合法有效。被请求人未经许可，"
        f"{_where(case)}{_acts(case)}与专利相同或者近似的产品，请求责令被请求人停止侵权行为。\n"
        f"被请求人辩称：{_defence(case, '被请求人')}\n"
        f"{PROCEDURE}\n请求人提交了以下证据：{_evidence(case)}被请求人对证据的真实性无异议，对证明目的有异议。\n"
        f"本局经审理查明：{case.facts}\n"
        f"本局认为：{reasoning}依照{law}的规定，决定如下：\n{outcome}\n"
        "当事人不服本决定的，可以自收到本决定书之日起十五日内依照《中华人民共和国行政诉讼法》向人民法院起诉；"
        "期满不起诉又不停止侵权行为的，本局可以申请人民法院强制执行。\n"
        f"{city}知识产权局\n{case.date}"
    )
    return title, num, text


def _judgment(case: Case) -> tuple[str, str, str]:
    holder, resp = _who(case, HOLDERS, 2), _who(case, RESPONDENTS, 5)
    city = CITY[case.region]
    num = f"（{case.date[:4]}）桂{case.region[2:4]}民初{int(case.id[-3:]) * 13}号"
    kind = {"trademark": "侵害商标权纠纷", "copyright": "侵害著作权纠纷"}.get(
        case.ip, f"侵害{RIGHT[case.ip]}权纠纷")
    title = f"{holder}与{resp}{kind}一审民事判决书"
    laws = "、".join(statutes(case))
    money = f"{case.amount:.0f}" if case.amount else ""
    verdict = {
        "infringement_found": f"一、被告立即停止侵害原告{RIGHT[case.ip]}的行为；"
                              f"二、被告于本判决生效之日起十日内赔偿原告经济损失及合理开支共计{money}元；"
                              "三、驳回原告的其他诉讼请求。",
        "partially_found": f"一、被告停止侵权行为；二、被告赔偿原告经济损失{money}元；三、驳回原告的其他诉讼请求。",
        "dismissed": "驳回原告的全部诉讼请求。",
    }[case.outcome]
    text = (
        f"广西壮族自治区{city}中级人民法院\n民事判决书\n{num}\n"
        f"原告：{holder}。\n被告：{resp}。\n"
        f"原告{holder}与被告{resp}{kind}一案，本院立案后，依法适用普通程序，公开开庭进行了审理。"
        "原告的委托诉讼代理人、被告的经营者到庭参加诉讼。本案现已审理终结。\n"
        f"原告向本院提出诉讼请求：1.判令被告停止{_acts(case)}侵权产品；2.判令被告赔偿经济损失及维权合理开支。"
        f"事实与理由：原告依法享有“{case.product}”相关的{RIGHT[case.ip]}，被告{_where(case)}{_acts(case)}侵权产品。\n"
        f"被告辩称：{_defence(case, '被告')}\n"
        f"当事人围绕诉讼请求依法提交了证据，本院组织当事人进行了证据交换和质证。原告提交的证据包括：{_evidence(case)}"
        "被告对原告证据的真实性不持异议，但认为不能证明其主张。对当事人无异议的证据，本院予以确认并在卷佐证。\n"
        f"本院经审理认定事实如下：{case.facts}上述事实，有原告提交的权利证书、公证书、实物及当事人陈述等证据在案佐证。\n"
        f"本院认为：本案的争议焦点为被告的行为是否构成侵权以及民事责任如何承担。{case.facts[:40]}……"
        f"综合考虑涉案权利的类型、被告的经营规模、侵权行为的性质和情节等因素，依照{laws}及《中华人民共和国民事诉讼法》"
        f"第六十七条之规定，判决如下：\n{verdict}\n"
        "如果未按本判决指定的期间履行给付金钱义务，应当依照《中华人民共和国民事诉讼法》第二百六十四条之规定，"
        "加倍支付迟延履行期间的债务利息。案件受理费由原告、被告按比例负担。\n"
        "如不服本判决，可以在判决书送达之日起十五日内，向本院递交上诉状，上诉于广西壮族自治区高级人民法院。\n"
        f"审判长 李某某\n{case.date}\n书记员 王某某"
    )
    return title, num, text


def _mediation(case: Case) -> tuple[str, str, str]:
    holder, resp = _who(case, HOLDERS, 4), _who(case, RESPONDENTS, 6)
    city = CITY[case.region]
    num = f"{city[:2]}知调〔{case.date[:4]}〕{int(case.id[-3:])}号"
    title = f"{holder}与{resp}{RIGHT[case.ip]}纠纷调解协议书"
    money = f"{case.amount:.0f}" if case.amount else "0"
    end = {
        "settled": f"经调解，双方自愿达成如下协议：一、被申请人自本协议签订之日起停止{_acts(case)}涉案产品；"
                   f"二、被申请人向申请人支付补偿款{money}元；三、双方就本纠纷再无其他争议。",
        "confirmed": f"经调解，双方自愿达成如下协议：一、被申请人停止{_acts(case)}涉案产品；"
                     f"二、被申请人支付补偿款{money}元。双方共同向人民法院申请司法确认，人民法院裁定该调解协议有效。",
        "withdrawn": "申请人于调解过程中撤回调解申请，本次调解终结。",
    }[case.outcome]
    text = (
        f"{city}知识产权纠纷人民调解委员会\n调解记录\n{num}\n"
        f"申请人：{holder}\n被申请人：{resp}\n"
        f"纠纷简要情况：申请人认为被申请人{_where(case)}{_acts(case)}的{case.product}侵犯其{RIGHT[case.ip]}，"
        "向本委员会申请调解。本委员会受理后指派调解员，于调解室组织双方进行面对面调解。\n"
        f"双方提交的材料：{_evidence(case)}\n"
        f"调解过程：{case.facts}调解员向双方释明了相关法律规定和诉讼风险，双方在平等自愿的基础上进行了协商。\n"
        f"调解结果：{end}\n本协议一式三份，双方各执一份，调解委员会留存一份，自双方签字之日起生效。\n"
        f"调解员：陈某某\n{case.date}"
    )
    return title, num, text


def _tm_penalty(case: Case) -> tuple[str, str, str]:
    resp = _who(case, RESPONDENTS, 8)
    city = CITY[case.region]
    num = f"{city[:2]}市监处罚〔{case.date[:4]}〕{int(case.id[-3:]) + 100}号"
    title = f"{resp}侵犯注册商标专用权案行政处罚决定书"
    law = statutes(case)[0]
    fine = f"{case.amount:.0f}" if case.amount else ""
    decision = (f"责令当事人立即停止侵权行为，没收、销毁侵权商品，并处罚款{fine}元。"
                if case.outcome in {"infringement_found", "partially_found"}
                else "当事人的行为不构成侵犯注册商标专用权，本局决定不予行政处罚。")
    text = (
        f"{city}市场监督管理局\n行政处罚决定书\n{num}\n"
        f"当事人：{resp}\n经营场所：{city}\n"
        f"{case.date[:4]}年，本局执法人员根据商标权利人投诉，对当事人{_where(case)}进行检查。"
        f"经查，{case.facts}\n"
        f"上述事实，有以下证据为证：{_evidence(case)}现场检查笔录、询问笔录及现场照片。"
        "本局于调查终结后依法告知当事人拟作出行政处罚的事实、理由、依据及其享有的陈述、申辩权利，当事人未提出陈述申辩意见。\n"
        f"本局认为，依据{law}的规定，{decision}\n"
        "当事人应当自收到本决定书之日起十五日内将罚款缴至指定银行。如不服本处罚决定，可以在收到本决定书之日起六十日内"
        "申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。\n"
        f"{city}市场监督管理局\n{case.date}"
    )
    return title, num, text


def _cr_penalty(case: Case) -> tuple[str, str, str]:
    resp = _who(case, RESPONDENTS, 9)
    city = CITY[case.region]
    num = f"{city[:2]}文执罚字〔{case.date[:4]}〕{int(case.id[-3:])}号"
    title = f"{resp}侵犯著作权案行政处罚决定书"
    laws = "、".join(statutes(case))
    fine = f"{case.amount:.0f}" if case.amount else ""
    decision = (f"没收侵权复制品，并处罚款{fine}元。"
                if case.outcome in {"infringement_found", "partially_found"}
                else "违法事实不能成立，不予行政处罚。")
    text = (
        f"{city}文化市场综合行政执法支队\n行政处罚决定书\n{num}\n"
        f"当事人：{resp}\n"
        f"本机关接到举报后，于{case.date[:4]}年对当事人{_where(case)}开展检查。经查明：{case.facts}\n"
        f"以上事实有以下证据证实：{_evidence(case)}现场检查笔录、询问调查笔录及扣押物品清单。"
        "本机关依法向当事人送达了行政处罚事先告知书，告知其拟作出行政处罚的事实、理由和依据，以及依法享有的陈述、申辩和要求听证的权利。\n"
        f"本机关认为，当事人的上述行为违反了{laws}的规定，决定：{decision}\n"
        "如不服本决定，可在接到本决定书之日起六十日内申请行政复议，也可以在六个月内直接向人民法院提起行政诉讼。\n"
        f"{city}文化市场综合行政执法支队\n{case.date}"
    )
    return title, num, text


LAYOUTS: dict[str, Callable[[Case], tuple[str, str, str]]] = {
    "ruling": _ruling, "judgment": _judgment, "mediation": _mediation,
    "tm_penalty": _tm_penalty, "cr_penalty": _cr_penalty,
}


def decision(case: Case) -> dict[str, Any]:
    title, number, text = LAYOUTS[case.layout](case)
    amount_field = {"judgment": "damages_awarded", "mediation": "settlement_amount",
                    "tm_penalty": "fine", "cr_penalty": "fine"}.get(case.layout)
    out: dict[str, Any] = {
        "external_id": case.id, "title": title, "document_number": number,
        "decided_on": case.date, "region_code": case.region, "ip_type": case.ip,
        "infringing_acts": list(case.acts), "platform": case.platform,
        "product_category": case.category, "outcome": case.outcome,
        "statutes_cited": statutes(case) if case.layout != "judgment" else [],
        "full_text": text, "layout": case.layout, "topics": list(case.topics),
    }
    if amount_field and case.amount:
        out[amount_field] = case.amount
    return out


# --- queries: each states the rule its grades follow ------------------------------------

Pred = Callable[[Case], bool]


def ip(*kinds: str) -> Pred:
    return lambda c: c.ip in kinds


def patent() -> Pred:
    return ip("design_patent", "utility_model", "invention_patent")


def topic(*names: str) -> Pred:
    return lambda c: bool(set(names) & set(c.topics))


def platform(*names: str) -> Pred:
    return lambda c: c.platform in names


def act(*names: str) -> Pred:
    return lambda c: bool(set(names) & set(c.acts))


def category(*names: str) -> Pred:
    return lambda c: c.category in names


def outcome(*names: str) -> Pred:
    return lambda c: c.outcome in names


def layout(*names: str) -> Pred:
    return lambda c: c.layout in names


def before(day: str) -> Pred:
    return lambda c: c.date < day


def product_has(*words: str) -> Pred:
    return lambda c: any(w in c.product for w in words)


def grade_by_count(criteria: list[Pred]) -> Callable[[Case], int]:
    """All criteria 3; all but one 2; at least half 1 (criteria ≥ 3) — the generic rule."""
    def grade(c: Case) -> int:
        n = sum(1 for p in criteria if p(c))
        if n == len(criteria):
            return 3
        if n == len(criteria) - 1 and len(criteria) >= 2:
            return 2
        if len(criteria) >= 3 and n >= len(criteria) / 2:
            return 1
        return 0
    return grade


def must_then(core: list[Pred], extra: list[Pred]) -> Callable[[Case], int]:
    """Core criteria required; 3 with every extra criterion, 2 with all but one, else 1."""
    def grade(c: Case) -> int:
        if not all(p(c) for p in core):
            return 0
        n = sum(1 for p in extra if p(c))
        if n == len(extra):
            return 3
        return 2 if n == len(extra) - 1 else 1
    return grade


Q = tuple[str, str, str, Callable[[Case], int]]

QUERIES: list[Q] = [
    # --- short keyword queries ---
    ("外观设计 拼多多", "short", "3: design patent sold on 拼多多; 2: a design patent elsewhere, or another right on 拼多多",
     must_then([lambda c: c.ip == "design_patent" or c.platform == "拼多多"], [ip("design_patent"), platform("拼多多")])),
    ("现有技术抗辩", "short", "3: the case turns on a prior art or prior design defence",
     must_then([topic("prior_art", "prior_design")], [])),
    ("合法来源 销售", "short", "3: legal-source defence and selling; 2: legal-source defence",
     must_then([topic("legal_source")], [act("sell")])),
    ("等同 技术特征", "short", "3: equivalence of a technical feature decided",
     must_then([topic("equivalent")], [])),
    ("直播 销售 假冒", "short", "3: counterfeit goods sold in a live stream; 2: live stream or counterfeit selling",
     grade_by_count([topic("live_stream"), topic("counterfeit"), act("sell")])),
    ("盗版 图书", "short", "3: pirated books/publications; 2: piracy of other works",
     must_then([topic("piracy")], [category("出版物")])),
    ("先用权", "short", "3: prior-use right decided", must_then([topic("prior_use")], [])),
    ("软件 著作权 使用", "short", "3: unlicensed use of software",
     must_then([topic("software")], [])),
    ("驳回", "short", "3: the request or claims were dismissed (outcome dismissed)",
     must_then([outcome("dismissed")], [])),
    ("调解 补偿款", "short", "3: settled or court-confirmed mediation with a payment",
     must_then([outcome("settled", "confirmed")], [lambda c: bool(c.amount)])),
    ("电动车 外观设计", "short", "3: design patent on electric-bike parts; 1: other rights on electric-bike parts",
     must_then([category("电动车配件")], [ip("design_patent")])),
    ("地理标志 茶", "short", "3: geographical-indication mark on tea",
     must_then([topic("geographic")], [])),
    ("平行进口", "short", "3: parallel import", must_then([topic("parallel_import")], [])),
    ("方法专利 生产线", "short", "3: process patent worked in production",
     must_then([topic("process_patent")], [act("make", "use")])),
    # --- synonyms, abbreviations, everyday words ---
    ("外观专利 PDD", "synonym", "3: design patent and 拼多多; 1: one of the two",
     grade_by_count([ip("design_patent"), platform("拼多多")])),
    ("展示销售 外观", "synonym", "3: design patent offered for sale (许诺销售); 1: design patent",
     must_then([ip("design_patent")], [act("offer")])),
    ("灯具 外观设计", "synonym", "3: design patent on lamps (category 灯具) whatever lamp it names; 1: other lamp cases",
     must_then([category("灯具")], [ip("design_patent")])),
    ("小家电 实用新型", "synonym", "3: utility model on a small appliance; 1: small appliance under other rights",
     must_then([category("小家电")], [ip("utility_model")])),
    ("淘宝 盗版", "synonym", "3: piracy sold on 淘宝; 2: piracy elsewhere or copyright on 淘宝",
     grade_by_count([platform("淘宝"), ip("copyright")])),
    ("抖店 商标", "synonym", "3: trademark case on 抖音; 1: other 抖音 cases",
     must_then([platform("抖音")], [ip("trademark")])),
    ("狗东 专利", "synonym", "3: patent case on 京东; 1: other 京东 cases",
     must_then([platform("京东")], [patent()])),
    ("山寨 鞋", "synonym", "3: counterfeit footwear; 1: other counterfeit goods",
     must_then([topic("counterfeit")], [category("鞋类")])),
    ("版权 网络传播", "synonym", "3: copyright, spread online (network)",
     must_then([ip("copyright")], [topic("network")])),
    ("撤诉", "synonym", "3: request withdrawn", must_then([outcome("withdrawn")], [])),
    ("小专利 生产", "synonym", "3: utility model and making; 1: utility model",
     must_then([ip("utility_model")], [act("make")])),
    ("家具 展销会", "synonym", "3: furniture offered at an exhibition; 1: furniture",
     must_then([category("家具")], [topic("exhibition")])),
    # --- statutes ---
    ("专利法第六十二条", "statute", "3: prior art/design defence (62 under the 2008 law, 67 under 2020)",
     must_then([topic("prior_art", "prior_design")], [])),
    ("商标法第五十七条 网店", "statute", "3: trademark infringement sold online; 2: trademark infringement",
     must_then([ip("trademark"), outcome("infringement_found", "partially_found")], [lambda c: bool(c.platform)])),
    # --- quoted phrase ---
    ("\"司法确认\"", "phrase", "3: mediation agreement confirmed by a court",
     must_then([outcome("confirmed")], [])),
    # --- long fact descriptions (pasted paragraphs) ---
    ("请求人是一款台灯外观设计专利的权利人，发现被请求人在拼多多上开了网店，把外形几乎一样的台灯挂出来卖，"
     "页面有价格和销量，请求人公证购买了一台，请求责令停止销售和许诺销售。", "long",
     "3: design patent, lamp category, online shop; 2: design patent sold online or lamp design; 1: design patent",
     must_then([ip("design_patent")], [category("灯具"), topic("online_shop")])),
    ("当事人在自己开的鞋店里卖印着别人商标的运动鞋，执法人员去检查时当场查到几十双，"
     "商标权利人辨认后说都是假的，当事人说是从批发市场进的货但拿不出票据。", "long",
     "3: counterfeit footwear (trademark); 2: counterfeit goods sold offline; 1: counterfeit goods",
     must_then([topic("counterfeit")], [category("鞋类"), topic("offline_store")])),
    ("被告是一家农机厂，生产的收割机刀盘和我们发明专利很像，只是把刀片的数量改了，"
     "我们认为刀片的安装方式和功能效果都一样，应该算等同侵权，想找类似的判例看看法院怎么判赔偿。", "long",
     "3: equivalence decided on agricultural machinery; 2: equivalence; 1: agricultural machinery patent",
     lambda c: 3 if topic("equivalent")(c) and category("农机")(c) else
     2 if topic("equivalent")(c) else 1 if category("农机")(c) and c.ip != "trademark" else 0),
    ("对方在抖音直播间卖我们的专利产品仿制品，主播一边展示一边讲解，直播回放里能看到产品的样子跟我们的"
     "外观设计一样，卖了不少单，我们想知道直播带货这种情况能不能认定许诺销售和销售。", "long",
     "3: design patent in a live stream; 2: patent or other right in a live stream; 1: design patent online",
     lambda c: 3 if c.ip == "design_patent" and "live_stream" in c.topics else
     2 if "live_stream" in c.topics else
     1 if c.ip == "design_patent" and c.platform else 0),
    ("被请求人说这个产品是从厂家进货的，自己只是零售，不知道是侵权的，提供了进货单和转账记录，"
     "请求人认为零售商也应该赔偿，本案的焦点是合法来源抗辩能不能成立、还要不要停止销售。", "long",
     "3: legal-source defence raised by a patent retailer; 2: legal-source defence in other rights",
     lambda c: 3 if "legal_source" in c.topics and c.ip != "trademark" and c.ip != "copyright" else
     2 if "legal_source" in c.topics else 0),
    ("当事人开了个印刷厂，没有经过出版社和作者同意，偷偷印了一大批中小学教辅书往外批发，"
     "执法检查时在车间里查到成品书和印刷用的胶片，请问这种情况一般怎么处罚，罚款多少。", "long",
     "3: pirated publications made in a print shop; 2: pirated publications; 1: other piracy",
     lambda c: 3 if "piracy" in c.topics and c.category == "出版物" and "make" in c.acts else
     2 if "piracy" in c.topics and c.category == "出版物" else 1 if "piracy" in c.topics else 0),
    ("被诉侵权人主张自己用的技术在申请日以前就已经公开了，拿出了一份很早以前的技术手册和国外的专利文献，"
     "认为属于现有技术，不构成侵权，想看看这类现有技术抗辩成立被驳回的决定。", "long",
     "3: prior art defence that succeeded (dismissed); 2: prior art/design defence; 1: dismissed patent case",
     lambda c: 3 if "prior_art" in c.topics and c.outcome == "dismissed" else
     2 if {"prior_art", "prior_design"} & set(c.topics) else
     1 if c.outcome == "dismissed" and c.ip not in {"trademark", "copyright"} else 0),
    ("我们公司的商标被人仿冒了，对方在淘宝和拼多多上开店卖假货，销量很大，"
     "我们想起诉要求按照对方的获利来计算赔偿，甚至主张惩罚性赔偿，有没有法院支持的先例。", "long",
     "3: trademark judgment on counterfeits sold online; 2: trademark counterfeits online (any layout); 1: trademark judgment",
     lambda c: 3 if c.ip == "trademark" and c.layout == "judgment" and c.platform and "counterfeit" in c.topics else
     2 if c.ip == "trademark" and c.platform and "counterfeit" in c.topics else
     1 if c.ip == "trademark" and c.layout == "judgment" else 0),
    ("申请人和被申请人因为一款儿童产品的外观专利发生纠纷，被申请人在网上卖同款，"
     "双方都愿意调解，被申请人同意下架商品并给一笔补偿款，想参考类似的调解案例确定补偿金额。", "long",
     "3: settled design-patent mediation about online sales; 2: settled patent mediation; 1: settled mediation",
     lambda c: 3 if c.layout == "mediation" and c.ip == "design_patent" and c.platform and c.outcome in {"settled", "confirmed"} else
     2 if c.layout == "mediation" and c.ip != "trademark" and c.ip != "copyright" and c.outcome in {"settled", "confirmed"} else
     1 if c.layout == "mediation" and c.outcome in {"settled", "confirmed"} else 0),
    ("当事人的公司里几十台电脑装的都是破解版的设计软件和办公软件，没有买正版授权，"
     "软件公司投诉以后执法人员去现场核查，想了解这种商业使用盗版软件的行为一般怎么认定、罚多少钱。", "long",
     "3: unlicensed software used in business; 2: other copyright penalty",
     lambda c: 3 if "software" in c.topics else 2 if c.layout == "cr_penalty" else 0),
    ("被请求人生产的产品和我们的实用新型专利相比少了一个部件，密封圈只有一层，"
     "被请求人说缺少权利要求里的技术特征所以不侵权，我们想看看缺少技术特征时是怎么认定的。", "long",
     "3: a missing technical feature decided; 2: full coverage / equivalence decided in a utility model",
     lambda c: 3 if "missing_feature" in c.topics else
     2 if c.ip == "utility_model" and {"full_coverage", "equivalent"} & set(c.topics) else 0),
    ("商家在餐厅和奶茶店里天天放流行歌曲当背景音乐，没有跟著作权集体管理组织签许可合同，"
     "也没有交过使用费，权利人来维权，想了解类似纠纷的处理结果。", "long",
     "3: music played in business premises (performance); 2: other copyright",
     lambda c: 3 if "performance" in c.topics else 0),
    # --- written later by a second writer, as legal officers type: unspaced, colloquial,
    # abbreviated (issue 14's check; measured before any change, not tuned on) ---
    ("拼夕夕 台灯 外观侵权", "synonym", "generic count of: design patent, 拼多多, lamp category",
     grade_by_count([ip("design_patent"), platform("拼多多"), category("灯具")])),
    ("实新 缺少技术特征", "synonym", "3: missing technical feature in a utility model; 2: missing feature",
     must_then([topic("missing_feature")], [ip("utility_model")])),
    ("电瓶车配件外观设计侵权", "synonym", "3: design patent on electric-bike parts; 2: electric-bike parts",
     must_then([category("电动车配件")], [ip("design_patent")])),
    ("抖音带货卖仿冒外观", "short", "3: design patent in a live stream; 2: live stream, another right",
     must_then([topic("live_stream")], [ip("design_patent")])),
    ("淘宝卖假货商标处罚", "short", "3: counterfeit trademark goods on 淘宝; 2: counterfeit trademark goods",
     must_then([ip("trademark"), topic("counterfeit")], [platform("淘宝")])),
    ("合法来源抗辩成立", "short", "3: legal-source defence", must_then([topic("legal_source")], [])),
    ("企业用盗版软件怎么罚", "short", "3: unlicensed software used in business",
     must_then([topic("software")], [])),
    ("现有设计抗辩成立驳回请求", "short",
     "3: prior design defence, dismissed; 2: prior design defence; 1: prior art defence (the same article)",
     lambda c: 3 if "prior_design" in c.topics and c.outcome == "dismissed" else
     2 if "prior_design" in c.topics else 1 if "prior_art" in c.topics else 0),
    ("我们是做手机支架的，申请了外观设计专利，最近发现有个工厂在1688上大量批发跟我们一模一样的支架，"
     "还在自己厂里生产，我们想请求知识产权局责令他们停止制造和销售，想看看以前类似的处理决定", "long",
     "generic count of: design patent, making, phone accessories, sold on 1688 or wholesale",
     grade_by_count([ip("design_patent"), act("make"), category("手机配件"),
                     lambda c: c.platform == "1688" or "wholesale" in c.topics])),
    ("商场里有家店卖的化妆品用了跟我们注册商标很像的牌子，包装颜色也差不多，顾客容易搞混，"
     "市场监管局查处以后想知道一般罚多少钱", "long",
     "3: similar mark in a trademark penalty; 2: similar mark; 1: trademark on cosmetics",
     lambda c: 3 if "similar_mark" in c.topics and c.layout == "tm_penalty" else
     2 if "similar_mark" in c.topics else 1 if c.ip == "trademark" and c.category == "化妆品" else 0),
]


def main() -> None:
    write_set(HERE, CASES, decision, QUERIES)


if __name__ == "__main__":
    main()
