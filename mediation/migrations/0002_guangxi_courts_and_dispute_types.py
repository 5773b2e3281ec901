"""Seed the courts of Guangxi and the mediable dispute types (reference data)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from mediation.reference_data import COURTS, DISPUTE_TYPES


def seed(apps: Any, schema_editor: Any) -> None:
    Court = apps.get_model("mediation", "Court")  # noqa: N806
    DisputeType = apps.get_model("mediation", "DisputeType")  # noqa: N806
    for court in COURTS:
        Court.objects.get_or_create(name=court["name"], defaults=court)
    for dispute in DISPUTE_TYPES:
        DisputeType.objects.get_or_create(code=dispute["code"], defaults=dispute)


class Migration(migrations.Migration):
    dependencies = [("mediation", "0001_mediation_and_confirmation")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
