"""How long a free text typed into a form or sent to the API may be (decision 57), and
the characters it may not hold (decision 93).

A text is stored, indexed for precedent search and printed into documents, so every one
has a bound that fits what it holds, checked at the edge with the same figure on the web
form and in the API. The figures are characters (a Chinese character is one).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext as _

# A reason, a note, an opinion, an objection, a step's summary, a list of items: a few
# paragraphs. About four pages of a document.
REASON_MAX = 2_000

# What a party or the office states at length: claims, facts, a defence, a position,
# facts found, reasoning, a proposed order, a referral report, an agreement's terms.
STATEMENT_MAX = 20_000

# The accused products of a request: each a product's name or model, one per line on the
# web form, a list in the API.
PRODUCT_MAX = 200
PRODUCTS_MAX = 50

# Minutes of a hearing or a mediation session, the longest record typed in.
MINUTES_MAX = 50_000


# Control characters other than tab and line breaks: invisible on the page, printed into
# documents, and NUL is refused by PostgreSQL in any text (a 500).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_typed_text(field: str, value: str, limit: int = REASON_MAX) -> None:
    """For a text a service takes as it came (a reason typed on a page or sent to the
    API): the field's message when it is over ``limit`` or holds control characters, as
    a form would give it."""
    try:
        MaxLengthValidator(limit)(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError({field: [_(
            "The text contains control characters (invisible, usually pasted from another "
            "program); remove them.")]})
