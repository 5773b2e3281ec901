"""Who may do what, for every URL: each pattern × each persona × read and write.

The matrix is generated from the URL configuration: a pattern without a row here fails
``test_every_url_has_a_row`` (and a row for a pattern that no longer exists fails too),
so a new page or endpoint cannot ship without saying who may use it.

Personas: anonymous; officer, mediator, legal staff and head of 南宁 (the city owning
every record) and of 柳州 (another city: everything of 南宁 is "not found" for them);
the system administrator (province); a superuser. "Read" is GET; "write" is POST with an
empty body, inside a rolled-back transaction: an allowed write is then refused as invalid
input (400) or not possible now (409), never as a permission problem, and changes
nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from knox.models import AuthToken

from cases.models import Notification, Role, User
from cases.models.notifications import NotificationKind
from cases.services import outbox
from search.models import Decision, SearchOutbox
from search.services import drain_outbox
from tests.factories import UserFactory
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db

ROLES = ("officer", "mediator", "legal", "head")
PERSONAS = ("anonymous", *(f"nn_{r}" for r in ROLES), *(f"lz_{r}" for r in ROLES),
            "admin", "superuser")


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        else:
            yield prefix + str(p.pattern), p


def url_patterns() -> dict[str, URLPattern]:
    """Every route of the site, the admin's own counted as one (``admin/``): the admin
    checks its permissions per model, tested in cases/tests/test_admin_roles.py."""
    routes: dict[str, URLPattern] = {}
    for route, pattern in _walk(get_resolver().url_patterns):
        routes["admin/" if route.startswith("admin/") else route] = pattern
    return routes


# --- the world every row is checked against ------------------------------------------------


@dataclass
class World:
    users: dict[str, User | None]
    ids: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def world(personas, offices, calendar_2026, deadline_rules, time_machine, settings,
          django_capture_on_commit_callbacks) -> World:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases.models import DocumentNumberPrefix
    from cases.services.evidence import add_evidence_item, attach_evidence
    from documents.services import generate_document, seed_default_templates

    time_machine.move_to("2026-03-02 09:00 +08:00", tick=False)
    seed_default_templates()
    DocumentNumberPrefix.objects.get_or_create(office=offices.nanning, kind="ruling",
                                               defaults={"prefix": "南知裁字"})
    driver = RulingDriver(personas, time_machine)
    case = driver.bring_to("pending_approval")
    driver.act(case, "record_legal_review")
    with django_capture_on_commit_callbacks(execute=True):
        document = generate_document(case=case, kind="ruling", actor=personas.officer)
    evidence, = attach_evidence(case_id=case.pk, actor=personas.officer, files=[
        (SimpleUploadedFile("合同.pdf", b"%PDF-1.4 evidence", "application/pdf"),
         "application/pdf")])
    requester = case.case_parties.get(role="requester")
    item = add_evidence_item(case_id=case.pk, actor=personas.officer, data={
        "submitted_by": str(requester.party_id), "name": "公证书", "purpose": "销售事实",
        "pages": 3, "form": "original", "submitted_on": case.received_on.isoformat()})
    decision = Decision.objects.create(
        source="office", external_id="m-1", title="某公司侵害外观设计专利权纠纷案",
        office=offices.nanning, decided_on=case.received_on, ip_type="design_patent",
        outcome="infringement_found", full_text="被请求人销售的产品与涉案外观设计相近似。")
    SearchOutbox.objects.create(decision_id=decision.pk, op="upsert")
    # The after-commit work done, as the worker and the sweeps would: an index in step
    # with the database and no waiting work, so /healthz is healthy.
    drain_outbox()
    outbox.sweep()
    notification = Notification.objects.create(
        recipient=personas.officer, case=case, kind=NotificationKind.choices[0][0],
        message="请处理")
    _token, _plain = AuthToken.objects.create(user=personas.officer)
    liuzhou = {role: UserFactory(username=f"lz_{role}", office=offices.liuzhou, roles=[role])
               for role in (Role.MEDIATOR, Role.LEGAL, Role.HEAD)}
    users: dict[str, User | None] = {
        "anonymous": None,
        "nn_officer": personas.officer, "nn_mediator": personas.mediator,
        "nn_legal": personas.legal, "nn_head": personas.head,
        "lz_officer": personas.outsider, "lz_mediator": liuzhou[Role.MEDIATOR],
        "lz_legal": liuzhou[Role.LEGAL], "lz_head": liuzhou[Role.HEAD],
        "admin": personas.admin,
        "superuser": UserFactory(username="root", office=offices.guangxi, roles=[],
                                 is_superuser=True, is_staff=True),
    }
    # The officer submitted the decision: it waits for the head's approval.
    approval = driver.submit(case, "decide",
                             data={"decided_on": timezone.localdate().isoformat()})
    party = case.case_parties.first().party
    return World(users, {
        "case": case.pk, "document": document.pk, "evidence": evidence.pk, "item": item.pk,
        "decision": decision.pk, "notification": notification.pk, "token": _token.token_key,
        "party": party.pk, "right": case.rights.first().pk, "approval": approval.pk,
    })


def _kwargs(route: str, pattern: URLPattern, world: World) -> dict[str, Any]:
    ids = world.ids
    by_name = {"case_id": ids["case"], "doc": ids["document"], "document_id": ids["document"],
               "evidence_id": ids["evidence"], "party_id": ids["party"],
               "right_id": ids["right"], "name": "return_draft", "fmt": "docx",
               "key": ids["token"], "approval_id": ids["approval"],
               "item_id": ids["item"]}
    kwargs = {}
    for name in pattern.pattern.converters:
        if name == "pk":
            kwargs[name] = (ids["decision"] if "precedents" in route else
                            ids["notification"] if "notifications" in route else
                            ids["approval"] if route.startswith("approvals/") else ids["case"])
        elif name == "name" and "approvals/" in route:
            kwargs[name] = "return"
        else:
            kwargs[name] = by_name[name]
    return kwargs


# Query strings some pages need to do their work (the record a chip shows).
QUERIES = {"cases/new/parties/chip/": "?id={party}", "cases/new/patents/chip/": "?id={right}"}


def _url(route: str, pattern: URLPattern, world: World) -> str:
    if route == "admin/":
        return "/admin/"
    kwargs = _kwargs(route, pattern, world)
    path = reverse(pattern.name, kwargs=kwargs) if kwargs else "/" + route
    return path + QUERIES.get(route, "").format(**world.ids)


def observe(client: Client, url: str, method: str) -> str:
    """The outcome as a user sees it: "login" (sent to the login page), or the status."""
    if method == "read":
        resp = client.get(url)
    else:
        with transaction.atomic():
            if url.startswith("/api/"):
                resp = client.post(url, "{}", content_type="application/json")
            else:
                resp = client.post(url, {})
            transaction.set_rollback(True)
    if resp.status_code in (301, 302) and "/login/" in resp.headers.get("Location", ""):
        return "login"
    return str(resp.status_code)


MATRIX: dict[str, tuple[str, str]] = {
    # Statistics and repeat infringers: heads, legal staff and administrators of any
    # office (each sees its own tree); read-only pages.
    "statistics/": (
        "login 403 403 200 200 403 403 200 200 200 200",
        "login 405 405 405 405 405 405 405 405 405 405"),
    "statistics/export.xlsx": (
        "login 403 403 200 200 403 403 200 200 200 200",
        "login 405 405 405 405 405 405 405 405 405 405"),
    "statistics/export.csv": (
        "login 403 403 200 200 403 403 200 200 200 200",
        "login 405 405 405 405 405 405 405 405 405 405"),
    "statistics/repeat-infringers/": (
        "login 403 403 200 200 403 403 200 200 200 200",
        "login 405 405 405 405 405 405 405 405 405 405"),
    "statistics/repeat-infringers/export.xlsx": (
        "login 403 403 200 200 403 403 200 200 200 200",
        "login 405 405 405 405 405 405 405 405 405 405"),
    "statistics/repeat-infringers/export.csv": (
        "login 403 403 200 200 403 403 200 200 200 200",
        "login 405 405 405 405 405 405 405 405 405 405"),
    # route: (read, write), one outcome per persona in PERSONAS order:
    #   anonymous, nn_officer nn_mediator nn_legal nn_head,
    #   lz_officer lz_mediator lz_legal lz_head, admin, superuser
    # The site itself: open to everyone.
    "favicon.ico": (
        "301 301 301 301 301 301 301 301 301 301 301",
        "301 301 301 301 301 301 301 301 301 301 301"),
    "admin/": (
        "login 200 200 200 200 200 200 200 200 200 200",
        "login 200 200 200 200 200 200 200 200 200 200"),
    "accounts/login/": (
        "200 200 200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200 200 200"),
    "accounts/logout/": (
        "405 405 405 405 405 405 405 405 405 405 405",
        "login login login login login login login login login login login"),
    "i18n/setlang/": (
        "302 302 302 302 302 302 302 302 302 302 302",
        "302 302 302 302 302 302 302 302 302 302 302"),
    # The REST API: 401 without a login; records of 南宁 are 404 for 柳州; writes as the
    # role allows (400 = allowed, the empty body refused), read-only endpoints 405.
    "api/v1/cases/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 400 403 403 400 400 403 403 400 403 403"),
    "api/v1/cases/intake-check/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 400 403 403 400 400 403 403 400 403 403"),
    "api/v1/cases/<int:case_id>/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    # Assignments: the head of the case's office (tree) changes them.
    "api/v1/cases/assignment/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 403 403 403 400 403 403 403 400 403 403"),
    "api/v1/cases/<int:case_id>/assignment/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 403 403 403 400 404 404 404 404 403 403"),
    "api/v1/cases/<int:case_id>/timeline/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/cases/<int:case_id>/evidence/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 400 403 403 400 404 404 404 404 403 403"),
    # An entry of the catalogue: corrected (PATCH) or removed (DELETE) by the case's
    # officers and heads; neither GET nor POST.
    "api/v1/cases/<int:case_id>/evidence/<int:item_id>/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/cases/<int:case_id>/transitions/<slug:name>/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 403 403 400 400 404 404 404 404 403 403"),
    "api/v1/parties/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 400 400 403 403 400 400 403 403 400 400"),
    "api/v1/parties/<int:party_id>/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/agents/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 400 400 403 403 400 400 403 403 400 400"),
    "api/v1/rights/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 400 403 403 403 400 403 403 403 400 400"),
    "api/v1/rights/<int:right_id>/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/precedents/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/precedents/<int:pk>/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/cases/<int:case_id>/similar/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/cases/<int:case_id>/consistency/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/cases/<int:case_id>/documents/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 400 403 403 400 404 404 404 404 403 403"),
    "api/v1/documents/<int:document_id>/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/documents/<int:document_id>/download/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/documents/<int:document_id>/issue/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 403 403 403 200 404 404 404 404 403 403"),
    "api/v1/documents/<int:document_id>/void/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 400 403 403 400 404 404 404 404 403 403"),
    "api/v1/documents/<int:document_id>/versions/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 415 403 403 415 404 404 404 404 403 403"),
    "api/v1/documents/<int:document_id>/service-records/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 400 403 403 400 404 404 404 404 403 403"),
    # API schema and docs, tokens, health.
    "api/schema/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/docs/": (
        "login 200 200 200 200 200 200 200 200 200 200",
        "login 405 405 405 405 405 405 405 405 405 405"),
    "accounts/tokens/": (
        "login 200 200 200 200 200 200 200 200 200 200",
        "login 400 400 400 400 400 400 400 400 400 400"),
    "accounts/tokens/<slug:key>/revoke/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 302 404 404 404 404 404 404 404 404 404"),
    "healthz": (
        "200 200 200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405 405 405"),
    # Web pages: the login page for anonymous visitors. Read-only pages answer a POST
    # like a GET (CSRF-checked; they change nothing).
    "": (
        "login 200 200 200 200 200 200 200 200 200 200",
        "login 200 200 200 200 200 200 200 200 200 200"),
    "notifications/<int:pk>/read/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 302 404 404 404 404 404 404 404 404 404"),
    "notifications/read-all/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 302 302 302 302 302 302 302 302 302 302"),
    "cases/": (
        "login 200 200 200 200 200 200 200 200 200 200",
        "login 200 200 200 200 200 200 200 200 200 200"),
    "cases/export.xlsx": (
        "login 200 200 200 200 200 200 200 200 200 200",
        "login 200 200 200 200 200 200 200 200 200 200"),
    # Filing requests: officers and heads of their own office only.
    "cases/new/": (
        "login 200 403 403 200 200 403 403 200 403 403",
        "login 400 403 403 400 400 403 403 400 403 403"),
    "cases/new/parties/": (
        "login 200 403 403 200 200 403 403 200 403 403",
        "login 200 403 403 200 200 403 403 200 403 403"),
    "cases/new/parties/chip/": (
        "login 200 403 403 200 404 403 403 404 403 403",
        "login 200 403 403 200 404 403 403 404 403 403"),
    "cases/new/parties/create/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 400 403 403 400 400 403 403 400 403 403"),
    "cases/new/patents/": (
        "login 200 403 403 200 200 403 403 200 403 403",
        "login 200 403 403 200 200 403 403 200 403 403"),
    "cases/new/patents/chip/": (
        "login 200 403 403 200 404 403 403 404 403 403",
        "login 200 403 403 200 404 403 403 404 403 403"),
    "cases/new/patents/create/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 400 403 403 400 400 403 403 400 403 403"),
    "cases/new/checks/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 200 403 403 200 200 403 403 200 403 403"),
    # One case of 南宁 and its documents: 404 for 柳州. The action here is
    # "return_draft" (head and legal staff); GET on an action the user may not take now
    # reloads the case with 409.
    "cases/distribute/": (
        "login 403 403 403 200 403 403 403 200 403 403",
        "login 403 403 403 400 403 403 403 400 403 403"),
    "cases/<int:pk>/assignment/": (
        "login 403 403 403 200 404 404 404 404 403 403",
        "login 403 403 403 400 404 404 404 404 403 403"),
    "cases/<int:pk>/": (
        "login 200 200 200 200 404 404 404 404 200 200",
        "login 200 200 200 200 404 404 404 404 200 200"),
    "cases/<int:pk>/timeline/": (
        "login 200 200 200 200 404 404 404 404 200 200",
        "login 405 405 405 405 405 405 405 405 405 405"),
    "cases/<int:pk>/actions/<slug:name>/": (
        "login 409 409 200 200 404 404 404 404 409 409",
        "login 403 403 400 400 404 404 404 404 403 403"),
    "cases/<int:pk>/evidence/add/": (
        "login 302 302 302 302 404 404 404 404 302 302",
        "login 400 403 403 400 404 404 404 404 403 403"),
    "cases/<int:pk>/evidence/items/<int:item_id>/edit/": (
        "login 200 403 403 200 404 404 404 404 403 403",
        "login 400 403 403 400 404 404 404 404 403 403"),
    "cases/<int:pk>/evidence/items/<int:item_id>/remove/": (
        "login 302 302 302 302 404 404 404 404 302 302",
        "login 400 403 403 400 404 404 404 404 403 403"),
    "cases/<int:pk>/evidence/<int:evidence_id>/": (
        "login 200 200 200 200 404 404 404 404 200 200",
        "login 200 200 200 200 404 404 404 404 200 200"),
    "cases/<int:pk>/documents/": (
        "login 200 200 200 200 404 404 404 404 200 200",
        "login 200 200 200 200 404 404 404 404 200 200"),
    "cases/<int:pk>/documents/generate/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 302 403 403 302 404 404 404 404 403 403"),
    "cases/<int:pk>/documents/<int:doc>/issue/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 403 403 403 302 404 404 404 404 403 403"),
    "cases/<int:pk>/documents/<int:doc>/void/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 302 403 403 302 404 404 404 404 403 403"),
    "cases/<int:pk>/documents/<int:doc>/make-pdf/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 302 403 403 302 404 404 404 404 403 403"),
    "cases/<int:pk>/documents/<int:doc>/<slug:fmt>/": (
        "login 200 200 200 200 404 404 404 404 200 200",
        "login 200 200 200 200 404 404 404 404 200 200"),
    # Precedents: a decision of 南宁 is 404 for 柳州.
    "precedents/": (
        "login 200 200 200 200 200 200 200 200 200 200",
        "login 200 200 200 200 200 200 200 200 200 200"),
    "precedents/<int:pk>/": (
        "login 200 200 200 200 404 404 404 404 200 200",
        "login 200 200 200 200 404 404 404 404 200 200"),
    # Mediation, complaints and referral. The world's case is a ruling case: a mediation
    # endpoint of it is 404, a complaint-only write 409 (not possible for this case); its
    # figures are recorded by its officer and the head.
    "api/v1/cases/<int:case_id>/figures/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 200 403 403 200 404 404 404 404 403 403"),
    "api/v1/cases/<int:case_id>/duplicates/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/cases/<int:case_id>/threshold-waiver/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 409 409 409 409 404 404 404 404 409 409"),
    "api/v1/referrals/dashboard/": (
        "401 403 403 200 200 403 403 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/referrals/dashboard/referrals/": (
        "401 403 403 200 200 403 403 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/referrals/dashboard/transfers/": (
        "401 403 403 200 200 403 403 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/referrals/dashboard/flagged/": (
        "401 403 403 200 200 403 403 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    # The mediator's workbench: everyone's own (empty for those who mediate nothing).
    "api/v1/mediation/workbench/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/mediation/workbench/to-take-up/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/mediation/workbench/sessions/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/mediation/workbench/agreements/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/mediation/workbench/terms/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/cases/<int:case_id>/sessions/": (
        "401 404 404 404 404 404 404 404 404 404 404",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/cases/<int:case_id>/agreement/": (
        "401 404 404 404 404 404 404 404 404 404 404",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "referrals/": (
        "login 403 403 200 200 403 403 200 200 200 200",
        "login 403 403 200 200 403 403 200 200 200 200"),
    # The world's ruling case records figures: its officer and the head; others 403.
    "cases/<int:pk>/figures/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 302 403 403 302 404 404 404 404 403 403"),
    # The world's case is not flagged: nothing to waive (409, the case page with the reason).
    "cases/<int:pk>/threshold/waive/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 409 409 409 409 404 404 404 404 409 409"),
    "complaints/new/": (
        "login 200 403 403 200 200 403 403 200 403 403",
        "login 400 403 403 400 400 403 403 400 403 403"),
    "mediation/": (
        "login 200 200 200 200 200 200 200 200 200 200",
        "login 200 200 200 200 200 200 200 200 200 200"),
    "cases/<int:pk>/judicial-confirmation/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 302 302 302 302 404 404 404 404 302 302"),
    # Approvals (issue 15, item 4): the world's decision waits for the head's approval.
    "api/v1/cases/<int:case_id>/transitions/<slug:name>/submit/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 409 409 409 409 404 404 404 404 409 409"),
    "api/v1/approvals/": (
        "401 200 200 200 200 200 200 200 200 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/approvals/<int:approval_id>/": (
        "401 200 200 200 200 404 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405 405 405"),
    "api/v1/approvals/<int:approval_id>/transitions/<slug:name>/": (
        "401 405 405 405 405 405 405 405 405 405 405",
        "401 403 403 403 400 404 404 404 404 403 403"),
    "approvals/": (
        "login 403 403 403 200 403 403 403 200 403 403",
        "login 405 405 405 405 405 405 405 405 405 405"),
    "approvals/<int:pk>/approve/": (
        "login 405 405 405 405 405 405 405 405 405 405",
        "login 403 403 403 302 404 404 404 404 403 403"),
    "approvals/<int:pk>/return/": (
        "login 403 403 403 200 404 404 404 404 403 403",
        "login 403 403 403 400 404 404 404 404 403 403"),
    # The draft ruling's page (the case's officers and heads) and the review page (legal
    # staff and heads); the world's draft is no longer editable (409).
    "cases/<int:pk>/draft/": (
        "login 200 403 403 200 404 404 404 404 403 403",
        "login 409 403 403 409 404 404 404 404 403 403"),
    "cases/<int:pk>/review/": (
        "login 403 403 200 200 404 404 404 404 403 403",
        "login 405 405 405 405 405 405 405 405 405 405"),
}


def test_every_url_has_a_row():
    routes = set(url_patterns())
    assert sorted(routes - set(MATRIX)) == [], "URL patterns without a row in MATRIX"
    assert sorted(set(MATRIX) - routes) == [], "rows for URL patterns that do not exist"
    for route, (read, write) in MATRIX.items():
        assert len(read.split()) == len(write.split()) == len(PERSONAS), route


def test_every_persona_gets_the_expected_answer(world):
    client = Client()
    wrong = []
    for route, pattern in url_patterns().items():
        url = _url(route, pattern, world)
        for method, expected in zip(("read", "write"), MATRIX[route], strict=True):
            for persona, outcome in zip(PERSONAS, expected.split(), strict=True):
                client.logout()
                user = world.users[persona]
                if user is not None:
                    client.force_login(user)
                got = observe(client, url, method)
                if got != outcome:
                    wrong.append(f"{method} {url} as {persona}: expected {outcome}, got {got}")
    assert wrong == []
