"""Keyset cursors and links of a page with several lists: a list's links change its own
cursor only, and a cursor of a column that may be NULL survives the trip."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.http import QueryDict

from cases.views.paging import KeysetPage, SortSpec, decode_cursor, encode_cursor, page_links

SPEC = SortSpec("deadline", ("next_deadline_at", "received_on", "pk"), (datetime, date, int),
                nullable=frozenset({"next_deadline_at"}))


def test_a_lists_links_keep_the_other_lists_cursors_and_the_page_size() -> None:
    params = QueryDict("size=50&transfers_after=T&referrals_before=OLD")
    page = KeysetPage(rows=[1], next_cursor="N", prev_cursor="P", is_first=False)
    links = page_links(params, page, prefix="referrals_")
    assert QueryDict(links.next[1:]) == QueryDict("size=50&transfers_after=T&referrals_after=N")
    assert QueryDict(links.previous[1:]) == QueryDict(
        "size=50&transfers_after=T&referrals_before=P")
    assert QueryDict(links.first[1:]) == QueryDict("size=50&transfers_after=T")
    last = page_links(params, KeysetPage([1], None, None, True), prefix="referrals_")
    assert (last.first, last.previous, last.next) == (None, None, None)


def test_a_null_sort_value_and_a_moment_survive_the_cursor() -> None:
    moment = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    for values in ([moment, date(2026, 3, 1), 7], [None, date(2026, 3, 1), 8]):
        assert decode_cursor(encode_cursor(values), SPEC) == values
    # NULL only where the column may be NULL.
    assert decode_cursor(encode_cursor([moment, None, 7]), SPEC) is None
