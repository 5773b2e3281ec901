"""Administrators version the thresholds in the admin; officers only read them."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from cases.referral.models import ThresholdRule

PASSWORD = "correct-horse-battery"  # noqa: S105 - the factories' test password


def test_seed_defaults_seeds_the_thresholds_once(db):
    out = StringIO()
    call_command("seed_defaults", stdout=out)
    assert "新增刑事追诉标准：19条" in out.getvalue()
    call_command("seed_defaults", stdout=out)
    assert "新增刑事追诉标准：0条" in out.getvalue()


def test_an_administrator_adds_a_new_version_and_an_officer_only_reads(client, personas):
    add = reverse("admin:referral_thresholdrule_add")
    client.login(username=personas.admin.username, password=PASSWORD)
    response = client.post(add, {
        "code": "cl213.turnover", "offence": "213", "article": "刑法第二百一十三条",
        "measure": "turnover", "amount": "100000", "group": "main", "any_one_suffices": "on",
        "effective_from": "2025-04-26", "legal_basis": "法释〔2025〕5号", "is_active": "on",
    })
    assert response.status_code == 302
    assert ThresholdRule.objects.get(code="cl213.turnover").amount == 100000
    client.logout()
    client.login(username=personas.officer.username, password=PASSWORD)
    assert client.get(reverse("admin:referral_thresholdrule_changelist")).status_code == 200
    assert client.get(add).status_code == 403
