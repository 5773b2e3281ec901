"""Writes the labelled evaluation set: 300 synthetic decisions and 32 queries with graded
relevance (0-3). Run ``python -m search.evaluation.build`` after changing the generator or
the queries; the JSON files are committed.

Grades are assigned by rule from each decision's metadata: every query names 1-3 criteria
(product or category, act, platform, IP type, defence, outcome); a decision meeting all of
them is 3, all but one 2, at least one of three 1, otherwise 0. Relevant for recall means
grade >= 2.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from search.evaluation.generator import Synthetic, generate

HERE = Path(__file__).resolve().parent
SIZE = 300

QUERIES: list[dict[str, Any]] = [
    {"q": "外观设计 拼多多 销售", "ip_type": "design_patent", "platform": "拼多多", "act": "sell"},
    {"q": "电动车控制器 许诺销售", "product": "电动车控制器", "act": "offer"},
    {"q": "\"现有技术抗辩\"", "defence": "prior_art"},
    {"q": "合法来源抗辩 销售", "defence": "legal_source", "act": "sell"},
    {"q": "淘宝 实用新型 制造", "platform": "淘宝", "ip_type": "utility_model", "act": "make"},
    {"q": "先用权抗辩", "defence": "prior_use"},
    {"q": "等同侵权 发明专利", "defence": "equivalent", "ip_type": "invention_patent"},
    {"q": "整体视觉效果 相近似", "defence": "design_similar"},
    {"q": "路灯 外观设计", "category": "灯具", "ip_type": "design_patent"},
    {"q": "太阳能路灯 销售", "product": "太阳能路灯", "act": "sell"},
    {"q": "螺蛳粉包装袋 外观设计", "product": "螺蛳粉包装袋", "ip_type": "design_patent"},
    {"q": "京东 销售 驳回", "platform": "京东", "act": "sell", "outcome": "dismissed"},
    {"q": "抖音 网店 销售", "platform": "抖音", "act": "sell"},
    {"q": "快手 许诺销售", "platform": "快手", "act": "offer"},
    {"q": "1688 进口", "platform": "1688", "act": "import"},
    {"q": "进口 发明专利", "act": "import", "ip_type": "invention_patent"},
    {"q": "使用 实用新型 门窗", "act": "use", "ip_type": "utility_model",
     "product": "铝合金门窗"},
    {"q": "甘蔗收割机 制造", "product": "甘蔗收割机", "act": "make"},
    {"q": "农机 发明专利 侵权", "category": "农机", "ip_type": "invention_patent"},
    {"q": "保温杯 外观设计 淘宝", "product": "保温杯", "ip_type": "design_patent",
     "platform": "淘宝"},
    {"q": "调解 赔偿", "outcome": "settled"},
    {"q": "驳回请求 不落入保护范围", "defence": "not_covered", "outcome": "dismissed"},
    {"q": "缺少权利要求记载的技术特征", "defence": "not_covered"},
    {"q": "进货单据 付款凭证", "defence": "legal_source"},
    {"q": "茶几 家具 制造", "category": "家具", "act": "make"},
    {"q": "六堡茶礼盒", "product": "六堡茶礼盒"},
    {"q": "锂电池 天猫", "product": "电动车锂电池", "platform": "天猫"},
    {"q": "门锁 实用新型", "product": "门锁", "ip_type": "utility_model"},
    {"q": "手机壳 拼多多", "product": "手机壳", "platform": "拼多多"},
    {"q": "电动车 充电器 销售", "product": "电动车充电器", "act": "sell"},
    {"q": "部分侵权 责令停止", "outcome": "partially_found"},
    {"q": "台灯 1688 许诺销售", "product": "台灯", "platform": "1688", "act": "offer"},
]


def meets(s: Synthetic, key: str, value: str) -> bool:
    return {
        "ip_type": s.ip_type == value, "platform": s.platform == value,
        "act": value in s.infringing_acts, "product": s.product == value,
        "category": s.product_category == value, "defence": s.defence == value,
        "outcome": s.outcome == value,
    }[key]


def grade(s: Synthetic, query: dict[str, Any]) -> int:
    criteria = [(k, v) for k, v in query.items() if k != "q"]
    met = sum(meets(s, k, v) for k, v in criteria)
    if met == len(criteria):
        return 3
    if met == len(criteria) - 1 and len(criteria) >= 2:
        return 2 if len(criteria) >= 3 else 1
    return 1 if met and len(criteria) >= 3 else 0


def _jsonable(s: Synthetic) -> dict[str, Any]:
    data = asdict(s)
    data["decided_on"] = s.decided_on.isoformat()
    return data


def build() -> None:
    decisions = list(generate(SIZE, seed=2026))
    queries = []
    for query in QUERIES:
        grades = {s.external_id: g for s in decisions if (g := grade(s, query))}
        queries.append({"query": query["q"],
                        "criteria": {k: v for k, v in query.items() if k != "q"},
                        "grades": grades})
    (HERE / "decisions.json").write_text(
        json.dumps([_jsonable(s) for s in decisions], ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8")
    (HERE / "queries.json").write_text(
        json.dumps(queries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load() -> tuple[list[Synthetic], list[dict[str, Any]]]:
    raw = json.loads((HERE / "decisions.json").read_text(encoding="utf-8"))
    decisions = []
    for item in raw:
        item["decided_on"] = date.fromisoformat(item["decided_on"])
        decisions.append(Synthetic(**item))
    return decisions, json.loads((HERE / "queries.json").read_text(encoding="utf-8"))


if __name__ == "__main__":
    build()
