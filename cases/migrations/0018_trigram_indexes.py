"""On PostgreSQL, trigram indexes for the case list's text search (party names, case
numbers, causes); nothing elsewhere. Its own migration, after the next-deadline fill: an
index cannot be created on a table with updates pending in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# icontains on PostgreSQL is UPPER(col::text) LIKE UPPER(%s): the indexes are on that
# expression so that the planner can use them.
TRIGRAM_INDEXES = {
    "party_name_trgm": "cases_party", "case_number_trgm": "cases_case",
    "case_title_trgm": "cases_case",
}
COLUMNS = {"party_name_trgm": "name", "case_number_trgm": "number",
           "case_title_trgm": "title"}


def trigram(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table in TRIGRAM_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ((UPPER({COLUMNS[name]}::text)) gin_trgm_ops)")


def drop_trigram(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_deadline_provisional_running")]

    operations = [migrations.RunPython(trigram, drop_trigram)]
