"""Realistic synthetic decisions (fixed seed) for the evaluation set and the benchmark.

Each decision is assembled from the project's own templates: a product of a category, the
acts, the channel, the IP type, disputed issues and defences, an outcome and amounts, in
the phrasing of Chinese administrative rulings and judgments.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

PRODUCTS: dict[str, list[str]] = {
    "电动车配件": ["电动车控制器", "电动车充电器", "电动车锂电池", "电动车仪表盘"],
    "灯具": ["LED路灯", "太阳能路灯", "吸顶灯", "台灯"],
    "家具": ["实木茶几", "折叠餐桌", "办公椅", "儿童床"],
    "食品包装": ["螺蛳粉包装袋", "芒果干包装盒", "六堡茶礼盒", "白糖包装袋"],
    "农机": ["甘蔗收割机", "微耕机", "喷雾器", "脱粒机"],
    "日用品": ["保温杯", "手机壳", "数据线", "蓝牙耳机"],
    "建材五金": ["铝合金门窗", "水龙头", "门锁", "瓷砖"],
}
ACTS = {"make": "制造", "use": "使用", "offer": "许诺销售", "sell": "销售", "import": "进口"}
PLATFORMS = ["淘宝", "天猫", "京东", "拼多多", "抖音", "快手", "1688"]
IP_TYPES = {"invention_patent": "发明专利", "utility_model": "实用新型专利",
            "design_patent": "外观设计专利"}
CITIES = [("450100", "南宁"), ("450200", "柳州"), ("450300", "桂林"), ("450400", "梧州"),
          ("450500", "北海"), ("450900", "玉林")]
DEFENCES = {
    "prior_art": ("现有技术抗辩", "被请求人主张其实施的是现有技术，并提交了申请日前公开的文献。"),
    "legal_source": ("合法来源抗辩", "被请求人主张被控产品有合法来源，提交了进货单据和付款凭证。"),
    "not_covered": ("不落入保护范围", "被请求人认为被控产品缺少权利要求记载的技术特征，不落入保护范围。"),
    "equivalent": ("等同侵权", "争议焦点在于被控产品的区别特征是否构成等同特征。"),
    "prior_use": ("先用权抗辩", "被请求人主张在专利申请日前已经制造相同产品，享有先用权。"),
    "design_similar": ("外观设计近似判断", "争议焦点在于被控产品与涉案外观设计在整体视觉效果上是否相近似。"),
}
OUTCOMES = ["infringement_found", "infringement_found", "infringement_found", "dismissed",
            "settled", "partially_found"]


@dataclass
class Synthetic:
    external_id: str
    title: str
    region_code: str
    decided_on: date
    ip_type: str
    infringing_acts: list[str]
    platform: str
    product_category: str
    product: str
    outcome: str
    defence: str
    damages_claimed: float
    damages_awarded: float | None
    settlement_amount: float | None
    fine: float | None
    statutes_cited: list[str]
    disputed_issues: str
    holding: str
    full_text: str
    is_guiding_case: bool = False
    is_public: bool = True
    extra: dict[str, Any] = field(default_factory=dict)


def generate(n: int, seed: int = 20261125) -> Iterator[Synthetic]:
    rng = random.Random(seed)
    for i in range(n):
        category = rng.choice(list(PRODUCTS))
        product = rng.choice(PRODUCTS[category])
        ip_type = rng.choice(list(IP_TYPES))
        acts = sorted(rng.sample(list(ACTS), rng.choice([1, 1, 2, 2, 3])))
        platform = rng.choice(PLATFORMS) if rng.random() < 0.55 else ""
        region, city = rng.choice(CITIES)
        defence = "design_similar" if ip_type == "design_patent" and rng.random() < 0.6 \
            else rng.choice([d for d in DEFENCES if d != "design_similar"])
        outcome = rng.choice(OUTCOMES)
        if defence in {"prior_art", "not_covered"} and rng.random() < 0.5:
            outcome = "dismissed"
        claimed = float(rng.choice([3, 5, 8, 10, 20, 30, 50, 100]) * 10000)
        awarded = round(claimed * rng.uniform(0.2, 0.8), -2) \
            if outcome in {"infringement_found", "partially_found"} else None
        settlement = round(claimed * rng.uniform(0.3, 0.7), -2) if outcome == "settled" else None
        decided = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365 * 6))
        act_text = "、".join(ACTS[a] for a in acts)
        channel = f"在{platform}平台开设的网店" if platform else "在其经营场所"
        defence_name, defence_text = DEFENCES[defence]
        verdict = {
            "infringement_found": f"被控侵权产品落入涉案{IP_TYPES[ip_type]}的保护范围，"
                                  f"被请求人{act_text}行为构成侵权，责令立即停止侵权。",
            "partially_found": f"被请求人部分{act_text}行为构成侵权，责令停止相应侵权行为，"
                               "其余请求予以驳回。",
            "dismissed": f"{defence_name}成立，被控产品不构成侵权，驳回请求人的请求。",
            "settled": "经调解，双方自愿达成调解协议，被请求人停止销售并支付赔偿。",
        }[outcome]
        title = f"{city}某{category}公司与某商行侵害{IP_TYPES[ip_type]}纠纷案"
        full_text = (
            f"请求人称：请求人是名称为“{product}”的{IP_TYPES[ip_type]}的专利权人，"
            f"被请求人未经许可，{channel}{act_text}{product}，侵犯其专利权。"
            f"被请求人辩称：{defence_text}"
            f"经审理查明：被请求人{channel}{act_text}的{product}，请求人通过公证购买取得实物。"
            f"本局认为：{defence_name}是本案争议焦点。{verdict}"
        )
        yield Synthetic(
            external_id=f"syn-{seed}-{i}", title=title, region_code=region,
            decided_on=decided, ip_type=ip_type, infringing_acts=acts, platform=platform,
            product_category=category, product=product, outcome=outcome, defence=defence,
            damages_claimed=claimed, damages_awarded=awarded, settlement_amount=settlement,
            fine=None, statutes_cited=["《中华人民共和国专利法》第十一条",
                                       "《中华人民共和国专利法》第六十五条"],
            disputed_issues=defence_text, holding=f"{defence_name}：{verdict}",
            full_text=full_text, is_guiding_case=rng.random() < 0.03,
        )
