"""On PostgreSQL, the index of the case list's search by a right's number (ZL2019 1
1012345.6, or a part of it of three characters or more, the only texts it searches
rights for): a trigram index on ``UPPER(number::text)``, the expression ``icontains``
writes. Without it the search read every right of the province (a sequential scan: 80 ms
of a 110 ms search at 1,000,000 cases and 484,000 rights). Nothing elsewhere."""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDEXES = {"right_number_trgm": "(UPPER(number::text)) gin_trgm_ops"}


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON cases_ipright USING gin ({expression})")
    # The statistics of the indexed expression (the planner's estimate of a match).
    schema_editor.execute("ANALYZE cases_ipright")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0025_notification_kind_calendar_missing")]

    operations = [migrations.RunPython(create, drop)]
