"""Fixtures shared by every test: the Guangxi office tree and the personas.

Personas (DESIGN.md): officer, mediator, legal staff, head and administrator of
南宁市知识产权局, an officer of its county office 青秀区, and an outsider officer of
柳州市知识产权局.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cases.models import Office, OfficeLevel, Role, User
from cases.services.roles import ensure_role_groups
from tests.factories import OfficeFactory, UserFactory


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip, with the reason, tests whose service this run does not have.

    ``postgres`` tests need DATABASE_URL to name PostgreSQL; ``celery_worker`` tests need
    a real broker in CELERY_TEST_BROKER_URL. .ci/run provides both in its second run.
    """
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    skip_postgres = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    skip_worker = pytest.mark.skip(
        reason="needs a real Celery worker: set CELERY_TEST_BROKER_URL=redis://host:6379/15"
    )
    has_worker_broker = bool(os.environ.get("CELERY_TEST_BROKER_URL"))
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_postgres)
        if "celery_worker" in item.keywords and not has_worker_broker:
            item.add_marker(skip_worker)


@pytest.fixture(autouse=True)
def _eager_celery() -> Iterator[None]:
    """Unit tests run Celery tasks inline (the app's config is read once, so it is set on
    the app itself); tests marked ``celery_worker`` switch to a real broker."""
    from config.celery import app

    saved = {k: app.conf[k] for k in ("task_always_eager", "task_eager_propagates",
                                      "broker_url")}
    app.conf.update(task_always_eager=True, task_eager_propagates=True, broker_url="memory://")
    yield
    app.conf.update(saved)


@pytest.fixture(autouse=True)
def _search_index_dir(settings: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """Each test gets its own embedded search index, never var/search."""
    from search.backends import reset_backends

    settings.SEARCH_EMBEDDED_DIR = tmp_path / "search"  # type: ignore[attr-defined]
    reset_backends()
    yield
    reset_backends()


@pytest.fixture(autouse=True)
def _media_root(settings: pytest.FixtureRequest, tmp_path: Path) -> None:
    """Rendered documents and uploads of a test go to its own folder, never var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: pytest.FixtureRequest) -> None:
    """PBKDF2 is slow on purpose; personas need none of that strength."""
    settings.PASSWORD_HASHERS = [  # type: ignore[attr-defined]
        "django.contrib.auth.hashers.MD5PasswordHasher"
    ]


@pytest.fixture(autouse=True)
def _plain_static_storage(settings: pytest.FixtureRequest) -> None:
    """Tests render templates without running collectstatic, so no manifest exists."""
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@dataclass
class OfficeTree:
    guangxi: Office
    nanning: Office
    qingxiu: Office
    liuzhou: Office


@pytest.fixture
def offices(db: None) -> OfficeTree:
    guangxi = OfficeFactory(
        name="广西壮族自治区知识产权局", short_name="自治区局", level=OfficeLevel.PROVINCE,
        region_code="450000", region_name="广西壮族自治区", parent=None,
    )
    nanning = OfficeFactory(
        name="南宁市知识产权局", short_name="南宁局", level=OfficeLevel.CITY,
        region_code="450100", region_name="南宁市", parent=guangxi,
    )
    qingxiu = OfficeFactory(
        name="南宁市青秀区知识产权局", short_name="青秀局", level=OfficeLevel.COUNTY,
        region_code="450103", region_name="青秀区", parent=nanning,
    )
    liuzhou = OfficeFactory(
        name="柳州市知识产权局", short_name="柳州局", level=OfficeLevel.CITY,
        region_code="450200", region_name="柳州市", parent=guangxi,
    )
    return OfficeTree(guangxi, nanning, qingxiu, liuzhou)


@dataclass
class Personas:
    officer: User
    officer2: User
    officer3: User
    mediator: User
    legal: User
    head: User
    admin: User
    county_officer: User
    outsider: User


@pytest.fixture
def personas(offices: OfficeTree) -> Personas:
    ensure_role_groups()
    nn = offices.nanning
    return Personas(
        officer=UserFactory(username="officer", name="李明", office=nn, roles=[Role.OFFICER]),
        officer2=UserFactory(username="officer2", name="王芳", office=nn, roles=[Role.OFFICER]),
        officer3=UserFactory(username="officer3", name="张伟", office=nn, roles=[Role.OFFICER]),
        mediator=UserFactory(username="mediator", name="陈静", office=nn, roles=[Role.MEDIATOR]),
        legal=UserFactory(username="legal", name="刘洋", office=nn, roles=[Role.LEGAL]),
        head=UserFactory(username="head", name="黄强", office=nn, roles=[Role.HEAD]),
        admin=UserFactory(
            username="sysadmin", name="赵磊", office=offices.guangxi, roles=[Role.ADMIN]
        ),
        county_officer=UserFactory(
            username="county", name="周敏", office=offices.qingxiu, roles=[Role.OFFICER]
        ),
        outsider=UserFactory(
            username="outsider", name="吴刚", office=offices.liuzhou, roles=[Role.OFFICER]
        ),
    )


@pytest.fixture
def calendar_2026(db: None) -> Iterator[list[int]]:
    """The working-day calendar for 2025 and 2026 from the chinesecalendar package."""
    from cases import workdays
    from cases.services.calendar import seed_calendar_from_package

    workdays.clear_cache()
    years = seed_calendar_from_package([2025, 2026])
    yield years
    workdays.clear_cache()


@pytest.fixture
def deadline_rules(db: None) -> int:
    from cases.services.deadline_rules import seed_deadline_rules

    return seed_deadline_rules()


@pytest.fixture
def mediation_reference(db: None) -> None:
    """The courts and dispute types a migration seeds, again: a test on a transactional
    database finds the tables emptied by the flush after an earlier one."""
    from mediation.models import Court, DisputeType
    from mediation.reference_data import COURTS, DISPUTE_TYPES

    for court in COURTS:
        Court.objects.get_or_create(name=court["name"], defaults=court)
    for dispute in DISPUTE_TYPES:
        DisputeType.objects.get_or_create(code=dispute["code"], defaults=dispute)


@pytest.fixture
def thresholds(db: None) -> int:
    """The seeded criminal thresholds (valid until 2025-04-25) and, as an administrator
    would enter them for 法释〔2025〕5号, the same figures from 2025-04-26."""
    from datetime import date

    from cases.referral.models import ThresholdRule
    from cases.referral.seeds import REPLACED_2025, seed_threshold_rules

    created = seed_threshold_rules()
    for rule in ThresholdRule.objects.filter(effective_until=REPLACED_2025):
        rule.pk, rule.effective_from, rule.effective_until = None, date(2025, 4, 26), None
        rule.legal_basis = "法释〔2025〕5号（测试数据）"
        rule.save()
    return created


@pytest.fixture
def referral_driver(personas: Personas, offices: OfficeTree, calendar_2026: list[int],
                    deadline_rules: int, thresholds: int, time_machine: Any) -> Any:
    """Complaints, referrals and transfers driven through their services, on Monday
    2 March 2026 at 09:00 in Nanning, the clock stopped."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.referral_driver import Driver

    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    return Driver(personas, offices)


@pytest.fixture
def mediation_driver(personas: Personas, offices: OfficeTree, calendar_2026: list[int],
                     deadline_rules: int, time_machine: Any) -> Any:
    """Mediation cases of 南宁市知识产权局 driven through their services, from 20 April 2026."""
    from datetime import UTC, datetime

    from mediation.tests.driver import MediationDriver

    time_machine.move_to(datetime(2026, 4, 20, 10, tzinfo=UTC))
    return MediationDriver(personas=personas, office=offices.nanning)
