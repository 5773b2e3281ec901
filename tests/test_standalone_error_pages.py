"""The pages shown when something failed (500.html, 503.html) render with nothing that
could have failed: no database (these tests may not touch it), no context processors, no
site navigation; and they say in which language they are written."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation


@pytest.mark.parametrize(("language", "heading"), [
    ("zh-hans", "系统出错"), ("en", "Something went wrong")])
def test_the_500_page(language, heading):
    with translation.override(language):
        html = render_to_string("500.html")
    assert f'<html lang="{language}">' in html
    assert heading in html and "alert-danger" in html
    assert "vendor/bootstrap-5.3.9/css/bootstrap.min.css" in html


@pytest.mark.parametrize(("language", "heading"), [
    ("zh-hans", "暂时无法使用"), ("en", "Temporarily unavailable")])
def test_the_503_page_shows_the_message_it_is_given(language, heading):
    with translation.override(language):
        html = render_to_string("503.html", {"message": "<b>try again</b>"})
    assert f'<html lang="{language}">' in html
    assert heading in html and "alert-warning" in html
    assert "&lt;b&gt;try again&lt;/b&gt;" in html
    assert "vendor/bootstrap-5.3.9/css/bootstrap.min.css" in html
