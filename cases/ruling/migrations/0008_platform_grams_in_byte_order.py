"""On PostgreSQL, the index of a ruling's online platform by a text of one or two
characters (0006) in byte order, as cases 0028 makes the case header's and the parties'
(why: there). Nothing elsewhere."""

from __future__ import annotations

import importlib
from typing import Any

from django.db import migrations

grams = importlib.import_module("cases.migrations.0028_grams_in_byte_order")

INDEXES = {"ruling_platform_grams": ("ruling_rulingcase", "UPPER(platform::text)")}


def byte_order(apps: Any, schema_editor: Any) -> None:
    grams.build(schema_editor, INDEXES, ' COLLATE "C"')


def collation_order(apps: Any, schema_editor: Any) -> None:
    grams.build(schema_editor, INDEXES, "")


class Migration(migrations.Migration):
    dependencies = [("ruling", "0007_appraisal"), ("cases", "0028_grams_in_byte_order")]

    operations = [migrations.RunPython(byte_order, collation_order)]
