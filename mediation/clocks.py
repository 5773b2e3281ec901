"""Which mediation or confirmation action starts, answers, extends or cancels which clock
(DOMAIN.md, Workflows B and C). The clock engine (:mod:`cases.services.deadlines`) runs
them. The court's 3-day and 30-day clocks are information for the mediator: the office
cannot miss them, but it sees when the court is late."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from cases.workflows import ClockEffects, Label

RESPONDENT_ANSWER = "mediation.respondent_answer"
SESSION_LIMIT = "mediation.session_limit"
FILING = "confirmation.filing"
COURT_ACCEPTANCE = "confirmation.court_acceptance"
COURT_DECISION = "confirmation.court_decision"

# The parties' own periods: the respondent's time to say whether it agrees to mediate is
# not the mediator's work. When it ends unanswered, the mediator records the decline.
MEDIATION_PARTY_PERIODS: dict[str, Label] = {
    RESPONDENT_ANSWER: _("Answer period over: record the respondent's answer or its silence"),
}

MEDIATION_CLOCKS: dict[str, ClockEffects] = {
    "serve_request": ClockEffects(start={RESPONDENT_ANSWER: "request_served_on"}),
    "accept_mediation": ClockEffects(answer=(RESPONDENT_ANSWER,), answered_on="response_on",
                           start={SESSION_LIMIT: "accepted_on"}),
    "decline": ClockEffects(answer=(RESPONDENT_ANSWER,), answered_on="closed_on",
                            cancel_all=True),
    "extend_mediation": ClockEffects(extend=(SESSION_LIMIT,),
                                      extension_rule="mediation.extension"),
    # The agreement takes effect: the parties have 30 days to apply for confirmation.
    "agree": ClockEffects(answer=(SESSION_LIMIT,), answered_on="agreed_on",
                          start={FILING: "agreed_on"}),
    "fail": ClockEffects(cancel_all=True),
    "withdraw_request": ClockEffects(cancel_all=True),
    "record_performed": ClockEffects(cancel_all=True),
}

CONFIRMATION_CLOCKS: dict[str, ClockEffects] = {
    "file_application": ClockEffects(start={COURT_ACCEPTANCE: "filed_on"}),
    "record_acceptance": ClockEffects(answer=(COURT_ACCEPTANCE,),
                                      answered_on="court_accepted_on",
                                      start={COURT_DECISION: "court_accepted_on"}),
    "record_not_accepted": ClockEffects(answer=(COURT_ACCEPTANCE,), answered_on="decided_on",
                                        cancel_all=True),
    "record_confirmation": ClockEffects(answer=(COURT_DECISION,), answered_on="decided_on"),
    "record_rejection": ClockEffects(answer=(COURT_DECISION,), answered_on="decided_on",
                                     cancel_all=True),
    "withdraw_application": ClockEffects(cancel_all=True),
}
