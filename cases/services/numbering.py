"""Allocation of gapless numbers (案件编号, 文号) per office, kind and year."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import DocumentKind, DocumentNumberPrefix, NumberSequence, Office


class NumberPrefixMissing(ValueError):
    pass


def allocate_sequence(*, office: Office, kind: str, year: int) -> int:
    """Take the next number. Must run inside the transaction that uses it.

    The sequence row is locked (``select_for_update``) until that transaction ends, so
    concurrent issuers queue; if the transaction rolls back, so does the number.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("allocate_sequence must run inside transaction.atomic()")
    NumberSequence.objects.get_or_create(office=office, kind=kind, year=year)
    seq = NumberSequence.objects.select_for_update().get(office=office, kind=kind, year=year)
    seq.last_value += 1
    seq.save(update_fields=["last_value"])
    return seq.last_value


def prefix_for(office: Office, kind: str) -> DocumentNumberPrefix:
    prefix = DocumentNumberPrefix.objects.filter(office=office, kind=kind).first()
    if prefix is None:
        raise NumberPrefixMissing(
            _(
                "Office %(office)s has no document-number code for this kind of document; "
                "an administrator must configure it."
            )
            % {"office": office.name}
        )
    return prefix


def allocate_number(*, office: Office, kind: str, year: int) -> tuple[int, str]:
    """Next sequence and its formatted number, e.g. (12, '桂知裁字〔2026〕12号')."""
    prefix = prefix_for(office, kind)
    sequence = allocate_sequence(office=office, kind=kind, year=year)
    return sequence, prefix.format_number(year, sequence)


def case_number(office: Office, year: int) -> tuple[int, str]:
    """The next case number (案号) of the office in ``year``: its sequence and text."""
    sequence = allocate_sequence(office=office, kind=DocumentKind.CASE_NUMBER, year=year)
    try:
        prefix = prefix_for(office, DocumentKind.CASE_NUMBER).prefix
    except NumberPrefixMissing:
        # An office without a configured code still gets unique, readable numbers.
        prefix = f"{office.short_name or office.name}案"
    return sequence, f"{prefix}〔{year}〕{sequence}号"
