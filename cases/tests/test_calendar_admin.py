"""The administrator enters a later year's holidays and make-up working days in the admin,
and edits the time-limit rules there."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.conf import settings
from django.utils import translation

from cases import workdays
from cases.models import CalendarDay, CalendarYear, DeadlineRule
from cases.models.calendar import CalendarSource

YEAR_ADD = "/admin/cases/calendaryear/add/"
RULES = "/admin/cases/deadlinerule/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def _year_post(year: str, days: list[tuple[str, str, str]], **fields: str) -> dict[str, str]:
    data = {"year": year, "complete": "on", "note": "国办发明电〔2026〕", **fields,
            "days-TOTAL_FORMS": str(len(days)), "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000"}
    for i, (day, kind, name) in enumerate(days):
        data.update({f"days-{i}-date": day, f"days-{i}-kind": kind, f"days-{i}-name": name})
    return data


def _errors(response) -> str:
    return response.content.decode()


def test_an_administrator_enters_2027_and_the_clocks_use_it(client, personas, calendar_2026):
    assert workdays.missing_years(date(2027, 1, 1), date(2027, 1, 1)) == [2027]
    client.force_login(personas.admin)
    assert client.get(YEAR_ADD).status_code == 200
    response = client.post(YEAR_ADD, _year_post("2027", [
        ("2027-01-01", "holiday", "元旦"),
        ("2027-02-06", "workday", "春节"),  # a Saturday
        ("2027-02-08", "holiday", "春节"),
    ]))
    assert response.status_code == 302, _errors(response)
    row = CalendarYear.objects.get(year=2027)
    assert row.complete and row.source == CalendarSource.MANUAL
    assert row.entered_by == personas.admin
    assert row.days.count() == 3
    assert workdays.is_working_day(date(2027, 1, 1)) is False
    assert workdays.is_working_day(date(2027, 2, 6)) is True
    # Thu 31 Dec 2026 → Fri 1 Jan 2027 is a holiday, Mon 4 Jan is the first working day.
    assert workdays.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_a_weekday_make_up_day_is_refused_at_its_field(client, personas, calendar_2026):
    client.force_login(personas.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language chosen explicitly
    with translation.override("en"):
        response = client.post(YEAR_ADD, _year_post("2027", [
            ("2027-02-08", "workday", "春节"),  # a Monday
        ]))
    assert response.status_code == 200
    inline = response.context["inline_admin_formsets"][0].formset
    assert "kind" in inline.forms[0].errors
    assert "Saturday or Sunday" in str(inline.forms[0].errors["kind"])
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_day_of_another_year_and_a_duplicate_are_refused(client, personas, calendar_2026):
    client.force_login(personas.admin)
    response = client.post(YEAR_ADD, _year_post("2027", [
        ("2028-01-01", "holiday", "元旦"),
        ("2027-01-01", "holiday", "元旦"),
        ("2027-01-01", "holiday", "元旦"),
    ]))
    assert response.status_code == 200
    forms = response.context["inline_admin_formsets"][0].formset.forms
    assert "date" in forms[0].errors and "2028-01-01" in str(forms[0].errors["date"])
    assert not forms[1].errors
    assert "date" in forms[2].errors
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert not CalendarDay.objects.filter(date__year__in=[2027, 2028]).exists()


def test_correcting_a_seeded_year_makes_it_manual_so_seeding_keeps_it(
        client, personas, calendar_2026):
    from cases.services.calendar import seed_calendar_from_package

    year = CalendarYear.objects.get(year=2026)
    client.force_login(personas.admin)
    days = list(year.days.order_by("date"))
    data = _year_post("2026", [(str(d.date), d.kind, d.name) for d in days]
                      + [("2026-12-31", "holiday", "临时休假")])
    data["days-INITIAL_FORMS"] = str(len(days))
    for i, d in enumerate(days):
        data[f"days-{i}-id"] = str(d.pk)
        data[f"days-{i}-year"] = str(year.pk)
    response = client.post(f"/admin/cases/calendaryear/{year.pk}/change/", data)
    assert response.status_code == 302, _errors(response)
    year.refresh_from_db()
    assert year.source == CalendarSource.MANUAL
    assert workdays.is_working_day(date(2026, 12, 31)) is False
    seed_calendar_from_package([2026])
    assert CalendarDay.objects.filter(date=date(2026, 12, 31)).exists()


def test_other_roles_may_look_but_not_change_the_calendar(client, personas, calendar_2026):
    client.force_login(personas.head)
    assert client.get("/admin/cases/calendaryear/").status_code == 200
    assert client.get(YEAR_ADD).status_code == 403
    assert client.post(YEAR_ADD, _year_post("2027", [])).status_code == 403
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_the_seeded_years_say_where_they_come_from_in_chinese(client, personas, calendar_2026):
    """The list said "chinesecalendar 数据包" and noted "chinesecalendar": a package's name,
    not where the days come from."""
    client.force_login(personas.admin)
    with translation.override(settings.LANGUAGE_CODE):
        page = re.sub(r"<[^>]*>", " ", client.get("/admin/cases/calendaryear/").content.decode())
    assert "chinesecalendar" not in page
    assert page.count("国务院办公厅放假安排（系统内置）") >= 2
    assert set(CalendarYear.objects.values_list("note", flat=True)) == {""}


def test_the_rule_list_filters_and_searches(client, personas, deadline_rules):
    client.force_login(personas.admin)
    listing = client.get(RULES, {"workflow": "referral", "unit": "hours"}).content.decode()
    assert "referral.send" in listing and "referral.approval" not in listing
    found = client.get(RULES, {"q": "答辩"}).content.decode()
    assert "ruling.answer_period" in found and "referral.send" not in found


def test_an_administrator_edits_a_rule_and_the_admin_refuses_a_bad_one(
        client, personas, deadline_rules):
    rule = DeadlineRule.objects.get(code="ruling.overall_limit")
    client.force_login(personas.admin)
    url = f"{RULES}{rule.pk}/change/"
    data = {"code": rule.code, "workflow": rule.workflow, "name": rule.name, "amount": "4",
            "unit": rule.unit, "legal_basis": rule.legal_basis,
            "effective_from": str(rule.effective_from), "effective_until": "",
            "note": "", "is_active": "on"}
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    rule.refresh_from_db()
    assert rule.amount == 4

    response = client.post(url, {**data, "amount": "0", "effective_until": "2009-12-31"})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "amount" in errors and "effective_until" in errors
    rule.refresh_from_db()
    assert rule.amount == 4
