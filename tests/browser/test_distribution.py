"""Issue 15 item 6: the head distributes new requests from the distribution page, hands
cases over from the case list in a batch, and changes a case's officer in charge from the
case page; each change is on the timeline with its reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cases.models import Case
from tests.browser.conftest import log_in
from tests.ruling_driver import RulingDriver

pytestmark = pytest.mark.browser


@pytest.fixture
def queue(transactional_db: None, personas: Any, calendar_2026: Any, deadline_rules: Any,
          time_machine: Any, settings: Any, tmp_path: Path) -> list[Case]:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    settings.MEDIA_ROOT = tmp_path
    driver = RulingDriver(personas, time_machine)
    cases = [driver.file(), driver.file(title="侵害外观设计专利权纠纷"), driver.file()]
    # Filed by the registry without an officer in charge.
    Case.objects.filter(pk__in=[c.pk for c in cases[:2]]).update(officer_in_charge=None)
    return cases


def test_head_distributes_and_reassigns(page: Any, live_server: Any, queue: list[Case],
                                        personas: Any) -> None:
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 500 else None)
    p = personas
    first, second, third = queue
    log_in(page, live_server, "head")
    page.click("nav >> text=分案")
    page.wait_for_url("**/cases/distribute/")
    assert page.locator("tbody tr").count() == 2
    assert page.locator("tbody tr", has_text=third.number).count() == 0
    # Submitting without a reason: the summary at the top, the selection kept.
    page.check(f"#case-{first.pk}")
    page.select_option("#id_officer", str(p.officer2.pk))
    page.click("#distribute-submit")
    assert page.locator("#form-errors").is_visible()
    assert page.is_checked(f"#case-{first.pk}")
    page.check("[data-select-all=cases]")
    assert page.is_checked(f"#case-{second.pk}")
    page.select_option("#id_officer", str(p.officer2.pk))
    page.fill("#id_reason", "按承办量分案")
    page.click("#distribute-submit")
    assert page.locator("#messages .alert-success").is_visible()
    assert "每个未结案件都有承办人" in page.inner_text("main")
    assert set(Case.objects.filter(pk__in=[first.pk, second.pk])
               .values_list("officer_in_charge_id", flat=True)) == {p.officer2.pk}

    # The case list: select two cases, hand them to another officer.
    page.goto(f"{live_server.url}/cases/")
    page.locator(f"input[name=cases][value='{first.pk}']").check()
    page.locator(f"input[name=cases][value='{third.pk}']").check()
    page.select_option("#reassign-form select[name=officer]", str(p.officer3.pk))
    page.fill("#reassign-form textarea[name=reason]", "王芳借调，移交张伟")
    page.click("#reassign-form button[type=submit]")
    page.wait_for_url("**/cases/**")
    assert page.locator("#messages .alert-success").is_visible()
    assert set(Case.objects.filter(pk__in=[first.pk, third.pk])
               .values_list("officer_in_charge_id", flat=True)) == {p.officer3.pk}

    # One case from its page; the timeline shows old → new with the reason.
    page.goto(f"{live_server.url}/cases/{second.pk}/")
    page.click("#change-assignment")
    page.select_option("#id_officer_in_charge", str(p.officer.pk))
    page.fill("#id_reason", "李明熟悉该专利技术领域")
    page.click("#assignment-form button[type=submit]")
    page.wait_for_url(f"**/cases/{second.pk}/")
    timeline = page.inner_text("main")
    assert "李明熟悉该专利技术领域" in timeline and "王芳 → 李明" in timeline
    assert errors == []
