"""Two-way status of referrals and transfers (行刑衔接平台's "双向反馈"): the sending office
is told of every step the receiving side takes.

- A transfer: the receiving office accepting or objecting, the superior office designating
  — the officer in charge of the transfer and the heads of the sending office are told.
- A referral: what the police did (receipt, filing or not, extension, reconsideration
  answer, the procuratorate's answer), as one of the task force records it — the rest of
  the task force, the officer in charge and the heads of the office are told.

Notices are keyed by the timeline event (``cases.services.notifications``), so a repeated
task notifies once. Overdue answers of the police are the referral workflow's parties'
periods: the deadline sweep prompts the officer in charge when one ends unanswered.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases import workflows
from cases.models import Role, User
from cases.models.notifications import NotificationKind
from cases.workflows import Notice

if TYPE_CHECKING:
    from cases.models import Case, CaseEvent

# The steps the other side takes (recorded here by the receiving office, or by the task
# force from what the police sent).
TRANSFER_STEPS = frozenset({"accept", "object", "designate", "record_receipt"})
POLICE_STEPS = frozenset({"record_receipt", "extend_filing_period", "record_filed",
                          "record_not_filed", "record_reconsideration",
                          "record_supervision_declined"})

# When a police answer is overdue, what the officer does next (the deadline sweep's
# prompt): the police's time is theirs, not the officer's overdue work.
POLICE_PERIODS = {
    "referral.police_filing": gettext_lazy(
        "The police's time to decide on filing has ended: ask them for their decision in "
        "writing, or ask the procuratorate to supervise."),
    "referral.police_filing_economic": gettext_lazy(
        "The police's time to decide on filing has ended: ask them for their decision in "
        "writing, or ask the procuratorate to supervise."),
    "referral.police_filing_complex": gettext_lazy(
        "The police's time to decide on filing has ended: ask them for their decision in "
        "writing, or ask the procuratorate to supervise."),
    "referral.reconsideration_answer": gettext_lazy(
        "The police have not answered the reconsideration request in time: ask them, or "
        "ask the procuratorate to supervise."),
}


def _heads(office_id: int | None) -> list[User]:
    if office_id is None:
        return []
    return list(User.objects.filter(office_id=office_id, is_active=True,
                                    groups__name=Role.HEAD).distinct())


def _notices(event: CaseEvent, case: Case, recipients: Iterable[User | None],
             who: str) -> Iterator[Notice]:
    spec = workflows.of(case)
    step = spec.actions[event.name].label
    message = _("%(case)s: %(who)s — %(step)s; now: %(state)s.") % {
        "case": case.number, "who": who, "step": step,
        "state": spec.state_label(event.to_state)}
    seen: set[int] = set()
    for user in recipients:
        if user is None or user.pk in seen or user.pk == event.actor_id or not user.is_active:
            continue
        seen.add(user.pk)
        yield Notice(recipient=user, kind=NotificationKind.STATUS_CHANGED,
                     message=message[:300])


def transfer_status_changed(event: CaseEvent, case: Case) -> Iterator[Notice]:
    """A step of the receiving office (or of the superior office designating): the
    sending office's officer in charge and heads."""
    if event.name not in TRANSFER_STEPS:
        return
    transfer = case.transfer
    who = (transfer.designated_office.name if event.name == "designate"
           and transfer.designated_office else transfer.receiver_label)
    yield from _notices(event, case, [case.officer_in_charge, *_heads(case.office_id)], who)


def referral_status_changed(event: CaseEvent, case: Case) -> Iterator[Notice]:
    """A step of the police (or the procuratorate), as the task force records it: the
    rest of the task force, the officer in charge and the heads of the office."""
    if event.name not in POLICE_STEPS:
        return
    referral = case.referral
    who = (referral.procuratorate if event.name == "record_supervision_declined"
           else referral.police_bureau) or _("public security")
    task_force = [a.user for a in case.assignments.select_related("user")]
    yield from _notices(event, case,
                        [case.officer_in_charge, *task_force, *_heads(case.office_id)], who)
