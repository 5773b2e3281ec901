"""A sixth workflow defined only here (two states, one action, one clock) runs through the
kernel's runner, timeline, clock engine and REST API: adding a workflow is an addition,
no line of the kernel changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.apps import apps
from django.db import connection, models, transaction
from django.urls import reverse
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from cases import permissions, workflows
from cases.action_forms import ActionForm, DateField, not_future
from cases.models import Case, CaseEvent, DeadlineRule
from cases.models.deadlines import DeadlineStatus
from cases.models.events import EventKind
from cases.services.runner import create_case
from cases.workflows import Action, ClockEffects, Workflow

SHANGHAI = ZoneInfo("Asia/Shanghai")


class ToyState(models.TextChoices):
    OPEN = "toy_open", "Open"
    DONE = "toy_done", "Done"


def _officer_or_head(toy: Any, user: Any) -> bool:
    return permissions.is_case_officer_or_head(toy.case, user)


class AnswerForm(ActionForm):
    on = DateField(label="Answered on", validators=[not_future])

    def to_kwargs(self) -> dict[str, Any]:
        return {"on": self.cleaned_data["on"]}


def make_toy() -> Workflow:
    """The toy's model and registration. The model joins the cases app only while a test
    uses it, so that the Case header gains the reverse relation the registry names."""

    class ToyCase(ConcurrentTransitionMixin, models.Model):
        case = models.OneToOneField(Case, primary_key=True, on_delete=models.CASCADE,
                                    related_name="toy")
        state = FSMField(default=ToyState.OPEN, choices=ToyState.choices, protected=True)
        answered_on = models.DateField(null=True, blank=True)

        class Meta:
            app_label = "cases"

        def __str__(self) -> str:
            return str(self.case)

        @transition(field=state, source=ToyState.OPEN, target=ToyState.DONE,
                    permission=_officer_or_head)
        def answer(self, *, on: date) -> None:
            self.answered_on = on
            self.case.closed_on = on

    return Workflow(
        name="toy", label="Toy workflow", model=ToyCase, related_name="toy",
        states=tuple(ToyState.choices), initial_state=ToyState.OPEN,
        terminal_states=frozenset({ToyState.DONE}),
        actions={"answer": Action("answer", "Answer the toy", AnswerForm)},
        clock_effects={"create": ClockEffects(start={"toy.reply": "received_on"}),
                       "answer": ClockEffects(answer=("toy.reply",),
                                              answered_on="answered_on")},
        api_fields=("answered_on",),
    )


@pytest.fixture
def toy_workflow(transactional_db: None) -> Iterator[Workflow]:
    """The toy's model, table and registration exist only for the test."""
    toy = make_toy()
    with connection.schema_editor() as editor:
        editor.create_model(toy.model)
    workflows.register(toy)
    yield toy
    workflows.unregister(toy.name)
    with connection.schema_editor() as editor:
        editor.delete_model(toy.model)
    apps.all_models["cases"].pop("toycase")
    apps.clear_cache()


def _toy_case(toy: Workflow, personas: Any, received_on: date) -> Case:
    # As every intake service does: the header, the record and its clocks in one
    # transaction (the clock engine locks the case's clocks).
    with transaction.atomic():
        return _toy_case_in_transaction(toy, personas, received_on)


def _toy_case_in_transaction(toy: Workflow, personas: Any, received_on: date) -> Case:
    case = Case.objects.create(
        office=personas.officer.office, year=received_on.year, sequence=1, number="玩具1号",
        workflow="toy", title="玩具流程", received_on=received_on,
        officer_in_charge=personas.officer, created_by=personas.officer)
    create_case(case=case, flow=toy.model(), actor=personas.officer)
    return case


def test_a_workflow_defined_in_a_test_runs_through_runner_clocks_timeline_and_api(
        toy_workflow, personas, calendar_2026, client, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, tzinfo=SHANGHAI), tick=False)
    DeadlineRule.objects.create(code="toy.reply", workflow="general", name="Toy reply",
                                amount=5, unit="working_days", legal_basis="toy",
                                effective_from=date(2026, 1, 1))
    case = _toy_case(toy_workflow, personas, date(2026, 3, 2))
    clock = case.deadlines.get(code="toy.reply")
    assert (clock.status, clock.due_on) == (DeadlineStatus.OPEN, date(2026, 3, 9))

    client.force_login(personas.officer)
    detail = client.get(reverse("api-case-detail", args=[case.pk])).json()
    assert (detail["workflow"], detail["state"], detail["state_display"]) == (
        "toy", "toy_open", "Open")
    assert [t["name"] for t in detail["available_transitions"]] == ["answer"]
    assert [d["code"] for d in detail["deadlines"]] == ["toy.reply"]

    url = reverse("api-case-transition", args=[case.pk, "answer"])
    assert client.post(url, {"on": "2099-01-01"}, content_type="application/json"
                       ).status_code == 400
    client.force_login(personas.outsider)
    assert client.post(url, {"on": "2026-03-02"}, content_type="application/json"
                       ).status_code == 404
    client.force_login(personas.officer2)
    assert client.post(url, {"on": "2026-03-02"}, content_type="application/json"
                       ).status_code == 403
    client.force_login(personas.officer)
    response = client.post(url, {"on": "2026-03-02"}, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["state"], body["answered_on"], body["closed_on"]) == (
        "toy_done", "2026-03-02", "2026-03-02")
    assert client.post(url, {"on": "2026-03-02"}, content_type="application/json"
                       ).status_code == 409

    clock.refresh_from_db()
    assert (clock.status, clock.closed_by) == (DeadlineStatus.MET, "answer")
    event = CaseEvent.objects.get(case=case, kind=EventKind.TRANSITION)
    assert (event.name, event.from_state, event.to_state) == ("answer", "toy_open", "toy_done")
    timeline = client.get(reverse("api-case-timeline", args=[case.pk])).json()["results"]
    assert [(e["name"], e["label"], e["to_state_display"]) for e in timeline] == [
        ("create", "登记请求", "Open"), ("answer", "Answer the toy", "Done")]

    page = client.get(reverse("case-detail", args=[case.pk]))
    assert page.status_code == 200 and "玩具1号" in page.content.decode()


def test_the_registry_keys_actions_by_workflow(toy_workflow):
    registered = [spec.name for spec in workflows.all_workflows()]
    assert registered[-1] == "toy"
    assert workflows.get("toy").actions.keys() == {"answer"}
    assert "answer" not in workflows.get("ruling").actions
    with pytest.raises(ValueError, match="already registered"):
        workflows.register(Workflow(**{**toy_workflow.__dict__, "label": "another toy"}))
    with pytest.raises(ValueError, match="unknown actions: \\['reply'\\]"):
        workflows.register(Workflow(**{**toy_workflow.__dict__, "name": "toy2",
                                       "clock_effects": {"reply": ClockEffects()}}))
    with pytest.raises(ValueError, match="without a transition"):
        workflows.register(Workflow(**{**toy_workflow.__dict__, "name": "toy3", "actions": {
            "answer": Action("answer", "Answer", AnswerForm, method="reply")}}))
    assert [spec.name for spec in workflows.all_workflows()] == registered
    with pytest.raises(forms.ValidationError):
        AnswerForm.base_fields["on"].clean("2099-01-01")
