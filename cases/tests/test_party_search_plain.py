"""The case list's party-name search and the scope it runs in give what the plain queries
give: the keys of the matches passed as one array (PostgreSQL) and the transfers shared
with a receiving office read by subqueries (not joins) change neither which cases a user
sees nor their order, page after page."""

from __future__ import annotations

import pytest
from django.db.models import Q

from cases.demo.scale import SCALE_USER, generate_cases
from cases.models import Case, CaseParty, Office, User
from cases.referral.models import TransferCase
from cases.referral.workflow import SHARED_STATES
from cases.selectors.scope import case_scope_q

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    generate_cases(400, seed=17, stdout=lambda _line: None)


def _plain_scope(user: User) -> set[int]:
    """The scope's definition, evaluated row by row in Python: the user's office subtree,
    and the transfers sent or designated to an office of it once sent."""
    path = user.office.path
    paths = dict(Office.objects.values_list("pk", "path"))
    shared = {
        t.case_id for t in TransferCase.objects.filter(state__in=SHARED_STATES)
        if any(paths.get(office_id, "").startswith(path)
               for office_id in (t.target_office_id, t.designated_office_id))}
    return {pk for pk, office_id, workflow in Case.objects.values_list("pk", "office", "workflow")
            if paths[office_id].startswith(path) or (workflow == "transfer" and pk in shared)}


def test_the_scope_is_the_office_subtree_and_the_transfers_shared_with_it(data):
    users = [User.objects.filter(username__startswith=SCALE_USER, office__level=level).first()
             for level in ("province", "city", "county")]
    assert all(users)
    # Transfers sent, or designated, to the county from outside its subtree: each of the
    # two subqueries has something to find.
    county = users[2].office
    shared = list(TransferCase.objects.filter(state__in=SHARED_STATES).order_by("pk"))
    assert len(shared) >= 2
    TransferCase.objects.filter(pk__in=[t.pk for t in shared[::2]]).update(target_office=county)
    TransferCase.objects.filter(pk__in=[t.pk for t in shared[1::2]]).update(
        target_office=None, designated_office=county)
    shared_only = 0
    for user in users:
        expected = _plain_scope(user)
        assert set(Case.objects.filter(case_scope_q(user)).values_list("pk", flat=True)) == expected
        shared_only += len(expected - set(Case.objects.filter(
            office__path__startswith=user.office.path).values_list("pk", flat=True)))
    assert shared_only > 0


def _pages(client, url: str) -> list[int]:
    """The keys of every row of the list at ``url``, page after page by the cursor."""
    keys: list[int] = []
    page = client.get(url).context["page"]
    while True:
        keys += [row.pk for row in page.rows]
        if not page.next_cursor:
            return keys
        page = client.get(f"{url}&after={page.next_cursor}").context["page"]


@pytest.mark.parametrize("kind", ["legal", "natural"])
def test_a_party_name_search_lists_the_plain_querys_cases_in_its_order(data, client, kind):
    officer = User.objects.filter(username__startswith=SCALE_USER, office__level="city").first()
    party = (CaseParty.objects.filter(case__office__path__startswith=officer.office.path,
                                      party__kind=kind)
             .select_related("party").first().party)
    needle = party.name[2:10] if kind == "legal" else party.name[:2]
    client.force_login(officer)
    named = CaseParty.objects.filter(party__name__icontains=needle).values("case_id")
    # A referral or transfer is found by the parties of the complaint it came from too.
    plain = list(Case.objects.filter(case_scope_q(officer)).filter(
        Q(number__icontains=needle) | Q(title__icontains=needle) | Q(pk__in=named)
        | Q(workflow__in=("referral", "transfer"), origin__in=named))
        .order_by("-received_on", "-pk").values_list("pk", flat=True))
    assert plain
    assert _pages(client, f"/cases/?q={needle}&size=5") == plain


def test_a_name_nobody_has_lists_nothing(data, client):
    officer = User.objects.filter(username__startswith=SCALE_USER, office__level="city").first()
    client.force_login(officer)
    assert _pages(client, "/cases/?q=无此当事人&size=5") == []
