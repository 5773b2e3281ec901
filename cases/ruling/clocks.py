"""Which action of the ruling workflow starts, answers, pauses, resumes, extends or
cancels which statutory clock (DOMAIN.md, Workflow A). The clock engine
(:mod:`cases.services.deadlines`) runs them; ``create`` is the filing of the request."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cases.ruling.models import appraising, infringement_found
from cases.workflows import ClockEffects, DueOf, Label, ServedOn

# The parties' own periods: time the parties have (to answer, to sue, to perform), not work
# of the officer. When one ends, the officer's next step is due instead.
PARTY_PERIODS: dict[str, Label] = {
    "ruling.answer_period": _("Answer period over: proceed to the investigation"),
    "ruling.suit_period": _("Suit period over: confirm the ruling effective"),
    "ruling.demand_wait": _("Performance period over: apply to the court for enforcement"),
}

# A suspension or a mediation that ends while an appraisal runs leaves the time limit
# stopped until the appraisal ends.
WHILE_APPRAISING = {"ruling.overall_limit": appraising}

CLOCK_EFFECTS: dict[str, ClockEffects] = {
    "create": ClockEffects(start={"ruling.acceptance_decision": "received_on"}),
    "request_correction": ClockEffects(cancel=("ruling.acceptance_decision",)),
    "receive_correction": ClockEffects(start={"ruling.acceptance_decision": "received_on"}),
    "accept": ClockEffects(
        answer=("ruling.acceptance_decision",), answered_on="accepted_on",
        start={"ruling.serve_respondent": "accepted_on", "ruling.overall_limit": "accepted_on"},
    ),
    "reject": ClockEffects(answer=("ruling.acceptance_decision",), cancel_all=True,
                      answered_on="closed_on"),
    "serve_respondent": ClockEffects(
        answer=("ruling.serve_respondent",), answered_on="respondent_served_on",
        start={"ruling.answer_period": ServedOn("respondent_served_on",
                                                "respondent_service_method")},
    ),
    "record_answer": ClockEffects(
        answer=("ruling.answer_period",), answered_on="answer_received_on",
        start={"ruling.answer_copy": "answer_received_on"},
    ),
    "proceed_without_answer": ClockEffects(answer=("ruling.answer_period",)),
    "send_answer_copy": ClockEffects(answer=("ruling.answer_copy",),
                                answered_on="answer_copy_sent_on"),
    # Once the ruling is decided, sending the answer on is moot.
    "decide": ClockEffects(answer=("ruling.overall_limit",), answered_on="decided_on",
                           cancel=("ruling.answer_copy",)),
    "serve_ruling": ClockEffects(
        start={"ruling.suit_period": ServedOn("ruling_served_on", "ruling_service_method")}),
    "record_suit": ClockEffects(answer=("ruling.suit_period",)),
    # Only a ruling that found infringement can be enforced.
    "become_effective": ClockEffects(
        answer=("ruling.suit_period",),
        start={"ruling.enforcement_window": DueOf("ruling.suit_period")},
        start_if={"ruling.enforcement_window": infringement_found},
    ),
    "serve_demand": ClockEffects(start={"ruling.demand_wait": "demand_served_on"}),
    "apply_enforcement": ClockEffects(answer=("ruling.demand_wait", "ruling.enforcement_window"),
                                 answered_on="enforcement_applied_on"),
    "close": ClockEffects(cancel_all=True),
    "conclude_litigation": ClockEffects(),
    "withdraw": ClockEffects(cancel_all=True),
    "requester_absent": ClockEffects(cancel_all=True),
    "refer": ClockEffects(cancel_all=True),
    "mediation_succeeded": ClockEffects(cancel_all=True),
    # Mediation time does not count: the clocks stop and continue with what was left.
    "start_mediation": ClockEffects(pause_all=True),
    "mediation_failed": ClockEffects(resume_all=True, keep_paused_if=WHILE_APPRAISING),
    "suspend": ClockEffects(pause_all=True),
    "resume": ClockEffects(resume_all=True, keep_paused_if=WHILE_APPRAISING),
    # Appraisal time does not count towards the time limit; the parties' periods and the
    # officer's other steps run on.
    "start_appraisal": ClockEffects(pause=("ruling.overall_limit",)),
    "end_appraisal": ClockEffects(resume=("ruling.overall_limit",)),
    "extend_time_limit": ClockEffects(extend=("ruling.overall_limit",),
                                      extension_rule="ruling.extension"),
}
