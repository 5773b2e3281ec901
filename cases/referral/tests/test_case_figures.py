"""A ruling or mediation case records the figures its investigation found; they are
judged against the thresholds in force on the day the case was received, and a case over
one is flagged on its page, on the workbench and in the case list."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cases.errors import OutOfScope, TransitionNotAllowed
from cases.referral.models import CaseFigures, ThresholdFlag
from cases.referral.services import record_figures
from cases.ruling.models import CaseState
from cases.services.runner import lock_case
from mediation.tests.driver import MediationDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
FLAG = "涉嫌犯罪，应当移送"


def _record(case, actor, **figures):
    with transaction.atomic():
        return record_figures(case=lock_case(case.pk, actor), actor=actor, figures=figures)


def test_figures_over_a_threshold_flag_a_ruling_case_and_lower_ones_clear_it(ruling, personas):
    case = ruling.bring_to(CaseState.INVESTIGATION)
    _record(case, personas.officer, illegal_turnover="250000")
    flag = ThresholdFlag.objects.get(case=case)
    assert flag.summary.startswith("刑法第二百一十六条") and "¥250,000 ≥ ¥200,000" in flag.summary
    assert flag.judged_on == case.received_on
    event = case.events.get(name="figures_recorded")
    assert (event.actor, event.payload["after"]) == (personas.officer,
                                                    {"illegal_turnover": "250000"})
    _record(case, personas.officer, illegal_turnover="150000")
    assert not ThresholdFlag.objects.filter(case=case).exists()
    assert case.events.filter(name="threshold_cleared").exists()
    assert CaseFigures.objects.get(case=case).recorded_by == personas.officer


def test_who_may_record_and_what(ruling, personas):
    case = ruling.bring_to(CaseState.INVESTIGATION)
    with pytest.raises(PermissionDenied):
        _record(case, personas.legal, illegal_gain="1")
    with pytest.raises(OutOfScope):
        _record(case, personas.outsider, illegal_gain="1")
    with pytest.raises(ValidationError):
        _record(case, personas.officer, illegal_gain="-1")
    with pytest.raises(ValidationError):
        _record(case, personas.officer, facts="x")
    _record(case, personas.head, loss_amount="600000")
    assert ThresholdFlag.objects.filter(case=case).exists()
    assert not CaseFigures.objects.filter(case=case, illegal_gain__isnull=False).exists()


def test_a_finished_case_keeps_its_figures(ruling, personas):
    case = ruling.bring_to(CaseState.WITHDRAWN)
    with pytest.raises(TransitionNotAllowed):
        _record(case, personas.officer, illegal_turnover="250000")


def test_a_referral_records_no_figures_of_its_own(personas, referral_driver):
    referral = referral_driver.referral()
    with pytest.raises(TransitionNotAllowed):
        _record(referral, personas.head, illegal_turnover="1")


def test_the_flag_shows_on_the_page_the_workbench_and_the_list(ruling, personas, client):
    case = ruling.bring_to(CaseState.INVESTIGATION)
    client.force_login(personas.officer)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="figures-form"' in page and FLAG not in page
    response = client.post(f"/cases/{case.pk}/figures/", {"illegal_turnover": "250000",
                                                           "marks_count": "1"})
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert FLAG in page and "¥250,000 ≥ ¥200,000" in page
    for url in ("/", f"/cases/?q={case.number}"):
        html = client.get(url).content.decode()
        rows = [r for r in html.split("<tr")[1:] if case.number in r]
        assert rows and FLAG in rows[0], url
    # Bad input: a message, nothing changed.
    client.post(f"/cases/{case.pk}/figures/", {"illegal_turnover": "abc", "marks_count": "1"})
    assert CaseFigures.objects.get(case=case).illegal_turnover == 250000
    client.force_login(personas.legal)
    assert client.post(f"/cases/{case.pk}/figures/",
                       {"illegal_turnover": "1", "marks_count": "1"}).status_code == 403


def test_a_mediation_case_records_figures_through_the_api(personas, offices, calendar_2026,
                                                         deadline_rules, thresholds,
                                                         time_machine, client):
    time_machine.move_to(datetime(2026, 4, 20, 9, 0, tzinfo=SHANGHAI), tick=False)
    case = MediationDriver(personas, offices.nanning).new()
    client.force_login(personas.officer)
    response = client.post(f"/api/v1/cases/{case.pk}/figures/",
                           {"loss_amount": "600000"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["threshold_flag"].startswith("刑法第二百一十六条")
    assert ThresholdFlag.objects.filter(case=case).exists()
