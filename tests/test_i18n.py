"""The interface speaks Chinese: the project's compiled catalogue is present and used.

Completeness (every msgid translated, placeholders intact) is checked by
``scripts/i18n-check``, which ``scripts/test`` runs; these tests prove that what a user
sees is actually translated at run time, i.e. the catalogue was compiled and is found.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.utils import translation

from cases.models import OfficeLevel, Role

CJK = re.compile(r"[\u4e00-\u9fff]")
HINT = "no Chinese translation found: run scripts/setup (compiles locale/) or fill the catalogue"


def chinese(text: object) -> bool:
    return bool(CJK.search(str(text)))


def test_the_default_language_is_simplified_chinese_from_our_catalogue():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.BASE_DIR / "locale" in settings.LOCALE_PATHS


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_every_role_has_a_chinese_name(role):
    with translation.override("zh-hans"):
        assert chinese(role.label), f"{role.label!r}: {HINT}"


@pytest.mark.parametrize("level", list(OfficeLevel), ids=lambda level: level.value)
def test_office_levels_have_chinese_names(level):
    with translation.override("zh-hans"):
        assert chinese(level.label), f"{level.label!r}: {HINT}"


def test_the_admin_is_titled_in_chinese():
    with translation.override("zh-hans"):
        assert chinese(admin.site.site_header), f"{admin.site.site_header!r}: {HINT}"


def test_english_is_still_available_for_the_same_messages():
    with translation.override("en"):
        assert str(Role.OFFICER.label) == "Enforcement officer"


@pytest.mark.django_db
def test_the_login_page_is_chinese_without_any_language_choice():
    response = Client().get("/accounts/login/")

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "zh-hans"
    page = response.content.decode()
    assert 'lang="zh-hans"' in page or "lang='zh-hans'" in page
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and chinese(title.group(1)), HINT
    for english in ("Log in", "Username", "Password"):
        assert f">{english}<" not in page, f"untranslated {english!r} on the login page"


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_unless_english_is_chosen(client: Client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "zh-hans" and "登录" in page.content.decode(), HINT
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert page["Content-Language"] == "en" and "登录" not in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "klingon"  # not offered: the default
    assert client.get("/accounts/login/")["Content-Language"] == "zh-hans"
