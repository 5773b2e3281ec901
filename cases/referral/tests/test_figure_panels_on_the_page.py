"""The figures and threshold panels of the case page as a user meets them: refused figures
come back as typed with each field's message, a closed case answers 409, the threshold
panel's heading is said once, and a figure in yuan says its unit once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.models import Case
from cases.referral.models import CaseFigures, ThresholdRule
from cases.referral.thresholds import judge
from cases.ruling.models import CaseState

pytestmark = pytest.mark.django_db
HEADING = "涉嫌犯罪，应当移送"


def _section(page: str, name: str) -> str:
    """The panel ``name`` of the case page, from its card to the end of it."""
    assert f'aria-labelledby="{name}-title"' in page, name
    return page.split(f'aria-labelledby="{name}-title"', 1)[1].split("</section>", 1)[0]


def _input(html: str, name: str) -> str:
    return "<input" + html.split(f'name="{name}"', 1)[0].rsplit("<input", 1)[1] \
        + f'name="{name}"' + html.split(f'name="{name}"', 1)[1].split(">", 1)[0] + ">"


def test_refused_figures_come_back_as_typed_with_each_fields_message(ruling, personas,
                                                                       client):
    case = ruling.bring_to(CaseState.INVESTIGATION)
    client.force_login(personas.officer)
    response = client.post(f"/cases/{case.pk}/figures/", {
        "illegal_turnover": "25万", "illegal_gain": "12345", "loss_amount": "-1"})
    assert response.status_code == 400
    assert not CaseFigures.objects.filter(case=case).exists()
    page = response.content.decode()
    form = _section(page, "figures").split('id="figures-form"', 1)[1].split("</form>", 1)[0]
    # What was typed, the valid figure included, is in the inputs again.
    assert 'value="25万"' in _input(form, "illegal_turnover")
    assert 'value="12345"' in _input(form, "illegal_gain")
    assert 'value="-1"' in _input(form, "loss_amount")
    # Each refused field is marked and its message stands beside it; the valid one is not.
    for name in ("illegal_turnover", "loss_amount"):
        field = _input(form, name)
        assert "is-invalid" in field and f'aria-describedby="id_{name}_errors"' in field
        assert f'id="id_{name}_errors"' in form
    assert "is-invalid" not in _input(form, "illegal_gain")
    assert "id_illegal_gain_errors" not in form
    turnover_error = form.split('id="id_illegal_turnover_errors"', 1)[1].split("</div>", 1)[0]
    assert "输入一个数字" in turnover_error
    loss_error = form.split('id="id_loss_amount_errors"', 1)[1].split("</div>", 1)[0]
    assert "0" in loss_error and "输入一个数字" not in loss_error
    # The message at the top still names the fields.
    assert "非法经营数额（元）：输入一个数字" in page.split('id="figures-form"', 1)[0]
    # A fresh page shows the form as recorded (nothing): the typed values are not kept.
    fresh = _section(client.get(f"/cases/{case.pk}/").content.decode(), "figures")
    assert "25万" not in fresh and "12345" not in fresh and "is-invalid" not in fresh


def test_a_refusal_of_another_panel_shows_the_figures_form_as_recorded(ruling, personas,
                                                                      client):
    """Only the figures' own refusal brings its form back as sent: the head's empty reason
    for not referring (a 400 of the threshold panel) shows the figures as recorded."""
    case = ruling.bring_to(CaseState.INVESTIGATION)
    client.force_login(personas.officer)
    assert client.post(f"/cases/{case.pk}/figures/",
                       {"illegal_turnover": "250000"}).status_code == 302
    client.force_login(personas.head)
    response = client.post(f"/cases/{case.pk}/threshold/waive/", {"reason": ""})
    assert response.status_code == 400
    form = _section(response.content.decode(), "figures")
    assert 'value="250000.00"' in _input(form, "illegal_turnover")
    assert "is-invalid" not in form


def test_a_closed_case_refuses_figures_with_409_and_says_why(ruling, personas, client):
    case = ruling.bring_to(CaseState.WITHDRAWN)
    closed_on = Case.objects.get(pk=case.pk).closed_on
    client.force_login(personas.officer)
    for data in ({"illegal_turnover": "250000"}, {"illegal_turnover": "abc"}):
        response = client.post(f"/cases/{case.pk}/figures/", data)
        assert response.status_code == 409, data
        assert f"本案已于{closed_on:%Y-%m-%d}结案，不能再记录涉案数额。" \
            in response.content.decode()
    # The API of the same figures answers alike.
    response = client.post(f"/api/v1/cases/{case.pk}/figures/",
                           {"illegal_turnover": "250000"}, content_type="application/json")
    assert response.status_code == 409, response.content
    assert "不能再记录涉案数额" in response.json()["detail"]
    assert not CaseFigures.objects.filter(case=case).exists()
    # Whoever may not record them is still refused for that (403), closed or not.
    client.force_login(personas.legal)
    assert client.post(f"/cases/{case.pk}/figures/",
                       {"illegal_turnover": "1"}).status_code == 403


def test_a_closed_complaint_refuses_figures_through_the_api_with_409(referral_driver, personas,
                                                                     client):
    driver = referral_driver
    case = driver.complaint(figures={"illegal_turnover": 1_000})
    driver.act(case, "not_accept")
    driver.act(case, "record_reply")
    assert not Case.objects.get(pk=case.pk).is_open
    client.force_login(personas.officer)
    response = client.post(f"/api/v1/cases/{case.pk}/figures/",
                           {"illegal_turnover": "80000"}, content_type="application/json")
    assert response.status_code == 409, response.content
    assert "不能再记录涉案数额" in response.json()["detail"]


def test_the_threshold_heading_is_said_once(referral_driver, personas, client):
    driver = referral_driver
    origin = driver.complaint(figures={"illegal_turnover": 80_000})
    client.force_login(personas.head)
    url = reverse("case-detail", args=[origin.pk])
    panel = _section(client.get(url).content.decode(), "threshold")
    assert panel.count(HEADING) == 1
    # Referred: the origin's panel says so under the one heading, and the referral opened
    # from it shows its thresholds without the heading of a panel it does not have.
    driver.act(origin, "refer_to_police")
    referral = Case.objects.get(origin=origin, workflow="referral")
    page = client.get(url).content.decode()
    assert _section(page, "threshold").count(HEADING) == 1
    assert "移送公安" in _section(page, "threshold") or "已移送" in _section(page, "threshold")
    referral_page = client.get(reverse("case-detail", args=[referral.pk])).content.decode()
    assert 'aria-labelledby="threshold-title"' not in referral_page
    assert referral_page.count(HEADING) <= 1


def test_a_figure_in_yuan_says_its_unit_once(referral_driver, personas, client):
    driver = referral_driver
    origin = driver.complaint(figures={"illegal_turnover": 80_000})
    client.force_login(personas.head)
    page = client.get(reverse("case-detail", args=[origin.pk])).content.decode()
    hits = _section(page, "threshold")
    assert "刑法第二百一十三条：非法经营数额 ¥80,000 ≥ ¥50,000" in hits
    assert "（元）" not in hits and "元元" not in page
    driver.act(origin, "refer_to_police")
    referral = Case.objects.get(origin=origin, workflow="referral")
    page = client.get(reverse("case-detail", args=[referral.pk])).content.decode()
    thresholds = page.split('id="referral-thresholds"', 1)[1].split("</dd>", 1)[0]
    assert "非法经营数额 ¥80,000 ≥ ¥50,000" in thresholds and "（元）" not in thresholds


def test_a_rule_and_a_figure_name_the_unit_once(db):
    rule = ThresholdRule(code="cl213.turnover", offence="213", article="刑法第二百一十三条",
                         measure="turnover", amount=Decimal(50_000),
                         effective_from=date(2004, 12, 22), legal_basis="x")
    assert str(rule) == "刑法第二百一十三条 非法经营数额 ≥ ¥50,000"
    copies = ThresholdRule(code="cl217.copies", offence="217", article="刑法第二百一十七条",
                           measure="copies", amount=Decimal(500),
                           effective_from=date(2004, 12, 22), legal_basis="x")
    assert str(copies) == "刑法第二百一十七条 复制品数量 ≥ 500"
    [hit] = judge([rule], {"turnover": 80_000}, on=date(2024, 5, 1))
    assert str(hit) == "刑法第二百一十三条：非法经营数额 ¥80,000 ≥ ¥50,000"


def test_the_pages_show_legal_text_typed_in_half_width_as_the_documents_print_it(
        referral_driver, personas, client):
    """A legal basis stored in half-width punctuation (as the seeds stored them before, as
    an administrator may type one, as a flag recorded it when raised) shows on the case
    page, its referral and the deadlines as the documents print it."""
    from cases.models import DeadlineRule

    driver = referral_driver
    ThresholdRule.objects.filter(effective_until__isnull=True).update(
        legal_basis="《解释》(法释〔2025〕5号) 第一条")
    DeadlineRule.objects.update(legal_basis="《办法》(2019) 第十五条")
    origin = driver.complaint(figures={"illegal_turnover": 80_000})
    client.force_login(personas.head)
    page = client.get(reverse("case-detail", args=[origin.pk])).content.decode()
    assert "《解释》（法释〔2025〕5号）第一条" in _section(page, "threshold")
    assert "《办法》（2019）第十五条" in page
    assert "(法释" not in page and "(2019)" not in page
    dashboard = client.get(reverse("referral-dashboard")).content.decode()
    assert "（法释〔2025〕5号）第一条" in dashboard and "(法释" not in dashboard
    driver.act(origin, "refer_to_police")
    referral = Case.objects.get(origin=origin, workflow="referral")
    page = client.get(reverse("case-detail", args=[referral.pk])).content.decode()
    thresholds = page.split('id="referral-thresholds"', 1)[1].split("</dd>", 1)[0]
    assert "（法释〔2025〕5号）第一条" in thresholds and "(法释" not in thresholds


def test_figures_no_threshold_in_force_judges_are_said_to_be_unjudged(referral_driver,
                                                                      personas, client):
    # Without the thresholds of 法释〔2025〕5号 entered, a tip-off received in 2026 with a
    # turnover far over any threshold got no flag, and nothing said it was not judged.
    from cases.referral.seeds import REPLACED_2025

    ThresholdRule.objects.filter(effective_from__gt=REPLACED_2025).delete()
    unjudged = referral_driver.complaint(kind="tip_off", figures={"illegal_turnover": 60_000},
                                         received_on=date(2026, 2, 10))
    client.force_login(personas.officer)
    page = client.get(reverse("case-detail", args=[unjudged.pk])).content.decode()
    assert HEADING not in page
    panel = _section(page, "threshold_unjudged")
    assert "案件收到之日（2026-02-10）没有有效的" in panel and "假冒注册商标罪" in panel
    # Judged in 2025 by the rules then in force: the flag, and no such panel.
    judged = referral_driver.complaint(kind="tip_off", figures={"illegal_turnover": 60_000},
                                       received_on=date(2025, 3, 3))
    page = client.get(reverse("case-detail", args=[judged.pk])).content.decode()
    assert HEADING in page and 'aria-labelledby="threshold_unjudged-title"' not in page
    # Without figures there is nothing to judge, and nothing to say.
    bare = referral_driver.complaint(kind="tip_off", received_on=date(2026, 2, 10))
    page = client.get(reverse("case-detail", args=[bare.pk])).content.decode()
    assert 'aria-labelledby="threshold_unjudged-title"' not in page
