"""The draft ruling's own page and the review page (issue 15, item 5)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from cases.models import CaseEvent
from cases.ruling import review
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def driver(personas, calendar_2026, deadline_rules, time_machine, offices):
    from cases.models import DocumentNumberPrefix

    DocumentNumberPrefix.objects.create(office=offices.nanning, kind="case_number",
                                        prefix="南知案字")
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    return RulingDriver(personas, time_machine)


def test_the_panel_saves_the_draft_on_its_page_then_submits(client, driver, personas):
    case = driver.bring_to("deliberation")
    client.force_login(personas.officer)
    url = reverse("ruling-draft", args=[case.pk])
    page = client.get(url).content.decode()
    assert 'id="draft-form"' in page
    assert f'href="{url}"' in client.get(reverse("case-detail", args=[case.pk])).content.decode()
    resp = client.post(url, {"save": "1", "findings": "被控产品具备全部技术特征。",
                             "draft_outcome": ""})
    assert resp.status_code == 302
    case.ruling.refresh_from_db()
    assert case.ruling.findings == "被控产品具备全部技术特征。"
    assert CaseEvent.objects.get(case=case, name="draft_saved").payload["changed"] == [
        "findings"]
    # Submitting needs the whole draft: a 400 naming the missing parts, nothing changed.
    resp = client.post(url, {"submit": "1", "findings": "被控产品具备全部技术特征。"})
    assert resp.status_code == 400 and "reasoning" in resp.context["form"].errors
    case.refresh_from_db()
    assert case.state == "deliberation"
    data = driver.data_for("submit_for_approval", case)
    resp = client.post(url, {"submit": "1", **data})
    assert resp.status_code == 302
    case.refresh_from_db()
    assert case.state == "pending_approval"
    # Not editable any more; legal staff cannot edit it at all.
    assert client.post(url, {"save": "1", "findings": "x"}).status_code == 409
    client.force_login(personas.legal)
    assert client.get(url).status_code == 403


def test_review_page_shows_the_draft_answer_hearing_and_evidence(client, driver, personas):
    case = driver.bring_to("pending_approval")
    url = reverse("ruling-review", args=[case.pk])
    client.force_login(personas.officer)
    assert client.get(url).status_code == 403
    client.force_login(personas.legal)
    html = client.get(url).content.decode()
    for text in ("被控产品具备权利要求1的全部技术特征。", "根据全面覆盖原则",
                 "被请求人立即停止制造、销售侵权产品。", "被控产品未落入保护范围。",
                 "双方到庭，进行了技术特征比对。", 'id="review-evidence"'):
        assert text in html, text
    assert 'data-action="record_legal_review"' in html
    assert "diff-summary" not in html  # the first review has nothing to compare with
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404


def test_differences_since_the_last_review(client, driver, personas):
    case = driver.bring_to("pending_approval")
    driver.act(case, "record_legal_review", passed="no", opinion="请补充现有技术抗辩的评述。")
    driver.act(case, "return_draft")
    data = driver.data_for("submit_for_approval", case)
    data["reasoning"] = data["reasoning"] + "现有技术抗辩不成立。"
    review.save_draft(case_id=case.pk, actor=personas.officer, data=data)
    driver.act(case, "submit_for_approval", **data)
    client.force_login(personas.head)
    resp = client.get(reverse("ruling-review", args=[case.pk]))
    html = resp.content.decode()
    assert 'id="diff-summary"' in html
    changed = [d.name for d in resp.context["changed"]]
    assert changed == ["reasoning"]
    assert '<ins class="diff-ins">现有技术抗辩不成立。</ins>' in html
    assert "请补充现有技术抗辩的评述。" in html  # the last review's opinion
    # Reviewed again: the head still sees what changed since the round before.
    driver.act(case, "record_legal_review")
    again = client.get(reverse("ruling-review", args=[case.pk]))
    assert [d.name for d in again.context["changed"]] == ["reasoning"]


def test_saving_the_draft_outside_deliberation_is_refused(driver, personas):
    from cases.errors import TransitionNotAllowed

    case = driver.bring_to("pending_approval")
    with pytest.raises(TransitionNotAllowed):
        review.save_draft(case_id=case.pk, actor=personas.officer, data={"findings": "x"})


def test_a_panel_member_with_the_legal_role_does_not_review_their_own_draft(driver,
                                                                             personas):
    """法制审核 is a check by somebody other than the officers who wrote the draft: a
    panel member who also holds the legal staff role may not record it (403), nor is it
    offered; legal staff outside the panel may."""
    from django.contrib.auth.models import Group
    from django.core.exceptions import PermissionDenied

    from cases.models import Role
    from cases.services import runner

    case = driver.bring_to("pending_approval")
    both = personas.officer2  # on the panel
    both.groups.add(Group.objects.get_or_create(name=Role.LEGAL)[0])
    both.__dict__.pop("roles", None)
    assert both.has_role(Role.LEGAL)
    assert "record_legal_review" not in [a.name for a in runner.available_actions(case, both)]
    with pytest.raises(PermissionDenied):
        driver.act(case, "record_legal_review", actor=both)
    case.ruling.refresh_from_db()
    assert case.ruling.legal_reviewer is None
    driver.act(case, "record_legal_review", actor=personas.legal)
    case.ruling.refresh_from_db()
    assert case.ruling.legal_reviewer == personas.legal
