from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cases.models.rights import RightKind
from cases.referral.models import ThresholdRule
from cases.referral.seeds import DEFAULT_THRESHOLDS, seed_threshold_rules
from cases.referral.thresholds import judge, judge_amounts, offences_for

TRADEMARK = offences_for([RightKind.TRADEMARK])
PATENT = offences_for([RightKind.INVENTION_PATENT])


@pytest.fixture
def seeded(db: None) -> int:
    return seed_threshold_rules()


def test_a_case_over_the_seeded_figure_is_flagged_with_the_rule_and_figures(seeded):
    hits = judge_amounts({"turnover": Decimal("60000")}, on=date(2024, 5, 1),
                         offences=TRADEMARK)
    assert [h.offence for h in hits] == ["213", "215"]
    first = hits[0]
    assert first.article == "刑法第二百一十三条"
    assert first.figures[0].rule.code == "cl213.turnover"
    assert "¥60,000" in str(first) and "¥50,000" in str(first)
    assert "法释〔2004〕19号" in first.legal_basis
    assert first.needs_verification


def test_below_every_figure_nothing_is_flagged(seeded):
    assert judge_amounts({"turnover": 49_999, "gain": 29_999}, on=date(2024, 5, 1),
                         offences=TRADEMARK) == []


def test_a_rule_replaced_in_2025_applies_to_a_case_by_its_date(seeded):
    # 法释〔2025〕5号, entered by an administrator once verified: a higher figure (for
    # the test) from 2025-04-26; the seeded figure ended on 2025-04-25.
    ThresholdRule.objects.create(
        code="cl213.turnover", offence="213", article="刑法第二百一十三条",
        measure="turnover", amount=Decimal("100000"), effective_from=date(2025, 4, 26),
        legal_basis="法释〔2025〕5号", verify=False)
    amounts = {"turnover": 60_000}
    before = judge_amounts(amounts, on=date(2025, 4, 25), offences={"213"})
    assert [f.rule.amount for h in before for f in h.figures] == [Decimal("50000")]
    assert judge_amounts(amounts, on=date(2025, 4, 26), offences={"213"}) == []
    after = judge_amounts({"turnover": 120_000}, on=date(2025, 6, 1), offences={"213"})
    assert [f.rule.legal_basis for h in after for f in h.figures] == ["法释〔2025〕5号"]
    assert not after[0].needs_verification


def test_article_214_changes_version_with_the_eleventh_amendment(seeded):
    amounts = {"sales": 80_000}
    old = judge_amounts(amounts, on=date(2021, 2, 28), offences={"214"})
    new = judge_amounts(amounts, on=date(2021, 3, 1), offences={"214"})
    assert old[0].figures[0].rule.effective_from == date(2004, 12, 22)
    assert new[0].figures[0].rule.effective_from == date(2021, 3, 1)
    assert "修正案（十一）" in new[0].legal_basis


def test_lower_figures_for_two_or_more_marks(seeded):
    amounts = {"turnover": 35_000}
    assert judge_amounts(amounts, on=date(2024, 5, 1), offences={"213"}, marks=1) == []
    hits = judge_amounts(amounts, on=date(2024, 5, 1), offences={"213"}, marks=2)
    assert [f.rule.code for h in hits for f in h.figures] == ["cl213.two_marks.turnover"]


def test_the_offences_follow_the_kind_of_right(seeded):
    amounts = {"turnover": 150_000}
    assert judge_amounts(amounts, on=date(2024, 5, 1), offences=PATENT) == []
    assert judge_amounts({"loss": 500_000}, on=date(2024, 5, 1), offences=PATENT)[0].offence \
        == "216"
    assert {"213", "214", "215"} == TRADEMARK


def test_counts_are_judged_like_money(seeded):
    hits = judge_amounts({"copies": 1_200}, on=date(2024, 5, 1), offences={"217"})
    assert str(hits[0]).endswith("1,200 ≥ 1,000")


def test_a_group_that_needs_every_figure(db):
    rules = [
        ThresholdRule(code=f"x.{m}", offence="219", article="刑法第二百一十九条", measure=m,
                      amount=Decimal(100), group="both", any_one_suffices=False,
                      effective_from=date(2020, 1, 1), legal_basis="test")
        for m in ("loss", "gain")
    ]
    on = date(2024, 1, 1)
    assert judge(rules, {"loss": 150}, on=on) == []
    assert len(judge(rules, {"loss": 150, "gain": 100}, on=on)[0].figures) == 2


def test_unknown_or_malformed_figures_never_reach_a_threshold(seeded):
    assert judge_amounts({"turnover": "abc", "gain": None, "sales": ""},
                         on=date(2024, 5, 1)) == []


def test_an_inactive_rule_is_not_applied(seeded):
    ThresholdRule.objects.filter(code="cl217.copies").update(is_active=False)
    assert judge_amounts({"copies": 5_000}, on=date(2024, 5, 1), offences={"217"}) == []


def test_seeding_is_idempotent_and_keeps_an_edited_figure(seeded):
    assert seeded == len(DEFAULT_THRESHOLDS)
    ThresholdRule.objects.filter(code="cl216.gain").update(amount=Decimal("90000"))
    assert seed_threshold_rules() == 0
    assert ThresholdRule.objects.get(code="cl216.gain").amount == Decimal("90000")


def test_every_seeded_figure_is_marked_verify_and_ends_before_the_2025_interpretation(
        seeded):
    for rule in ThresholdRule.objects.all():
        assert rule.verify and rule.legal_basis
        assert rule.effective_until is not None
        assert rule.effective_until <= date(2025, 4, 25)
        rule.full_clean()


def test_clean_refuses_a_zero_figure_and_a_backwards_validity(db):
    rule = ThresholdRule(code="cl213.turnover", offence="213", article="x", measure="turnover",
                         amount=Decimal(0), effective_from=date(2025, 1, 1),
                         effective_until=date(2024, 1, 1), legal_basis="x")
    with pytest.raises(ValidationError) as excinfo:
        rule.full_clean()
    assert set(excinfo.value.message_dict) == {"amount", "effective_until"}
