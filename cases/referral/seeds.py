"""The default criminal thresholds (DOMAIN.md, Workflow D), seeded into ``ThresholdRule``.

Every figure is marked *to be verified*. The figures of 法释〔2004〕19号 and the later
interpretations are seeded as valid until 2025-04-25: 法释〔2025〕5号 replaced them from
2025-04-26, and its figures are entered by an administrator once verified. Art. 214 was
reworded by 刑法修正案(十一) (in force 2021-03-01) from "sales amount" to "illegal gain or
other serious circumstances", so its figures have two versions.

Seeding never overwrites an administrator's edit: a default is inserted only when no
version of that code with that effective date exists. A legal basis an earlier version
seeded in half-width punctuation (``(法释〔2004〕19号) 第一条``) is written as shipped now.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NotRequired, TypedDict

from django.db import transaction

from cases.punctuation import typed_half_width
from cases.referral.models import ThresholdRule

INTERPRETATION_2004 = date(2004, 12, 22)  # 法释〔2004〕19号
OPINION_2011 = date(2011, 1, 10)  # 法发〔2011〕3号
TRADE_SECRET_2020 = date(2020, 9, 14)  # 法释〔2020〕10号
AMENDMENT_XI = date(2021, 3, 1)  # 刑法修正案(十一)
REPLACED_2025 = date(2025, 4, 25)  # last day before 法释〔2025〕5号

BASIS_2004 = ("《最高人民法院、最高人民检察院关于办理侵犯知识产权刑事案件"
              "具体应用法律若干问题的解释》"
              "（法释〔2004〕19号）")
BASIS_2011 = "《关于办理侵犯知识产权刑事案件适用法律若干问题的意见》（法发〔2011〕3号）第八条"
BASIS_2020 = ("《关于办理侵犯知识产权刑事案件具体应用法律若干问题的解释（三）》"
              "（法释〔2020〕10号）第四条")
BASIS_214_2021 = ("《刑法修正案（十一）》修改第二百一十四条为“违法所得数额较大或者有其他严重情节”；"
                  "法释〔2025〕5号施行前实践中仍参照法释〔2004〕19号第二条的销售金额标准（待核实）")


class ThresholdDefault(TypedDict):
    code: str
    offence: str
    article: str
    measure: str
    amount: Decimal
    effective_from: date
    effective_until: date
    legal_basis: str
    group: NotRequired[str]
    min_marks: NotRequired[int]


def _rule(code: str, offence: str, article: str, measure: str, amount: int, basis: str, *,
          since: date = INTERPRETATION_2004, until: date = REPLACED_2025,
          group: str = "main", min_marks: int | None = None) -> ThresholdDefault:
    default: ThresholdDefault = {
        "code": code, "offence": offence, "article": article, "measure": measure,
        "amount": Decimal(amount), "effective_from": since, "effective_until": until,
        "legal_basis": basis, "group": group,
    }
    if min_marks is not None:
        default["min_marks"] = min_marks
    return default


A213, A214, A215 = "刑法第二百一十三条", "刑法第二百一十四条", "刑法第二百一十五条"
A216, A217, A219 = "刑法第二百一十六条", "刑法第二百一十七条", "刑法第二百一十九条"

DEFAULT_THRESHOLDS: list[ThresholdDefault] = [
    _rule("cl213.turnover", "213", A213, "turnover", 50_000, f"{BASIS_2004}第一条"),
    _rule("cl213.gain", "213", A213, "gain", 30_000, f"{BASIS_2004}第一条"),
    _rule("cl213.two_marks.turnover", "213", A213, "turnover", 30_000,
          f"{BASIS_2004}第一条（假冒两种以上注册商标）", group="two_marks", min_marks=2),
    _rule("cl213.two_marks.gain", "213", A213, "gain", 20_000,
          f"{BASIS_2004}第一条（假冒两种以上注册商标）", group="two_marks", min_marks=2),
    _rule("cl214.sales", "214", A214, "sales", 50_000, f"{BASIS_2004}第二条",
          until=date(2021, 2, 28)),
    _rule("cl214.unsold_value", "214", A214, "unsold_value", 150_000, BASIS_2011,
          since=OPINION_2011, until=date(2021, 2, 28)),
    _rule("cl214.sales", "214", A214, "sales", 50_000, BASIS_214_2021, since=AMENDMENT_XI),
    _rule("cl214.unsold_value", "214", A214, "unsold_value", 150_000, BASIS_214_2021,
          since=AMENDMENT_XI),
    _rule("cl215.labels", "215", A215, "labels", 20_000, f"{BASIS_2004}第三条"),
    _rule("cl215.turnover", "215", A215, "turnover", 50_000, f"{BASIS_2004}第三条"),
    _rule("cl215.gain", "215", A215, "gain", 30_000, f"{BASIS_2004}第三条"),
    _rule("cl216.turnover", "216", A216, "turnover", 200_000, f"{BASIS_2004}第四条"),
    _rule("cl216.gain", "216", A216, "gain", 100_000, f"{BASIS_2004}第四条"),
    _rule("cl216.loss", "216", A216, "loss", 500_000, f"{BASIS_2004}第四条"),
    _rule("cl217.gain", "217", A217, "gain", 30_000, f"{BASIS_2004}第五条"),
    _rule("cl217.turnover", "217", A217, "turnover", 50_000, f"{BASIS_2004}第五条"),
    _rule("cl217.copies", "217", A217, "copies", 1_000, f"{BASIS_2004}第五条"),
    _rule("cl219.loss", "219", A219, "loss", 300_000, BASIS_2020, since=TRADE_SECRET_2020),
    _rule("cl219.gain", "219", A219, "gain", 300_000, BASIS_2020, since=TRADE_SECRET_2020),
]


@transaction.atomic
def seed_threshold_rules() -> int:
    """Insert the defaults that are missing, and write the legal basis of those seeded in
    half-width punctuation as shipped; returns how many were inserted."""
    created = 0
    for default in DEFAULT_THRESHOLDS:
        rule, was_created = ThresholdRule.objects.get_or_create(
            code=default["code"], effective_from=default["effective_from"],
            defaults={**default, "verify": True})
        created += int(was_created)
        if typed_half_width(rule.legal_basis, default["legal_basis"]):
            ThresholdRule.objects.filter(pk=rule.pk).update(legal_basis=default["legal_basis"])
    return created
