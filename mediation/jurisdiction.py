"""Which court may confirm a mediation agreement (司法确认).

民事诉讼法 (2023) art. 205: an agreement reached by a mediation organisation on its own is
confirmed by the basic court where a party lives, the subject matter lies or the
organisation sits; a dispute that belongs to an intermediate court goes to the
corresponding intermediate court. Disputes over invention and utility-model patents are
heard at first instance only by the courts the Supreme People's Court designates (the
intermediate courts and IP courts/tribunals marked ``hears_technical_patents`` in the
reference data), so their agreements are confirmed there, never by a basic court. A
high court hears no confirmation. Where a party lives is not known here, so the region
of the court is not checked (decision 79).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from cases.models import Case
from cases.models.rights import RightKind
from mediation.models import Court
from mediation.models.reference import CourtLevel

TECHNICAL_KINDS = frozenset({RightKind.INVENTION_PATENT, RightKind.UTILITY_MODEL})


def is_technical(kinds: Iterable[str]) -> bool:
    """Whether a dispute over rights of these kinds goes to a designated court."""
    return any(kind in TECHNICAL_KINDS for kind in kinds)


def right_kinds(case: Case) -> set[str]:
    return set(case.rights.values_list("kind", flat=True))


def competent_courts(kinds: Iterable[str]) -> QuerySet[Court]:
    """The active courts that may confirm an agreement about rights of these kinds."""
    courts = Court.objects.filter(is_active=True).exclude(level=CourtLevel.HIGH)
    if is_technical(kinds):
        courts = courts.filter(hears_technical_patents=True).exclude(level=CourtLevel.BASIC)
    return courts


def competence_error(court: Court, kinds: Iterable[str]) -> str | None:
    """Why ``court`` may not confirm an agreement about rights of these kinds, or None."""
    if court.level == CourtLevel.HIGH:
        return _("%(court)s is a high people's court, which does not confirm mediation "
                 "agreements: apply to the basic people's court, or to the intermediate "
                 "people's court or IP tribunal where the dispute belongs to one (民事诉讼法 "
                 "art. 205).") % {"court": court.name}
    if is_technical(kinds) and (not court.hears_technical_patents
                                or court.level == CourtLevel.BASIC):
        return _("%(court)s does not hear invention or utility-model patent disputes: an "
                 "agreement about such a patent is confirmed by a court designated for them "
                 "(an intermediate people's court or IP tribunal; 民事诉讼法 art. 205).") % {
                     "court": court.name}
    return None
