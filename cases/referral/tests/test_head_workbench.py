"""The head's workbench tells him what waits for his decision in an approval stage."""

from __future__ import annotations

from django.test import Client


def test_a_referral_waiting_for_the_heads_approval_is_on_his_approvals_card(
        referral_driver, personas):
    """A referral reported for approval waits in 待负责人审批 with no approval request;
    the card said 没有待您审批的事项 above it."""
    client = Client()
    client.force_login(personas.head)
    html = client.get("/").content.decode()
    assert 'id="awaiting-decision"' not in html and "没有待您审批的事项" in html
    referral_driver.referral_in("pending_approval")
    response = client.get("/")
    html = response.content.decode()
    assert response.context["awaiting_decision"] == 1
    assert 'id="awaiting-decision"' in html and "有1件案件处于待审批阶段" in html
    assert "没有待您审批的事项" not in html
    assert 'href="?state=pending_approval"' in html
