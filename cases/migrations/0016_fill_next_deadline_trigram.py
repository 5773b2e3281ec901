"""Fill Case.next_deadline(_at) from the running clocks; on PostgreSQL, trigram indexes
for the case list's text search (party names, case numbers, causes)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

FILL_SQL = """
UPDATE cases_case AS c SET next_deadline_id = d.id, next_deadline_at = d.due_at
FROM (
    SELECT DISTINCT ON (case_id) case_id, id, due_at FROM cases_deadline
    WHERE status = 'open' ORDER BY case_id, due_at, id
) AS d
WHERE d.case_id = c.id
"""

# icontains on PostgreSQL is UPPER(col::text) LIKE UPPER(%s): the indexes are on that
# expression so that the planner can use them.
TRIGRAM_INDEXES = {
    "party_name_trgm": "cases_party", "case_number_trgm": "cases_case",
    "case_title_trgm": "cases_case",
}
COLUMNS = {"party_name_trgm": "name", "case_number_trgm": "number",
           "case_title_trgm": "title"}


def fill(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_SQL)
        return
    Case = apps.get_model("cases", "Case")
    Deadline = apps.get_model("cases", "Deadline")
    nearest: dict[int, Any] = {}
    for d in Deadline.objects.filter(status="open").order_by("case_id", "due_at", "id"):
        nearest.setdefault(d.case_id, d)
    for case_id, d in nearest.items():
        Case.objects.filter(pk=case_id).update(next_deadline_id=d.pk, next_deadline_at=d.due_at)


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
    dependencies = [("cases", "0015_case_next_deadline")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(trigram, drop_trigram),
    ]
