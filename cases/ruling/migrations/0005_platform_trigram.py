"""On PostgreSQL, a trigram index for the case list's text search of a ruling's online
platform (the workflow's search field); nothing elsewhere."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def trigram(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    # icontains is UPPER(col::text) LIKE UPPER(%s): the index is on that expression.
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS ruling_platform_trgm ON ruling_rulingcase "
        "USING gin ((UPPER(platform::text)) gin_trgm_ops)")


def drop_trigram(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS ruling_platform_trgm")


class Migration(migrations.Migration):
    dependencies = [("ruling", "0004_remove_amount_claimed"), ("cases", "0018_trigram_indexes")]

    operations = [migrations.RunPython(trigram, drop_trigram)]
