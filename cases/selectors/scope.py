"""The one answer to "which offices' records may this user see?".

Every list, detail, export and search query in the system filters through
:func:`office_scope_q` (for querysets; :func:`case_scope_q` for cases, which adds what a
workflow shares beyond the office tree) or :func:`visible_office_paths` (for the search
index), so the rule lives here and nowhere else: a superuser sees every office; any other
user, an office administrator included, sees their own office and its descendants (a
region office's administrator therefore sees the whole region); a user without an office
sees nothing.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from cases import workflows
from cases.models import Case, Office

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cases.models import User


_NOTHING = Q(pk__in=[])


def visible_offices(user: User | AnonymousUser) -> QuerySet[Office]:
    """The offices whose records ``user`` may see."""
    if not user.is_authenticated:
        return Office.objects.none()
    if user.is_superuser:
        return Office.objects.all()
    office = user.office
    if office is None:
        return Office.objects.none()
    return Office.objects.filter(path__startswith=office.path)


def visible_office_paths(user: User | AnonymousUser) -> list[str] | None:
    """Path prefixes of the visible subtrees; ``None`` means "all offices".

    For backends that cannot join (the search index stores each document's office path).
    """
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return None
    office = user.office
    if office is None:
        return []
    return [office.path]


def office_scope_q(user: User | AnonymousUser, office_field: str = "office") -> Q:
    """A filter for any model with a foreign key to Office at ``office_field``."""
    if not user.is_authenticated:
        return _NOTHING
    if user.is_superuser:
        return Q()
    office = user.office
    if office is None:
        return _NOTHING
    return Q(**{f"{office_field}__path__startswith": office.path})


def case_scope_q(user: User | AnonymousUser) -> Q:
    """The cases ``user`` may see: those of its office tree, and those a workflow shares
    beyond it (``Workflow.shared_with``, e.g. a transfer with its receiving office)."""
    q = office_scope_q(user)
    # A superuser's scope is the empty Q, which an OR with another Q would drop.
    if not user.is_authenticated or user.is_superuser:
        return q
    return q | shared_q(user)


def shared_q(user: User, among: Callable[[QuerySet[Any]], Q] = lambda keys: Q(pk__in=keys),
             workflow: str | None = None) -> Q:
    """The cases workflows (``workflow`` alone if given) share with ``user``
    (``Workflow.shared_with``), whatever their office: a workflow's cases among one of its
    queries of keys, ``among(keys)`` being the condition that a case is among them."""
    q = _NOTHING
    for spec in workflows.all_workflows():
        if spec.shared_with is not None and workflow in (None, spec.name):
            keys = [among(found) for found in spec.shared_with(user)]
            if keys:
                q |= Q(workflow=spec.name) & reduce(operator.or_, keys)
    return q


def may_see_case(user: User | AnonymousUser, case: Case) -> bool:
    """Whether ``case`` (its office loaded) is among :func:`case_scope_q`'s cases: its
    office's subtree is checked in memory, what a workflow shares beyond it by one query
    about this case (only when the office does not already let the user see it)."""
    if can_see_office(user, case.office):
        return True
    if not user.is_authenticated or user.is_superuser:
        return False
    spec = workflows.get(case.workflow)
    return spec.shared_with is not None and Case.objects.filter(
        shared_q(user, workflow=spec.name), pk=case.pk).exists()


def can_see_office(user: User | AnonymousUser, office: Office) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    own = user.office
    return own is not None and office.path.startswith(own.path)
