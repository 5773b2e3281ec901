"""Login throttling (django-axes): per login and per address, for the login form and the
API's HTTP Basic; an administrator unlocks; the messages are Chinese."""

from __future__ import annotations

import base64

import pytest
from axes.models import AccessAttempt
from django.conf import settings

PASSWORD = "correct-horse-battery"  # noqa: S105 - the factories' test password

pytestmark = pytest.mark.django_db


def _form_login(client, username, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password},
                       REMOTE_ADDR=address)


def _basic(username, password):
    raw = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {raw}"}


def test_wrong_passwords_lock_the_login_even_against_the_right_one(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _form_login(client, "officer", "wrong").status_code == 200
    # The failure that reaches the limit is already answered with the lock.
    assert _form_login(client, "officer", "wrong").status_code == 429
    locked = _form_login(client, "officer", PASSWORD)
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The lock is per login: the same address may still log in as somebody else...
    assert _form_login(client, "officer2", PASSWORD, address="10.0.0.2").status_code == 302


def test_failures_from_one_address_lock_that_address(client, personas):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _form_login(client, f"nobody{n}", "wrong", address="10.9.9.9")
    assert _form_login(client, "officer", PASSWORD, address="10.9.9.9").status_code == 429
    assert _form_login(client, "officer", PASSWORD, address="10.0.0.3").status_code == 302


def test_http_basic_is_throttled_with_a_json_answer(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.get("/api/v1/cases/", **_basic("officer", "wrong")).status_code == 401
    assert client.get("/api/v1/cases/", **_basic("officer", "wrong")).status_code == 429
    locked = client.get("/api/v1/cases/", **_basic("officer", PASSWORD))
    assert locked.status_code == 429
    assert locked.json()["code"] == "locked_out"
    assert "登录失败次数过多" in locked.json()["detail"]
    # The same login through the form is locked too: one count for both doors.
    assert _form_login(client, "officer", PASSWORD, address="10.0.0.4").status_code == 429


def test_an_administrator_unlocks(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _form_login(client, "officer", "wrong")
    assert _form_login(client, "officer", PASSWORD, address="10.0.0.5").status_code == 429
    attempts = list(AccessAttempt.objects.filter(username="officer").values_list("pk",
                                                                                  flat=True))
    admin = client.__class__()
    admin.force_login(personas.admin)
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "officer" in listing.content.decode()
    deleted = admin.post("/admin/axes/accessattempt/", {
        "action": "delete_selected", "_selected_action": attempts, "post": "yes"})
    assert deleted.status_code == 302
    assert not AccessAttempt.objects.filter(username="officer").exists()
    assert _form_login(client, "officer", PASSWORD, address="10.0.0.5").status_code == 302


def test_a_successful_login_clears_earlier_failures(client, personas):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _form_login(client, "officer", "wrong")
    assert _form_login(client, "officer", PASSWORD).status_code == 302
    client.logout()
    _form_login(client, "officer", "wrong")
    assert _form_login(client, "officer", PASSWORD).status_code == 302


def test_behind_the_proxy_each_client_is_throttled_by_its_own_address(client, personas,
                                                                      settings):
    """With BEHIND_PROXY every request comes from the proxy's address; counting failures
    by that address would let five mistyped passwords anywhere lock the whole office out.
    The address counted is the client's, as the proxy appended it (the access log's)."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxy = {"REMOTE_ADDR": "10.0.0.254", "HTTP_X_FORWARDED_PROTO": "https"}
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post("/accounts/login/", {"username": f"nobody{n}", "password": "wrong"},
                    HTTP_X_FORWARDED_FOR="192.168.1.10", secure=True, **proxy)
    assert AccessAttempt.objects.filter(ip_address="192.168.1.10").exists()
    colleague = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD},
                            HTTP_X_FORWARDED_FOR="192.168.1.20", secure=True, **proxy)
    assert colleague.status_code == 302
    # The client that failed is locked; a forged first hop does not get it out.
    client.logout()
    again = client.post("/accounts/login/", {"username": "officer2", "password": PASSWORD},
                        HTTP_X_FORWARDED_FOR="1.2.3.4, 192.168.1.10", secure=True, **proxy)
    assert again.status_code == 429
