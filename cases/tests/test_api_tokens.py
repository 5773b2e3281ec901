"""API tokens: created on the profile page (shown once) or by an administrator, stored
hashed, expiring, revocable; unauthenticated API calls get 401 with a challenge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _create_on_page(client, user, days=30):
    client.force_login(user)
    page = client.post("/accounts/tokens/", {"days": days})
    assert page.status_code == 200
    return page.context["new_token"], page


def test_unauthenticated_api_calls_get_401_with_a_challenge(client):
    resp = client.get("/api/v1/cases/")
    assert resp.status_code == 401
    assert resp.headers["WWW-Authenticate"].startswith("Token")
    assert resp.json()["code"] == "not_authenticated"


def test_a_token_made_on_the_profile_page_works_and_is_stored_hashed(client, personas):
    token, page = _create_on_page(client, personas.officer)
    assert token in page.content.decode()
    stored = AuthToken.objects.get(user=personas.officer)
    assert token not in (stored.digest, stored.token_key)
    assert stored.expiry - timezone.now() > timedelta(days=29)
    api = APIClient()
    resp = api.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {token}")
    assert resp.status_code == 200
    # Shown once: the list page names the token by its first characters only.
    listing = client.get("/accounts/tokens/").content.decode()
    assert stored.token_key in listing and token not in listing


def test_a_revoked_or_expired_token_is_refused(client, personas):
    token, _page = _create_on_page(client, personas.officer)
    key = AuthToken.objects.get(user=personas.officer).token_key
    api = APIClient()
    assert client.post(f"/accounts/tokens/{key}/revoke/").status_code == 302
    assert api.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401

    token, _page = _create_on_page(client, personas.officer)
    AuthToken.objects.filter(user=personas.officer).update(
        expiry=timezone.now() - timedelta(minutes=1))
    assert api.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401


def test_nobody_revokes_another_users_token(client, personas):
    _create_on_page(client, personas.officer)
    key = AuthToken.objects.get(user=personas.officer).token_key
    client.force_login(personas.officer2)
    assert client.post(f"/accounts/tokens/{key}/revoke/").status_code == 404
    assert AuthToken.objects.filter(user=personas.officer).exists()


def test_the_validity_is_bounded(client, personas):
    client.force_login(personas.officer)
    assert client.post("/accounts/tokens/", {"days": 10000}).status_code == 400
    assert client.post("/accounts/tokens/", {"days": 0}).status_code == 400
    assert not AuthToken.objects.exists()


def test_an_administrator_issues_a_token_for_a_user(client, personas):
    client.force_login(personas.admin)
    expiry = (timezone.now() + timedelta(days=7)).astimezone()
    resp = client.post("/admin/knox/authtoken/add/", {
        "user": personas.officer.pk,
        "expiry_0": expiry.strftime("%Y-%m-%d"), "expiry_1": expiry.strftime("%H:%M:%S"),
    }, follow=True)
    assert resp.status_code == 200
    shown = [str(m) for m in resp.context["messages"]]
    stored = AuthToken.objects.get(user=personas.officer)
    token = next(word for m in shown for word in m.replace("：", " ").split()
                 if word.startswith(stored.token_key))
    api = APIClient()
    assert api.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {token.rstrip('。.')}"
                   ).status_code == 200


def test_a_token_issued_without_an_expiry_still_expires(client, personas, settings):
    client.force_login(personas.admin)
    resp = client.post("/admin/knox/authtoken/add/", {"user": personas.officer.pk,
                                                      "expiry_0": "", "expiry_1": ""})
    assert resp.status_code == 302
    expiry = AuthToken.objects.get(user=personas.officer).expiry
    assert expiry is not None
    assert expiry - timezone.now() > settings.REST_KNOX["TOKEN_TTL"] - timedelta(minutes=1)


def test_an_administrator_cannot_issue_a_token_beyond_the_maximum_or_already_expired(
        client, personas, settings):
    client.force_login(personas.admin)
    for when, message in ((timezone.now() + timedelta(days=settings.API_TOKEN_MAX_DAYS + 2),
                           "令牌有效期最长为365天。"),
                          (timezone.now() - timedelta(days=1), "失效时间必须晚于现在。")):
        local = when.astimezone()
        resp = client.post("/admin/knox/authtoken/add/", {
            "user": personas.officer.pk,
            "expiry_0": local.strftime("%Y-%m-%d"), "expiry_1": local.strftime("%H:%M:%S")})
        assert resp.status_code == 200
        assert resp.context["adminform"].form.errors["expiry"] == [message]
    assert not AuthToken.objects.exists()


def test_issuing_and_revoking_tokens_is_in_the_access_log(client, personas):
    from cases.models import AuditAction, AuditEntry

    _create_on_page(client, personas.officer)
    key = AuthToken.objects.get(user=personas.officer).token_key
    issued = AuditEntry.objects.get(action=AuditAction.TOKEN_ISSUED)
    assert (issued.actor, issued.office) == (personas.officer, personas.officer.office)
    assert key in issued.detail
    client.post(f"/accounts/tokens/{key}/revoke/")
    assert AuditEntry.objects.get(action=AuditAction.TOKEN_REVOKED).actor == personas.officer

    client.force_login(personas.admin)
    client.post("/admin/knox/authtoken/add/", {"user": personas.officer2.pk,
                                               "expiry_0": "", "expiry_1": ""})
    token = AuthToken.objects.get(user=personas.officer2)
    entry = AuditEntry.objects.filter(action=AuditAction.TOKEN_ISSUED).first()
    assert entry.actor == personas.admin and "officer2" in entry.detail
    assert token.token_key in entry.detail and token.digest not in entry.detail
    client.post("/admin/knox/authtoken/", {"action": "revoke_tokens",
                                           "_selected_action": [token.pk]})
    assert not AuthToken.objects.exists()
    entry = AuditEntry.objects.filter(action=AuditAction.TOKEN_REVOKED).first()
    assert entry.actor == personas.admin and "officer2" in entry.detail
