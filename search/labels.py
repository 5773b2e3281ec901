"""Chinese labels of the structured fields, as decisions and legal staff write them.

The index stores them as a text field (``labels``) so a query word finds a decision by
its metadata (外观设计专利, 许诺销售, 侵权成立, 拼多多, a product category) even when the
text phrases it otherwise; the import accepts them in place of the internal values.
Boilerplate that every judgment carries is kept out of the indexed words.
"""

from __future__ import annotations

import re

IP_TYPE_LABELS: dict[str, tuple[str, ...]] = {
    "invention_patent": ("发明专利", "发明"),
    "utility_model": ("实用新型专利", "实用新型"),
    "design_patent": ("外观设计专利", "外观设计"),
    "trademark": ("商标", "注册商标", "商标权"),
    "copyright": ("著作权", "版权"),
    "geographic_indication": ("地理标志",),
    "trade_secret": ("商业秘密",),
    "plant_variety": ("植物新品种",),
}
ACT_LABELS: dict[str, tuple[str, ...]] = {
    "make": ("制造", "生产"),
    "use": ("使用",),
    "offer": ("许诺销售",),
    "sell": ("销售",),
    "import": ("进口",),
}
OUTCOME_LABELS: dict[str, tuple[str, ...]] = {
    "infringement_found": ("侵权成立", "构成侵权"),
    "partially_found": ("部分侵权成立", "部分成立", "侵权成立"),
    "dismissed": ("驳回", "驳回请求", "不构成侵权"),
    "settled": ("调解结案", "调解", "和解"),
    "confirmed": ("司法确认", "调解协议经司法确认", "调解"),
    "withdrawn": ("撤回", "已撤回", "撤诉"),
}
OFFLINE_LABEL = "线下"


def value_for(labels: dict[str, tuple[str, ...]], raw: str) -> str | None:
    """The internal value a spreadsheet cell means: the value itself or a Chinese label."""
    text = (raw or "").strip()
    if text in labels:
        return text
    lowered = text.lower()
    for value, names in labels.items():
        if lowered == value or text in names:
            return value
    return None


def label_words(ip_type: str, acts: list[str], outcome: str, platform: str,
                product_category: str) -> list[str]:
    out = [*IP_TYPE_LABELS.get(ip_type, ()), *OUTCOME_LABELS.get(outcome, ())]
    for act in acts:
        out.extend(ACT_LABELS.get(act, ()))
    out.append(platform or OFFLINE_LABEL)
    if product_category:
        out.append(product_category)
    return out


# Clauses every judgment or decision carries whatever it decided: the dismissal of the
# remaining claims, court fees, the appeal notice. They say nothing about the case. Only
# the clause goes, not its sentence: "专利权人不服提起上诉，二审认为被诉产品缺少该技术特征"
# keeps its facts.
_BOILERPLATE = re.compile(
    r"其[他它余](?:诉讼)?请求|受理费|如不服|申请行政复议|提起行政诉讼|提起上诉|上诉于|"
    r"终审判决|逾期不|加倍支付迟延履行|发生法律效力|本调解书经双方")
_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+[，,。；;！!？?\n]*")


def without_boilerplate(text: str) -> str:
    return "".join(c for c in _CLAUSE.findall(text or "") if not _BOILERPLATE.search(c))
