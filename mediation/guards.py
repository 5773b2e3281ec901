"""The 确权 guard: a mediation agreement must not decide whether an IP right is valid or
who owns it.

A court refuses to confirm such an agreement (民诉法解释 art. 355: 涉及知识产权确权的),
and only CNIPA, the trademark office or a court may decide those questions. The guard
reads the wording of a term, so a mediator is stopped while writing it, with a message
that says why and what to do instead.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# Undertakings that mention validity without deciding it: a party may promise to
# withdraw its invalidation request, and that is a usual settlement term.
_ALLOWED_PHRASES = re.compile(r"无效宣告请求|无效请求|宣告无效请求|请求宣告")

_RIGHT = r"(?:专利|商标|著作权|版权|植物新品种|布图设计|地理标志|申请权)"

_VALIDITY = (
    re.compile(_RIGHT + r"[^。；;，,]{0,12}?(?:无效|有效性|效力|有效(?!期))"),
    re.compile(r"(?:宣告|确认|认定|确定)[^。；;，,]{0,8}?(?:无效|有效(?!期))"),
)
_OWNERSHIP = (
    re.compile(_RIGHT + r"[^。；;，,]{0,12}?"
               r"(?:归属|权属|属于|所有权|归[^还档案]|为[^。；;，,]{0,12}所有)"),
    re.compile(r"(?:确认|认定|确定)[^。；;，,]{0,12}?(?:专利权人|商标注册人|著作权人|权利人)"),
    re.compile(r"(?:发明人|设计人|作者)[^。；;，,]{0,6}?(?:资格|身份)"),
)


def right_determination(text: str) -> str | None:
    """What a term's wording decides that an agreement may not: ``"validity"``,
    ``"ownership"`` or ``None``."""
    scanned = _ALLOWED_PHRASES.sub("", text)
    if any(p.search(scanned) for p in _VALIDITY):
        return "validity"
    if any(p.search(scanned) for p in _OWNERSHIP):
        return "ownership"
    return None


def right_determination_message(text: str) -> str | None:
    """The message refusing ``text``, or ``None`` when the term may stand."""
    found = right_determination(text)
    if found is None:
        return None
    what = (_("the validity of an intellectual property right") if found == "validity"
            else _("the ownership of an intellectual property right"))
    return _(
        "A mediation agreement may not decide %(what)s (确权): a court would refuse to "
        "confirm it (民诉法解释 art. 355). Only CNIPA, the trademark office or a court "
        "decides that. Rewrite the term as what a party does or pays, e.g. withdraw an "
        "invalidation request or pay a licence fee."
    ) % {"what": what}
