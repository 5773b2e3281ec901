"""Transition listeners of mediation: run inside the transition's transaction."""

from __future__ import annotations

from cases.services import deadlines
from cases.workflows import ClockEffects, TransitionDone
from mediation.clocks import FILING
from mediation.services.intake import CONFIRMATION

_ANSWER_FILING = ClockEffects(answer=(FILING,), answered_on="filed_on")


def confirmation_filed(done: TransitionDone) -> None:
    """The joint application was filed: the filing clock of the agreement's mediation
    case is met (or missed) on the filing day."""
    if done.workflow.name != CONFIRMATION or done.action != "file_application":
        return
    mediation_case = done.flow.agreement.mediation.case
    deadlines.apply_effects(mediation_case, done.flow, _ANSWER_FILING, action="file_application")
