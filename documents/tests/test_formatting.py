from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from documents.formatting import amount_capital, amount_figures, date_cn, number_cn


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.date(2026, 11, 24), "二〇二六年十一月二十四日"),
        (datetime.date(2026, 1, 1), "二〇二六年一月一日"),
        (datetime.date(2030, 10, 10), "二〇三〇年十月十日"),
        (datetime.date(2000, 12, 31), "二〇〇〇年十二月三十一日"),
        (datetime.date(2026, 2, 20), "二〇二六年二月二十日"),
    ],
)
def test_date_cn(value, expected):
    assert date_cn(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, "零"), (3, "三"), (10, "十"), (15, "十五"), (20, "二十"), (30, "三十"),
     (101, "一百零一"), (105, "一百零五"), (110, "一百一十"), (1000, "一千"),
     (1001, "一千零一"), (10000, "一万"), (10010, "一万零一十")],
)
def test_number_cn(value, expected):
    assert number_cn(value) == expected


def test_number_cn_refuses_negative():
    with pytest.raises(ValueError):
        number_cn(-1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("123456.78", "人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分"),
        ("100000", "人民币壹拾万元整"),
        ("1010.05", "人民币壹仟零壹拾元零伍分"),
        ("0.5", "人民币伍角整"),
        ("0.05", "人民币伍分"),
        ("0.55", "人民币伍角伍分"),
        ("0", "人民币零元整"),
        ("10", "人民币壹拾元整"),
        ("1.05", "人民币壹元零伍分"),
        # The banks' own examples (正确填写票据和结算凭证的基本规定).
        ("1680.32", "人民币壹仟陆佰捌拾元零叁角贰分"),
        ("107000.53", "人民币壹拾万柒仟元零伍角叁分"),
        ("1000001", "人民币壹佰万零壹元整"),
        ("100010000", "人民币壹亿零壹万元整"),
        ("100000000", "人民币壹亿元整"),
        ("1000.05", "人民币壹仟元零伍分"),
        ("20.5", "人民币贰拾元零伍角整"),
        ("99999999999.99", "人民币玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"),
    ],
)
def test_amount_capital(value, expected):
    assert amount_capital(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("123456.78", "123,456.78元"), ("0", "0.00元"), ("1000000", "1,000,000.00元"),
     ("0.5", "0.50元")],
)
def test_amount_figures(value, expected):
    assert amount_figures(Decimal(value)) == expected


@pytest.mark.parametrize("bad", ["-1", "0.001", "1e12", "NaN", "abc"])
def test_amounts_refuse_what_a_document_cannot_state(bad):
    with pytest.raises(ValueError):
        amount_capital(bad)
    with pytest.raises(ValueError):
        amount_figures(bad)


@pytest.mark.parametrize(("typed", "printed"), [
    ("被投诉人住所地均在南宁市", ["被投诉人住所地均在南宁市。"]),
    ("申请延长审理期限一个月，", ["申请延长审理期限一个月。"]),
    ("不成立。\n理由如下：\n证据不足", ["不成立。", "理由如下：", "证据不足。"]),
    ("他表示：“同意。”", ["他表示：“同意。”"]),
    ("见证据3（公证书）", ["见证据3（公证书）。"]),
    ("是否成立？", ["是否成立？"]),
    ("", []),
])
def test_free_text_statements_end_as_sentences(typed, printed):
    from documents.selectors import sentences

    assert sentences(typed) == printed
