"""The public copy (公开版) of a document context: personal information masked (PIPL).

``public_context(context)`` returns a masked deep copy; render it with the same template
to get the publishable document. What is masked:

- for every NATURAL person (requesters, respondents, the addressee): the ID number keeps
  its first 6 characters (the region, which the district-level address shows anyway) and
  its last 4, the eight birth-date digits become ``*`` (``450103********1236``); the phone
  number keeps its first 3 and last 4 digits (``138****5678``); the home address keeps
  province, city and district (``广西壮族自治区南宁市青秀区****``);
- agents' phone numbers (agents are natural persons, their firm stays);
- inside every free-text string of the context: 18-character resident ID numbers and
  mobile numbers, wherever they appear.

Legal persons' names, unified social credit codes, business addresses and phone numbers
stay, as do the office's own details. Natural persons' names stay too: the brief for
public copies (DOMAIN.md) does not ask for pseudonyms.
"""

from __future__ import annotations

import copy
import re
from typing import Any

MASK = "****"
# GB 11643: 6-digit region, 8-digit birth date, 3-digit sequence, check digit or X.
RESIDENT_ID = re.compile(
    r"(?<![0-9A-Za-z])(\d{6})((?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))"
    r"(\d{3}[\dXx])(?![0-9A-Za-z])"
)
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
# Province (省/自治区/直辖市), then city (市/自治州/州/盟/地区), then county level.
_DISTRICT = re.compile(
    r"^((?:[^省市]{2,7}?省|[^区]{2,10}?自治区|北京市|天津市|上海市|重庆市)?"
    r"(?:[^市州盟区]{2,10}?(?:市|自治州|州|盟|地区))?"
    r"(?:[^区县旗市]{1,10}?(?:自治县|自治旗|区|县|旗|市)))"
)

_PARTY_LISTS = ("requesters", "respondents")


def mask_id_number(value: str) -> str:
    value = value.strip()
    if len(value) < 10:
        return MASK
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 7:
        return MASK
    return digits[:3] + "****" + digits[-4:]


def mask_address(value: str) -> str:
    """Keep the address down to the district (区/县) level."""
    match = _DISTRICT.match(value.strip())
    if not match or match.group(1) == value.strip():
        return MASK if not match else match.group(1)
    return match.group(1) + MASK


def mask_text(value: str, *, keep: frozenset[str] = frozenset()) -> str:
    """Mask resident ID numbers and mobile numbers inside free text (``keep`` is spared)."""

    def _id(match: re.Match[str]) -> str:
        if match.group(0) in keep:
            return match.group(0)
        return mask_id_number(match.group(0))

    value = RESIDENT_ID.sub(_id, value)
    return MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), value)


def _mask_party(party: dict[str, Any]) -> None:
    if party.get("is_natural_person"):
        if party.get("id_number"):
            party["id_number"] = mask_id_number(party["id_number"])
        if party.get("phone"):
            party["phone"] = mask_phone(party["phone"])
        if party.get("address"):
            party["address"] = mask_address(party["address"])
    agent = party.get("agent")
    if isinstance(agent, dict) and agent.get("phone"):
        agent["phone"] = mask_phone(agent["phone"])


def _legal_person_codes(context: dict[str, Any]) -> frozenset[str]:
    """Credit codes of legal persons: never mistaken for an ID number in free text."""
    codes = set()
    for key in _PARTY_LISTS:
        for party in context.get(key) or []:
            if not party.get("is_natural_person") and party.get("id_number"):
                codes.add(str(party["id_number"]))
    return frozenset(codes)


def _mask_free_text(value: Any, keep: frozenset[str]) -> Any:
    if isinstance(value, str):
        return mask_text(value, keep=keep)
    if isinstance(value, list):
        return [_mask_free_text(item, keep) for item in value]
    if isinstance(value, dict):
        return {k: _mask_free_text(v, keep) for k, v in value.items()}
    return value


def public_context(context: dict[str, Any]) -> dict[str, Any]:
    """A masked deep copy of ``context`` for the public copy of a document."""
    public = copy.deepcopy(context)
    keep = _legal_person_codes(public)
    for key in _PARTY_LISTS:
        for party in public.get(key) or []:
            _mask_party(party)
    if isinstance(public.get("recipient"), dict):
        _mask_party(public["recipient"])
    service = public.get("service")
    if isinstance(service, dict) and isinstance(public.get("recipient"), dict):
        recipient = public["recipient"]
        if recipient.get("is_natural_person") and service.get("recipient") == recipient.get(
            "name"
        ) and service.get("address"):
            service["address"] = mask_address(service["address"])
    for key, value in list(public.items()):
        # The office's own address and phone are public by nature.
        if key != "office":
            public[key] = _mask_free_text(value, keep)
    return public
