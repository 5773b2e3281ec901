"""On PostgreSQL, the index of the case list's search of a ruling's online platform by a
text of one or two characters (``ipcases_grams``, cases 0020); nothing elsewhere."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def grams(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS ruling_platform_grams ON ruling_rulingcase "
        "USING gin (ipcases_grams(UPPER(platform::text)))")
    # The statistics of the indexed expression (the planner's estimate of a match).
    schema_editor.execute("ANALYZE ruling_rulingcase")


def drop_grams(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS ruling_platform_grams")


class Migration(migrations.Migration):
    dependencies = [("ruling", "0005_platform_trigram"), ("cases", "0020_short_text_grams")]

    operations = [migrations.RunPython(grams, drop_grams)]
