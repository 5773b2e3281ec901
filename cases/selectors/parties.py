"""Reads of parties, agents and IP rights, always within the caller's office scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from cases.models import Agent, IPRight, Party
from cases.selectors.scope import office_scope_q
from cases.validators import clean_name, normalize_patent_application_number

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from cases.models import User


def region_prefix(region_code: str) -> str:
    """The prefix shared by every GB/T 2260 code inside a region: a province's code ends in
    0000, a city's in 00, a county's in neither (450000 → "45", 450100 → "4501",
    450103 → "450103")."""
    code = region_code
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def region_contains(office_region_code: str, region_code: str) -> bool:
    """Whether a party domiciled in ``region_code`` lies in the office's region, the test
    for jurisdiction by domicile: the region 450000 contains every 45xxxx, the city 450100
    every 4501xx, a county only its own code. An empty or malformed code is in no region."""
    if len(region_code or "") != 6 or not region_code.isdigit():
        return False
    return region_code.startswith(region_prefix(office_region_code))


def parties_in_region(user: User | AnonymousUser, office_region_code: str) -> QuerySet[Party]:
    """The visible parties domiciled in the region of an office (e.g. respondents the
    office has jurisdiction over)."""
    return parties_for(user).filter(region_code__startswith=region_prefix(office_region_code))


def parties_for(user: User | AnonymousUser, text: str | None = None) -> QuerySet[Party]:
    """Parties the user may see; ``text`` matches the name or the identifier."""
    qs = Party.objects.filter(office_scope_q(user)).select_related("office")
    text = clean_name(text or "")
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(id_number__icontains=text.upper()))
    return qs.order_by("name", "pk")


def rights_for(user: User | AnonymousUser, text: str | None = None) -> QuerySet[IPRight]:
    """IP rights the user may see; ``text`` matches the number (in any patent-number form),
    the title or the holder."""
    qs = IPRight.objects.filter(office_scope_q(user)).select_related("office", "holder")
    text = clean_name(text or "")
    if text:
        match = (Q(number__icontains=text) | Q(title__icontains=text)
                 | Q(holder__name__icontains=text) | Q(holder_name__icontains=text))
        compact = "".join(text.split()).upper().removeprefix("ZL").removeprefix("CN")
        if compact != text:
            match |= Q(number__icontains=compact)
        try:
            match |= Q(number=normalize_patent_application_number(text))
        except ValidationError:  # not a patent number: the other matches apply
            pass
        qs = qs.filter(match)
    return qs.order_by("kind", "number", "pk")


def agents_for(user: User | AnonymousUser, text: str | None = None) -> QuerySet[Agent]:
    """Agents registered by the offices the user may see; ``text`` matches the name or
    the firm."""
    qs = Agent.objects.filter(office_scope_q(user)).select_related("office")
    text = clean_name(text or "")
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(firm__icontains=text))
    return qs.order_by("name", "pk")


def already_registered(user: User | AnonymousUser, *, name: str,
                       id_number: str = "") -> list[Party]:
    """Parties the user may see that a new registration would duplicate: the same
    identifier (credit code or ID number), or the same name."""
    name = (name or "").strip()
    ident = (id_number or "").strip().upper()
    q = Q(pk__in=[])
    if name:
        q |= Q(name=name)
    if ident:
        q |= Q(id_number=ident)
    return list(parties_for(user).filter(q).order_by("name", "pk")[:5])
