"""Who may run a mediation or confirmation action (django-fsm ``permission=``).

The mediator assigned to the case acts; the head of the office (or of a superior office)
or the officer in charge assigns the mediator and approves extensions. Everyone else,
including other mediators of the office and legal staff, may only look. The transition
runner enforces these: django-fsm treats ``permission=`` as advisory.

Typed ``Any``: django-fsm calls them with (model instance, User | AnonymousUser); the
instance is a MediationCase or a ConfirmationCase, both of which have ``case`` (the
generic header, whose assignments name the mediator).
"""

from __future__ import annotations

from typing import Any

from cases.models import Role
from cases.models.participants import AssignmentRole


def _in_office_tree(obj: Any, user: Any) -> bool:
    office = getattr(user, "office", None)
    return office is not None and obj.case.office.path.startswith(office.path)


def assigned_mediator(case: Any) -> Any:
    """The user assigned as the mediator of ``case`` (a case header), or None."""
    assignment = (case.assignments.filter(role=AssignmentRole.MEDIATOR)
                  .select_related("user").first())
    return assignment.user if assignment is not None else None


def is_assigned_mediator(obj: Any, user: Any) -> bool:
    """The mediator (调解员) assigned to this case, within the case's office tree."""
    return bool(
        user.is_authenticated
        and user.has_role(Role.MEDIATOR)
        and _in_office_tree(obj, user)
        and obj.case.assignments.filter(role=AssignmentRole.MEDIATOR,
                                        user_id=user.pk).exists()
    )


def is_head(obj: Any, user: Any) -> bool:
    """The head (负责人) of the case's office or of a superior office."""
    return user.is_authenticated and user.has_role(Role.HEAD) and _in_office_tree(obj, user)


def is_officer_in_charge(obj: Any, user: Any) -> bool:
    return (
        user.is_authenticated
        and user.has_role(Role.OFFICER)
        and obj.case.officer_in_charge_id == user.pk
    )


def is_mediator_or_officer_in_charge(obj: Any, user: Any) -> bool:
    return is_assigned_mediator(obj, user) or is_officer_in_charge(obj, user)
