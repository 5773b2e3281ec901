"""The template library's upload form in the admin (documents.admin)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from documents.models import DocumentTemplate
from documents.tests.conftest import template_path
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _upload(client, personas, allowed_actions):
    root = UserFactory(username="root", is_superuser=True, office=personas.officer.office)
    client.force_login(root)
    with translation.override("zh-hans"):
        return client.post(reverse("admin:documents_documenttemplate_add"), {
            "kind": "acceptance_notice", "name": "受理通知书（新版）",
            "file": SimpleUploadedFile("t.docx", template_path("acceptance_notice").read_bytes()),
            "allowed_actions": allowed_actions}, HTTP_ACCEPT_LANGUAGE="zh-hans")


@pytest.mark.parametrize(("allowed_actions", "message"), [
    ('{"a": 1}', "请按 JSON 列表填写动作名称"),
    ("[1, 2]", "请按 JSON 列表填写动作名称"), ('["accept", "fly"]', "没有流程有动作fly"),
])
def test_the_steps_must_be_a_list_of_action_names(client, personas, allowed_actions, message):
    """An object or numbers were stored as the kind's steps."""
    response = _upload(client, personas, allowed_actions)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DocumentTemplate.objects.filter(name="受理通知书（新版）").exists()


@pytest.mark.parametrize(("allowed_actions", "stored"), [
    ("", []), ("null", []), ('["accept"]', ["accept"])])
def test_no_steps_or_known_ones_are_stored(client, personas, allowed_actions, stored):
    """An empty field or null was a 500: the column is NOT NULL."""
    assert _upload(client, personas, allowed_actions).status_code == 302
    assert DocumentTemplate.objects.get(name="受理通知书（新版）").allowed_actions == stored
