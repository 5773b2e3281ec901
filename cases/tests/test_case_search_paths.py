"""The case list's text search gives the same cases whichever way it is evaluated: from
the keys of the few matches (a case number, a company, a person's name of two characters
on PostgreSQL), by the walk over the list (a text matching many cases; one of one or two
characters elsewhere), always within the user's scope."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from cases import workflows
from cases.demo.scale import SCALE_USER, generate_cases
from cases.models import Case, CaseParty, User
from cases.selectors import cases as selectors
from cases.selectors.scope import case_scope_q

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    generate_cases(400, seed=21, stdout=lambda _line: None)
    return User.objects.filter(username__startswith=SCALE_USER, office__level="city").first()


def _expected(user, text):
    text = text.upper()
    party_cases = CaseParty.objects.filter(party__name__icontains=text).values("case_id")
    # Referrals and transfers are found by the parties of the complaint they came from too
    # (the generator gives most of them one).
    through_origin = [spec.name for spec in workflows.all_workflows()
                      if any(name.startswith("case__origin__") for name in spec.search_fields)]
    return set(Case.objects.filter(case_scope_q(user)).filter(
        Q(number__icontains=text) | Q(title__icontains=text) | Q(pk__in=party_cases)
        | Q(workflow__in=through_origin, origin__in=party_cases)
        | Q(workflow__in=through_origin,
            origin__complaint__accused_party__name__icontains=text))
        .values_list("pk", flat=True))


def _found(user, text):
    return set(selectors.case_list(user, text=text).values_list("pk", flat=True))


def test_a_case_number_finds_its_case_within_the_scope(officer):
    mine = Case.objects.filter(case_scope_q(officer)).first()
    assert _found(officer, mine.number) == {mine.pk}
    outside = Case.objects.exclude(case_scope_q(officer)).first()
    assert _found(officer, outside.number) == set()


@pytest.mark.parametrize("typed", ["{prefix}({year}){seq}号", "{prefix}（{year}）第{seq}号",
                                   "{prefix}【{year}】{seq}号", " {prefix} [{year}] {seq} 号 "])
def test_a_case_number_typed_with_other_brackets_finds_its_case(officer, typed):
    """People type the year in parentheses or square brackets, not 〔〕 (nothing was
    found), sometimes with 第 before the sequence."""
    mine = Case.objects.filter(case_scope_q(officer)).first()
    prefix, rest = mine.number.split("〔")
    year, seq = rest.removesuffix("号").split("〕")
    assert _found(officer, typed.format(prefix=prefix, year=year, seq=seq)) == {mine.pk}


@pytest.mark.parametrize("cap", [selectors.TEXT_CANDIDATES, 0])
def test_a_party_name_gives_the_same_cases_from_its_matches_or_by_the_walk(
        officer, monkeypatch, cap):
    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", cap)
    party = (CaseParty.objects.filter(case__office__path__startswith=officer.office.path,
                                      party__kind="legal")
             .select_related("party").first().party)
    needle = party.name[2:10]
    assert _found(officer, needle) == _expected(officer, needle) != set()


@pytest.mark.parametrize("cap", [selectors.TEXT_CANDIDATES, 0])
@pytest.mark.parametrize("length", [2, 1])
def test_a_name_of_one_or_two_characters_gives_the_same_cases_either_way(
        officer, monkeypatch, cap, length):
    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", cap)
    person = (CaseParty.objects.filter(case__office__path__startswith=officer.office.path,
                                       party__kind="natural")
              .select_related("party").first().party)
    needle = person.name[:length]
    assert _found(officer, needle) == _expected(officer, needle) != set()
    # The second and third characters: a pair inside the name, not at its start.
    assert _found(officer, person.name[1:3]) == _expected(officer, person.name[1:3]) != set()


@pytest.mark.parametrize("text", ["号", "2", "案字", "a", "%", "_", "〕1"])
def test_short_texts_in_case_numbers_and_causes_or_in_none(officer, text):
    assert _found(officer, text) == _expected(officer, text)


def test_a_short_text_finds_a_case_number_but_not_across_number_and_cause(officer):
    mine = Case.objects.filter(case_scope_q(officer)).first()
    Case.objects.filter(pk=mine.pk).update(number="X〔2026〕9号", title="Y侵权纠纷")
    assert mine.pk in _found(officer, "9号")
    assert mine.pk in _found(officer, "x")  # case-insensitive, as icontains
    assert mine.pk not in _found(officer, "号Y")  # the end of one and the start of the other


def _walked(user, text):
    """Whether the list tests each case of the scope against the text (the walk) rather
    than listing the cases of its matches by key."""
    return text in str(selectors.case_list(user, text=text).query)


def _matching_everywhere(text):
    return set(Case.objects.filter(
        pk__in=CaseParty.objects.filter(party__name__icontains=text).values("case_id"))
        .values_list("pk", flat=True))


def test_a_text_common_elsewhere_but_rare_in_the_scope_is_listed_from_its_matches(
        officer, monkeypatch):
    """More matches over the province than a list is read from, few of them in the user's
    scope (a trade name of other cities for a county officer): the scope's few, by key,
    not a walk through every case of the scope."""
    within = _expected(officer, "有限公司")
    assert len(_matching_everywhere("有限公司")) > len(within) > 0
    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", len(within))
    monkeypatch.setattr(selectors, "TEXT_READ", 10_000, raising=False)
    assert not _walked(officer, "有限公司")
    assert _found(officer, "有限公司") == within


def test_a_text_common_within_the_scope_or_everywhere_is_walked(officer, monkeypatch):
    within = _expected(officer, "有限公司")
    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", len(within) - 1)
    assert _walked(officer, "有限公司")
    assert _found(officer, "有限公司") == within
    # Too many matches over the province to learn which are within the scope.
    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", len(within))
    monkeypatch.setattr(selectors, "TEXT_READ", len(_matching_everywhere("有限公司")) - 1)
    assert _walked(officer, "有限公司")
    assert _found(officer, "有限公司") == within


def test_a_user_who_sees_no_case_finds_none(officer):
    nobody = User.objects.create_user(username="walk_no_office")
    assert _found(nobody, "有限公司") == set()


def test_each_source_of_matches_is_read_up_to_the_limit_from_its_index(officer):
    """PostgreSQL: the candidates' query limits each source (a common text's parties are
    read until the limit, not joined whole) and reads the cases opened from a matching
    case by their origin's key (not a join the planner may make over every derived case)."""
    if connection.vendor != "postgresql":
        pytest.skip("the candidates' query of PostgreSQL")
    with CaptureQueriesContext(connection) as ctx:
        selectors.case_list(officer, text="有限公司")
    found = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("WITH found")]
    assert len(found) == 1
    assert found[0].count(f"LIMIT {selectors.TEXT_READ + 1}") > 1
    assert '"cases_case"."origin_id" = ANY(ARRAY((SELECT' in found[0]


# The tables the candidates' query reads by a text; each must be read from an index.
SEARCHED_TABLES = ("cases_case", "cases_party", "cases_ipright", "ruling_rulingcase")


@pytest.mark.parametrize("text", ["百色南方农业机械", "ZL2019", "2019", "孙勇", "Z"])
def test_every_source_of_matches_is_served_by_an_index(officer, text):
    """PostgreSQL: each source's text condition is an index's condition (a bitmap scan's),
    never a ``Filter`` over rows read whole. (A right's number was read whole: 80 ms of a
    110 ms search at 1,000,000 cases.)"""
    if connection.vendor != "postgresql":
        pytest.skip("the indexes of PostgreSQL")
    with CaptureQueriesContext(connection) as ctx:
        selectors.case_list(officer, text=text)
    found = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("WITH found")]
    assert len(found) == 1
    with connection.cursor() as cursor:
        # Only bitmap scans left, which need an index condition: a text no index serves
        # is read by a ``Seq Scan`` (priced out, still chosen) and filtered.
        for scan in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{scan} = off")
        cursor.execute(f"EXPLAIN {found[0]}")
        plan = "\n".join(line for (line,) in cursor.fetchall())
    filtered = [line.strip() for line in plan.splitlines()
                if line.strip().startswith("Filter:") and "upper(" in line]
    assert filtered == [], plan
    assert not any(f"Seq Scan on {table} " in plan for table in SEARCHED_TABLES), plan


@pytest.mark.parametrize(("text", "reads_rights"), [
    ("孙勇", False), ("百色南方农业机械", False), ("20", False), ("ZL", False),
    ("2019", True), ("ZL2019", True), ("ZL2019 1 1012345.6", True), ("国作登字-2020", True)])
def test_rights_are_read_only_for_a_text_that_can_be_part_of_a_number(officer, text,
                                                                       reads_rights):
    """Every right's number has digits, and one or two characters of one are in nearly
    every right: a name or a fragment that short reads no right (the rights were a third
    of a name's search at 1,000,000 cases before their index, decision 112)."""
    with CaptureQueriesContext(connection) as ctx:
        list(selectors.case_list(officer, text=text).values_list("pk", flat=True))
    assert any("cases_ipright" in q["sql"] for q in ctx.captured_queries) is reads_rights


def test_a_case_is_found_by_its_right_number_either_way(officer, monkeypatch):
    """From the matches' keys or by the walk: the same cases for a part of a number."""
    from cases.models import IPRight
    number = IPRight.objects.filter(cases__in=Case.objects.filter(case_scope_q(officer))) \
        .values_list("number", flat=True).first()
    part = number[:8]
    expected = set(Case.objects.filter(case_scope_q(officer), rights__number__contains=part)
                   .values_list("pk", flat=True))
    assert expected and _found(officer, part) >= expected
    monkeypatch.setattr(selectors, "TEXT_READ", 0)
    monkeypatch.setattr(selectors, "TEXT_CANDIDATES", 0)
    assert _found(officer, part) >= expected


@pytest.mark.parametrize("value", ["", "孙", "孙勇", "ZL2019 1 1012345.6", "a\nb 孙勇c",
                                   "桂知案字〔2026〕12号 侵害外观设计专利权纠纷", "😀字"])
def test_the_grams_of_a_text_are_its_characters_and_pairs(db, value):
    """PostgreSQL: ``ipcases_grams`` (0020, made faster by 0027) gives each character and
    each pair of adjacent characters, as the indexes and ``HoldsShortText`` rely on."""
    if connection.vendor != "postgresql":
        pytest.skip("the function of PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SELECT ipcases_grams(%s)", [value])
        (grams,) = cursor.fetchone()
    expected = [*value, *(value[i:i + 2] for i in range(len(value) - 1))]
    assert sorted(grams) == sorted(expected)
