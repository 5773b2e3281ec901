"""manage.py load_demo_data: the Guangxi data set, idempotent, with working logins."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from cases import workflows
from cases.demo.mediation import CONFIRMATION_STAGES
from cases.demo.mediation import STAGES as MEDIATION_STAGES
from cases.demo.offices import CITIES, COUNTIES, prefix_code
from cases.demo.parties import BULK_PARTY
from cases.demo.people import DEMO_PASSWORD, STAFF
from cases.demo.referrals import REFERRAL_STAGES
from cases.models import (
    Agent,
    Case,
    CaseEvent,
    DocumentKind,
    DocumentNumberPrefix,
    IPRight,
    Office,
    OfficeLevel,
    Party,
    User,
)
from cases.models.parties import PartyKind
from cases.ruling.models import CaseState, RulingCase
from cases.selectors.scope import office_scope_q

pytestmark = pytest.mark.slow  # a full demo load is seconds, not milliseconds

S = CaseState
EXPECTED_STATES = {S.RECEIVED, S.ACCEPTED, S.AWAITING_ANSWER, S.INVESTIGATION,
                   S.HEARING_SCHEDULED, S.DELIBERATION, S.PENDING_APPROVAL, S.DECIDED,
                   S.SERVED, S.EFFECTIVE, S.CLOSED, S.SUSPENDED, S.MEDIATING,
                   S.CORRECTION_REQUESTED, S.REJECTED, S.ENFORCEMENT}
MODELS = (Office, DocumentNumberPrefix, User, Party, Agent, IPRight, Case, CaseEvent)


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo_data", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo(db, time_machine):
    # A fixed "today": the walk dates every step against it.
    time_machine.move_to("2026-11-25T10:00:00+08:00", tick=False)
    return _load()


def test_the_demo_data_set_and_a_second_run_adds_nothing(demo, client):
    assert "nn_officer" in demo and "lz_admin" in demo and DEMO_PASSWORD in demo

    region = Office.objects.get(level=OfficeLevel.PROVINCE)
    assert (region.region_code, region.name) == ("450000", "广西壮族自治区知识产权局")
    cities = Office.objects.filter(level=OfficeLevel.CITY, parent=region)
    assert sorted(cities.values_list("region_code", flat=True)) == [c for c, _n, _a in CITIES]
    assert Office.objects.get(region_code="450100").name == "南宁市知识产权局"
    assert Office.objects.get(region_code="450100").short_name == "南宁局"
    counties = Office.objects.filter(level=OfficeLevel.COUNTY)
    assert {o.region_code: o.parent.region_code for o in counties} == {
        code: parent for code, parent, _n, _a in COUNTIES}

    for office in Office.objects.all():
        kinds = set(office.number_prefixes.values_list("kind", flat=True))
        assert kinds == set(DocumentKind.values), office
    nn = Office.objects.get(region_code="450100")
    assert nn.number_prefixes.get(kind=DocumentKind.RULING).prefix == "南知裁字"
    assert nn.number_prefixes.get(kind=DocumentKind.CASE_NUMBER).prefix == "南知案字"
    assert region.number_prefixes.get(kind=DocumentKind.RULING).prefix == "桂知裁字"
    assert prefix_code("桂林", DocumentKind.RULING) == "桂林知裁字"

    for prefix, code in (("nn", "450100"), ("lz", "450200")):
        for suffix, role, _nn_name, _lz_name in STAFF:
            user = User.objects.get(username=f"{prefix}_{suffix}")
            assert user.office.region_code == code and user.is_staff and user.name
            assert user.has_role(role)
        office_cases = Case.objects.filter(office__region_code=code)
        assert set(office_cases.values_list("ruling__state", flat=True)) >= EXPECTED_STATES
        assert set(office_cases.values_list("referral__state", flat=True)) >= set(
            REFERRAL_STAGES)
        assert set(office_cases.values_list("complaint__state", flat=True)) >= {
            "received", "decided", "closed"}
        transfers = office_cases.filter(workflow="transfer")
        assert set(transfers.values_list("transfer__state", flat=True)) == {
            "sent", "receipted", "accepted"}
        # Every triage outcome, and a head's decision not to refer.
        assert set(office_cases.values_list("complaint__outcome", flat=True)) >= {
            "not_accepted", "referral", "transfer", "mediation"}
        assert office_cases.filter(workflow="mediation", origin__workflow="complaint").exists()
        assert office_cases.filter(threshold_flag__waived_at__isnull=False).exists()
        # The accepted transfer's complaint now belongs to the receiving office.
        other = "450200" if code == "450100" else "450100"
        assert Case.objects.filter(office__region_code=other, workflow="complaint",
                                   title__contains="已接收的移交事项").exists()
        assert office_cases.filter(threshold_flag__isnull=False).exists()
        assert office_cases.get(ruling__state=S.RECEIVED).number.startswith(
            "南知案字" if prefix == "nn" else "柳知案字")
    assert User.objects.filter(username="admin", is_superuser=True).exists()

    # Through the services: every case has its timeline, and its clocks if its workflow
    # starts one on filing (a referral's first clock starts with its report).
    for case in Case.objects.all():
        assert case.events.exists(), case
        assert case.deadlines.exists() or "create" not in workflows.of(case).clock_effects, \
            case
    # Mediation in each stage, and judicial confirmation, for both offices.
    for code in ("450100", "450200"):
        states = set(Case.objects.filter(office__region_code=code, workflow="mediation")
                     .values_list("mediation__state", flat=True))
        assert states >= set(MEDIATION_STAGES) - set(CONFIRMATION_STAGES)
        confirmations = set(Case.objects.filter(office__region_code=code,
                                                workflow="confirmation")
                            .values_list("confirmation__state", flat=True))
        assert confirmations == set(CONFIRMATION_STAGES.values())
        # A ruling case handed over to mediation waits for the mediation it started.
        mediating = Case.objects.get(office__region_code=code, ruling__state=S.MEDIATING)
        assert Case.objects.filter(origin=mediating, workflow="mediation",
                                   mediation__state="requested").exists()
        breached = Case.objects.get(office__region_code=code, mediation__state="breached")
        assert breached.events.get(name="record_breach").actor.username == "system"
    effective = RulingCase.objects.filter(state=S.EFFECTIVE).first()
    assert effective.effective_on and effective.suit_period_ends_on < effective.effective_on

    # Each office's parties are its own; 南宁's officer does not see 柳州's.
    nn_officer = User.objects.get(username="nn_officer")
    visible = Party.objects.filter(office_scope_q(nn_officer))
    assert visible.exists() and not visible.filter(office__region_code="450200").exists()
    for party in Party.objects.all():
        party.full_clean()
    for right in IPRight.objects.all():
        right.full_clean()

    before = _counts()
    again = _load()
    assert _counts() == before
    assert "nothing new" in again or "未新建" in again

    for user in User.objects.filter(username__regex=r"^(nn|lz)_|^admin$"):
        assert client.login(username=user.username, password=DEMO_PASSWORD), user.username
        assert client.get("/admin/").status_code == 200
        client.logout()


def test_scale_adds_bulk_parties_rights_and_cases_once(demo):
    before = _counts()
    _load("--scale", "5")
    after = _counts()
    assert after["Case"] == before["Case"] + 10
    assert after["Party"] == before["Party"] + 10 and after["IPRight"] == before["IPRight"] + 10
    _load("--scale", "5")
    assert _counts() == after
    bulk = Party.objects.filter(name__startswith=BULK_PARTY)
    assert {p.office.region_code for p in bulk} == {"450100", "450200"}
    for party in bulk:  # written in bulk, yet every identifier is valid
        party.full_clean()
    for right in IPRight.objects.filter(holder__in=bulk):
        right.full_clean()
    _load("--scale", "7")
    assert Party.objects.filter(name__startswith=BULK_PARTY).count() == 14
    numbers = list(Case.objects.filter(office__region_code="450100").values_list(
        "number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_each_office_has_a_repeat_infringer_and_a_new_request_against_it(demo, client):
    from cases.demo.cases import REPEAT_STATES
    from stats import summary
    from stats.models import RepeatCase
    from stats.repeat import repeat_list

    summary.drain()  # the worker's count of what the demo's steps marked
    for prefix, code in (("nn", "450100"), ("lz", "450200")):
        head = User.objects.get(username=f"{prefix}_head")
        rulings = Case.objects.filter(office__region_code=code, workflow="ruling")
        received = rulings.get(ruling__state=S.RECEIVED)
        company = received.case_parties.get(role="respondent").party
        assert company.kind == PartyKind.LEGAL and company.id_number
        found = [S.EFFECTIVE, S.CLOSED, S.ENFORCEMENT]
        assert set(rulings.filter(case_parties__party=company, case_parties__role="respondent")
                   .values_list("ruling__state", flat=True)) == {S.RECEIVED, *found}
        assert set(REPEAT_STATES) == {S.RECEIVED, *found}
        # Listed with its three findings, to the head of its own office only.
        rows = {r["party__id_number"]: r["findings"] for r in repeat_list(head)}
        assert rows.get(company.id_number) == len(found)
        other = User.objects.get(username="lz_head" if prefix == "nn" else "nn_head")
        assert company.id_number not in {r["party__id_number"] for r in repeat_list(other)}
        # The new request was received after the findings: counted against a repeat
        # infringer, and its page warns.
        assert RepeatCase.objects.filter(case=received).exists()
        assert not RepeatCase.objects.filter(
            case__in=rulings.filter(ruling__state__in=found)).exists()
        client.force_login(head)
        page = client.get(f"/cases/{received.pk}/").content.decode()
        assert 'data-check="repeat-infringer"' in page
        client.logout()


def test_every_count_the_loader_prints_is_named_in_chinese(monkeypatch):
    """The closing line of load_demo_data names what was created in Chinese; the
    complaints and referrals were counted under their English key."""
    from collections import Counter
    from io import StringIO

    from django.core.management import call_command
    from django.utils import translation

    from cases.demo.loader import DemoResult
    from cases.management.commands import load_demo_data

    counted = Counter({"offices": 19, "complaints and referrals": 38})
    monkeypatch.setattr(load_demo_data, "load_demo_data",
                        lambda **_: DemoResult(created=counted))
    out = StringIO()
    with translation.override("zh-hans"):
        call_command("load_demo_data", stdout=out)
    first = out.getvalue().splitlines()[0]
    assert "机关 +19" in first and "+38" in first
    assert "complaints" not in first


def test_a_negative_scale_is_refused_before_anything_is_loaded(monkeypatch):
    """--scale -3 loaded the demo data and ended with success, as if no scale were asked."""
    from django.core.management import CommandError
    from django.utils import translation

    from cases.management.commands import load_demo_data

    loaded = []
    monkeypatch.setattr(load_demo_data, "load_demo_data", lambda **kw: loaded.append(kw))
    with translation.override("zh-hans"), pytest.raises(CommandError, match="不能为负数"):
        call_command("load_demo_data", "--scale", "-3", stdout=StringIO())
    assert loaded == []


def test_legal_staff_try_the_precedent_search_on_the_public_demo_precedents(demo, client):
    from search.evaluation.harness import DEFAULT_SET, load_set
    from search.models import Decision
    from search.services import drain_outbox

    expected = sum(len(load_set(DEFAULT_SET / name)[0])
                   for name in ("independent", "heldout", "fresh", "plain"))
    demo_precedents = Decision.objects.filter(external_id__startswith="demo-")
    assert demo_precedents.filter(is_public=True).count() == expected > 200
    assert {"court", "mediation", "office"} <= set(
        demo_precedents.values_list("source", flat=True))
    # Each in the office of its region; a region outside the tree goes to the region office.
    assert demo_precedents.filter(office__region_code="450500").exists()
    assert demo_precedents.filter(region_code="440300", office__level="province").exists()
    drain_outbox()
    client.force_login(User.objects.get(username="lz_legal"))
    page = client.get("/precedents/", {"q": "网上卖假的名牌包"}).context["page"]
    assert page.total >= 3 and all(h.decision.is_public for h in page.hits)
    _load()
    assert Decision.objects.filter(external_id__startswith="demo-").count() == expected


def test_the_demo_precedents_are_saved_together_with_one_index_task(db, monkeypatch):
    """263 precedents were saved one transaction each, each queueing its own index task
    (263 messages for the worker, each draining what the first had drained)."""
    from collections import Counter

    from cases.demo.offices import ensure_offices
    from cases.demo.precedents import ensure_precedents
    from search.models import SearchOutbox

    counts: Counter[str] = Counter()
    offices = ensure_offices(counts)
    sent: list[str] = []
    monkeypatch.setattr("search.services.outbox.send_after_commit",
                        lambda task, *args: sent.append(task))
    ensure_precedents(offices, counts)
    assert sent == ["search.tasks.drain_outbox"]
    assert SearchOutbox.objects.count() == counts["precedents"] > 200
    ensure_precedents(offices, counts)  # a second run adds nothing and queues nothing
    assert sent == ["search.tasks.drain_outbox"]
    assert SearchOutbox.objects.count() == counts["precedents"]
