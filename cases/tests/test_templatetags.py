"""Template filters shared by every page."""

from decimal import Decimal

from cases.templatetags.ipc import yuan


def test_amounts_are_grouped_with_two_decimals_and_counts_grouped():
    assert yuan(Decimal("1234567.8")) == "1,234,567.80"
    assert yuan(Decimal("30000")) == "30,000.00"
    assert yuan(Decimal("0.00")) == "0.00"
    assert yuan(1200) == "1,200"
    assert yuan(None) is None and yuan("") == "" and yuan(True) is True
