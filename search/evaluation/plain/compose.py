"""Writes decisions.json and queries.json of the plain-words set (decision 91).

``python -m search.evaluation.plain.compose`` after editing ``cases.py`` or ``QUERIES``
below; the JSON files are committed. The frames, party names and procedural text are
this set's own. The queries were written, with their grading rules, before the synonym
dictionary was changed for them and before any of them was run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from search.evaluation.plain.cases import CASES
from search.evaluation.sets import Case, Rule, record, write_set

HERE = Path(__file__).resolve().parent
REVISED = date(2021, 6, 1)

CITY = {"450300": "桂林市", "450400": "梧州市", "450500": "北海市", "451100": "贺州市"}
RIGHT = {"design_patent": "外观设计专利", "utility_model": "实用新型专利",
         "invention_patent": "发明专利", "trademark": "注册商标专用权", "copyright": "著作权"}
ACT_WORDS = {"make": "制造", "use": "使用", "offer": "许诺销售", "sell": "销售"}
OWNERS = ["桂林漓江日用品有限公司", "梧州市西江电器有限公司", "北海银滩贸易有限公司",
          "贺州市姑婆山文化传媒有限公司", "深圳市鹏远科技有限公司", "佛山市顺成家居有限公司",
          "广州穗华品牌管理有限公司"]
OTHERS = ["桂林市七星区某某服饰店", "梧州市长洲区某某商行", "北海市海城区某某电子商务有限公司",
          "贺州市八步区某某加工厂", "桂林市临桂区某某灯饰经营部", "梧州市万秀区某某网络科技有限公司",
          "北海市银海区某某超市", "贺州市平桂区某某传媒工作室"]


def _name(case: Case, pool: list[str], salt: int) -> str:
    return pool[(int(case.id[-3:]) * 3 + salt) % len(pool)]


def _acts(case: Case) -> str:
    return "、".join(ACT_WORDS[a] for a in case.acts)


def statutes(case: Case) -> list[str]:
    new = date.fromisoformat(case.date) >= REVISED
    if case.ip == "trademark":
        return (["《商标法》第五十七条、第六十三条"] if case.layout in {"judgment", "mediation"}
                else ["《商标法》第五十七条第（一）项、第六十条"])
    if case.ip == "copyright":
        return ["《著作权法》" + ("第五十三条" if new else "第四十八条")]
    if case.layout == "pt_penalty":
        return ["《专利法》" + ("第六十八条" if new else "第六十三条")]
    nums = ["第十一条"]
    if "prior_design" in case.topics:
        nums.append("第六十七条" if new else "第六十二条")
    if "legal_source" in case.topics:
        nums.append("第七十七条" if new else "第七十条")
    if case.layout == "judgment" and case.amount:
        nums.append("第七十一条" if new else "第六十五条")
    return ["《专利法》" + "、".join(nums)]


def _ruling(case: Case) -> tuple[str, str, str]:
    owner, other = _name(case, OWNERS, 0), _name(case, OTHERS, 1)
    city = CITY[case.region]
    num = f"{city[:2]}知处字〔{case.date[:4]}〕第{int(case.id[-3:])}号"
    result = {
        "infringement_found": f"一、被请求人立即停止{_acts(case)}侵犯请求人专利权的产品；"
                              "二、销毁库存侵权产品及专用模具。",
        "partially_found": "被请求人停止销售被控侵权产品，驳回请求人的其他处理请求。",
        "dismissed": "驳回请求人的处理请求。",
    }[case.outcome]
    text = (f"{city}知识产权局\n专利侵权纠纷处理决定书\n{num}\n请求人：{owner}\n被请求人：{other}\n"
            f"请求人以被请求人侵犯其{RIGHT[case.ip]}权为由，于{case.date[:4]}年向本局提出处理请求，"
            "本局依法立案并进行了口头审理。\n"
            f"请求人称，其“{case.product}”{RIGHT[case.ip]}合法有效，被请求人未经许可{_acts(case)}被控侵权产品。\n"
            f"经审理查明：{case.facts}\n"
            f"本局认为，依照{statutes(case)[0]}的规定，决定如下：{result}\n"
            f"当事人不服本决定的，可以自收到本决定书之日起十五日内向人民法院提起诉讼。\n{case.date}")
    return f"{other}{RIGHT[case.ip]}侵权纠纷处理决定书", num, text


def _judgment(case: Case) -> tuple[str, str, str]:
    owner, other = _name(case, OWNERS, 2), _name(case, OTHERS, 3)
    city = CITY[case.region]
    num = f"（{case.date[:4]}）桂{case.region[2:4]}民初{int(case.id[-3:]) * 11}号"
    money = f"{case.amount:.0f}" if case.amount else ""
    main = {
        "infringement_found": f"一、被告立即停止侵权行为；二、被告赔偿原告经济损失及合理开支共计{money}元。",
        "partially_found": (f"一、被告立即停止侵权行为；二、被告赔偿原告{money}元；三、驳回原告的其他诉讼请求。"
                            if money else "一、被告立即停止销售被诉侵权产品；二、驳回原告的其他诉讼请求。"),
        "dismissed": "驳回原告的全部诉讼请求。",
    }[case.outcome]
    text = (f"{city}中级人民法院\n民事判决书\n{num}\n原告：{owner}，住所地广西。\n被告：{other}。\n"
            f"原告{owner}与被告{other}侵害{RIGHT[case.ip]}纠纷一案，本院受理后依法组成合议庭，"
            "公开开庭进行了审理。原告请求判令被告停止侵权并赔偿经济损失。\n"
            f"经审理查明：{case.facts}\n"
            f"本院认为，依照{'、'.join(statutes(case))}之规定，判决如下：\n{main}\n"
            "案件受理费由被告负担。如不服本判决，可在判决书送达之日起十五日内提起上诉。\n"
            f"审判长 陈某某\n{case.date}")
    return f"{owner}与{other}侵害{RIGHT[case.ip]}纠纷一审民事判决书", num, text


def _mediation(case: Case) -> tuple[str, str, str]:
    owner, other = _name(case, OWNERS, 4), _name(case, OTHERS, 5)
    city = CITY[case.region]
    num = f"{city[:2]}知调字〔{case.date[:4]}〕{int(case.id[-3:])}号"
    text = (f"{city}知识产权局\n行政调解书\n{num}\n申请人：{owner}\n被申请人：{other}\n"
            f"申请人以被申请人{_acts(case)}的“{case.product}”侵犯其{RIGHT[case.ip]}为由申请调解。\n"
            f"调解查明：{case.facts}\n"
            f"在本局主持下，双方当事人自愿达成如下调解协议：被申请人停止侵权，并向申请人支付"
            f"{case.amount or 0:.0f}元，申请人放弃其他请求。\n本调解书经双方签收后生效。\n"
            f"调解员 韦某\n{case.date}")
    return f"{owner}与{other}{RIGHT[case.ip]}纠纷行政调解书", num, text


def _penalty(case: Case) -> tuple[str, str, str]:
    other = _name(case, OTHERS, 6)
    city = CITY[case.region]
    agency = ("文化广电和旅游局" if case.layout == "cr_penalty" else "市场监督管理局")
    short = {"tm_penalty": "市监处罚", "pt_penalty": "市监知罚", "cr_penalty": "文旅罚"}[case.layout]
    num = f"{city[:2]}{short}〔{case.date[:4]}〕{int(case.id[-3:])}号"
    matter = {"tm_penalty": "侵犯注册商标专用权", "pt_penalty": "假冒专利",
              "cr_penalty": "侵犯著作权"}[case.layout]
    if case.outcome == "dismissed":
        result = "根据《中华人民共和国行政处罚法》的规定，决定不予行政处罚。"
    elif case.amount:
        result = f"决定责令当事人立即停止违法行为，没收违法物品，并处罚款{case.amount:.0f}元。"
    else:
        result = "决定责令当事人立即停止违法行为，没收违法物品。"
    text = (f"{city}{agency}\n行政处罚决定书\n{num}\n当事人：{other}\n"
            f"本局接到举报后，对当事人涉嫌{matter}一案立案调查。\n"
            f"经查：{case.facts}\n"
            f"以上事实有现场检查笔录、询问笔录、鉴定意见及照片等证据为证。"
            f"当事人的行为违反了{statutes(case)[0]}的规定，{result}\n"
            "如不服本决定，可在收到本决定书之日起六十日内申请行政复议，或六个月内提起行政诉讼。\n"
            f"{case.date}")
    return f"{city}{agency}行政处罚决定书（{other}）", num, text


LAYOUTS: dict[str, Callable[[Case], tuple[str, str, str]]] = {
    "ruling": _ruling, "judgment": _judgment, "mediation": _mediation,
    "tm_penalty": _penalty, "pt_penalty": _penalty, "cr_penalty": _penalty,
}


def decision(case: Case) -> dict[str, Any]:
    title, num, text = LAYOUTS[case.layout](case)
    return record(case, title, num, text, statutes(case))




def _has(*topics: str) -> Callable[[Case], bool]:
    return lambda c: bool(set(topics) & set(c.topics))


fake, online = _has("counterfeit"), _has("online_shop", "live_stream", "wechat")
looks_alike = _has("similar_design", "identical_design")


def fined(c: Case) -> bool:
    return c.layout.endswith("penalty") and bool(c.amount)


def paid(c: Case) -> bool:
    return c.layout in {"judgment", "mediation"} and bool(c.amount)


def design(c: Case) -> bool:
    return c.ip == "design_patent"


def mark(c: Case) -> bool:
    return c.ip == "trademark"



QUERIES: list[tuple[str, str, str, Rule]] = [
    # --- long: a paragraph as a layperson or a busy officer types it ---
    ("我们接到举报，说步行街一家店在卖大牌标志的运动服，价格便宜得离谱，一看就是假的，老板说是从广州进的货，"
     "但拿不出进货单，一共查到四十多件，想知道这种一般罚款多少", "long",
     "3: counterfeit trademark goods in a shop, fined; 2: counterfeit trademark goods; 1: trademark",
     lambda c: 3 if fake(c) and "offline_store" in c.topics and fined(c) else
     2 if fake(c) else 1 if mark(c) else 0),
    ("对方在拼多多上卖的儿童水杯，样子和我们的外观专利差不多，就是颜色不一样，消费者很容易搞混，"
     "我们想让他下架再赔点钱，以前有没有类似的", "long",
     "3: design found alike, sold online; 2: design found alike; 1: design patent",
     lambda c: 3 if looks_alike(c) and online(c) else 2 if looks_alike(c) else
     1 if design(c) else 0),
    ("有个微商在朋友圈卖高仿的口红，包装上的牌子和正品一模一样，卖了好几个月，品牌方找上门来了，"
     "这种怎么处理", "long",
     "3: counterfeit trademark goods sold on WeChat; 2: counterfeit trademark goods; 1: cosmetics",
     lambda c: 3 if fake(c) and "wechat" in c.topics else 2 if fake(c) else
     1 if c.category == "化妆品" else 0),
    ("店老板说这批灯是从厂家正规进的，有进货发票和合同，他自己也不知道是侵权的东西，这种还要不要赔钱", "long",
     "3: legal-source defence for a patent; 2: legal-source defence; 1: lamps",
     lambda c: 3 if "legal_source" in c.topics and c.ip != "trademark" else
     2 if "legal_source" in c.topics else 1 if c.category == "灯具" else 0),
    ("网上有人直接把我们拍的产品照片拿去放在他自己的网店里，连水印都没去干净，也没经过我们同意，"
     "这种能要多少赔偿", "long",
     "3: photographs copied into an online shop; 2: a work copied, damages; 1: copyright",
     lambda c: 3 if "photo" in c.topics else
     2 if "copy_work" in c.topics and paid(c) else 1 if c.ip == "copyright" else 0),
    ("产品包装上印着专利号，但其实这个专利早就因为没交年费失效了，商家还一直在印，"
     "这种算不算违法，一般罚多少", "long",
     "3: a lapsed patent still marked; 2: false patent marking; 1: —",
     lambda c: 3 if "lapsed_patent" in c.topics else 2 if "false_patent" in c.topics else 0),
    ("街上新开的奶茶店，招牌和一个有名的奶茶牌子就差一个字，顾客很容易以为是同一家，"
     "对方说愿意改名，想谈谈赔偿的事", "long",
     "3: a shop sign like a known mark; 2: a similar mark or free-riding; 1: trademark settled",
     lambda c: 3 if "shop_sign" in c.topics else
     2 if _has("similar_mark", "free_riding")(c) else
     1 if mark(c) and c.outcome == "settled" else 0),
    # --- short: everyday words, slang, a few words ---
    ("山寨鞋 罚款", "short", "3: counterfeit shoes fined; 2: counterfeit goods fined; 1: shoes",
     lambda c: 3 if fake(c) and c.category == "鞋类" and fined(c) else
     2 if fake(c) and fined(c) else 1 if c.category == "鞋类" else 0),
    ("高仿包包", "short", "3: counterfeit bags; 2: counterfeit goods; 1: bags",
     lambda c: 3 if fake(c) and c.category == "箱包" else 2 if fake(c) else
     1 if c.category == "箱包" else 0),
    ("A货手表", "short", "3: counterfeit watches; 2: counterfeit goods",
     lambda c: 3 if fake(c) and c.category == "钟表" else 2 if fake(c) else 0),
    ("直播带货卖假货", "short", "3: counterfeit goods in a live stream; 2: counterfeit goods",
     lambda c: 3 if fake(c) and "live_stream" in c.topics else 2 if fake(c) else 0),
    ("淘宝店 卖假的", "short", "3: counterfeit goods on 淘宝; 2: counterfeit goods online; 1: counterfeit",
     lambda c: 3 if fake(c) and c.platform == "淘宝" else 2 if fake(c) and online(c) else
     1 if fake(c) else 0),
    ("外观一样 台灯", "short", "3: a lamp design found alike; 2: a design found alike, or lamps",
     lambda c: 3 if looks_alike(c) and c.category == "灯具" else
     2 if looks_alike(c) or c.category == "灯具" else 0),
    ("样子差不多 算侵权吗", "short", "3: a design found alike; 2: a similar mark or work; 1: design decided not alike",
     lambda c: 3 if "similar_design" in c.topics else
     2 if _has("identical_design", "similar_mark")(c) else
     1 if _has("different_design", "not_similar_work")(c) else 0),
    ("商标很像 容易搞混", "short", "3: a similar mark causing confusion; 1: counterfeit (identical mark)",
     lambda c: 3 if "similar_mark" in c.topics else 1 if fake(c) else 0),
    ("抄袭别人的小说", "short", "3: plagiarism of a novel; 2: a work copied",
     lambda c: 3 if "plagiarism" in c.topics else 2 if "copy_work" in c.topics else 0),
    ("盗用别人拍的照片", "short", "3: photographs copied; 1: a work copied",
     lambda c: 3 if "photo" in c.topics else 1 if "copy_work" in c.topics else 0),
    ("卖盗版书", "short", "3: pirated books sold; 2: piracy",
     lambda c: 3 if _has("books")(c) and "piracy" in c.topics else
     2 if "piracy" in c.topics else 0),
    ("翻版碟", "short", "3: pirated discs; 2: piracy",
     lambda c: 3 if "discs" in c.topics else 2 if "piracy" in c.topics else 0),
    ("贴牌加工 商标", "short", "3: OEM manufacturing under a mark; 1: a trademark decision on making",
     lambda c: 3 if "oem" in c.topics else 1 if mark(c) and "make" in c.acts else 0),
    ("傍名牌", "short", "3: free-riding on a known brand; 2: a similar mark",
     lambda c: 3 if "free_riding" in c.topics else 2 if "similar_mark" in c.topics else 0),
    ("公司电脑装破解软件 没授权", "short", "3: unlicensed software used",
     lambda c: 3 if "software" in c.topics else 0),
    ("外观专利 网店 赔多少", "short",
     "3: design sold online with damages or a settlement; 2: design with damages or a settlement; 1: design online",
     lambda c: 3 if design(c) and online(c) and paid(c) else 2 if design(c) and paid(c) else
     1 if design(c) and online(c) else 0),
    ("假酒 罚款多少", "short", "3: counterfeit liquor fined; 2: counterfeit goods fined; 1: liquor",
     lambda c: 3 if fake(c) and c.product == "白酒" and fined(c) else
     2 if fake(c) and fined(c) else 1 if c.product == "白酒" else 0),
    ("有进货单 不知道是假货", "short", "3: legal-source defence for counterfeit goods; 2: legal source, or goods from an authorised dealer",
     lambda c: 3 if "legal_source" in c.topics and fake(c) else
     2 if _has("legal_source", "genuine")(c) else 0),
    ("乱标专利号", "short", "3: false patent marking",
     lambda c: 3 if "false_patent" in c.topics else 0),
    ("KTV 放歌 没给版权费", "short", "3: music in a KTV without licence; 1: copyright unlicensed",
     lambda c: 3 if "performance" in c.topics else 1 if "unlicensed" in c.topics else 0),
]


def main() -> None:
    write_set(HERE, CASES, decision, QUERIES)


if __name__ == "__main__":
    main()
