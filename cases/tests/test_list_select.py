"""The case list's selects write the same HTML as Django's own ``Select``."""

from __future__ import annotations

import pytest
from django import forms

from cases.views.case_list import ListSelect

CHOICES = [("", "全部"), ("一", [("a", "甲 & 乙"), ("b", "<丙>")]), ("c", "丁"), (1, "数")]


@pytest.mark.parametrize("value", [None, "", "a", "c", 1, "x"])
def test_the_same_html_as_djangos_select(value):
    attrs = {"class": "form-select", "id": "id_state", "aria-invalid": "true"}
    mine = ListSelect(attrs=attrs, choices=CHOICES).render("state", value)
    django = forms.Select(attrs=attrs, choices=CHOICES).render("state", value)
    assert mine == django
    assert mine.count("<option") == 5
