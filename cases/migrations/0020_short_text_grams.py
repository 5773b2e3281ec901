"""On PostgreSQL, indexes for the case list's search by a text of one or two characters (a
given name such as 孙勇), which no trigram index serves: ``ipcases_grams(value)`` is the
array of the value's characters and pairs of adjacent characters, and a GIN index over it
finds the rows whose (upper-cased) value holds the text by ``@> ARRAY[UPPER(text)]``
(``cases.selectors.cases.HoldsShortText``). A case's number and cause share one index
(joined by a space, which a stripped text that short never contains). Nothing elsewhere."""

from __future__ import annotations

from typing import Any

from django.db import migrations

# plpgsql: about four times faster per row than the same in SQL (index builds, every
# write). Duplicates are left in: GIN keeps each key once per row.
GRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION ipcases_grams(value text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    grams text[] := '{}';
    n int := length(value);
BEGIN
    FOR i IN 1..n LOOP
        grams := grams || substr(value, i, 1);
        IF i < n THEN
            grams := grams || substr(value, i, 2);
        END IF;
    END LOOP;
    RETURN grams;
END
$$
"""

# The indexed expressions, exactly as HoldsShortText writes them.
GRAM_INDEXES = {
    "party_name_grams": ("cases_party", "UPPER(name::text)"),
    "case_text_grams": ("cases_case", "UPPER(number::text || ' ' || title::text)"),
}


def grams(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(GRAMS_FUNCTION)
    for name, (table, expression) in GRAM_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                              f"USING gin (ipcases_grams({expression}))")
    # The planner's estimate of a match comes from the statistics of the indexed
    # expression, which only ANALYZE gathers (without them it guesses hundreds of rows and
    # reads the case parties whole).
    schema_editor.execute("ANALYZE cases_party, cases_case")


def drop_grams(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in GRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")
    schema_editor.execute("DROP FUNCTION IF EXISTS ipcases_grams(text)")


class Migration(migrations.Migration):
    dependencies = [("cases", "0019_case_open_office_workflow")]

    operations = [migrations.RunPython(grams, drop_grams)]
