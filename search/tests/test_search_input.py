"""The search page and the API with filters a person typed or edited into the address:
a filter that cannot be applied says what to correct instead of being left out silently
(the page listed every decision, or none, as if it had applied it)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from search.backends import get_backend
from search.schema import to_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(make_decision):
    decisions = [make_decision(full_text=f"被请求人销售台灯{i}。", is_public=True,
                               damages_awarded=1000 * (i + 1)) for i in range(3)]
    get_backend().index([to_document(d) for d in decisions])
    return decisions


@pytest.mark.parametrize(("params", "message"), [
    ({"date_from": "2024-13-01"}, "YYYY-MM-DD"),
    ({"date_to": "2024-02-30"}, "YYYY-MM-DD"),
    ({"date_from": "2025-01-01", "date_to": "2024-01-01"}, "结束日期早于开始日期"),
    ({"amount_min": "abc"}, "金额"),
    ({"amount_min": "NaN"}, "金额"),
    ({"amount_min": "1e400"}, "金额"),
    ({"amount_max": "-5"}, "金额"),
    ({"amount_min": "5000", "amount_max": "100"}, "最高金额低于最低金额"),
    ({"year": "99999"}, "年份"),
    ({"year": "abcd"}, "年份"),
])
def test_a_filter_that_cannot_be_applied_is_named(client, personas, indexed, params, message):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {"q": "台灯", **params})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'id="result-count"' not in html  # no list that pretends to be filtered


def test_good_filters_still_filter(client, personas, indexed):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {
        "q": "台灯", "amount_min": "１５００", "amount_max": "2500.50", "year": "2024",
        "date_from": "", "date_to": ""})
    assert response.status_code == 200
    assert response.context["page"].total == 1


def test_a_page_past_the_end_says_so_and_links_the_last_page(client, personas, indexed):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {"q": "台灯", "page": "7"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-past-end" in html and "page=1" in html
    assert "没有符合条件的案例" not in html


@pytest.mark.parametrize("params", [{"amount_min": "5000", "amount_max": "100"},
                                    {"amount_min": "-1"}])
def test_the_api_refuses_amounts_out_of_order_or_below_zero(personas, indexed, params):
    api = APIClient()
    api.force_authenticate(personas.legal)
    response = api.get(reverse("api-precedent-list"), params)
    assert response.status_code == 400
    assert ("amount_max" in response.json()) == ("amount_max" in params)


def test_a_latin_word_is_marked_in_the_snippet_whatever_its_case(personas, make_decision):
    """Index terms are lower-cased, so the highlight terms of a query are too: LED in the
    text was neither marked nor the place the snippet was cut around."""
    from search.selectors import search_precedents

    d = make_decision(full_text="本局经审理查明：" + "被请求人未到庭陈述意见。" * 30
                      + "被请求人销售的LED壁灯与涉案外观设计相近似。", is_public=True)
    get_backend().index([to_document(d)])
    hit = search_precedents(personas.legal, "led").hits[0]
    assert "<mark>LED</mark>壁灯" in hit.snippet


@pytest.mark.parametrize("q", ["😀😀", "！！？？", '"', "…… —— 《》"])
def test_a_query_of_only_symbols_says_the_list_is_every_decision(client, personas, indexed,
                                                                   q):
    """Every decision was listed under the typed text as if it matched."""
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {"q": q})
    assert response.status_code == 200
    assert 'data-mode="unsearchable"' in response.content.decode()
    assert response.context["page"].total == 3


@pytest.mark.parametrize("q", ["", "台灯", "-台灯"])
def test_a_query_with_words_or_none_at_all_has_no_such_note(client, personas, indexed, q):
    client.force_login(personas.legal)
    response = client.get(reverse("precedent-search"), {"q": q})
    assert 'data-mode="unsearchable"' not in response.content.decode()
