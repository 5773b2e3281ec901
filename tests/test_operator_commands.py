"""What the operator's maintenance commands print is in Chinese, like setup_schedule's and
load_demo_data's, and running them again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    with translation.override("zh-hans"):
        call_command(*args, stdout=out)
    return out.getvalue()


def test_seed_defaults_twice():
    _run("seed_defaults")
    again = _run("seed_defaults")
    assert "新增期限规则：0条" in again and "新增文书模板：0个" in again
    assert "新增刑事追诉标准：0条" in again


def test_rebuild_statistics_and_seed_synonyms_twice():
    assert "已统计0件案件" in _run("rebuild_statistics")
    first = _run("seed_synonyms")
    assert "新增同义词组" in first
    assert _run("seed_synonyms").startswith("新增同义词组0组")
