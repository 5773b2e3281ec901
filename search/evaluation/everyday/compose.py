"""Compose the everyday set: frame each case in its layout, grade each query by its rule.

Run ``python -m search.evaluation.everyday.compose`` to rewrite decisions.json and
queries.json. The rule of each query is stated beside it and applied to the case
metadata below (never to the text a search engine sees).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from search.evaluation.everyday.cases import CASES, REGIONS
from search.evaluation.sets import DISM, SETL, Case, Query, Rule, record, write_set

HERE = Path(__file__).resolve().parent
_IP_CN = {"design_patent": "外观设计", "utility_model": "实用新型", "invention_patent": "发明"}


def _frame(case: Case) -> tuple[str, str, str]:
    """The case's title, document number and full text in its layout."""
    city, court = REGIONS[case.region]
    a, b = case.parties
    year = case.date[:4]
    layout = case.layout
    n = int(case.id[3:])  # its place in CASES (ev-01 is the first)
    if layout == "patent_ruling":
        title = f"{city}市市场监督管理局专利侵权纠纷处理决定书（{a}诉{b}）"
        number = f"{city}市监知裁字〔{year}〕{n}号"
        text = (f"{city}市市场监督管理局（知识产权局）\n专利侵权纠纷处理决定书\n{number}\n"
                f"请求人：{a}\n被请求人：{b}\n"
                f"请求人以被请求人侵犯其{_IP_CN[case.ip]}专利权为由，向本局提出处理请求，"
                f"本局依法立案，并进行了口头审理。\n经审理查明：{case.facts}\n"
                f"本局认为：{case.holding}\n"
                f"当事人不服本决定的，可以自收到本决定书之日起十五日内依照《中华人民共和国"
                f"行政诉讼法》向{court}起诉。\n{case.date}")
    elif layout == "judgment":
        title = f"{a}与{b}侵权纠纷一审民事判决书"
        number = f"（{year}）桂{case.region[2:4]}民初{100 + n}号"
        text = (f"{court}\n民事判决书\n{number}\n原告：{a}\n被告：{b}\n"
                f"原告{a}与被告{b}侵权纠纷一案，本院立案后依法适用普通程序，公开开庭进行了审理。"
                f"\n{case.facts}\n{case.holding}\n依照{'、'.join(case.statutes)}"
                f"之规定，判决如上。如不服本判决，可在判决书送达之日起十五日内提起上诉。"
                f"\n{case.date}")
    elif layout == "mediation":
        title = f"{city}市市场监督管理局知识产权纠纷行政调解协议书"
        number = f"{city}市监调字〔{year}〕{n}号"
        text = (f"{city}市市场监督管理局\n行政调解协议书\n{number}\n申请人：{a}\n被申请人：{b}\n"
                f"纠纷事由：{case.facts}\n经本局主持调解，双方当事人自愿达成协议如下：\n"
                f"{case.holding}\n本协议自双方签字之日起生效。\n{case.date}")
    elif layout == "tm_penalty":
        title = f"{city}市市场监督管理局行政处罚决定书（{a}）"
        number = f"{city}市监处罚〔{year}〕{n}号"
        text = (f"{city}市市场监督管理局\n行政处罚决定书\n{number}\n当事人：{a}\n"
                f"经查：{case.facts}\n上述事实有现场笔录、询问笔录、鉴定意见等证据证实。"
                f"\n本局认为：{case.holding}\n依据{'、'.join(case.statutes)}作出上述决定。"
                f"\n如不服本决定，可在收到本决定书之日起六十日内申请行政复议，"
                f"或者六个月内依法提起行政诉讼。\n{case.date}")
    elif layout == "cr_penalty":
        title = f"{city}市文化广电和旅游局行政处罚决定书（{a}）"
        number = f"{city}文旅罚〔{year}〕{n}号"
        text = (f"{city}市文化广电和旅游局（版权局）\n行政处罚决定书\n{number}\n当事人：{a}\n"
                f"违法事实：{case.facts}\n处罚依据：{'、'.join(case.statutes)}。\n"
                f"处罚决定：{case.holding}\n罚款应于收到本决定书之日起十五日内缴纳。"
                f"\n{case.date}")
    elif layout == "referral":
        title = f"{city}市市场监督管理局案件移送决定书（{a}）"
        number = f"{city}市监移〔{year}〕{n}号"
        text = (f"{city}市市场监督管理局\n案件移送决定书\n{number}\n当事人：{a}"
                + (f"\n对方当事人：{b}" if b else "")
                + f"\n案件情况：{case.facts}\n移送理由及决定：{case.holding}"
                f"\n依据：{'、'.join(case.statutes)}。\n{case.date}")
    else:
        raise ValueError(layout)
    return title, number, text


def decision(case: Case) -> dict[str, Any]:
    title, number, text = _frame(case)
    return record(case, title, number, text, list(case.statutes))


def _t(c: Case, *topics: str) -> bool:
    return all(t in c.topics for t in topics)


def _paid(c: Case) -> bool:
    return any(k in (c.amounts or {}) for k in ("damages_awarded", "settlement_amount"))


def _penalty(c: Case) -> bool:
    return c.layout in {"tm_penalty", "cr_penalty"}


def _design(c: Case) -> bool:
    return c.ip == "design_patent"


def _patent(c: Case) -> bool:
    return c.ip in {"design_patent", "utility_model", "invention_patent"}


def _tiers(*tiers: Callable[[Case], bool]) -> Rule:
    """Grade 3 for the first predicate that holds, 2 for the second, 1 for the third."""
    def grade(c: Case) -> int:
        for value, test in zip((3, 2, 1), tiers, strict=False):
            if test(c):
                return value
        return 0
    return grade


# (query, type, rule in words, rule applied to a case)
QUERIES: list[Query] = [
    ("卖仿冒手机壳的怎么处理", "short",
     "3 counterfeit trademark phone cases sold; 2 counterfeit digital goods; "
     "1 other phone-case case or counterfeit goods penalised",
     _tiers(lambda c: _t(c, "counterfeit", "phone_case"),
            lambda c: _t(c, "counterfeit") and c.category in {"数码配件", "数码产品"},
            lambda c: _t(c, "phone_case") or (_t(c, "counterfeit") and _penalty(c)))),
    ("外观专利 拼多多 赔了多少", "short",
     "3 design patent on 拼多多 with an amount paid; 2 design on 拼多多 or design with an "
     "amount paid; 1 other design patent",
     _tiers(lambda c: _design(c) and c.platform == "拼多多" and _paid(c),
            lambda c: _design(c) and (c.platform == "拼多多" or _paid(c)),
            _design)),
    ("别人抄我家灯的设计", "short",
     "3 lamp design found copied (found/settled/confirmed); 2 lamp design otherwise; "
     "1 other design patent",
     _tiers(lambda c: _design(c) and _t(c, "lamp") and _t(c, "design_same"),
            lambda c: _design(c) and _t(c, "lamp"), _design)),
    ("卖假鞋罚多少", "short",
     "3 penalty for counterfeit shoes; 2 other case on counterfeit shoes; "
     "1 counterfeit clothing-like goods penalised",
     _tiers(lambda c: _t(c, "shoes") and _penalty(c), lambda c: _t(c, "shoes"),
            lambda c: _t(c, "counterfeit") and _penalty(c))),
    ("盗版书", "short",
     "3 pirated books; 2 online novel spread; 1 other copyright piracy",
     _tiers(lambda c: _t(c, "pirated_book"), lambda c: _t(c, "book"),
            lambda c: c.ip == "copyright" and c.id in {"ev-37", "ev-36"})),
    ("网上盗图 赔钱", "short",
     "3 product photos copied online; 2 other artwork copied for money; 1 online spread",
     _tiers(lambda c: _t(c, "photo"), lambda c: _t(c, "artwork"),
            lambda c: _t(c, "online_spread"))),
    ("直播带货卖假货", "short",
     "3 counterfeit sold by livestream; 2 livestream sales of other infringing goods; "
     "1 counterfeit sold online",
     _tiers(lambda c: _t(c, "counterfeit", "livestream"), lambda c: _t(c, "livestream"),
            lambda c: _t(c, "counterfeit") and bool(c.platform))),
    ("公司用盗版软件被罚", "short",
     "3 unlicensed software used by a company; 1 other copyright penalty",
     _tiers(lambda c: _t(c, "software"), lambda c: False,
            lambda c: c.layout == "cr_penalty")),
    ("假酒 移送公安", "short",
     "3 counterfeit liquor referred to police; 2 other counterfeit liquor or other "
     "criminal referral; 1 liquor mark case",
     _tiers(lambda c: _t(c, "liquor", "criminal_referral"),
            lambda c: _t(c, "liquor", "counterfeit") or _t(c, "criminal_referral"),
            lambda c: _t(c, "liquor"))),
    ("什么情况要移送公安", "short",
     "3 referral to the police; 1 other referral",
     _tiers(lambda c: _t(c, "criminal_referral"), lambda c: False,
            lambda c: c.layout == "referral")),
    ("有进货单能不能不赔", "short",
     "3 legal-source defence accepted; 1 legal source raised and failed or bought from others",
     _tiers(lambda c: _t(c, "legal_source"), lambda c: False,
            lambda c: c.id in {"ev-06", "ev-11", "ev-21"})),
    ("现有设计抗辩成立", "short",
     "3 prior-design defence upheld; 1 other dismissed design dispute",
     _tiers(lambda c: _t(c, "prior_design"), lambda c: False,
            lambda c: _patent(c) and c.outcome == DISM)),
    ("实用新型没落入保护范围", "short",
     "3 utility model not within scope; 2 other patent not within scope; "
     "1 utility model within scope",
     _tiers(lambda c: _t(c, "scope_out") and c.ip == "utility_model",
            lambda c: _t(c, "scope_out") or _t(c, "prior_design"),
            lambda c: c.ip == "utility_model")),
    ("高仿包包 二手平台", "short",
     "3 counterfeit bags; 1 other counterfeit sold online",
     _tiers(lambda c: _t(c, "bags"), lambda c: False,
            lambda c: _t(c, "counterfeit") and bool(c.platform))),
    ("奶茶店招牌和别人商标差不多", "short",
     "3 shop sign with similar mark; 2 similar mark; 1 trademark mediation",
     _tiers(lambda c: _t(c, "shop_sign"), lambda c: _t(c, "similar_mark"),
            lambda c: c.ip == "trademark" and c.layout == "mediation")),
    ("外观专利调解 赔多少钱", "short",
     "3 mediated design patent with an amount; 2 other mediation with an amount; "
     "1 design patent with damages",
     _tiers(lambda c: _design(c) and c.layout == "mediation",
            lambda c: c.layout == "mediation",
            lambda c: _design(c) and _paid(c))),
    ("专利过期了还标专利号", "short",
     "3 false patent marking",
     _tiers(lambda c: _t(c, "false_marking"), lambda c: False, lambda c: False)),
    ("化肥假商标", "short",
     "3 fertiliser mark; 1 other trademark in an offline shop penalised",
     _tiers(lambda c: _t(c, "agri"), lambda c: False,
            lambda c: c.ip == "trademark" and _penalty(c) and not c.platform)),
    ("净水器滤芯发明专利", "short",
     "3 water filter invention patent; 1 other invention/utility within scope",
     _tiers(lambda c: c.product == "净水器滤芯", lambda c: False,
            lambda c: _t(c, "scope_in"))),
    ("京东 晾衣架 专利侵权", "short",
     "3 clothes rack on JD; 2 other patent case on JD; 1 other utility model found",
     _tiers(lambda c: c.product == "折叠晾衣架",
            lambda c: _patent(c) and c.platform == "京东",
            lambda c: c.ip == "utility_model" and _t(c, "scope_in"))),
    ("盗版电影微信群", "short",
     "3 films spread in WeChat groups; 2 other online spread; 1 pirated discs",
     _tiers(lambda c: _t(c, "film"), lambda c: _t(c, "online_spread"),
            lambda c: _t(c, "pirated_disc"))),
    ("夜市摆地摊卖假货 罚款", "short",
     "3 street stall counterfeit penalised; 2 street stall other piracy penalised; "
     "1 other offline counterfeit penalised",
     _tiers(lambda c: _t(c, "street_stall", "counterfeit"), lambda c: _t(c, "street_stall"),
            lambda c: _t(c, "counterfeit", "offline_store") and _penalty(c))),
    ("外观专例 吊灯", "typo",
     "(专利 typed 专例) 3 ceiling-hung lamp design; 2 other lamp design; 1 other design",
     _tiers(lambda c: c.product in {"吊灯", "吸顶灯"} and _design(c),
            lambda c: _design(c) and _t(c, "lamp"), _design)),
    ("著做权 盗版光碟", "typo",
     "(著作权 typed 著做权) 3 pirated discs; 2 other pirated copies sold; 1 other copyright",
     _tiers(lambda c: _t(c, "pirated_disc"), lambda c: _t(c, "pirated_book"),
            lambda c: c.ip == "copyright")),
    ("实用新形 电动车", "typo",
     "(实用新型 typed 实用新形) 3 utility model for e-bikes; 1 other utility model",
     _tiers(lambda c: _t(c, "ebike") and c.ip == "utility_model", lambda c: False,
            lambda c: c.ip == "utility_model")),
    # Typing slips added for decision 110, written and graded before the correction rule:
    # homophones as a pinyin IME gives them, one character wrong, missing, extra or swapped.
    ("商标侵全 手机壳", "typo",
     "(侵权 typed 侵全) 3 trademark phone case found; 2 other trademark infringement "
     "found; 1 other phone case",
     _tiers(lambda c: _t(c, "phone_case") and c.ip == "trademark"
            and c.outcome == "infringement_found",
            lambda c: c.ip == "trademark" and c.outcome == "infringement_found",
            lambda c: _t(c, "phone_case"))),
    ("外观设记 台灯", "typo",
     "(设计 typed 设记) 3 desk lamp design; 2 other lamp design; 1 other design",
     _tiers(lambda c: c.product == "台灯" and _design(c),
            lambda c: _design(c) and _t(c, "lamp"), _design)),
    ("净水器发明专力", "typo",
     "(专利 typed 专力) 3 water filter invention patent; 1 other invention/utility "
     "within scope",
     _tiers(lambda c: c.product == "净水器滤芯", lambda c: False,
            lambda c: _t(c, "scope_in"))),
    ("著作全 盗版书", "typo",
     "(著作权 typed 著作全) 3 pirated books; 2 online novel spread; 1 other copyright",
     _tiers(lambda c: _t(c, "pirated_book"), lambda c: _t(c, "book"),
            lambda c: c.ip == "copyright")),
    ("现有设计抗辨", "typo",
     "(抗辩 typed 抗辨) 3 prior-design defence upheld; 1 other dismissed design dispute",
     _tiers(lambda c: _t(c, "prior_design"), lambda c: False,
            lambda c: _patent(c) and c.outcome == "dismissed")),
    ("合法来原 进货", "typo",
     "(来源 typed 来原) 3 legal-source defence accepted; 1 legal source raised and "
     "failed or bought from others",
     _tiers(lambda c: _t(c, "legal_source"), lambda c: False,
            lambda c: c.id in {"ev-06", "ev-11", "ev-21"})),
    ("假冒注测商标 白酒", "typo",
     "(注册 typed 注测) 3 counterfeit liquor; 2 other liquor mark; 1 other counterfeit "
     "penalised",
     _tiers(lambda c: _t(c, "counterfeit", "liquor"), lambda c: _t(c, "liquor"),
            lambda c: _t(c, "counterfeit") and _penalty(c))),
    ("实用型新 后视镜", "typo",
     "(实用新型 typed with two characters swapped) 3 e-bike mirror; 2 other e-bike "
     "utility model; 1 other utility model",
     _tiers(lambda c: c.product == "电动车后视镜",
            lambda c: _t(c, "ebike") and c.ip == "utility_model",
            lambda c: c.ip == "utility_model")),
    ("行政调节 外观专利", "typo",
     "(调解 typed 调节) 3 mediated design patent; 2 other mediation; 1 other design",
     _tiers(lambda c: _design(c) and c.layout == "mediation",
            lambda c: c.layout == "mediation", _design)),
    ("外观设专利 餐椅", "typo",
     "(外观设计专利 with 计 missing) 3 dining chair design; 2 other design with damages; "
     "1 other design",
     _tiers(lambda c: c.product == "餐椅", lambda c: _design(c) and _paid(c), _design)),
    ("外观设计计 壁灯", "typo",
     "(计 typed twice) 3 wall lamp design; 2 other lamp design; 1 other design",
     _tiers(lambda c: c.product == "壁灯", lambda c: _design(c) and _t(c, "lamp"),
            _design)),
    ("作著权 电影 微信群", "typo",
     "(著作权 typed with two characters swapped) 3 films spread in WeChat groups; 2 other "
     "online spread; 1 other copyright",
     _tiers(lambda c: _t(c, "film"), lambda c: _t(c, "online_spread"),
            lambda c: c.ip == "copyright")),
    ("假冒商彪 口红 抖音", "typo",
     "(商标 typed 商彪) 3 counterfeit lipstick; 2 other counterfeit sold by livestream; "
     "1 other counterfeit",
     _tiers(lambda c: _t(c, "counterfeit", "cosmetics"),
            lambda c: _t(c, "counterfeit", "livestream"), lambda c: _t(c, "counterfeit"))),
    ("侵犯商标专用全 运动鞋", "typo",
     "(专用权 typed 专用全) 3 counterfeit shoes; 2 other counterfeit; 1 other trademark",
     _tiers(lambda c: _t(c, "counterfeit", "shoes"), lambda c: _t(c, "counterfeit"),
            lambda c: c.ip == "trademark")),
    ("盗版光谍 地摊", "typo",
     "(光碟 typed 光谍) 3 pirated discs; 2 other street-stall piracy; 1 other copyright",
     _tiers(lambda c: _t(c, "pirated_disc"), lambda c: _t(c, "street_stall"),
            lambda c: c.ip == "copyright")),
    ("移送公按 假酒", "typo",
     "(公安 typed 公按) 3 counterfeit liquor referred to police; 2 other criminal "
     "referral or counterfeit liquor; 1 other liquor",
     _tiers(lambda c: _t(c, "liquor", "criminal_referral"),
            lambda c: _t(c, "criminal_referral") or _t(c, "liquor", "counterfeit"),
            lambda c: _t(c, "liquor"))),
    ("儿童滑板车外观侵权", "short",
     "3 kids' scooter design; 2 other kids' product; 1 other design found",
     _tiers(lambda c: c.product == "儿童滑板车", lambda c: _t(c, "kids"),
            lambda c: _design(c) and c.outcome == "infringement_found")),
    ("卡通玩偶侵权赔偿", "short",
     "3 cartoon figure toys; 2 other artwork/kids copyright; 1 toy design",
     _tiers(lambda c: _t(c, "artwork"), lambda c: c.ip == "copyright" and _t(c, "kids"),
            lambda c: c.category == "玩具")),
    ("手机支架1688批发 专利", "short",
     "3 phone holder wholesale; 2 other wholesale patent case; 1 other digital accessory patent",
     _tiers(lambda c: c.product == "手机支架", lambda c: _t(c, "wholesale"),
            lambda c: _patent(c) and c.category == "数码配件")),
    ("第一次卖假货不罚可以吗", "short",
     "3 not penalised as a first offence; 2 counterfeit not fined; "
     "1 counterfeit penalty in a small shop",
     _tiers(lambda c: _t(c, "first_offence"), lambda c: _t(c, "not_penalised"),
            lambda c: _t(c, "counterfeit") and _penalty(c) and not c.platform)),
    ("抖音 保温杯 外观", "short",
     "3 cup design on Douyin; 2 other design with livestream/legal source; 1 other design",
     _tiers(lambda c: c.product == "保温杯",
            lambda c: _design(c) and (_t(c, "livestream") or _t(c, "legal_source")),
            _design)),
    ("电风扇专利 京东 驳回了吗", "short",
     "3 fan patent dismissed; 2 other utility model dismissed; 1 other patent on JD",
     _tiers(lambda c: c.product == "电风扇",
            lambda c: c.ip == "utility_model" and c.outcome == DISM,
            lambda c: _patent(c) and c.platform == "京东")),
    ("不是这边管的专利案 移交", "short",
     "3 patent dispute transferred for jurisdiction; 1 other referral",
     _tiers(lambda c: _t(c, "jurisdiction_transfer"), lambda c: False,
            lambda c: c.layout == "referral")),
    ("我司2021年申请了一款台灯的外观设计专利，最近发现拼多多上有好几家店在卖几乎一模一样"
     "的台灯，价格只有我们一半，能不能让他们下架并赔钱，一般能赔多少？", "long",
     "3 lamp design copied with an amount or on 拼多多; 2 other lamp design found; "
     "1 other design on 拼多多 or with amount",
     _tiers(lambda c: _design(c) and _t(c, "lamp", "design_same")
            and (c.platform == "拼多多" or _paid(c)),
            lambda c: _design(c) and _t(c, "lamp", "design_same"),
            lambda c: _design(c) and (c.platform == "拼多多" or _paid(c)))),
    ("投诉人反映：被投诉人在商场一楼开了家手机配件店，卖的手机壳上印着某大牌的logo，"
     "品牌方说从来没授权过，价格也便宜得离谱，怀疑是假货，要求查处", "long",
     "3 counterfeit phone cases in a shop; 2 counterfeit phone cases online; "
     "1 other counterfeit in a shop penalised",
     _tiers(lambda c: _t(c, "counterfeit", "phone_case") and not c.platform,
            lambda c: _t(c, "counterfeit", "phone_case"),
            lambda c: _t(c, "counterfeit", "offline_store") and _penalty(c))),
    ("我们店铺详情页的产品图片是自己花钱请摄影师拍的，被另外一家天猫店直接拿去用了，"
     "连水印都没去掉，想先协商解决，对方大概要赔多少？", "long",
     "3 product photos used by another shop; 1 other copyright settled or awarded",
     _tiers(lambda c: _t(c, "photo"), lambda c: False,
            lambda c: c.ip == "copyright" and _paid(c))),
    ("举报某设计公司在办公电脑上大量安装使用破解版的绘图软件，没有买正版授权，"
     "请问文化执法部门会怎么处罚", "long",
     "3 unlicensed software; 1 other copyright penalty",
     _tiers(lambda c: _t(c, "software"), lambda c: False,
            lambda c: c.layout == "cr_penalty")),
    ("有人在抖音直播间卖某品牌的运动鞋，说是工厂尾货原单，其实全是假的，"
     "卖了好几千双，品牌方能告他吗，能判赔多少", "long",
     "3 counterfeit shoes by livestream; 2 counterfeit shoes or livestream counterfeit; "
     "1 counterfeit with damages",
     _tiers(lambda c: _t(c, "counterfeit", "shoes", "livestream"),
            lambda c: _t(c, "counterfeit", "shoes") or _t(c, "counterfeit", "livestream"),
            lambda c: _t(c, "counterfeit") and _paid(c))),
    ("我们是一家小超市，卖的杯子被厂家说侵犯了他们的外观专利，但我们是从批发市场正规进的货，"
     "有送货单和转账记录，这种情况还要赔钱吗", "long",
     "3 legal source for a design; 2 other legal-source case; 1 other design sold",
     _tiers(lambda c: _t(c, "legal_source") and _design(c), lambda c: _t(c, "legal_source"),
            lambda c: _design(c) and c.acts == ("sell",))),
    ("京东上有家店卖的落地晾衣架，伸缩杆和锁扣结构跟我们的实用新型专利一样，"
     "我们想申请行政裁决让他们停止销售，这种一般能认定侵权吗", "long",
     "3 clothes-rack utility model found; 2 other utility model found; "
     "1 other utility model dispute",
     _tiers(lambda c: c.product == "折叠晾衣架",
            lambda c: c.ip == "utility_model" and _t(c, "scope_in"),
            lambda c: c.ip == "utility_model")),
    ("学校旁边有家书店卖的教辅资料纸张很差，字也印得模模糊糊，怀疑是盗版的，"
     "家长投诉过好几次了，这种情况能罚多少", "long",
     "3 pirated textbooks in a shop; 2 other pirated books; 1 other copyright penalty",
     _tiers(lambda c: _t(c, "pirated_book", "offline_store"), lambda c: _t(c, "pirated_book"),
            lambda c: c.layout == "cr_penalty")),
    ("接到线索，有个商贸行往餐馆供应假冒名酒，仓库里囤了两百多箱，货值估计几十万，"
     "这么大金额是不是要移交公安处理", "long",
     "3 counterfeit liquor referred; 2 other criminal referral or counterfeit liquor; "
     "1 other liquor",
     _tiers(lambda c: _t(c, "liquor", "criminal_referral"),
            lambda c: _t(c, "criminal_referral") or _t(c, "liquor", "counterfeit"),
            lambda c: _t(c, "liquor"))),
    ("有人建了好几个微信群，交几十块钱会员费就发正在上映的电影的网盘链接，"
     "影视公司来投诉了，这种要怎么处理，罚得了多少", "long",
     "3 films spread in paid groups; 2 other online spread; 1 other copyright penalty",
     _tiers(lambda c: _t(c, "film"), lambda c: _t(c, "online_spread"),
            lambda c: c.layout == "cr_penalty")),
    ("一个卖农资的小店，化肥袋子上的牌子跟我们注册的商标就一个字写法不一样（一个繁体一个简体），"
     "农民以为是我们的货就买回去了，能不能去市场监管局举报让他们罚款", "long",
     "3 fertiliser mark; 2 other similar mark; 1 other offline trademark penalty",
     _tiers(lambda c: _t(c, "agri"), lambda c: _t(c, "similar_mark"),
            lambda c: c.ip == "trademark" and _penalty(c) and not c.platform)),
    ("原来是人家的加盟店，合同到期没续了，还在店招和杯子上用跟原品牌差一个字的名字，"
     "图案也差不多，顾客以为还是那家奶茶，这个算侵权吗", "long",
     "3 former franchisee's sign; 2 other similar mark; 1 other trademark settled",
     _tiers(lambda c: _t(c, "franchise"), lambda c: _t(c, "similar_mark"),
            lambda c: c.ip == "trademark" and c.outcome == SETL)),
]


def main() -> None:
    write_set(HERE, CASES, decision, QUERIES)


if __name__ == "__main__":
    main()
