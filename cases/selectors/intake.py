"""Intake checks shown before a request is saved: jurisdiction and duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils.translation import gettext as _

from cases.models import Case, Office
from cases.models.participants import PartyRole
from cases.selectors.parties import region_contains
from cases.selectors.scope import office_scope_q

if TYPE_CHECKING:
    from cases.models import IPRight, Party, User


@dataclass(frozen=True)
class JurisdictionResult:
    """Whether the office may handle the dispute (respondent's domicile or place of
    infringement inside its region), and on what basis."""

    ok: bool
    basis: str
    message: str

    def as_payload(self) -> dict[str, Any]:
        return {"ok": self.ok, "basis": self.basis, "message": self.message}


def jurisdiction_check(
    office: Office, respondents: list[Party], infringement_region_code: str
) -> JurisdictionResult:
    for party in respondents:
        if region_contains(office.region_code, party.region_code):
            return JurisdictionResult(
                True, "domicile",
                _("Within jurisdiction: the respondent %(name)s is domiciled in %(region)s.")
                % {"name": party.name, "region": office.region_name},
            )
    if region_contains(office.region_code, infringement_region_code):
        return JurisdictionResult(
            True, "place",
            _("Within jurisdiction: the place of infringement is in %(region)s.")
            % {"region": office.region_name},
        )
    return JurisdictionResult(
        False, "none",
        _("Outside jurisdiction: neither a respondent's domicile nor the place of infringement "
          "is in %(region)s; consider transferring the request to the competent office.")
        % {"region": office.region_name},
    )


def _party_match(role: str, parties: list[Party]) -> Q:
    ids = [p.pk for p in parties]
    numbers = [p.id_number for p in parties if p.id_number]
    match = Q(case_parties__party_id__in=ids)
    if numbers:
        match |= Q(case_parties__party__id_number__in=numbers)
    return match & Q(case_parties__role=role)


def find_duplicate(
    *, actor: User, requesters: list[Party], respondents: list[Party], rights: list[IPRight]
) -> Case | None:
    """An open case in the actor's scope with the same requester, respondent and patent."""
    if not (requesters and respondents and rights):
        return None
    right_match = Q(rights__in=[r.pk for r in rights])
    numbers = [r.number for r in rights if r.number]
    if numbers:
        right_match |= Q(rights__number__in=numbers)
    candidates = (
        Case.objects.filter(office_scope_q(actor))
        .filter(closed_on__isnull=True)
        .filter(right_match)
        .filter(pk__in=Case.objects.filter(_party_match(PartyRole.REQUESTER, requesters))
                .values("pk"))
        .filter(pk__in=Case.objects.filter(_party_match(PartyRole.RESPONDENT, respondents))
                .values("pk"))
        .select_related("office")
        .distinct()
    )
    return candidates.order_by("received_on", "pk").first()


def _holds(right: IPRight, requesters: list[Party]) -> bool:
    """Whether one of the requesters is the right's holder: the same party, the same id
    number, or the same name (a holder typed by name only)."""
    holder = right.holder
    if holder is not None:
        return any(p.pk == holder.pk or (holder.id_number and p.id_number == holder.id_number)
                   for p in requesters)
    return any(p.name == right.holder_name.strip() for p in requesters)


def standing_warnings(requesters: list[Party], rights: list[IPRight]) -> list[str]:
    """A warning for each right none of the requesters holds. Not a refusal: a licensee
    (被许可人) or another interested party (利害关系人) may request, but must show his
    standing."""
    if not requesters:
        return []
    out = []
    for right in rights:
        if _holds(right, requesters):
            continue
        holder = right.holder.name if right.holder is not None else right.holder_name
        out.append(
            _("No requester is the holder of %(right)s (held by %(holder)s): a licensee or "
              "another interested party may request, but must show his standing, e.g. the "
              "licence contract and its record.")
            % {"right": right.display_number or right.title, "holder": holder or "?"})
    return out
