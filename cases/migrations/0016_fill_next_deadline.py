"""Fill Case.next_deadline(_at) from the running clocks. (The trigram indexes are a
migration of their own, 0018: on PostgreSQL an index cannot be created on a table with
updates pending in the same transaction.)"""

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


class Migration(migrations.Migration):
    dependencies = [("cases", "0015_case_next_deadline")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
