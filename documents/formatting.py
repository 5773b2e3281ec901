"""How formal documents write dates, amounts and small numbers (公文数字写法).

Pure functions, used by the context selector and by the templates' sample data.

Capital amounts (中文大写金额) follow the banks' rules in 《正确填写票据和结算凭证的基本规定》:
- 壹贰叁肆伍陆柒捌玖 with 拾佰仟万亿; 10 is 壹拾 (never a bare 拾).
- One 零 stands for any run of zeros inside the integer part (1010 → 壹仟零壹拾).
- When the 元 digit is 0 but 角 or 分 follows, a 零 is written after 元
  (107000.53 → 壹拾万柒仟元零伍角叁分, the rules' own example); when 角 is 0 and 分 is
  not, 零 is written after 元 (1.05 → 壹元零伍分).
- 整 after 元 when there are no 角/分; after 角 the rules allow it or not: we write it
  (0.50 → 伍角整) because it closes the amount against additions; never after 分.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

_LOWER_DIGITS = "〇一二三四五六七八九"
_CN_DIGITS = "零一二三四五六七八九"
_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_MAX_AMOUNT = Decimal("1000000000000")  # 万亿 and beyond never occur in a dispute


def _group_to_words(group: int, digits: str, units: tuple[str, str, str]) -> str:
    """Write 1..9999 with ``digits``; ``units`` are (十, 百, 千) in the wanted register."""
    out: list[str] = []
    zero_pending = False
    for power, unit in ((3, units[2]), (2, units[1]), (1, units[0]), (0, "")):
        digit = group // 10**power % 10
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append(digits[0])
            zero_pending = False
        out.append(digits[digit] + unit)
    return "".join(out)


def _integer_to_words(value: int, digits: str, units: tuple[str, str, str]) -> str:
    """Write 0 <= value < 10^12 in groups of four (个, 万, 亿)."""
    if value == 0:
        return digits[0]
    groups = [(value // 10**8) % 10**4, (value // 10**4) % 10**4, value % 10**4]
    group_units = ("亿", "万", "")
    out: list[str] = []
    zero_pending = False
    for group, group_unit in zip(groups, group_units, strict=True):
        if group == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or group < 1000):
            out.append(digits[0])
        zero_pending = False
        out.append(_group_to_words(group, digits, units) + group_unit)
    return "".join(out)


def number_cn(value: int) -> str:
    """Chinese numerals for counts and periods: 15 → 十五, 105 → 一百零五, 10 → 十."""
    if value < 0 or value >= 10**12:
        raise ValueError(f"number_cn supports 0 to 10^12 - 1, got {value}")
    words = _integer_to_words(value, _CN_DIGITS, ("十", "百", "千"))
    # 10-19 are read 十, 十一 …, not 一十, 一十一 (but 110 is 一百一十).
    if 10 <= value < 20:
        words = words[1:]
    return words


def date_cn(value: datetime.date) -> str:
    """Date as written in a formal document: 2026-11-24 → 二〇二六年十一月二十四日."""
    year = "".join(_LOWER_DIGITS[int(ch)] for ch in f"{value.year:04d}")
    return f"{year}年{number_cn(value.month)}月{number_cn(value.day)}日"


def _as_cents(amount: Decimal | int | str) -> int:
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise ValueError(f"not an amount: {amount!r}") from exc
    if not value.is_finite():
        raise ValueError(f"not an amount: {amount!r}")
    if value < 0:
        raise ValueError(f"amounts in documents are not negative: {amount!r}")
    if value >= _MAX_AMOUNT:
        raise ValueError(f"amount too large for a document: {amount!r}")
    cents = value * 100
    if cents != cents.to_integral_value():
        # A legal document must not silently round money.
        raise ValueError(f"amount has more than two decimal places: {amount!r}")
    return int(cents)


def amount_figures(amount: Decimal | int | str) -> str:
    """Amount in figures with thousands separators: 123456.78 → 123,456.78元."""
    cents = _as_cents(amount)
    return f"{cents // 100:,}.{cents % 100:02d}元"


def amount_capital(amount: Decimal | int | str) -> str:
    """Amount in capital numerals: 123456.78 → 人民币壹拾贰万叁仟肆佰伍拾陆元柒角捌分."""
    cents = _as_cents(amount)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    units = ("拾", "佰", "仟")
    if yuan == 0 and jiao == 0 and fen == 0:
        return "人民币零元整"
    parts: list[str] = []
    if yuan:
        parts.append(_integer_to_words(yuan, _CAPITAL_DIGITS, units) + "元")
    if jiao == 0 and fen == 0:
        parts.append("整")
    else:
        if yuan and (yuan % 10 == 0 or jiao == 0):
            parts.append("零")
        if jiao:
            parts.append(_CAPITAL_DIGITS[jiao] + "角")
        parts.append(_CAPITAL_DIGITS[fen] + "分" if fen else "整")
    return "人民币" + "".join(parts)


def date_arabic(value: datetime.date) -> str:
    """Date in Arabic numerals, GB/T 9704-2012 §7.3.5.1: 2026-03-02 → 2026年3月2日."""
    return f"{value.year}年{value.month}月{value.day}日"


def date_written(value: datetime.date, *, numerals: str) -> str:
    """A document's date in the installation's numerals: ``arabic`` or ``chinese``."""
    return date_arabic(value) if numerals == "arabic" else date_cn(value)
