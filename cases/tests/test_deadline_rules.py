"""Versioned time-limit rules: which version is in force, and seeding that respects edits."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from cases.models import DeadlineRule
from cases.models.deadline_rules import RuleNotConfigured
from cases.services.deadline_rules import DEFAULT_RULES, SINCE, seed_deadline_rules

CODE = "ruling.answer_period"


def _version(effective_from: date, amount: int, **extra) -> DeadlineRule:
    return DeadlineRule.objects.create(
        code=CODE, workflow="ruling", name="答辩期", amount=amount, unit="days",
        legal_basis="测试", effective_from=effective_from, **extra)


@pytest.fixture
def two_versions(db):
    old = _version(date(2015, 7, 1), 15)
    new = _version(date(2025, 3, 1), 20)
    return old, new


def test_the_newer_version_applies_from_its_effective_date(two_versions):
    old, new = two_versions
    assert DeadlineRule.objects.in_force(CODE, date(2025, 2, 28)) == old
    assert DeadlineRule.objects.in_force(CODE, date(2025, 3, 1)) == new
    assert DeadlineRule.objects.in_force(CODE, date(2026, 1, 1)).amount == 20


def test_an_inactive_or_expired_version_is_skipped(two_versions):
    old, new = two_versions
    new.is_active = False
    new.save()
    assert DeadlineRule.objects.in_force(CODE, date(2026, 1, 1)) == old
    new.is_active = True
    new.effective_until = date(2025, 12, 31)
    new.save()
    assert DeadlineRule.objects.in_force(CODE, date(2025, 12, 31)) == new
    assert DeadlineRule.objects.in_force(CODE, date(2026, 1, 1)) == old


def test_nothing_in_force_names_the_code(two_versions):
    with translation.override("en"), pytest.raises(RuleNotConfigured) as exc:
        DeadlineRule.objects.in_force(CODE, date(2010, 1, 1))
    assert CODE in str(exc.value) and "2010-01-01" in str(exc.value)
    with pytest.raises(RuleNotConfigured) as exc:
        DeadlineRule.objects.in_force("referral.no_such_rule", date(2026, 1, 1))
    assert "referral.no_such_rule" in str(exc.value)


def test_clean_refuses_a_zero_amount_and_a_backwards_validity(db):
    rule = DeadlineRule(code=CODE, workflow="ruling", name="x", amount=0, unit="days",
                        legal_basis="x", effective_from=date(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        rule.full_clean()
    assert "amount" in exc.value.message_dict
    rule.amount = 15
    rule.effective_until = date(2025, 12, 31)
    with pytest.raises(ValidationError) as exc:
        rule.full_clean()
    assert "effective_until" in exc.value.message_dict


def test_two_versions_on_the_same_day_are_refused(two_versions):
    duplicate = DeadlineRule(code=CODE, workflow="ruling", name="x", amount=30, unit="days",
                             legal_basis="x", effective_from=date(2025, 3, 1))
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_seeding_is_idempotent_and_keeps_an_edited_amount(db):
    assert seed_deadline_rules() == len(DEFAULT_RULES)
    assert seed_deadline_rules() == 0
    assert DeadlineRule.objects.count() == len(DEFAULT_RULES)
    rule = DeadlineRule.objects.get(code="ruling.overall_limit", effective_from=SINCE)
    rule.amount = 4
    rule.save()
    seed_deadline_rules()
    rule.refresh_from_db()
    assert rule.amount == 4
    assert DeadlineRule.objects.filter(code="ruling.overall_limit").count() == 1


def test_the_seeded_legal_bases_are_in_chinese_punctuation_and_an_upgrade_rewrites_them(db):
    """The case page printed "《专利行政执法办法》(2015) 第十条" under each deadline. The
    defaults are shipped full-width; seeding again rewrites a basis an earlier seed
    stored half-width, and keeps one an administrator edited."""
    from cases.punctuation import full_width

    for default in DEFAULT_RULES:
        basis = default["legal_basis"]
        assert full_width(basis) == basis and not set("(),:;") & set(basis), basis
    seed_deadline_rules()
    rule = DeadlineRule.objects.get(code="ruling.acceptance_decision", effective_from=SINCE)
    assert rule.legal_basis.startswith("《专利行政执法办法》（2015）第十条；")
    shipped = rule.legal_basis
    as_seeded_before = ("《专利行政执法办法》(2015) 第十条；"
                        "《专利纠纷行政裁决和调解办法》(2025，待核实)")
    DeadlineRule.objects.filter(pk=rule.pk).update(legal_basis=as_seeded_before)
    edited = DeadlineRule.objects.get(code="ruling.answer_copy", effective_from=SINCE)
    edited.legal_basis = "本局规定 (2026)"
    edited.save()
    seed_deadline_rules()
    assert DeadlineRule.objects.get(pk=rule.pk).legal_basis == shipped
    assert DeadlineRule.objects.get(pk=edited.pk).legal_basis == "本局规定 (2026)"


def test_every_default_has_a_legal_basis_and_a_valid_unit(db):
    seed_deadline_rules()
    for rule in DeadlineRule.objects.all():
        rule.full_clean()
        assert rule.legal_basis.strip()


def test_a_rule_computes_its_due_date_on_the_calendar(db, calendar_2026):
    seed_deadline_rules()
    rule = DeadlineRule.objects.in_force("ruling.acceptance_decision", date(2026, 9, 28))
    assert rule.due(date(2026, 9, 28)) == date(2026, 10, 10)


def test_a_dotted_code_passes_validation_and_a_malformed_one_does_not(db):
    rule = DeadlineRule(code="ruling.answer_period", workflow="ruling", name="x", amount=15,
                        unit="days", legal_basis="x", effective_from=date(2026, 1, 1))
    rule.full_clean()  # the admin form runs exactly this on save
    for bad in ("Ruling.Answer", "ruling..answer", "ruling answer", ""):
        rule.code = bad
        with pytest.raises(ValidationError) as exc:
            rule.full_clean()
        assert "code" in exc.value.message_dict, bad


def test_a_missing_rule_is_a_does_not_exist_naming_the_code(db):
    from django.core.exceptions import ObjectDoesNotExist

    with pytest.raises(DeadlineRule.DoesNotExist) as exc:
        DeadlineRule.objects.in_force("ruling.answer_period", date(2026, 1, 1))
    assert isinstance(exc.value, ObjectDoesNotExist)
    assert exc.value.code == "ruling.answer_period"  # type: ignore[attr-defined]


def test_validation_messages_name_the_field_and_the_rule(db):
    rule = DeadlineRule(code=CODE, workflow="ruling", name="x", amount=0, unit="days",
                        legal_basis="x", effective_from=date(2026, 1, 1),
                        effective_until=date(2026, 1, 1))
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            rule.full_clean()
        # Messages are lazy: read them while English is active.
        errors = exc.value.message_dict
        assert "positive number of days" in errors["amount"][0]
        # A version must be valid for at least one day after it starts.
        assert "must be after" in errors["effective_until"][0]
        assert "2026-01-01" in errors["effective_until"][0]


def test_the_seeded_codes_are_the_ones_the_workflows_use(db):
    seed_deadline_rules()
    expected = {
        "ruling.acceptance_decision": (5, "working_days"),
        "ruling.serve_respondent": (5, "working_days"),
        "ruling.answer_period": (15, "days"),
        "ruling.answer_copy": (5, "working_days"),
        "ruling.hearing_notice": (3, "working_days"),
        "ruling.overall_limit": (3, "months"),
        "ruling.extension": (1, "months"),
        "ruling.suit_period": (15, "days"),
        "ruling.demand_wait": (10, "days"),
        "ruling.enforcement_window": (3, "months"),
        "mediation.respondent_answer": (15, "days"),
        "mediation.session_limit": (30, "days"),
        "mediation.extension": (15, "days"),
        "confirmation.filing": (30, "days"),
        "confirmation.court_acceptance": (3, "days"),
        "confirmation.court_decision": (30, "days"),
        "referral.approval": (3, "days"),
        "referral.send": (24, "hours"),
        "referral.police_filing": (3, "days"),
        "referral.police_filing_economic": (10, "days"),
        "referral.police_filing_complex": (30, "days"),
        "referral.reconsideration": (3, "days"),
        "referral.exhibits_handover": (3, "days"),
        "referral.police_filing_extension": (30, "days"),
        "referral.reconsideration_answer": (3, "days"),
        "complaint.decision": (7, "working_days"),
        "complaint.tipoff_verification": (15, "working_days"),
        "complaint.tipoff_extension": (15, "working_days"),
        "general.public_notice_service": (30, "days"),
        "general.reconsideration_period": (60, "days"),  # remedy notices (不予受理)
        "general.suit_period": (6, "months"),
    }
    got = {r.code: (r.amount, r.unit) for r in DeadlineRule.objects.all()}
    assert got == expected
    for rule in DeadlineRule.objects.all():
        assert rule.workflow == rule.code.split(".")[0]
        assert rule.effective_from == SINCE


def test_the_24_hour_referral_limit_is_exact(db):
    from datetime import UTC, datetime, timedelta

    seed_deadline_rules()
    rule = DeadlineRule.objects.in_force("referral.send", date(2026, 9, 30))
    approved = datetime(2026, 9, 30, 10, 15, tzinfo=UTC)  # the eve of National Day
    assert rule.due(approved) == approved + timedelta(hours=24)
