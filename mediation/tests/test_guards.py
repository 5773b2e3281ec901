"""The 确权 guard: an agreement may settle damages and conduct, never decide whether an
IP right is valid or who owns it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from mediation.guards import right_determination, right_determination_message
from mediation.tests.conftest import signed_agreement


@pytest.mark.parametrize("text, found", [
    ("双方确认ZL2020 1 0123456.7号发明专利权有效。", "validity"),
    ("被请求人认可涉案专利无效。", "validity"),
    ("宣告涉案商标无效。", "validity"),
    ("涉案专利权归请求人所有。", "ownership"),
    ("涉案专利申请权属于被请求人。", "ownership"),
    ("确认请求人为涉案作品的著作权人。", "ownership"),
    ("确认张三的发明人资格。", "ownership"),
])
def test_terms_deciding_validity_or_ownership_are_refused(text: str, found: str) -> None:
    assert right_determination(text) == found
    message = right_determination_message(text)
    assert message is not None and "确权" in message


@pytest.mark.parametrize("text", [
    "被请求人于2026年5月31日前向请求人支付赔偿金人民币50,000元。",
    "被请求人立即停止销售SL-2026型智能门锁，并销毁库存产品。",
    "请求人撤回针对涉案专利的无效宣告请求。",
    "被请求人撤回其向国家知识产权局提出的宣告专利权无效请求。",
    "双方签订专利实施许可合同，许可有效期三年，许可费每年2万元。",
    "专利权人同意被请求人在广西区域内实施该专利。",
])
def test_ordinary_settlement_terms_pass(text: str) -> None:
    assert right_determination(text) is None
    assert right_determination_message(text) is None


def test_the_refusal_is_in_chinese_and_says_what_to_do_instead() -> None:
    with translation.override("zh-hans"):
        message = right_determination_message("涉案专利权归请求人所有。")
    assert message is not None
    assert "权属" in message and "撤回无效宣告请求" in message


def test_a_term_with_such_wording_fails_validation(make_mediation: Any, personas: Any) -> None:
    m = make_mediation("in_session")
    agreement = signed_agreement(m, personas.mediator, on=datetime.date(2026, 4, 1))
    term = agreement.terms.create(n=2, kind="other", obligor=m.requester,
                                  description="涉案专利权归请求人所有。",
                                  due_on=datetime.date(2026, 4, 30))
    with pytest.raises(ValidationError) as err:
        term.full_clean()
    assert "description" in err.value.message_dict
    assert any("确权" in p for p in agreement.problems())
