"""The context a workflow builds is checked against its kind's TypedDict before rendering."""

from __future__ import annotations

from typing import TypedDict

import pytest

from documents.context import DocumentContext, sample_context
from documents.contract import ContextMismatch, check_context, problems


class Inner(TypedDict):
    name: str


class Outer(TypedDict):
    title: str
    people: list[Inner]
    lead: Inner | None


def test_a_complete_context_passes():
    check_context({"title": "t", "people": [{"name": "a"}], "lead": None}, Outer)
    check_context(sample_context("ruling"), DocumentContext)


def test_missing_extra_and_nested_keys_are_named():
    value = {"title": "t", "people": [{"name": "a"}, {"nom": "b"}], "lead": {}, "extra": 1}
    assert problems(value, Outer) == [
        "extra: not in the contract", "people[1].name: missing",
        "people[1].nom: not in the contract", "lead.name: missing"]
    with pytest.raises(ContextMismatch, match="extra: not in the contract"):
        check_context(value, Outer)
