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


def test_the_seeded_thresholds_cite_their_basis_in_chinese_punctuation_and_an_upgrade_rewrites_it(
        db):
    """The seed printed "(法释〔2004〕19号) 第一条" on the case page and in every referral
    (decision 85 converted it in documents only). It is shipped full-width now, and
    seed_defaults rewrites a basis an earlier seed stored half-width, not an edited one."""
    from cases.punctuation import full_width
    from cases.referral.seeds import DEFAULT_THRESHOLDS

    for default in DEFAULT_THRESHOLDS:
        basis = default["legal_basis"]
        assert full_width(basis) == basis and not set("(),:;") & set(basis), basis
    call_command("seed_defaults", stdout=StringIO())
    seeded = ThresholdRule.objects.get(code="cl213.turnover", effective_until__isnull=False)
    assert seeded.legal_basis.endswith("（法释〔2004〕19号）第一条")
    shipped = seeded.legal_basis
    ThresholdRule.objects.filter(pk=seeded.pk).update(
        legal_basis=shipped.replace("（", "(").replace("）", ") "))
    edited = ThresholdRule.objects.get(code="cl213.gain", effective_until__isnull=False)
    edited.legal_basis = "法释〔2004〕19号 (本局核实)"
    edited.save()
    call_command("seed_defaults", stdout=StringIO())
    assert ThresholdRule.objects.get(pk=seeded.pk).legal_basis == shipped
    assert ThresholdRule.objects.get(pk=edited.pk).legal_basis == "法释〔2004〕19号 (本局核实)"
