"""manage.py generate_cases: the benchmark data set keeps what it promises, on SQLite (rows
built in Python) and on PostgreSQL (rows made by the server, cases.demo.scale_pg), where a
big load runs in two sessions that commit together or not at all."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Max, Min, Q
from django.urls import reverse
from django.utils import timezone

from cases import workflows
from cases.demo import scale, scale_pg
from cases.demo.scale import OPEN_PER_OFFICER, SCALE_USER, generate_cases
from cases.models import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseParty,
    Deadline,
    DocumentKind,
    IPRight,
    NumberSequence,
    Party,
    User,
)
from cases.models.deadlines import DeadlineStatus
from cases.models.participants import PartyRole
from cases.models.rights import PATENT_KINDS, RightKind
from cases.selectors.scope import case_scope_q

pytestmark = pytest.mark.django_db


def test_every_workflow_state_office_and_five_years():
    result = generate_cases(1500, seed=11, stdout=lambda _line: None)
    assert result.cases == 1500 and Case.objects.count() == 1500
    cases = Case.objects.all()
    assert set(cases.values_list("workflow", flat=True)) == {
        spec.name for spec in workflows.all_workflows()}
    # Each case has its workflow record, and the rulings cover many of their states.
    for spec in workflows.all_workflows():
        assert spec.model.objects.count() == cases.filter(workflow=spec.name).count()
    ruling = workflows.get("ruling").model
    assert ruling.objects.values("state").distinct().count() >= 10
    # Ended cases carry the day they ended; open ones none.
    assert 0 < cases.filter(closed_on__isnull=True).count() < 1500
    span = cases.aggregate(first=Min("received_on"), last=Max("received_on"))
    today = timezone.localdate()
    assert span["last"] <= today
    assert span["first"] >= today - timedelta(days=365 * 5)
    assert span["last"] - span["first"] > timedelta(days=365 * 4)
    # Offices across the tree, the larger ones (cities, the region) busier than counties.
    by_level = Counter(cases.values_list("office__level", flat=True))
    assert by_level["city"] > by_level["county"] / 10 > 0
    # Numbers are unique and the office's sequence continues after them.
    assert cases.values("number").distinct().count() == 1500
    top = NumberSequence.objects.filter(kind=DocumentKind.CASE_NUMBER).aggregate(m=Max(
        "last_value"))["m"]
    assert top >= cases.aggregate(m=Max("sequence"))["m"]


def _decisions_hold() -> None:
    """Rulings past their decision carry an outcome and its days, so that the data set
    has findings and repeat infringers (the statistics and the intake check read them)."""
    from stats import summary
    from stats.models import Finding, RepeatCase, RepeatIdentifier

    rulings = workflows.get("ruling").model.objects.select_related("case")
    decided = rulings.filter(state__in=scale.DECIDED_STATES)
    assert decided.exists() and not rulings.exclude(state__in=scale.DECIDED_STATES).exclude(
        outcome="").exists()
    assert not decided.filter(outcome="").exists()
    assert not rulings.filter(state="enforcement").exclude(outcome="infringement_found").exists()
    judged = decided.filter(outcome__in=("infringement_found", "dismissed"))
    assert judged.filter(outcome="dismissed").exists()
    today = timezone.localdate()
    for r in judged:
        assert r.case.received_on <= r.decided_on <= (r.case.closed_on or today)
        assert (r.effective_on is not None) == (r.state in scale.EFFECTIVE_STATES)
        assert r.effective_on is None or r.decided_on <= r.effective_on <= today
    summary.rebuild()
    assert Finding.objects.count() == judged.filter(outcome="infringement_found").count()
    assert RepeatIdentifier.objects.exists() and RepeatCase.objects.exists()


# The documents whose values the generator records in the states that offer them, as the
# step into the state would have (decision 107): (workflow, state, kind).
RECORDED_DOCUMENTS = [("ruling", "accepted", "acceptance_notice"),
                      ("ruling", "investigation", "acceptance_notice"),
                      ("ruling", "rejected", "rejection_notice"),
                      ("ruling", "hearing_scheduled", "hearing_notice"),
                      ("ruling", "suspended", "suspension_notice"),
                      ("complaint", "decided", "complaint_reply"),
                      ("complaint", "closed", "complaint_reply")]


# The documents the generator records the values of since decision 109, offered in every
# state of the kind's rule (the reminder: of a finding of infringement), but those below
# (the 送达回证 of the issued ruling after the decision; the agreement once concluded,
# not while it is negotiated in session): (workflow, kind).
OFFERED_DOCUMENTS = [("ruling", "reminder"), ("ruling", "service_receipt"),
                     ("mediation", "mediation_agreement"),
                     ("confirmation", "confirmation_application"),
                     ("referral", "referral_letter"), ("referral", "referral_attachments"),
                     ("referral", "reconsideration_request"), ("transfer", "transfer_letter")]


def _documents_hold() -> None:
    """The acceptance (its 涉案专利), rejection, hearing and suspension notices and the
    complaint's reply are made from the
    generated data of every case in a state that offers them, none refused for a value a
    real case could not be without; and every case in a state of a kind of
    OFFERED_DOCUMENTS is offered it (its menu would hide it without the record it is made
    from: an agreement, an issued ruling) and it is made."""
    from cases.ruling.documents import competent_court
    from documents.legal_basis import seed_legal_basis_rules
    from documents.models import Document
    from documents.services import _context
    from documents.views import _offered

    seed_legal_basis_rules()  # as seed_defaults does
    for workflow, state, kind in RECORDED_DOCUMENTS:
        cases = Case.objects.filter(workflow=workflow, **{f"{workflow}__state": state})
        assert cases.exists(), (workflow, state)
        for case in cases.select_related("office__parent"):
            if workflow == "ruling" and not competent_court(case.office):
                continue  # the region's office: its court is its administrator's to set
            rule = workflows.document_rule(workflow, kind)
            for party in rule.addressees(case.flow):
                _context(case, kind, party)  # raises MissingValues when one is missing
    issued: dict[int, set[str]] = {}
    for case_id, kind in Document.objects.filter(state="issued").values_list("case_id",
                                                                              "kind"):
        issued.setdefault(case_id, set()).add(kind)
    made = Counter()
    states = {"service_receipt": scale.DECIDED_STATES,
              "mediation_agreement": scale.AGREED_STATES}
    for workflow, kind in OFFERED_DOCUMENTS:
        rule = workflows.document_rule(workflow, kind)
        for case in Case.objects.filter(workflow=workflow).select_related("office__parent"):
            if case.state not in rule.offered_in or case.state not in states.get(
                    kind, rule.offered_in) or (
                    kind == "reminder" and case.flow.outcome != "infringement_found"):
                continue
            assert _offered(rule, case, issued.get(case.pk, set())), (kind, case.state)
            for party in rule.addressees(case.flow):
                _context(case, kind, party)  # raises MissingValues when one is missing
                made[kind] += 1
    # Every kind made on some case (the police's refusal to file is rare in a small set).
    assert set(made) >= {kind for _w, kind in OFFERED_DOCUMENTS} - {
        "reconsideration_request"}, made


def _records_hold() -> None:
    """What the documents of decision 109 are made from, as the steps record it: the
    issued ruling of every decided ruling (numbered per office, kind and year, the
    sequence moved past it) and its service day once served; the concluded agreement of
    every agreed mediation and of every confirmation (effective, a term, both parties'
    signatures); a referral's steps; a transfer's receiving office."""
    from cases.referral.models import ReferralCase, TransferCase
    from documents.models import Document
    from mediation.models import Agreement

    rulings = workflows.get("ruling").model.objects.select_related("case")
    judged = rulings.filter(outcome__in=scale.JUDGED)
    documents = Document.objects.filter(kind="ruling", state="issued")
    assert judged.exists() and documents.count() == judged.count()
    assert set(documents.values_list("case_id", flat=True)) == set(
        judged.values_list("pk", flat=True))
    assert documents.values("number").distinct().count() == documents.count()
    for document in documents.select_related("case__ruling")[:200]:
        flow = document.case.ruling
        assert timezone.localdate(document.issued_at) == flow.decided_on
        assert document.number.endswith(f"〔{flow.decided_on.year}〕{document.sequence}号")
        assert NumberSequence.objects.get(office=document.case.office_id, kind="ruling",
                                          year=document.year).last_value >= document.sequence
    for flow in judged:
        assert (flow.ruling_served_on is not None) == (flow.state in scale.SERVED_STATES)
        if flow.ruling_served_on and flow.effective_on:
            assert flow.decided_on <= flow.ruling_served_on <= flow.effective_on
    mediations = workflows.get("mediation").model.objects
    agreed = set(mediations.filter(state__in=scale.AGREED_STATES).values_list("pk", flat=True))
    confirmed = set(workflows.get("confirmation").model.objects.values_list("agreement_id",
                                                                            flat=True))
    agreements = Agreement.objects.annotate(n_terms=Count("terms", distinct=True),
                                            n_signed=Count("signatures", distinct=True))
    assert agreed and set(agreements.values_list("pk", flat=True)) == agreed | confirmed
    assert not agreements.exclude(n_terms=1).exists()
    assert not agreements.exclude(n_signed=2).exists()
    assert not agreements.filter(Q(effective_on=None) | Q(mediator_signed_on=None)).exists()
    assert not mediations.exclude(case__assignments__role="mediator").exists()
    referrals = ReferralCase.objects.all()
    assert not referrals.filter(state__in=scale.REFERRAL_SENT).filter(
        Q(sent_at=None) | Q(approved_at=None) | Q(package={})).exists()
    assert not referrals.exclude(state__in=scale.REFERRAL_APPROVED).exclude(
        sent_at=None).exists()
    assert not referrals.annotate(n=Count("case__assignments")).exclude(n=2).exists()
    transfers = TransferCase.objects.select_related("case")
    assert transfers.exists() and not transfers.filter(target_office=None).exists()
    assert not transfers.filter(target_office=F("case__office")).exists()


def _rights_hold() -> None:
    """Every case names one right in dispute, of the kind its workflow and title imply (a
    ruling the patent its cause names, a mediation or confirmation a patent), held by its
    requester, registered at its office, numbered as a real one; a requester's cases of
    one kind share it (both paths number it alike)."""
    cases = Case.objects.all()
    assert not cases.annotate(n=Count("rights")).exclude(n=1).exists()
    rows = cases.filter(case_parties__role=PartyRole.REQUESTER).values_list(
        "workflow", "title", "office_id", "case_parties__party_id", "rights__kind",
        "rights__office_id", "rights__holder_id")
    assert len(rows) == cases.count()
    kinds = Counter()
    for workflow, title, office, requester, kind, right_office, holder in rows:
        cause = title.split("：", 1)[1]
        assert kind == scale.CAUSE_KIND[cause], (workflow, title, kind)
        if workflow == "ruling":
            assert cause in ("发明专利侵权纠纷", "实用新型专利侵权纠纷", "外观设计专利侵权纠纷")
        if workflow in ("ruling", "mediation", "confirmation"):
            assert kind in PATENT_KINDS
        assert (right_office, holder) == (office, requester)
        kinds[workflow, kind] += 1
    assert kinds["complaint", RightKind.TRADEMARK] and kinds["referral", RightKind.TRADEMARK]
    assert {k for w, k in kinds if w == "ruling"} == set(PATENT_KINDS)
    rights = IPRight.objects.filter(cases__isnull=False).distinct()
    assert rights.count() < 0.7 * cases.count()  # shared by a requester's cases
    for right in rights.order_by("pk")[:150]:
        right.full_clean()  # the number's form, check digit and kind digit; unique
        assert right.status == "valid" and right.grant_date > right.application_date
        expected = scale.right_fields(right.holder_id, right.kind)
        assert (right.number, right.title, right.nice_class) == (
            expected["number"], expected["title"], expected.get("nice_class"))
    assert rights.filter(number__regex=r"^20(1[5-9]|20)[123]\d{7}\.[\dX]$").exists()
    assert rights.filter(kind=RightKind.TRADEMARK, number__regex=r"^\d{8}$").exists()


def test_rulings_are_decided_with_findings_and_repeat_infringers(client):
    generate_cases(1500, seed=14, stdout=lambda _line: None)
    _decisions_hold()
    _documents_hold()
    _records_hold()
    _rights_hold()
    # The case page shows a generated ruling's issued ruling (a record without a file).
    from documents.models import Document

    document = Document.objects.filter(kind="ruling", case__ruling__state="effective").first()
    client.force_login(User.objects.get(pk=document.case.officer_in_charge_id))
    page = client.get(reverse("case-detail", args=[document.case_id]))
    assert page.status_code == 200 and document.number in page.content.decode()


def test_parties_recur_panels_clocks_events_and_reminders():
    generate_cases(1500, seed=12, stdout=lambda _line: None)
    cases = Case.objects.all()
    assert CaseParty.objects.count() == 3000
    assert not cases.annotate(n=Count("case_parties")).exclude(n=2).exists()
    per_party = CaseParty.objects.values("party").annotate(n=Count("pk")).order_by("-n")
    assert per_party[0]["n"] >= 20  # a repeat party
    assert Party.objects.filter(name__endswith="（规模）").count() >= 500
    # Panels for rulings: a presiding officer and two members, three different officers
    # (an odd number of at least three, as acceptance requires); a simple case's officer
    # in charge alone.
    panels = CaseAssignment.objects.filter(case__ruling__is_simple=False).values("case")
    assert panels.exists()
    assert not panels.annotate(n=Count("user", distinct=True)).exclude(n=3).exists()
    assert not panels.annotate(n=Count("pk", filter=Q(role="presiding"))).exclude(n=1).exists()
    simple = cases.filter(workflow="ruling", ruling__is_simple=True)
    assert simple.exists()
    assert not simple.annotate(n=Count("assignments")).exclude(n=1).exists()
    assert not simple.exclude(assignments__user=F("officer_in_charge")).exists()
    # Every case its creation event; the header's next deadline is its nearest running clock.
    assert CaseEvent.objects.filter(kind="created").count() == 1500
    for case in cases.filter(closed_on__isnull=True)[:200]:
        nearest = case.deadlines.filter(status=DeadlineStatus.OPEN).order_by("due_at").first()
        assert nearest is not None
        assert (case.next_deadline_id, case.next_deadline_at) == (nearest.pk, nearest.due_at)
    assert not cases.filter(closed_on__isnull=False, next_deadline__isnull=False).exists()
    assert not Deadline.objects.filter(case__closed_on__isnull=False,
                                       status=DeadlineStatus.OPEN).exists()
    # A confirmation applies for the agreement of its mediation case.
    confirmation = workflows.get("confirmation").model.objects.select_related(
        "case", "agreement").first()
    assert confirmation.case.origin_id == confirmation.agreement.mediation_id
    # Officers hold a realistic load, not a fiftieth of everything.
    open_cases = Count("cases_in_charge", filter=Q(cases_in_charge__closed_on__isnull=True))
    load = (User.objects.filter(username__startswith=SCALE_USER)
            .annotate(n=open_cases).values_list("n", flat=True))
    assert max(load) < OPEN_PER_OFFICER * 3


def _derived_cases_hold() -> list[Case]:
    """Most referrals and transfers were opened from a complaint of their office, received
    before them (or the same day), as the complaint's triage opens them: a referral's
    complaint decided so on the referral's day, a transfer's naming where it went; a
    complaint opens one of them at most. Returns the referrals with an origin."""
    from cases.complaints.models import ComplaintCase

    derived = list(Case.objects.filter(workflow__in=scale.DERIVED_FROM_COMPLAINT)
                   .select_related("origin"))
    with_origin = [case for case in derived if case.origin_id is not None]
    assert len(with_origin) == len(derived) > 0  # as the services open them, every one
    complaints = ComplaintCase.objects.in_bulk([case.origin_id for case in with_origin])
    assert len(complaints) == len(with_origin)
    later = 0
    for case in with_origin:
        origin, complaint = case.origin, complaints[case.origin_id]
        assert (origin.workflow, origin.office_id) == ("complaint", case.office_id)
        assert origin.received_on <= case.received_on <= origin.received_on + timedelta(
            days=scale.ORIGIN_LAG)
        later += origin.received_on < case.received_on
        if case.workflow == "referral":
            assert complaint.state in ("decided", "closed")
            assert (complaint.outcome, complaint.decided_on) == ("referral", case.received_on)
        else:
            assert complaint.transfer_target == case.transfer.target_office.name
    assert later >= 0.9 * len(with_origin)
    # Complaints that opened nothing name no target; past triage they were not accepted,
    # with reasons, before they were answered (the reply prints both), and before it none.
    others = ComplaintCase.objects.exclude(pk__in=complaints).select_related("case")
    assert not others.exclude(transfer_target="").exists()
    assert not others.filter(state="received").exclude(outcome="").exists()
    past = others.exclude(state="received")
    assert past.exists()
    for complaint in past:
        assert (complaint.outcome, complaint.decision_reasons) == (
            "not_accepted", scale.NOT_ACCEPTED_REASONS)
        assert complaint.case.received_on <= complaint.decided_on <= (
            complaint.case.closed_on or timezone.localdate())
    # Every complaint is named: it has somebody to answer.
    assert not ComplaintCase.objects.filter(complainant_party=None).exists()
    return [case for case in with_origin if case.workflow == "referral"]


def _origin_party_finds_the_referral(referrals: list[Case]) -> None:
    """The case list's search of a party name finds a referral by its origin's party (the
    accused of the complaint), for a user who may see the referral, not for another."""
    from cases.complaints.models import ComplaintCase
    from cases.selectors import cases as selectors

    for referral in referrals:
        accused = ComplaintCase.objects.select_related("accused_party").get(
            pk=referral.origin_id).accused_party
        if accused.kind == "legal" and not referral.case_parties.filter(
                party__name__contains=accused.name).exists():
            break
    else:
        pytest.fail("no referral whose origin's accused company is not its own party")
    officer = User.objects.get(pk=referral.officer_in_charge_id)
    assert referral.pk in set(selectors.case_list(officer, text=accused.name)
                              .values_list("pk", flat=True))
    stranger = next(user for user in User.objects.filter(username__startswith=SCALE_USER)
                    .exclude(office=referral.office).order_by("-office__level")
                    if not Case.objects.filter(case_scope_q(user), pk=referral.pk).exists())
    assert referral.pk not in set(selectors.case_list(stranger, text=accused.name)
                                  .values_list("pk", flat=True))


def test_referrals_and_transfers_come_from_complaints_found_by_their_parties():
    generate_cases(3000, seed=15, stdout=lambda _line: None)
    _origin_party_finds_the_referral(_derived_cases_hold())


def test_a_second_run_adds_to_the_first_and_keys_keep_working():
    generate_cases(300, seed=1, stdout=lambda _line: None)
    parties = Party.objects.count()
    generate_cases(300, seed=2, stdout=lambda _line: None)
    assert Case.objects.count() == 600
    assert Party.objects.count() == parties  # the directory is reused, not doubled
    _rights_hold()  # and its rights: a requester of both runs names the same right
    assert Case.objects.values("number").distinct().count() == 600
    # Primary key sequences moved past the generated keys: the ORM can insert again.
    office = Case.objects.first().office
    party = Party.objects.create(kind="natural", name="新当事人", office=office)
    assert party.pk > Party.objects.exclude(pk=party.pk).aggregate(m=Max("pk"))["m"]


def test_the_command_reports_and_refuses_nonsense():
    out = StringIO()
    call_command("generate_cases", "50", "--seed", "4", stdout=out)
    assert Case.objects.count() == 50
    assert "50" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("generate_cases", "0")


def _plan_schemas() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'scale_plan_%%'")
        return [row[0] for row in cursor.fetchall()]


def _indexes() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")
        return int(cursor.fetchone()[0])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_big_load_in_two_sessions_keeps_every_promise(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (.ci/run does)")
    monkeypatch.setattr(scale, "CHUNK", 100)  # a "big" load: two sessions, indexes rebuilt
    indexes = _indexes()
    result = generate_cases(800, seed=13, stdout=lambda _line: None)
    assert {"session 1", "session 2", "plan"} <= set(result.steps)
    assert Case.objects.count() == 800 and CaseParty.objects.count() == 1600
    assert CaseEvent.objects.filter(kind="created").count() == 800
    for case in Case.objects.filter(closed_on__isnull=True)[:100]:
        nearest = case.deadlines.filter(status=DeadlineStatus.OPEN).order_by("due_at").first()
        assert (case.next_deadline_id, case.next_deadline_at) == (nearest.pk, nearest.due_at)
    _decisions_hold()
    _documents_hold()
    _records_hold()
    _rights_hold()
    _origin_party_finds_the_referral(_derived_cases_hold())
    assert _indexes() == indexes  # every index and unique constraint built again
    assert _plan_schemas() == []
    # Keys computed by the generator: each table's sequence moved past them.
    with connection.cursor() as cursor:
        for table in ("cases_case", "cases_caseparty", "cases_caseassignment",
                      "cases_caseevent", "cases_deadline", "cases_party", "cases_ipright",
                      "cases_case_rights"):
            cursor.execute(f"SELECT max(id) < nextval(pg_get_serial_sequence('{table}', 'id')) "
                           f"FROM {table}")
            assert cursor.fetchone()[0], table


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failing", ["write_headers", "write_dependents"])
def test_a_failing_session_leaves_nothing_behind(monkeypatch, failing):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run with DATABASE_URL=postgres://... (.ci/run does)")
    monkeypatch.setattr(scale, "CHUNK", 100)
    real = getattr(scale_pg, failing)

    def fail(*args, **kwargs):
        real(*args, **kwargs)  # rows written, then the session fails
        raise RuntimeError("disk full")

    monkeypatch.setattr(scale_pg, failing, fail)
    indexes = _indexes()
    with pytest.raises(RuntimeError, match="disk full"):
        generate_cases(800, seed=14, stdout=lambda _line: None)
    assert not Case.objects.exists() and not CaseParty.objects.exists()
    assert not Deadline.objects.exists() and not Party.objects.exists()
    assert not IPRight.objects.exists() and not Case.rights.through.objects.exists()
    assert not User.objects.filter(username__startswith=SCALE_USER).exists()
    assert _indexes() == indexes
    assert _plan_schemas() == []
