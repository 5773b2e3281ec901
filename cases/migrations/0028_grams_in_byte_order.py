"""On PostgreSQL, the grams indexes of the case header and the parties (cases 0020; a
ruling's platform: ruling 0008) compare their keys in byte order (``COLLATE "C"``)
instead of the database's collation. The keys are only ever matched whole (``@>``), and
under any deterministic collation two texts are equal exactly when their bytes are, so
the same rows match; but building the index sorts every key, and a collation such as
C.UTF-8 or zh_CN.UTF-8 compares through the C library's ``strcoll``: ``case_text_grams``
over 1,000,000 cases took 47 s to build, 29 s in byte order, which ``generate_cases``
pays and a ``REINDEX`` would. ``HoldsShortText`` writes the same expression. Each index
is built again: about 30 s per million rows, with the table locked against writes
meanwhile. Nothing elsewhere."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# name: (table, the indexed text), as HoldsShortText writes it.
GRAM_INDEXES = {
    "case_text_grams": ("cases_case", "UPPER(number::text || ' ' || title::text)"),
    "party_name_grams": ("cases_party", "UPPER(name::text)"),
}


def build(schema_editor: Any, indexes: dict[str, tuple[str, str]], collate: str) -> None:
    """Each of ``indexes`` built again over ``ipcases_grams(text)``, then ``collate``."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, text) in indexes.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
        schema_editor.execute(f"CREATE INDEX {name} ON {table} "
                              f"USING gin ((ipcases_grams({text}){collate}))")
    # The statistics of the indexed expressions (the planner's estimate of a match).
    schema_editor.execute(f"ANALYZE {', '.join(t for t, _text in indexes.values())}")


def byte_order(apps: Any, schema_editor: Any) -> None:
    build(schema_editor, GRAM_INDEXES, ' COLLATE "C"')


def collation_order(apps: Any, schema_editor: Any) -> None:
    build(schema_editor, GRAM_INDEXES, "")


class Migration(migrations.Migration):
    dependencies = [("cases", "0027_faster_grams")]

    operations = [migrations.RunPython(byte_order, collation_order)]
