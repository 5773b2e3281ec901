"""A ruling awards no damages (issue 15): the "amount claimed" of ruling requests goes.
An amount already recorded is kept in words at the end of the request's claims, so
nothing the requester asked for is lost; reversing restores the amount from there."""

import re
from decimal import Decimal, InvalidOperation

from django.db import migrations, models

PREFIX = "请求金额："
SUFFIX = "元"


def keep_in_claims(apps, schema_editor):
    RulingCase = apps.get_model("ruling", "RulingCase")
    for ruling in RulingCase.objects.filter(amount_claimed__isnull=False).iterator():
        line = f"{PREFIX}{ruling.amount_claimed}{SUFFIX}"
        claims = ruling.requester_claims or ""
        if line not in claims:
            ruling.requester_claims = f"{claims.rstrip()}\n{line}" if claims.strip() else line
            ruling.save(update_fields=["requester_claims"])


def restore_amount(apps, schema_editor):
    RulingCase = apps.get_model("ruling", "RulingCase")
    pattern = re.compile(rf"\n?{PREFIX}([0-9.]+){SUFFIX}$")
    for ruling in RulingCase.objects.filter(requester_claims__contains=PREFIX).iterator():
        found = pattern.search(ruling.requester_claims)
        if not found:
            continue
        try:
            ruling.amount_claimed = Decimal(found.group(1))
        except InvalidOperation:
            continue
        ruling.requester_claims = ruling.requester_claims[:found.start()]
        ruling.save(update_fields=["amount_claimed", "requester_claims"])


class Migration(migrations.Migration):

    dependencies = [
        ("ruling", "0003_hearing_attendance"),
    ]

    operations = [
        migrations.RunPython(keep_in_claims, restore_amount),
        migrations.RemoveField(model_name="rulingcase", name="amount_claimed"),
    ]
