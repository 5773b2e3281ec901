"""Who a user is for a case, by role and assignment; every workflow's transitions build
their ``permission=`` from these, and the documents app asks them too."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cases.models.users import Role

if TYPE_CHECKING:
    from cases.models import Case


def _in_office_tree(case: Case, user: Any) -> bool:
    office = getattr(user, "office", None)
    return office is not None and case.office.path.startswith(office.path)


def is_case_officer(case: Case, user: Any) -> bool:
    """The officer in charge or an officer assigned to this case (承办人 / 合议组成员)."""
    if not user.is_authenticated or not user.has_role(Role.OFFICER):
        return False
    if case.officer_in_charge_id == user.pk:
        return True
    return case.assignments.filter(user_id=user.pk).exists()


def is_office_officer(case: Case, user: Any) -> bool:
    """Any enforcement officer of the case's office (intake, before assignment)."""
    return bool(
        user.is_authenticated
        and user.has_role(Role.OFFICER)
        and getattr(user, "office_id", None) == case.office_id
    )


def is_head(case: Case, user: Any) -> bool:
    """The head of the case's office or of a superior office (负责人)."""
    return bool(user.is_authenticated and user.has_role(Role.HEAD)
                and _in_office_tree(case, user))


def is_legal_reviewer(case: Case, user: Any) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.LEGAL)
                and _in_office_tree(case, user))


def is_independent_legal_reviewer(case: Case, user: Any) -> bool:
    """Legal staff who are not among the case's own officers: 法制审核 is a check of the
    panel's draft by somebody else, so a panel member who also holds the legal role does
    not review their own draft."""
    return is_legal_reviewer(case, user) and not is_case_officer(case, user)


def is_case_officer_or_head(case: Case, user: Any) -> bool:
    return is_case_officer(case, user) or is_head(case, user)


def is_case_mediator(case: Case, user: Any) -> bool:
    """The mediator (调解员) assigned to this case, within the case's office tree."""
    from cases.models.participants import AssignmentRole

    return bool(user.is_authenticated and user.has_role(Role.MEDIATOR)
                and _in_office_tree(case, user)
                and case.assignments.filter(user_id=user.pk,
                                            role=AssignmentRole.MEDIATOR).exists())


def may_handle_documents(case: Case, user: Any) -> bool:
    """Generate, correct, issue and void a case's documents: its officers, the head, and
    on a mediation or confirmation case its mediator (who runs it)."""
    return is_case_officer_or_head(case, user) or is_case_mediator(case, user)


def is_intake_officer_or_head(case: Case, user: Any) -> bool:
    """Before assignment any officer of the office handles the case (intake)."""
    return is_office_officer(case, user) or is_case_officer_or_head(case, user)
