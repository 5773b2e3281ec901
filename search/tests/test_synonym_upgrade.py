"""Migration 0004: an installation seeded before decision 115 loses 盗图 from its
未经许可 group, unless an administrator has edited that group."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from search import synonyms
from search.models import Synonym

migration = importlib.import_module("search.migrations.0004_retire_stolen_picture_synonym")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_expansions():
    """The map is cached per process: none built from a test's rows outlives it."""
    yield
    synonyms.invalidate()


def _as_seeded_before() -> None:
    """The table as migration 0003 seeded it from the old file."""
    Synonym.objects.filter(kind="equivalent", terms=migration.NEW).update(terms=migration.OLD)
    Synonym.objects.filter(kind="category", terms=migration.ADDED[1]).delete()
    synonyms.invalidate()


def test_the_file_no_longer_holds_the_old_group():
    groups = [(kind, terms) for kind, terms in synonyms.seed_groups()]
    assert ("equivalent", migration.terms_of(migration.NEW)) in groups
    assert ("equivalent", migration.terms_of(migration.OLD)) not in groups
    assert ("category", ["盗图", "图片", "摄影作品", "美术作品"]) in groups


def test_a_group_as_seeded_before_is_mended():
    _as_seeded_before()
    assert "未经许可" in synonyms.expansions().get("盗图", ())
    migration.retire(apps, None)
    synonyms.invalidate()
    expansions = synonyms.expansions()
    assert "未经许可" not in expansions.get("盗图", ())
    assert "盗图" not in expansions["未经许可"]
    assert "图片" in expansions["盗图"]
    assert Synonym.objects.filter(kind="equivalent", terms=migration.NEW).count() == 1
    assert Synonym.objects.filter(kind="category", terms=migration.ADDED[1]).count() == 1


def test_the_new_line_seeded_beside_the_old_group_is_not_doubled():
    _as_seeded_before()
    Synonym.objects.create(kind="equivalent", terms=migration.NEW)
    migration.retire(apps, None)
    assert not Synonym.objects.filter(terms=migration.OLD).exists()
    assert Synonym.objects.filter(kind="equivalent", terms=migration.NEW).count() == 1


def test_a_group_an_administrator_edited_is_left_alone():
    _as_seeded_before()
    edited = migration.OLD + " = 盗链"
    Synonym.objects.filter(terms=migration.OLD).update(terms=edited)
    before = sorted(Synonym.objects.values_list("kind", "terms"))
    migration.retire(apps, None)
    assert sorted(Synonym.objects.values_list("kind", "terms")) == before
