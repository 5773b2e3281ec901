"""Half-width punctuation typed into Chinese text is written full-width in documents."""

from __future__ import annotations

import pytest

from cases.punctuation import full_width, full_width_values, typed_half_width


@pytest.mark.parametrize(("typed", "printed"), [
    ("被请求人于2026年12月30日(星期三)在其门店销售, 并通过\"拼多多\"网店许诺销售;",
     "被请求人于2026年12月30日（星期三）在其门店销售，并通过“拼多多”网店许诺销售；"),
    ("合法来源抗辩不成立.", "合法来源抗辩不成立。"),
    ("同意赔偿(分期).", "同意赔偿（分期）。"),
    ("LED路灯散热器(型号:SL-2026)", "LED路灯散热器（型号：SL-2026）"),
    ("《解释》(法释〔2004〕19号) 第一条", "《解释》（法释〔2004〕19号）第一条"),
    ("公证书((2027)桂南证字第3号)", "公证书（（2027）桂南证字第3号）"),
])
def test_marks_touching_chinese_are_written_full_width(typed: str, printed: str) -> None:
    assert full_width(typed) == printed


@pytest.mark.parametrize("kept", [
    "Lumière Lighting Technologies GmbH & Co. KG",
    "Marienplatz 8, 80331 München, Deutschland",
    "赔偿12,345.60元，时间10:30",
    "1.责令被请求人立即停止侵权",
    "银行转账回单 No. 2026041801",
    "签名：                年    月    日",
    "他说\"好",  # an unpaired quote is left as typed
    "ZL2020 1 0123456.7号",
])
def test_latin_text_figures_and_numbering_stay_as_typed(kept: str) -> None:
    assert full_width(kept) == kept


def test_a_context_is_walked_whole() -> None:
    context = {"a": ["理由一;", {"b": "(二)"}], "n": 3, "none": None}
    assert full_width_values(context) == {"a": ["理由一；", {"b": "（二）"}], "n": 3,
                                          "none": None}


@pytest.mark.parametrize(("stored", "shipped", "rewritten"), [
    ("《解释》(法释〔2004〕19号) 第一条", "《解释》（法释〔2004〕19号）第一条", True),
    ("《解释》（法释〔2004〕19号）第一条", "《解释》（法释〔2004〕19号）第一条", False),
    ("《解释》(法释〔2004〕19号) 第二条", "《解释》（法释〔2004〕19号）第一条", False),
    ("", "《解释》（法释〔2004〕19号）第一条", False),
])
def test_a_value_differing_only_by_half_width_marks_is_the_seed_as_stored_before(
        stored: str, shipped: str, rewritten: bool) -> None:
    assert typed_half_width(stored, shipped) is rewritten
