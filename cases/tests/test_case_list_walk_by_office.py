"""A walked search of the case list (a text with more matches than are read) is walked
office by office on PostgreSQL for a county's user (each office of the user's subtree on
its own index, plus the cases shared with the user beyond it): the same keys, in the same
order, page after page in both directions, as the walk over the list's order gave, for a
county officer and a city officer (whose office is counted a county's for the test: the
walk by office is then over two offices), with transfers shared from outside their
subtrees."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from cases.demo.scale import SCALE_USER, generate_cases
from cases.models import Case, CaseParty, Office, User
from cases.models.offices import OfficeLevel
from cases.referral.models import TransferCase
from cases.referral.workflow import SHARED_STATES
from cases.selectors import cases as selectors
from cases.selectors.scope import case_scope_q
from cases.views.case_list import SORTS, _shown
from cases.views.paging import _beyond, _order

pytestmark = pytest.mark.django_db

TEXT = "有限公司"


@pytest.fixture
def officers(monkeypatch):
    """A county officer and an officer of the city above the county; transfers from
    outside the city sent to the county and designated to the city, and one of the
    county's designated to the city, their cause holding the text; every search walked."""
    generate_cases(500, seed=29, stdout=lambda _line: None)
    county = User.objects.filter(username__startswith=SCALE_USER,
                                 office__level="county").first()
    city = User.objects.filter(username__startswith=SCALE_USER,
                               office=county.office.parent).first()
    assert county and city
    outside = (TransferCase.objects.filter(state__in=SHARED_STATES)
               .exclude(case__office__path__startswith=city.office.path).order_by("pk"))
    sent, designated = list(outside[:3]), list(outside[3:6])
    assert outside.count() > 6
    TransferCase.objects.filter(pk__in=[t.pk for t in sent]).update(target_office=county.office)
    TransferCase.objects.filter(pk__in=[t.pk for t in designated]).update(
        target_office=None, designated_office=city.office)
    # And one of the county's own, designated to the city: within both subtrees already,
    # listed once.
    inside = outside[6]
    Case.objects.filter(pk=inside.case_id).update(office=county.office)
    TransferCase.objects.filter(pk=inside.pk).update(designated_office=city.office)
    Case.objects.filter(pk__in=[t.case_id for t in [*sent, *designated, inside]]).update(
        title=f"某{TEXT}商标侵权纠纷")
    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", 0)
    monkeypatch.setattr(selectors, "TEXT_READ", 0)
    return {"county": county, "city": city}


def _walked_by_office(user: User) -> User:
    """``user``, its office counted a county's: walked by office whatever its level."""
    Office.objects.filter(pk=user.office_id).update(level=OfficeLevel.COUNTY)
    return User.objects.select_related("office").get(pk=user.pk)


def _plain(user: User) -> list[int]:
    """The text's cases within the user's scope, by the scope's and the text's plain
    definitions, newest first."""
    return list(Case.objects.filter(case_scope_q(user)).filter(
        Q(number__icontains=TEXT) | Q(title__icontains=TEXT)
        | Q(pk__in=CaseParty.objects.filter(party__name__icontains=TEXT).values("case_id"))
        | Q(workflow__in=["referral", "transfer"], origin__in=CaseParty.objects.filter(
            party__name__icontains=TEXT).values("case_id")))
        .order_by("-received_on", "-pk").values_list("pk", flat=True))


@pytest.mark.parametrize("who", ["county", "city"])
@pytest.mark.parametrize("descending", [True, False])
def test_each_page_of_a_walked_search_has_the_keys_the_walk_over_the_list_gave(
        officers, who, descending):
    user = _walked_by_office(officers[who])
    found = _shown(selectors.case_list(user, text=TEXT))
    assert selectors.WALKED in found.query.annotations
    spec = SORTS["received"]
    order = _order(spec, descending)
    beyond_subtree = set(_plain(user)) - set(Case.objects.filter(
        office__path__startswith=user.office.path).values_list("pk", flat=True))
    assert beyond_subtree  # the shared transfers are among the matches
    listed: list[int] = []
    cursor = None
    while True:
        page = found if cursor is None else found.filter(_beyond(spec, cursor, descending))
        old = list(page.order_by(*order).values_list("pk", flat=True)[:6])
        assert selectors.page_keys(user, page, order, 6) == old
        listed += old[:5]
        if len(old) <= 5:
            break
        last = Case.objects.get(pk=old[4])
        cursor = [last.received_on, last.pk]
    assert listed == (_plain(user) if descending else _plain(user)[::-1])


def _pages(client, url: str) -> tuple[list[int], list[int]]:
    """The keys of the list at ``url`` page after page forward by the next cursor, and
    then back from the last page by the previous cursor."""
    forward: list[int] = []
    page = client.get(url).context["page"]
    while True:
        forward += [row.pk for row in page.rows]
        if not page.next_cursor:
            break
        page = client.get(f"{url}&after={page.next_cursor}").context["page"]
    backward = [row.pk for row in page.rows]
    while page.prev_cursor:
        page = client.get(f"{url}&before={page.prev_cursor}").context["page"]
        backward = [row.pk for row in page.rows] + backward
    return forward, backward


@pytest.mark.parametrize("who", ["county", "city"])
def test_the_case_list_pages_a_walked_search_as_the_plain_query_orders_it(officers, client, who):
    user = _walked_by_office(officers[who])
    client.force_login(user)
    forward, backward = _pages(client, f"/cases/?q={TEXT}&size=5")
    assert forward == backward == _plain(user)
    ascending, _back = _pages(client, f"/cases/?q={TEXT}&size=5&sort=received")
    assert ascending == _plain(user)[::-1]


@pytest.mark.parametrize("sort", ["-received", "received", "-number"])
def test_a_walked_search_costs_the_queries_of_a_listed_one(officers, client, monkeypatch, sort):
    client.force_login(officers["county"])
    url = f"/cases/?q={TEXT}&size=5&sort={sort}"
    with CaptureQueriesContext(connection) as walked:
        client.get(url)
    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", 10_000)
    monkeypatch.setattr(selectors, "TEXT_READ", 10_000)
    with CaptureQueriesContext(connection) as listed:
        client.get(url)
    assert len(walked.captured_queries) == len(listed.captured_queries)


@pytest.mark.postgres
def test_on_postgresql_the_walk_reads_each_office_of_the_subtree_on_its_own(officers, client):
    """The keys' query of a walked search in the order of receipt, for a county's user:
    per office of the subtree (``LATERAL``); a city's or the region's user, and another
    order, keep the walk over the list's order."""
    root = User.objects.create_user(username="walk_root",
                                    office=Office.objects.get(parent=None))
    for user, url, by_office in [
            (officers["county"], f"/cases/?q={TEXT}", True),
            (officers["county"], f"/cases/?q={TEXT}&sort=received", True),
            (officers["county"], f"/cases/?q={TEXT}&sort=-number", False),
            (officers["city"], f"/cases/?q={TEXT}", False),
            (root, f"/cases/?q={TEXT}", False)]:
        client.force_login(user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        assert any("LATERAL" in q["sql"] for q in ctx.captured_queries) == by_office, url
