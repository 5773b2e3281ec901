"""Causes of action (案由) by IP type: the names of the Supreme People's Court's
《民事案件案由规定》 (2020 revision, part five, 知识产权与竞争纠纷) for the disputes an IP
office handles. A data table, not template text: intake offers the causes of the IP type
chosen, and refuses a cause that does not belong to it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from cases.models.rights import RightKind

if TYPE_CHECKING:
    from cases.models import IPRight

CAUSES: dict[str, tuple[str, ...]] = {
    RightKind.INVENTION_PATENT: ("侵害发明专利权纠纷", "发明专利临时保护期使用费纠纷",
                                 "假冒他人专利纠纷"),
    RightKind.UTILITY_MODEL: ("侵害实用新型专利权纠纷", "假冒他人专利纠纷"),
    RightKind.DESIGN_PATENT: ("侵害外观设计专利权纠纷", "假冒他人专利纠纷"),
    RightKind.TRADEMARK: ("侵害商标权纠纷",),
    RightKind.COPYRIGHT: ("侵害著作权纠纷", "侵害计算机软件著作权纠纷"),
    # A geographical indication is protected as a collective or certification mark.
    RightKind.GEOGRAPHIC_INDICATION: ("侵害商标权纠纷",),
    RightKind.TRADE_SECRET: ("侵害技术秘密纠纷", "侵害经营秘密纠纷"),
    RightKind.PLANT_VARIETY: ("侵害植物新品种权纠纷",),
}


def causes_for(ip_type: str) -> tuple[str, ...]:
    return CAUSES.get(ip_type, ())


def all_causes() -> list[str]:
    """Every cause once, in table order."""
    return list(dict.fromkeys(c for causes in CAUSES.values() for c in causes))


def cause_errors(ip_type: str, title: str, rights: Sequence[IPRight]) -> dict[str, list[str]]:
    """The one check of intake's cause against its IP type, for the form and the API alike:
    the cause must be one of the IP type's, and every right in dispute of that type. Without
    an IP type chosen, the first right's kind is the type. Field name → messages."""
    ip_type = ip_type or (rights[0].kind if rights else "")
    if not ip_type:
        return {}
    errors: dict[str, list[str]] = {}
    label = RightKind(ip_type).label
    if title and title not in causes_for(ip_type):
        errors["title"] = [_("“%(cause)s” is not a cause of action for %(type)s; choose one "
                             "of: %(causes)s.") % {"cause": title, "type": label,
                                                   "causes": "、".join(causes_for(ip_type))}]
    other = [r for r in rights if r.kind != ip_type]
    if other:
        errors["rights"] = [_("Not of the IP type chosen (%(type)s): %(rights)s.")
                            % {"type": label, "rights": "、".join(r.display_number
                                                                   for r in other)}]
    return errors
