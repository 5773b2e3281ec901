"""Workflow A through the services: every transition from every state it is allowed in,
one it is not, roles allowed and refused, scope, the timeline and the clocks."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cases.errors import OutOfScope, TransitionNotAllowed
from cases.models import CaseEvent
from cases.models.deadlines import DeadlineStatus
from cases.models.events import AppendOnlyError
from cases.ruling.actions import ACTIONS
from cases.ruling.models import CaseState, RulingCase
from cases.services.runner import perform_transition
from tests.ruling_driver import PATHS, RulingDriver

S = CaseState
SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)  # a Monday, all clocks inside 2026

pytestmark = pytest.mark.django_db


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine, offices):
    from cases.models import DocumentNumberPrefix

    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    time_machine.move_to(START, tick=False)
    return RulingDriver(personas, time_machine)


def _sources(name: str) -> list[str]:
    meta = getattr(RulingCase, name)._django_fsm
    return sorted(meta.transitions.keys())


# The answers to a linked mediation's result are run by that result (a mediation is opened
# with the case, so the officer's own try is refused): mediation/tests/test_from_ruling.py.
ANSWERS = {"mediation_succeeded", "mediation_failed"}
ALLOWED = [(name, source) for name in ACTIONS if name not in ANSWERS
           for source in _sources(name)]
EXPECTED_TARGET = {
    "request_correction": S.CORRECTION_REQUESTED, "receive_correction": S.RECEIVED,
    "accept": S.ACCEPTED, "reject": S.REJECTED, "serve_respondent": S.AWAITING_ANSWER,
    "record_answer": S.INVESTIGATION, "proceed_without_answer": S.INVESTIGATION,
    "schedule_hearing": S.HEARING_SCHEDULED, "reschedule_hearing": S.HEARING_SCHEDULED,
    "hold_hearing": S.DELIBERATION, "requester_absent": S.WITHDRAWN,
    "deliberate_without_hearing": S.DELIBERATION, "submit_for_approval": S.PENDING_APPROVAL,
    "return_draft": S.DELIBERATION, "decide": S.DECIDED, "serve_ruling": S.SERVED,
    "record_suit": S.IN_LITIGATION, "conclude_litigation": S.EFFECTIVE,
    "become_effective": S.EFFECTIVE, "apply_enforcement": S.ENFORCEMENT, "close": S.CLOSED,
    "suspend": S.SUSPENDED, "start_mediation": S.MEDIATING, "mediation_succeeded": S.CLOSED,
    "mediation_failed": S.INVESTIGATION, "withdraw": S.WITHDRAWN, "refer": S.TRANSFERRED,
}


def test_every_action_has_a_path_and_a_target():
    assert set(PATHS) == set(S.values)
    for name in ACTIONS:
        assert _sources(name), name


@pytest.mark.parametrize(("name", "source"), ALLOWED, ids=[f"{n}-from-{s}" for n, s in ALLOWED])
def test_transition_from_each_allowed_state(driver, name, source):
    case = driver.bring_to(source)
    if name == "resume":
        expected = S.ACCEPTED  # the state it left (PATHS suspends from accepted)
    elif name in {"send_answer_copy", "record_legal_review", "extend_time_limit",
                  "serve_demand", "start_appraisal", "end_appraisal"}:
        expected = source  # recorded actions keep the state
    else:
        expected = EXPECTED_TARGET[name]
    if name == "apply_enforcement":
        driver.act(case, "serve_demand")
    if name == "end_appraisal":
        driver.act(case, "start_appraisal")
    if name == "decide":
        driver.act(case, "record_legal_review")
        driver.issue_ruling(case)  # its own document events come before the count
    if name == "serve_respondent":
        driver.issue_answer_notice(case)
    events_before = CaseEvent.objects.filter(case=case).count()
    case = driver.act(case, name)
    assert case.state == expected
    event = CaseEvent.objects.filter(case=case).latest("id")
    approved = ACTIONS[name].needs_approval
    # An action that needs approval: the officer's submission, then the head's approval.
    assert CaseEvent.objects.filter(case=case).count() == events_before + 1 + approved
    assert (event.name, event.from_state, event.to_state) == (name, source, expected)
    assert event.actor == (driver.p.head if approved else driver.actor_for(name))
    if approved:
        assert event.payload["approval"]["requested_by"]["id"] == driver.p.officer.pk


NOT_ALLOWED = [
    ("accept", S.INVESTIGATION), ("decide", S.DELIBERATION), ("serve_ruling", S.RECEIVED),
    ("resume", S.INVESTIGATION), ("close", S.PENDING_APPROVAL), ("withdraw", S.CLOSED),
    ("suspend", S.RECEIVED), ("record_answer", S.ACCEPTED), ("become_effective", S.DECIDED),
    ("start_mediation", S.AWAITING_ANSWER), ("refer", S.EFFECTIVE),
]


@pytest.mark.parametrize(("name", "state"), NOT_ALLOWED)
def test_transition_refused_from_a_state_it_is_not_allowed_in(driver, name, state):
    case = driver.bring_to(state)
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(TransitionNotAllowed):
        driver.act(case, name)
    case.refresh_from_db()
    assert case.state == state
    assert CaseEvent.objects.filter(case=case).count() == events


def test_roles_allowed_and_refused(driver, personas):
    case = driver.file()
    # A mediator of the same office may see the case but not accept it.
    with pytest.raises(PermissionDenied):
        driver.act(case, "accept", actor=personas.mediator)
    # Legal staff review drafts; they do not decide.
    case = driver.bring_to(S.PENDING_APPROVAL, case)
    with pytest.raises(PermissionDenied):
        driver.act(case, "record_legal_review", actor=personas.officer)
    driver.act(case, "record_legal_review", actor=personas.legal)
    with pytest.raises(PermissionDenied):
        driver.act(case, "decide", actor=personas.legal)
    with pytest.raises(PermissionDenied):
        driver.act(case, "decide", actor=personas.officer)
    case = driver.act(case, "decide", actor=personas.head)
    assert case.state == S.DECIDED


def test_an_officer_off_the_panel_may_not_act(driver, personas):
    from tests.factories import UserFactory

    case = driver.bring_to(S.ACCEPTED)
    stranger = UserFactory(username="offpanel", office=personas.officer.office,
                           roles=["officer"])
    with pytest.raises(PermissionDenied):
        driver.act(case, "serve_respondent", actor=stranger)


def test_outsider_office_gets_not_found(driver, personas):
    case = driver.file()
    with pytest.raises(OutOfScope):
        driver.act(case, "accept", actor=personas.outsider)
    # The superior office's head may act on a subordinate office's case.
    admin_case = driver.bring_to(S.PENDING_APPROVAL)
    driver.act(admin_case, "record_legal_review")
    with pytest.raises(OutOfScope):
        driver.act(admin_case, "decide", actor=personas.county_officer)


def test_head_approval_required_when_an_officer_accepts(driver, personas):
    """An officer no longer names a head in a select box: acceptance is submitted and the
    head approves it; run directly by the officer it is refused (403)."""
    case = driver.file()
    with pytest.raises(PermissionDenied):
        driver.act(case, "accept", actor=personas.officer)
    case.refresh_from_db()
    assert case.state == S.RECEIVED


def test_panel_must_be_odd_and_at_least_three(driver, personas):
    case = driver.file()
    with pytest.raises(ValidationError) as exc:
        driver.act(case, "accept", panel=[personas.officer.pk, personas.officer2.pk])
    assert "panel" in exc.value.message_dict
    case.refresh_from_db()
    assert case.state == S.RECEIVED
    case = driver.act(case, "accept", is_simple=True, panel=[])
    assert case.state == S.ACCEPTED
    assert list(case.assignments.values_list("user_id", flat=True)) == [personas.officer.pk]


def test_unmet_acceptance_condition_is_named(driver):
    case = driver.file()
    with pytest.raises(ValidationError) as exc:
        driver.act(case, "accept", check_prima_facie_evidence=False)
    from cases.ruling.models import ACCEPTANCE_CHECKLIST_ITEMS

    label = dict(ACCEPTANCE_CHECKLIST_ITEMS)["prima_facie_evidence"]
    assert str(label) in " ".join(exc.value.messages)  # the unmet condition, by name


def test_court_suit_blocks_acceptance(driver):
    case = driver.file(court_suit_pending=True)
    with pytest.raises(TransitionNotAllowed):
        driver.act(case, "accept")


def test_hearing_needs_three_working_days_notice(driver):
    case = driver.bring_to(S.INVESTIGATION)
    too_soon = datetime(2026, 3, 4, 9, 30, tzinfo=SHANGHAI)  # two working days ahead
    with pytest.raises(ValidationError) as exc:
        driver.act(case, "schedule_hearing", hearing_at=too_soon.isoformat())
    assert "hearing_at" in exc.value.message_dict


def test_resume_returns_to_the_state_it_left(driver):
    case = driver.bring_to(S.HEARING_SCHEDULED)
    case = driver.act(case, "suspend")
    assert case.state == S.SUSPENDED
    case = driver.act(case, "resume")
    assert case.state == S.HEARING_SCHEDULED


def test_proceed_without_answer_only_after_the_period(driver):
    case = driver.bring_to(S.AWAITING_ANSWER)
    with pytest.raises(TransitionNotAllowed):
        perform_transition(case_id=case.pk, actor=driver.p.officer,
                           name="proceed_without_answer", data={})
    case = driver.act(case, "proceed_without_answer")
    assert case.state == S.INVESTIGATION
    clock = case.deadlines.get(code="ruling.answer_period")
    assert clock.status in {DeadlineStatus.MET, DeadlineStatus.MISSED}


def test_litigation_revoking_the_ruling_closes_the_case(driver):
    case = driver.bring_to(S.IN_LITIGATION)
    case = driver.act(case, "conclude_litigation", result="revoked")
    assert case.state == S.CLOSED


def test_bad_input_changes_nothing(driver):
    case = driver.bring_to(S.ACCEPTED)
    driver.issue_answer_notice(case)
    before = (case.state, case.deadlines.count(), CaseEvent.objects.filter(case=case).count())
    with pytest.raises(ValidationError):
        driver.act(case, "serve_respondent", method="carrier-pigeon")
    case.refresh_from_db()
    assert (case.state, case.deadlines.count(),
            CaseEvent.objects.filter(case=case).count()) == before


def test_timeline_is_append_only(driver):
    case = driver.bring_to(S.ACCEPTED)
    event = CaseEvent.objects.filter(case=case).first()
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).update(reason="x")
    with pytest.raises(AppendOnlyError):
        CaseEvent.objects.filter(case=case).delete()


def test_case_numbers_unique_per_office_and_year(driver):
    a, b = driver.file(), driver.file()
    assert (a.number, b.number) == ("南知案字〔2026〕1号", "南知案字〔2026〕2号")


def test_full_walk_records_every_step_with_its_actor(driver, personas):
    case = driver.bring_to(S.CLOSED)
    events = CaseEvent.objects.filter(case=case).order_by("id")
    names = list(events.exclude(kind="document").exclude(name="approval_submitted")
                 .values_list("name", flat=True))
    assert names == ["create", *PATHS[S.CLOSED]]
    # Acceptance and the decision were submitted by the officer, then approved.
    submitted = events.filter(name="approval_submitted")
    assert [e.payload["action"] for e in submitted] == ["accept", "decide"]
    assert {e.actor for e in submitted} == {personas.officer}
    # The ruling document is generated and issued just before the decision.
    assert list(events.values_list("name", flat=True))[-7:-4] == [
        "document_generated", "document_issued", "approval_submitted"]
    actors = {e.name: e.actor for e in CaseEvent.objects.filter(case=case)}
    assert actors["decide"] == personas.head
    assert actors["record_legal_review"] == personas.legal
    # The timeline names the approver as the actor of an approved step.
    assert actors["accept"] == personas.head
    assert not case.deadlines.filter(status__in=["open", "paused"]).exists()


def test_date_bookkeeping_of_the_walk(driver):
    case = driver.bring_to(S.EFFECTIVE)
    assert case.ruling.accepted_on == date(2026, 3, 2)
    # Served on acceptance day; answer due 15 days later.
    assert case.ruling.answer_due_on == date(2026, 3, 17)
    assert case.ruling.suit_period_ends_on is not None
    assert case.ruling.effective_on > case.ruling.suit_period_ends_on


def test_a_web_form_post_is_read_field_by_field(driver):
    from django.http import QueryDict

    case = driver.bring_to(S.ACCEPTED)
    driver.issue_answer_notice(case)
    post = QueryDict(mutable=True)
    post.update({"served_on": "2026-03-02", "method": "direct", "expected_state": "accepted"})
    case = perform_transition(case_id=case.pk, actor=driver.p.officer, name="serve_respondent",
                              data=post)
    assert case.state == S.AWAITING_ANSWER
    stale = QueryDict(mutable=True)
    stale.update({"received_on": "2026-03-02", "defence": "x", "expected_state": "accepted"})
    from cases.errors import ConcurrentChange

    with pytest.raises(ConcurrentChange):
        perform_transition(case_id=case.pk, actor=driver.p.officer, name="record_answer",
                           data=stale)


def test_acceptance_before_receipt_is_refused_naming_both_dates(driver):
    case = driver.file(received_on=date(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:  # the head's own acceptance: he dates it
        driver.act(case, "accept", actor=driver.p.head, accepted_on=date(2026, 2, 27))
    message = exc.value.message_dict["accepted_on"][0]
    assert "2026-02-27" in message and "2026-03-02" in message
    case.refresh_from_db()
    assert case.state == S.RECEIVED and not case.deadlines.filter(
        code="ruling.overall_limit").exists()


def test_a_hearing_cannot_be_recorded_as_held_before_its_scheduled_time(driver,
                                                                        time_machine):
    case = driver.bring_to(S.HEARING_SCHEDULED)
    time_machine.move_to(case.ruling.hearing_at + timedelta(days=1), tick=False)
    early = case.ruling.hearing_at.replace(hour=8)
    with pytest.raises(ValidationError) as exc:
        driver.act(case, "hold_hearing", held_at=early)
    message = exc.value.message_dict["held_at"][0]
    assert early.strftime("%H:%M") in message and "09:30" in message
    case.refresh_from_db()
    assert case.state == S.HEARING_SCHEDULED


@pytest.mark.parametrize(("state", "action", "field"), [
    (S.ACCEPTED, "serve_respondent", "served_on"),
    (S.AWAITING_ANSWER, "record_answer", "received_on"),
    (S.DECIDED, "serve_ruling", "served_on"),
])
def test_a_step_dated_before_the_step_it_follows_is_refused(driver, time_machine, state,
                                                            action, field):
    case = driver.bring_to(state)
    with pytest.raises(ValidationError) as exc:
        driver.act(case, action, **{field: date(2026, 3, 1)})
    assert "2026-03-01" in exc.value.message_dict[field][0]
    case.refresh_from_db()
    assert case.state == state


def test_the_respondent_is_served_only_after_the_notice_to_answer_is_issued(driver):
    from cases.services.runner import available_actions, blocked_reason

    case = driver.bring_to(S.ACCEPTED)
    # The next step is shown, disabled with what it waits for, not hidden (decision 70).
    serve = {a.name: a for a in available_actions(case, driver.p.officer)}["serve_respondent"]
    assert "答辩通知书" in blocked_reason(case, driver.p.officer, serve)
    with pytest.raises(TransitionNotAllowed) as exc:
        perform_transition(case_id=case.pk, actor=driver.p.officer, name="serve_respondent",
                           data={"served_on": date(2026, 3, 2), "method": "direct"})
    assert "答辩通知书" in str(exc.value)
    driver.issue_answer_notice(case)
    case.refresh_from_db()
    assert blocked_reason(case, driver.p.officer, serve) == ""
    assert driver.act(case, "serve_respondent").state == S.AWAITING_ANSWER


def test_each_respondent_is_served_only_after_their_own_notice_to_answer_is_issued(driver):
    """Notices are one per respondent: with one of two issued, the ruling would say both
    were served the request and the notice to answer."""
    from cases.models import CaseParty
    from documents.services import generate_documents, issue_document
    from tests.factories import LegalPersonFactory

    case = driver.act(driver.file(), "accept")
    driver.issue_answer_notice(case)  # the first respondent's
    second = LegalPersonFactory(office=case.office, name="南宁市第二被请求人贸易有限公司")
    CaseParty.objects.create(case=case, party=second, role="respondent", position=1)
    with pytest.raises(TransitionNotAllowed) as exc:
        perform_transition(case_id=case.pk, actor=driver.p.officer, name="serve_respondent",
                           data={"served_on": date(2026, 3, 2), "method": "direct"})
    assert "南宁市第二被请求人贸易有限公司的答辩通知书" in str(exc.value)
    case.refresh_from_db()
    drafts = generate_documents(case=case, kind="answer_notice", actor=driver.p.officer)
    issue_document(document=next(d for d in drafts if d.party == second),
                   actor=driver.p.officer)
    assert driver.act(case, "serve_respondent").state == S.AWAITING_ANSWER


def test_an_action_already_done_leaves_the_menu_and_is_refused(driver):
    from cases.services.runner import available_actions

    case = driver.bring_to(S.INVESTIGATION)
    names = {a.name for a in available_actions(case, driver.p.officer)}
    assert "send_answer_copy" in names
    case = driver.act(case, "send_answer_copy")
    assert "send_answer_copy" not in {a.name for a in available_actions(case, driver.p.officer)}
    with pytest.raises(TransitionNotAllowed):
        driver.act(case, "send_answer_copy")


def test_a_suit_s_court_case_number_is_stored_as_the_court_writes_it(driver):
    case = driver.bring_to(S.SERVED)
    driver.act(case, "record_suit", court_case_number="(2026)桂01行初7号")
    assert RulingCase.objects.get(pk=case.pk).litigation_case_number == "（2026）桂01行初7号"
