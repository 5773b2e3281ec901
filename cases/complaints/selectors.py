"""Reads of complaints and tip-offs, scoped to what the user may see."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from cases.complaints.models import COMPLAINT
from cases.models import Case
from cases.selectors.cases import cases_for

if TYPE_CHECKING:
    from cases.models import User


def duplicates_of(case: Case, user: User) -> QuerySet[Case]:
    """Other complaints and tip-offs the user may see about the same accused party and
    one of the same rights: shown together so that one matter is handled once."""
    return (cases_for(user).filter(workflow=COMPLAINT,
                                   complaint__accused_party=case.complaint.accused_party,
                                   rights__in=case.rights.all())
            .exclude(pk=case.pk).distinct().select_related("office", "complaint")
            .order_by("received_on", "pk"))
