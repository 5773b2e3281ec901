"""Writes decisions.json and queries.json of the fresh set (decision 84).

``python -m search.evaluation.fresh.compose`` after editing ``cases.py`` or ``QUERIES``
below; the JSON files are committed. The frames, party names and procedural text are
this set's own (not the generator's, nor the independent or held-out sets').
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from search.evaluation.fresh.cases import CASES
from search.evaluation.sets import Case, Rule, record, write_set

HERE = Path(__file__).resolve().parent
REVISED = date(2021, 6, 1)

CITY = {"450600": "防城港市", "450800": "贵港市", "450900": "玉林市", "451000": "百色市"}
RIGHT = {"design_patent": "外观设计专利", "utility_model": "实用新型专利",
         "invention_patent": "发明专利", "trademark": "注册商标专用权", "copyright": "著作权"}
ACT_WORDS = {"make": "制造", "use": "使用", "offer": "许诺销售", "sell": "销售"}
OWNERS = ["贵港市荷城家居科技有限公司", "玉林市容州机械有限公司", "百色市右江农业发展有限公司",
          "防城港市北部湾贸易有限公司", "杭州森禾设计有限公司", "东莞市精工模具有限公司",
          "成都蓉音文化传播有限公司", "厦门鹭岛日化有限公司"]
OTHERS = ["贵港市港北区张某某百货商店", "玉林市玉州区某某家具厂", "百色市右江区某某电器商行",
          "防城港市港口区某某汽配经营部", "玉林市福绵区某某制衣厂", "贵港市覃塘区某某农资店",
          "百色某某网络科技有限公司", "防城港市某某文化传媒有限公司", "玉林市兴业县某某五金店"]


def _name(case: Case, pool: list[str], salt: int) -> str:
    return pool[(int(case.id[-3:]) * 5 + salt) % len(pool)]


def _acts(case: Case) -> str:
    return "、".join(ACT_WORDS[a] for a in case.acts)


def statutes(case: Case) -> list[str]:
    new = date.fromisoformat(case.date) >= REVISED
    if case.ip == "trademark":
        return ["《商标法》第五十七条第（一）项、第六十条" if case.layout != "judgment"
                else "《商标法》第五十七条、第六十三条"]
    if case.ip == "copyright":
        return ["《著作权法》" + ("第五十三条" if new else "第四十八条")]
    nums = ["第十一条"]
    if "prior_design" in case.topics or "prior_art" in case.topics:
        nums.append("第六十七条" if new else "第六十二条")
    if "legal_source" in case.topics:
        nums.append("第七十七条" if new else "第七十条")
    if case.layout == "judgment" and case.amount:
        nums.append("第七十一条" if new else "第六十五条")
    return ["《专利法》" + "、".join(nums)]


def _ruling(case: Case) -> tuple[str, str, str]:
    owner, other = _name(case, OWNERS, 0), _name(case, OTHERS, 1)
    city = CITY[case.region]
    num = f"{city[:2]}市监知裁〔{case.date[:4]}〕{int(case.id[-3:])}号"
    result = {
        "infringement_found": f"被请求人立即停止{_acts(case)}侵权产品，并不得再行使用相关模具。",
        "partially_found": "被请求人停止销售被诉产品；请求人的其余请求不予支持。",
        "dismissed": "请求人的请求缺乏事实依据，予以驳回。",
    }[case.outcome]
    text = (f"{city}市场监督管理局（知识产权局）\n行政裁决书\n{num}\n"
            f"请求人{owner}与被请求人{other}{RIGHT[case.ip]}侵权纠纷一案，本局受理后依法组成合议组，"
            f"于{case.date[:4]}年公开进行了口头审理。\n"
            f"请求人诉称，其享有“{case.product}”{RIGHT[case.ip]}，被请求人擅自{_acts(case)}相同或近似产品。\n"
            f"合议组查明：{case.facts}\n"
            f"合议组认为，依据{statutes(case)[0]}，裁决如下：{result}\n"
            f"如不服本裁决，可在收到裁决书之日起六个月内向{city}中级人民法院提起行政诉讼。\n{case.date}")
    return f"{owner}诉{other}{RIGHT[case.ip]}侵权纠纷行政裁决书", num, text


def _judgment(case: Case) -> tuple[str, str, str]:
    owner, other = _name(case, OWNERS, 2), _name(case, OTHERS, 3)
    city = CITY[case.region]
    num = f"（{case.date[:4]}）桂{case.region[2:4]}知民初{int(case.id[-3:]) * 7}号"
    money = f"{case.amount:.0f}" if case.amount else ""
    main = {
        "infringement_found": f"被告停止侵权，并赔偿原告经济损失及维权合理开支{money}元。",
        "partially_found": f"被告停止侵权，赔偿原告{money}元；驳回原告的其他诉讼请求。",
        "dismissed": "驳回原告的诉讼请求。",
    }[case.outcome]
    text = (f"{city}中级人民法院\n民事判决书\n{num}\n原告：{owner}。\n被告：{other}。\n"
            f"原告诉至本院，请求判令被告停止侵害其{RIGHT[case.ip]}并赔偿损失。本院立案后，依法适用普通程序，"
            "公开开庭进行了审理。\n"
            f"本院经审理认定事实如下：{case.facts}\n"
            f"本院认为，根据{'、'.join(statutes(case))}之规定，判决如下：\n{main}\n"
            "案件受理费由被告负担。如不服本判决，可在判决书送达之日起十五日内提起上诉。\n"
            f"审判长 刘某\n{case.date}")
    return f"{owner}与{other}侵害{RIGHT[case.ip]}纠纷民事判决书", num, text


def _mediation(case: Case) -> tuple[str, str, str]:
    owner, other = _name(case, OWNERS, 4), _name(case, OTHERS, 5)
    city = CITY[case.region]
    num = f"{city[:2]}知调〔{case.date[:4]}〕{int(case.id[-3:])}号"
    end = {
        "settled": f"双方自愿达成如下协议：被申请人停止相关行为，并支付申请人{case.amount or 0:.0f}元。",
        "confirmed": f"双方达成协议：被申请人支付申请人{case.amount or 0:.0f}元。本协议已经人民法院裁定确认有效。",
        "withdrawn": "申请人于调解过程中申请撤回，本案终结。",
    }[case.outcome]
    text = (f"{city}知识产权纠纷人民调解委员会\n调解协议书\n{num}\n申请人：{owner}\n被申请人：{other}\n"
            f"纠纷简要情况：申请人认为被申请人{_acts(case)}的“{case.product}”侵犯其{RIGHT[case.ip]}。{case.facts}\n"
            f"经调解员释法说理，{end}\n调解员 黄某\n{case.date}")
    return f"{owner}与{other}{RIGHT[case.ip]}纠纷调解协议书", num, text


def _penalty(case: Case) -> tuple[str, str, str]:
    other = _name(case, OTHERS, 6)
    city = CITY[case.region]
    agency = "市场监督管理局" if case.layout == "tm_penalty" else "文化市场综合行政执法支队"
    num = f"{city[:2]}{'市监' if case.layout == 'tm_penalty' else '文执'}罚〔{case.date[:4]}〕{int(case.id[-3:])}号"
    if case.outcome == "dismissed":
        result = "本局决定不予行政处罚，撤销立案。"
    elif case.amount:
        result = f"责令停止侵权行为，没收侵权物品，并处罚款{case.amount:.0f}元。"
    else:
        result = "责令停止侵权行为，没收侵权物品。"
    text = (f"{city}{agency}\n行政处罚决定书\n{num}\n当事人：{other}\n"
            f"本机关根据投诉举报对当事人涉嫌侵犯{RIGHT[case.ip]}一案进行了调查。\n"
            f"经查：{case.facts}\n"
            f"上述事实有现场笔录、询问笔录、照片等证据证实。当事人的行为违反了{statutes(case)[0]}的规定。"
            f"依法{result}\n当事人如不服，可于六十日内申请行政复议或六个月内提起行政诉讼。\n{case.date}")
    return f"{city}{agency}行政处罚决定书（{other}）", num, text


LAYOUTS: dict[str, Callable[[Case], tuple[str, str, str]]] = {
    "ruling": _ruling, "judgment": _judgment, "mediation": _mediation,
    "tm_penalty": _penalty, "cr_penalty": _penalty,
}


def decision(case: Case) -> dict[str, Any]:
    title, num, text = LAYOUTS[case.layout](case)
    return record(case, title, num, text, statutes(case))




def _t(*topics: str) -> Callable[[Case], bool]:
    return lambda c: bool(set(topics) & set(c.topics))


QUERIES: list[tuple[str, str, str, Rule]] = [
    # --- long fact descriptions, pasted as an officer would ---
    ("我们这边收到一个投诉，淘宝上有家店卖儿童平衡车，车架和座椅跟人家外观专利图片几乎一模一样，就贴纸不一样，"
     "店主叫王某某，2024年3月份上的架，卖了大概两百多台，想看看以前这种网店卖外观近似产品的是怎么处理的", "long",
     "3: design patent sold online, design found similar; 2: design patent sold online, or similar design; 1: design patent",
     lambda c: 3 if c.ip == "design_patent" and c.platform and "similar_design" in c.topics else
     2 if c.ip == "design_patent" and (c.platform or "similar_design" in c.topics) else
     1 if c.ip == "design_patent" else 0),
    ("上周执法队去城郊一家家具厂检查，厂里正在给一批茶几喷漆，桌腿是交叉的，跟权利人的外观设计一样，"
     "老板姓李，说是客户拿图纸来定做的，厂子大概有二十几个工人，这种在工厂里查到正在生产的情况以前怎么定的", "long",
     "3: design patent made in a factory; 2: a patent made in a factory, or design on furniture; 1: design patent",
     lambda c: 3 if c.ip == "design_patent" and "make" in c.acts else
     2 if (c.ip in {"utility_model", "invention_patent"} and "make" in c.acts)
     or (c.ip == "design_patent" and c.category == "家具") else 1 if c.ip == "design_patent" else 0),
    ("有个商户在步行街开鞋店，卖的运动鞋上有大牌的勾子标，一双才卖八十块，问他进货单据拿不出来，"
     "厂家来人看了说是假的，一共三十多双，2023年6月查的，罚款一般罚多少", "long",
     "3: counterfeit trademark goods sold in a shop; 2: counterfeit trademark goods; 1: trademark",
     lambda c: 3 if c.ip == "trademark" and "counterfeit" in c.topics and "offline_store" in c.topics else
     2 if c.ip == "trademark" and "counterfeit" in c.topics else 1 if c.ip == "trademark" else 0),
    ("权利人反映有人在抖音直播带货，主播拿着耳机说是原厂尾单，价格只有正品三分之一，耳机上印着人家的牌子，"
     "直播间当天卖了五百多单，我们想知道直播卖假货一般怎么处罚", "long",
     "3: counterfeit trademark goods in a live stream; 2: counterfeit trademark goods, or live stream; 1: trademark",
     lambda c: 3 if "counterfeit" in c.topics and "live_stream" in c.topics else
     2 if "counterfeit" in c.topics or "live_stream" in c.topics else 1 if c.ip == "trademark" else 0),
    ("一家设计公司被举报，电脑上装的画图软件全是破解版，大概四十台电脑，公司说是员工自己装的，负责人张某，"
     "公司2019年成立，这种单位用盗版软件的情况以前有类似处罚吗", "long",
     "3: unlicensed software used in business; 2: software licence dispute; 1: copyright",
     lambda c: 3 if "software" in c.topics else 2 if c.category == "软件" else
     1 if c.ip == "copyright" else 0),
    ("对方被投诉的炉灶少了专利里写的一个进风通道，其他结构都差不多，对方律师说缺了一个特征就不算侵权，"
     "老板说产品卖了好几年了，想看看类似少一个特征的案子最后怎么认定的", "long",
     "3: a missing technical feature decided; 2: technical features compared (equivalence, all features); 1: utility model",
     lambda c: 3 if "missing_feature" in c.topics else
     2 if {"equivalent", "full_coverage"} & set(c.topics) else 1 if c.ip == "utility_model" else 0),
    ("我们在查一个五金店，卖的门锁被说侵犯实用新型专利，店老板拿出了进货发票和转账记录，说是从厂家正规进的货，"
     "自己不知道是侵权的，这种能不能不赔钱，之前有没有类似的", "long",
     "3: legal-source defence for a patent; 2: legal-source defence; 1: utility model sold",
     lambda c: 3 if "legal_source" in c.topics and c.ip != "trademark" else
     2 if "legal_source" in c.topics else
     1 if c.ip == "utility_model" and "sell" in c.acts else 0),
    ("书店老板卖的教辅资料是盗印的，纸张很差，印刷模糊，出版社来人鉴定说不是正版，一共搜出来两百多本，"
     "还有一些小说，老板说是从批发市场进的，这种卖盗版书的以前罚了多少", "long",
     "3: pirated books; 2: other piracy; 1: copyright",
     lambda c: 3 if "piracy" in c.topics and c.category == "图书" else
     2 if "piracy" in c.topics else 1 if c.ip == "copyright" else 0),
    ("有个人在闲鱼上卖网盘链接，里面是别人的电子书和网课视频，几块钱一份，已经卖了上千份，被出版社发现了，"
     "这种网上卖盗版资源的怎么处理", "long",
     "3: piracy sold online; 2: piracy; 1: copyright",
     lambda c: 3 if "piracy" in c.topics and c.platform else
     2 if "piracy" in c.topics else 1 if c.ip == "copyright" else 0),
    ("两家在谈调解，被申请人商场里卖的包用了人家的菱格压纹设计，双方都愿意私了，"
     "想知道这类外观设计纠纷调解的时候一般赔多少钱比较合适", "long",
     "3: design patent settled in mediation; 2: another mediation settlement; 1: design patent sold in a shop",
     lambda c: 3 if c.ip == "design_patent" and c.outcome in {"settled", "confirmed"} else
     2 if c.outcome in {"settled", "confirmed"} else
     1 if c.ip == "design_patent" and "offline_store" in c.topics else 0),
    ("被投诉人说他们的支架和专利那个不一样，底座是圆的带吸盘，专利的是方的，支撑杆节数也不同，"
     "消费者一看就能分出来，这种外观差别很大的最后是不是不算侵权", "long",
     "3: design found not similar; 2: design request dismissed; 1: design patent",
     lambda c: 3 if "different_design" in c.topics else
     2 if c.ip == "design_patent" and c.outcome == "dismissed" else
     1 if c.ip == "design_patent" else 0),
    ("被告在展销会上摆了几把折叠椅，还发了宣传单页，椅子外观跟我们的专利一样，但他说还没卖出去，"
     "就是摆出来展示一下，这个算不算侵权", "long",
     "3: offering for sale without a sale at a fair; 2: offering for sale; 1: design patent",
     lambda c: 3 if "exhibition" in c.topics else 2 if "offer" in c.acts else
     1 if c.ip == "design_patent" else 0),
    ("超市卖的白酒瓶子上的标跟名酒商标很像，超市说是供货商送来的，有营业执照和送货单，"
     "超市只是代卖，这种能说清楚货从哪来的怎么处理", "long",
     "3: legal source shown for trademark goods; 2: legal source; 1: similar mark",
     lambda c: 3 if "legal_source" in c.topics and c.ip == "trademark" else
     2 if "legal_source" in c.topics else 1 if "similar_mark" in c.topics else 0),
    # --- short and synonym queries ---
    ("外观专利 拼夕夕", "synonym", "3: design patent on 拼多多; 2: design patent online",
     lambda c: 3 if c.ip == "design_patent" and c.platform == "拼多多" else
     2 if c.ip == "design_patent" and c.platform else 0),
    ("盗版软件", "short", "3: unlicensed software", lambda c: 3 if "software" in c.topics else 0),
    ("假冒商标 直播", "short", "3: counterfeit in a live stream; 2: counterfeit or live stream",
     lambda c: 3 if _t("counterfeit")(c) and _t("live_stream")(c) else
     2 if _t("counterfeit", "live_stream")(c) else 0),
    ("现有设计", "short", "3: prior design defence; 1: prior art defence",
     lambda c: 3 if "prior_design" in c.topics else 1 if "prior_art" in c.topics else 0),
    ("等同特征", "short", "3: equivalence decided", lambda c: 3 if "equivalent" in c.topics else 0),
    ("合法来源", "short", "3: legal-source defence", lambda c: 3 if "legal_source" in c.topics else 0),
    ("小专利 缺少技术特征", "synonym", "3: missing feature in a utility model; 2: utility model",
     lambda c: 3 if c.ip == "utility_model" and "missing_feature" in c.topics else
     2 if c.ip == "utility_model" else 0),
    ("动漫形象 玩具", "short", "3: a character used on toys; 2: toys",
     lambda c: 3 if "character" in c.topics else 2 if c.category == "玩具" else 0),
    ("重复侵权", "short", "3: repeated infringement", lambda c: 3 if "repeat" in c.topics else 0),
    ("KTV 音乐作品", "short", "3: music in a KTV (performance)",
     lambda c: 3 if "performance" in c.topics else 0),
    ("方法专利 使用", "short", "3: a process patent used; 2: an invention patent used",
     lambda c: 3 if "process_patent" in c.topics else
     2 if c.ip == "invention_patent" and "use" in c.acts else 0),
    ("批发 假冒刹车片", "short", "3: counterfeit brake parts sold wholesale; 2: wholesale or counterfeit car parts",
     lambda c: 3 if "wholesale" in c.topics and "counterfeit" in c.topics else
     2 if "wholesale" in c.topics or (c.category == "汽车用品" and "counterfeit" in c.topics) else 0),
]


def main() -> None:
    write_set(HERE, CASES, decision, QUERIES)


if __name__ == "__main__":
    main()
