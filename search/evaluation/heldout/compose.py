"""Frame the held-out cases in their layouts and grade the queries by their rules.

    python -m search.evaluation.heldout.compose   # writes decisions.json and queries.json

Statutes are cited as the decision's date requires: 专利法 in the 2008 numbering before
2021-06-01 (第六十条 handling, 第六十二条 prior art, 第六十三条 passing off, 第六十五条
damages, 第七十条 legal source) and the 2020 numbering after (第六十五条, 第六十七条,
第六十八条, 第七十一条, 第七十七条); 著作权法 第四十八条 (2010) / 第五十三条 (2020).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from search.evaluation.heldout.cases import CASES, INV, C, Case, D, T, U

HERE = Path(__file__).resolve().parent
NEW_PATENT_LAW = "2021-06-01"
IP_NAME = {D: "外观设计专利", U: "实用新型专利", INV: "发明专利", T: "注册商标专用权", C: "著作权"}
PLACE = {"440100": "广州市", "440300": "深圳市", "440600": "佛山市", "441300": "惠州市",
         "441900": "东莞市", "450100": "南宁市", "450200": "柳州市", "450300": "桂林市",
         "450400": "梧州市", "450500": "北海市"}
COMPANIES = ["鸿运电器有限公司", "佳美日用品厂", "星辰贸易商行", "恒通科技有限公司",
             "百顺五金经营部", "瑞丰实业有限公司", "和美家居用品店", "锦程电子商务有限公司",
             "金穗农业发展有限公司", "青禾文化传播有限公司", "腾跃体育用品有限公司",
             "安和医疗器械有限公司"]


def _patent_articles(case: Case) -> list[str]:
    new = case.date >= NEW_PATENT_LAW
    arts = ["第十一条"]
    if "prior_art" in case.topics:
        arts.append("第六十七条" if new else "第六十二条")
    if "legal_source" in case.topics:
        arts.append("第七十七条" if new else "第七十条")
    if "patent_marking" in case.topics:
        return ["第六十八条" if new else "第六十三条"]
    if case.layout == "appeal" and "damages" in case.topics:
        arts.append("第七十一条" if new else "第六十五条")
    if case.layout == "adjudication":
        arts.append("第六十五条" if new else "第六十条")
    return arts


def statutes(case: Case) -> list[str]:
    if case.ip in {D, U, INV}:
        return ["《中华人民共和国专利法》" + "、".join(_patent_articles(case))]
    if case.ip == T:
        arts = ["第五十七条"]
        if "legal_source" in case.topics:
            arts.append("第六十四条")
        if "punitive" in case.topics:
            arts.append("第六十三条")
        if case.layout == "amr_penalty":
            arts.append("第六十条")
        return ["《中华人民共和国商标法》" + "、".join(arts)]
    art = "第五十三条" if case.date >= NEW_PATENT_LAW else "第四十八条"
    return ["《中华人民共和国著作权法》第十条、" + art]


def _parties(n: int) -> tuple[str, str]:
    return COMPANIES[n % len(COMPANIES)], COMPANIES[(n * 5 + 3) % len(COMPANIES)]


def _money(amount: float | None) -> str:
    return f"人民币{amount:,.0f}元" if amount else ""


def compose(case: Case, n: int) -> dict[str, object]:
    place = PLACE.get(case.region, "某市")
    a, b = _parties(n)
    law = statutes(case)[0]
    year = case.date[:4]
    ip_name = IP_NAME[case.ip]
    shop = f"{case.platform}平台店铺" if case.platform else "实体门店"
    if case.layout == "adjudication":
        title = f"{a}与{b}专利侵权纠纷行政裁决书"
        number = f"{place[:2]}知裁字〔{year}〕第{n:03d}号"
        result = {"infringement_found": "被申请人立即停止侵权行为，并于裁决书送达之日起十日内销毁侵权产品。",
                  "partially_found": "被申请人对落入保护范围的产品停止侵权行为；驳回申请人的其余请求。",
                  "dismissed": "驳回申请人的裁决请求。",
                  "withdrawn": "准许申请人撤回裁决请求，本案终结。"}[case.outcome]
        text = (f"{place}市场监督管理局（知识产权局）\n专利侵权纠纷行政裁决书\n{number}\n"
                f"申请人：{a}。\n被申请人：{b}。\n"
                f"申请人认为被申请人涉嫌侵犯其{ip_name}（产品名称：{case.product}），向本局请求"
                f"裁决。本局受理后指定三名执法人员组成合议组，于{year}年公开进行了口头审理。\n"
                f"申请人主张：被申请人未经许可，通过{shop}实施了侵权行为，请求裁决停止侵权。\n"
                f"被申请人答辩：不同意申请人的主张，请求驳回。\n"
                f"经审理查明：{case.facts}\n"
                f"合议组认为，根据{law}之规定，裁决如下：{result}\n"
                f"如不服本裁决，可在收到本裁决书之日起十五日内向人民法院提起行政诉讼。\n"
                f"{place}市场监督管理局\n{case.date}")
    elif case.layout == "appeal":
        title = f"{b}、{a}侵害{ip_name}纠纷二审民事判决书"
        number = f"（{year}）粤73民终{n * 37 % 9000 + 100}号"
        money = _money(case.amount)
        first = {"infringement_found": f"一审判决被告停止侵权并赔偿经济损失{money}。",
                 "partially_found": f"一审判决制造商赔偿{money}，销售商停止销售。",
                 "dismissed": "一审判决驳回原告的全部诉讼请求。"}[case.outcome]
        text = (f"广东省高级人民法院\n民事判决书\n{number}\n上诉人（原审被告）：{b}。\n"
                f"被上诉人（原审原告）：{a}。\n上诉人因侵害{ip_name}纠纷一案，不服{place}中级"
                f"人民法院一审民事判决，向本院提起上诉。本院依法组成合议庭，开庭进行了审理。\n"
                f"{first}\n上诉人上诉请求：撤销一审判决，依法改判。\n本院二审查明的事实与一审"
                f"一致。另查明：{case.facts}\n本院认为，依照{law}及《中华人民共和国民事诉讼法》"
                f"第一百七十七条第一款第一项之规定，判决如下：\n驳回上诉，维持原判。\n二审案件"
                f"受理费由上诉人负担。\n本判决为终审判决。\n审判长 林某\n审判员 陈某\n"
                f"{case.date}\n书记员 黄某")
    elif case.layout == "people_mediation":
        confirmed = case.outcome == "confirmed"
        title = f"{a}与{b}{ip_name}纠纷{'诉前调解笔录' if confirmed else '人民调解协议书'}"
        number = f"{place[:2]}知调〔{year}〕{n:02d}号"
        money = _money(case.amount)
        end = ("本协议经双方签字后生效，双方共同向人民法院申请司法确认，法院已裁定确认调解协议"
               "有效。" if confirmed else
               "申请人撤回调解申请，调解终结。" if case.outcome == "withdrawn" else
               "本协议一式三份，双方各执一份，调解组织存档一份，自双方签字之日起生效。")
        text = (f"{place}知识产权纠纷人民调解委员会\n{'诉前调解笔录' if confirmed else '调解协议书'}\n"
                f"{number}\n申请人：{a}\n被申请人：{b}\n纠纷简要情况：{case.facts}\n"
                f"经调解员主持调解，双方本着互谅互让的原则自愿达成如下协议："
                f"{'被申请人向申请人支付' + money + '；' if money else ''}被申请人停止涉案行为。\n"
                f"{end}\n调解员：周某\n{case.date}")
    elif case.layout == "amr_penalty":
        title = f"{place}市场监督管理局行政处罚决定书（{b}）"
        number = f"{place[:2]}市监处罚〔{year}〕{n * 11}号"
        what = "假冒专利" if "patent_marking" in case.topics else "侵犯注册商标专用权"
        decision = (f"责令改正，没收违法商品，并处罚款{_money(case.amount)}。"
                    if case.outcome != "dismissed" else "依法不予行政处罚。")
        text = (f"{place}市场监督管理局\n行政处罚决定书\n{number}\n当事人：{b}\n"
                f"统一社会信用代码：91450100MA5K{n:06d}\n经营场所：{place}某区某路\n"
                f"本局接到举报后，对当事人涉嫌{what}一案立案调查。\n经查：{case.facts}\n"
                f"以上事实有现场笔录、询问笔录、鉴定意见、照片等证据证实。\n本局认为，当事人的"
                f"上述行为违反了{law}的规定。根据相关规定，本局决定：{decision}\n"
                f"当事人应自收到本决定书之日起十五日内缴纳罚款。如不服本决定，可在六十日内申请"
                f"行政复议或在六个月内提起行政诉讼。\n{place}市场监督管理局\n{case.date}")
    else:  # culture_penalty
        title = f"{place}文化市场综合行政执法支队行政处罚决定书（{b}）"
        number = f"{place[:2]}文执罚〔{year}〕{n:03d}号"
        decision = (f"没收侵权复制品，并处罚款{_money(case.amount)}。"
                    if case.outcome != "dismissed" else "违法事实不能成立，不予行政处罚。")
        text = (f"{place}文化市场综合行政执法支队\n行政处罚决定书\n{number}\n当事人：{b}\n"
                f"案由：涉嫌侵犯著作权\n执法人员依法对当事人进行了检查，情况如下：{case.facts}\n"
                f"当事人对上述事实无异议。本支队认为，当事人的行为违反了{law}的规定，"
                f"决定：{decision}\n如不服本决定，可依法申请行政复议或提起行政诉讼。\n"
                f"{place}文化市场综合行政执法支队\n{case.date}")
    amount = case.amount
    return {
        "external_id": case.id, "title": title, "document_number": number,
        "decided_on": case.date, "region_code": case.region, "ip_type": case.ip,
        "infringing_acts": list(case.acts), "platform": case.platform,
        "product_category": case.category, "outcome": case.outcome,
        "statutes_cited": statutes(case), "full_text": text,
        "damages_awarded": amount if case.layout == "appeal" else None,
        "settlement_amount": amount if case.layout == "people_mediation" else None,
        "fine": amount if case.layout.endswith("penalty") else None,
        "layout": case.layout, "topics": list(case.topics),
    }


PATENTS = {D, U, INV}
ONLINE = {"淘宝", "天猫", "京东", "拼多多", "抖音", "快手", "1688", "亚马逊"}
Rule = Callable[[Case], int]


def _g(*tiers: tuple[int, Callable[[Case], bool]]) -> Rule:
    def grade(c: Case) -> int:
        for value, test in tiers:
            if test(c):
                return value
        return 0
    return grade


def t(c: Case, *names: str) -> bool:
    return any(n in c.topics for n in names)


# (type, query, rule text, rule)
QUERIES: list[tuple[str, str, str, Rule]] = [
    # --- short keyword queries ---
    ("short", "宠物喂食器 外观设计", "3: the feeder design case; 1: other design cases",
     _g((3, lambda c: c.product == "宠物喂食器"), (1, lambda c: c.ip == D))),
    ("short", "现有设计抗辩", "3: design case turning on prior design; 1: prior art of other patents",
     _g((3, lambda c: c.ip == D and t(c, "prior_art")), (1, lambda c: t(c, "prior_art")))),
    ("short", "合法来源 商标", "3: trademark case with a legal-source defence; 1: legal source in patent cases",
     _g((3, lambda c: c.ip == T and t(c, "legal_source")), (1, lambda c: t(c, "legal_source")))),
    ("short", "等同 发明专利", "3: invention case decided on equivalents; 1: other invention cases",
     _g((3, lambda c: c.ip == INV and t(c, "equivalence")), (1, lambda c: c.ip == INV))),
    ("short", "假冒专利", "3: passing off a patent (false patent marking); 0 otherwise",
     _g((3, lambda c: t(c, "patent_marking")))),
    ("short", "定牌加工", "3: OEM for export",
     _g((3, lambda c: t(c, "oem")))),
    ("short", "盗版光盘", "3: pirated discs; 1: other piracy of copies",
     _g((3, lambda c: t(c, "piracy_discs")), (1, lambda c: t(c, "piracy_books")))),
    ("short", "KTV 点唱", "3: karaoke repertoire; 1: other public music",
     _g((3, lambda c: c.product == "KTV曲库"), (1, lambda c: t(c, "music_public")))),
    ("short", "惩罚性赔偿", "3: punitive damages applied",
     _g((3, lambda c: t(c, "punitive")))),
    ("short", "司法确认 调解", "3: mediation confirmed by a court; 1: other mediation settled",
     _g((3, lambda c: c.outcome == "confirmed"), (1, lambda c: c.layout == "people_mediation"))),
    ("short", "缺少技术特征", "3: a missing claim feature decides; 1: all-features comparisons",
     _g((3, lambda c: t(c, "missing_feature")), (1, lambda c: t(c, "all_features")))),
    ("short", "私服 网络游戏", "3: private game servers",
     _g((3, lambda c: c.product == "网络游戏"))),
    ("short", "吊灯 近似", "3: the chandelier design case; 2: other similar lamp designs; 1: lamps",
     _g((3, lambda c: c.product == "吊灯"),
        (2, lambda c: c.category == "灯具" and t(c, "similar_design")),
        (1, lambda c: c.category == "灯具"))),
    ("short", "展会 许诺销售", "3: offer for sale at a trade fair; 1: other offers for sale",
     _g((3, lambda c: t(c, "exhibition")), (1, lambda c: "offer" in c.acts))),
    # --- synonym / abbreviation / everyday-word queries ---
    ("synonym", "外观专利 淘宝", "3: design case on 淘宝; 2: design case on 天猫; 1: other 淘宝 cases",
     _g((3, lambda c: c.ip == D and c.platform == "淘宝"),
        (2, lambda c: c.ip == D and c.platform == "天猫"),
        (1, lambda c: c.platform == "淘宝"))),
    ("synonym", "PDD 假货", "3: counterfeit goods on 拼多多; 1: other 拼多多 cases",
     _g((3, lambda c: c.platform == "拼多多" and t(c, "counterfeit_goods")),
        (1, lambda c: c.platform == "拼多多"))),
    ("synonym", "JD 商标", "3: trademark case on 京东; 1: other 京东 cases",
     _g((3, lambda c: c.platform == "京东" and c.ip == T), (1, lambda c: c.platform == "京东"))),
    ("synonym", "小家电 外观", "3: design case on a small appliance; 1: other small appliances",
     _g((3, lambda c: c.category == "小家电" and c.ip == D), (1, lambda c: c.category == "小家电"))),
    ("synonym", "灯具 外观设计", "3: design case on a lamp; 1: other lamp cases",
     _g((3, lambda c: c.category == "灯具" and c.ip == D), (1, lambda c: c.category == "灯具"))),
    ("synonym", "高仿 鞋", "3: counterfeit shoes; 1: other counterfeit clothing",
     _g((3, lambda c: t(c, "counterfeit_goods") and "鞋" in c.product),
        (1, lambda c: t(c, "counterfeit_goods") and c.category == "鞋服"))),
    ("synonym", "直播带货 侵权", "3: infringement found in live-stream sales; 2: live-stream cases otherwise",
     _g((3, lambda c: t(c, "live_stream") and c.outcome in {"infringement_found", "partially_found"}),
        (2, lambda c: t(c, "live_stream")))),
    ("synonym", "盗版书", "3: pirated books; 1: other pirated copies",
     _g((3, lambda c: t(c, "piracy_books")), (1, lambda c: t(c, "piracy_discs")))),
    ("synonym", "翻版软件 公司电脑", "3: unlicensed software installed in a company",
     _g((3, lambda c: t(c, "software") and c.product != "网络游戏"),
        (1, lambda c: c.product == "网络游戏"))),
    ("synonym", "新型专利 销售", "3: utility-model case with a sale; 1: other utility-model cases",
     _g((3, lambda c: c.ip == U and "sell" in c.acts), (1, lambda c: c.ip == U))),
    ("synonym", "抖音 外观", "3: design case on 抖音; 1: other 抖音 cases, design cases on 快手",
     _g((3, lambda c: c.platform == "抖音" and c.ip == D),
        (1, lambda c: c.platform == "抖音" or (c.platform == "快手" and c.ip == D)))),
    ("synonym", "版权 背景音乐", "3: background music in a shop or restaurant; 2: karaoke",
     _g((3, lambda c: t(c, "music_public") and c.product == "背景音乐"),
        (2, lambda c: t(c, "music_public")))),
    ("synonym", "母婴产品 专利", "3: patent case on a baby product; 1: trademark case on a baby product",
     _g((3, lambda c: c.category == "母婴用品" and c.ip in PATENTS),
        (1, lambda c: c.category == "母婴用品"))),
    # --- statutes ---
    ("statute", "专利法第六十七条", "3: prior-art defence (第六十二条 before 2021-06, 第六十七条 after)",
     _g((3, lambda c: c.ip in PATENTS and t(c, "prior_art")))),
    ("statute", "专利法第七十条", "3: patent legal-source defence (第七十条 2008 = 第七十七条 2020)",
     _g((3, lambda c: c.ip in PATENTS and t(c, "legal_source")))),
    ("statute", "著作权法第五十三条 罚款", "3: copyright penalty with a fine; 1: other copyright cases",
     _g((3, lambda c: c.layout == "culture_penalty" and c.outcome != "dismissed"),
        (1, lambda c: c.ip == C))),
    ("statute", "商标法第六十三条", "3: punitive damages under 商标法; 1: trademark damages",
     _g((3, lambda c: c.ip == T and t(c, "punitive")),
        (1, lambda c: c.ip == T and c.layout == "appeal"))),
    # --- quoted phrases ---
    ("phrase", "\"信息网络传播权\"", "3: the right of communication through networks",
     _g((3, lambda c: c.product == "网络电影"), (1, lambda c: t(c, "online_transmission")))),
    ("phrase", "\"维持原判\" 商标", "3: trademark appeal upheld",
     _g((3, lambda c: c.layout == "appeal" and c.ip == T))),
    # --- long descriptions of facts, in everyday words ---
    ("long", "我们公司有一款猫狗自动喂食机申请了外观专利，最近发现有人在网上开店卖一模一样的，只是颜色不一样，想看看以前这种网店卖同款的怎么处理",
     "3: design cases on an online shop with a similar design; 1: other design cases",
     _g((3, lambda c: c.ip == D and t(c, "online_shop") and t(c, "similar_design")),
        (1, lambda c: c.ip == D))),
    ("long", "执法队在一家体育用品店里查到一百多件印着大牌标志的运动衣，老板说是从外地进的货但是拿不出发票，鉴定都是假的，这种一般罚多少",
     "3: counterfeit clothing found in a shop; 2: other counterfeit goods offline; 1: other counterfeit goods",
     _g((3, lambda c: t(c, "counterfeit_goods") and c.category == "鞋服" and t(c, "offline")),
        (2, lambda c: t(c, "counterfeit_goods") and t(c, "offline")),
        (1, lambda c: t(c, "counterfeit_goods")))),
    ("long", "对方厂里做的机器零件跟我们的发明专利很接近，他们把其中一个槽的形状改了一下，但是起的作用完全一样，这算不算侵权，有没有类似的判决",
     "3: equivalence in an invention case; 1: other invention cases",
     _g((3, lambda c: t(c, "equivalence")), (1, lambda c: c.ip == INV))),
    ("long", "网店卖的东西是从正规厂家进的货，有合同有付款记录，被专利权人投诉了，店主觉得自己不知情，想知道这种情况要不要赔钱",
     "3: legal-source defence in a patent case; 2: legal source in a trademark case",
     _g((3, lambda c: t(c, "legal_source") and c.ip in PATENTS),
        (2, lambda c: t(c, "legal_source")))),
    ("long", "有个主播在直播间里卖假的大牌护肤品和洗护用品，说是工厂尾货，卖了好几千单，品牌方发现后想维权，想了解直播卖假货的处理结果",
     "3: counterfeit goods sold in a live stream; 2: live-stream cases otherwise",
     _g((3, lambda c: t(c, "live_stream") and t(c, "counterfeit_goods")),
        (2, lambda c: t(c, "live_stream") and c.ip == T), (1, lambda c: t(c, "live_stream")))),
    ("long", "一个打印店偷偷印了很多考研和高考的复习书，在网上卖，出版社发现以后投诉，我们想看看类似的盗印教材的案子罚了多少或者赔了多少",
     "3: pirated books or teaching materials; 1: other pirated copies",
     _g((3, lambda c: t(c, "piracy_books")), (1, lambda c: t(c, "piracy_discs")))),
    ("long", "店里用的刹车片和零件都是正品，进货有发票，但是被人举报说侵犯商标，市场监管局来查，最后会不会被罚款",
     "3: genuine goods or legal source, no penalty in a trademark case; 1: legal source otherwise",
     _g((3, lambda c: c.ip == T and t(c, "legal_source") and c.outcome == "dismissed"),
        (2, lambda c: c.ip == T and t(c, "legal_source")), (1, lambda c: t(c, "legal_source")))),
    ("long", "饭店和商场一直在放流行歌曲，没有交版权费，音著协的人来找我们要钱，想知道别人家一般是怎么判的或者怎么罚的",
     "3: music played in public without a licence; 2: the case where the music was licensed",
     _g((3, lambda c: t(c, "music_public") and c.outcome != "dismissed"),
        (2, lambda c: t(c, "music_public")))),
    ("long", "产品包装上印着专利产品和一个专利号，后来查出来这个专利早就失效了或者根本没授权，消费者举报到市场监管部门，这种情况一般怎么处罚",
     "3: false patent marking",
     _g((3, lambda c: t(c, "patent_marking")))),
    ("long", "我们的实用新型专利被对方仿了，对方产品上少了一个卡扣结构，用的是旋紧的方式，对方说没有落入保护范围，我们想找一些缺少技术特征不侵权的先例",
     "3: a missing claim feature decides; 1: other utility-model comparisons",
     _g((3, lambda c: t(c, "missing_feature")), (1, lambda c: c.ip == U and t(c, "all_features")))),
    ("long", "双方因为网上卖的一款小家电外观发生纠纷，后来谈好了对方赔一笔钱，还想让法院确认一下协议有效，可以强制执行，有没有这样做的",
     "3: mediation confirmed by a court; 2: mediation settled with a payment",
     _g((3, lambda c: c.outcome == "confirmed"),
        (2, lambda c: c.layout == "people_mediation" and t(c, "settlement_payment")))),
    ("long", "对方在国外电商平台卖帐篷之类的户外用品，款式跟我们的外观设计差不多，货是从国内发出去的，想问问这种跨境卖的能不能告",
     "3: cross-border sale of a similar design; 1: other design cases online",
     _g((3, lambda c: c.platform == "亚马逊"),
        (1, lambda c: c.ip == D and t(c, "online_shop")))),
]


def grades(rule: Rule) -> dict[str, int]:
    return {c.id: g for c in CASES if (g := rule(c))}


def main() -> None:
    decisions = [compose(c, n) for n, c in enumerate(CASES, start=1)]
    queries: list[dict[str, object]] = []
    for kind, q, text, rule in QUERIES:
        graded = grades(rule)
        if not any(g >= 2 for g in graded.values()):
            raise SystemExit(f"query without a relevant decision: {q}")
        queries.append({"query": q, "type": kind, "rule": text, "grades": graded})
    (HERE / "decisions.json").write_text(json.dumps(decisions, ensure_ascii=False, indent=1),
                                         encoding="utf-8")
    (HERE / "queries.json").write_text(json.dumps(queries, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    kinds: dict[str, int] = {}
    for kind, *_rest in QUERIES:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{len(decisions)} decisions, {len(queries)} queries: {kinds}")


if __name__ == "__main__":
    main()
