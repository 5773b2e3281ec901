"""Rows read by their keys, planned in the order their joins are written.

A page's rows are read by their keys once the keys are known (``cases.views.paging``, the
workbench, the notifications panel): a handful of cases, each with its one office, officer,
workflow record (seven tables, one of which holds it) and the parties those name. Every
join is to at most one row, by a primary key, so the order the query writes them in is
the best there is; but PostgreSQL searches every order of up to ``join_collapse_limit``
(8) tables all the same: at 1,000,000 cases the case list's rows took 11 ms to plan and
3 ms to run, the workbench's notifications 10 ms and 1 ms. With the limit at 1 for those
reads alone they plan in 4 ms and 1 ms and run no slower (decision 113). Every other
query keeps the planner's full search.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def joins_as_written() -> Iterator[None]:
    """Within the block, PostgreSQL joins tables in the order the queries write them
    (``join_collapse_limit`` 1; back to the session's own value after). Nothing elsewhere."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET join_collapse_limit = 1")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET join_collapse_limit")
