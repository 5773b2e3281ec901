"""One error shape for the whole API: {detail, code} (+ field messages on 400), for the
framework's own refusals too; oversized bodies are 413; the schema documents it all."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework.test import APIClient

from cases.models import Party

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_api(personas):
    api = APIClient()
    api.force_authenticate(personas.officer)
    return api


def _shape(resp, status, code):
    body = resp.json()
    assert resp.status_code == status, body
    assert body["code"] == code and isinstance(body["detail"], str) and body["detail"]
    return body


def test_framework_refusals_have_the_api_shape(officer_api, personas):
    _shape(APIClient().get("/api/v1/cases/"), 401, "not_authenticated")
    _shape(officer_api.get("/api/v1/no-such-thing/"), 404, "not_found")
    _shape(officer_api.get("/api/v1/cases/999999/"), 404, "not_found")
    _shape(officer_api.delete("/api/v1/cases/"), 405, "method_not_allowed")
    _shape(officer_api.post("/api/v1/parties/", "<xml/>", content_type="application/xml"),
           415, "unsupported_media_type")
    _shape(officer_api.post("/api/v1/parties/", "{not json", content_type="application/json"),
           400, "parse_error")
    legal = APIClient()
    legal.force_authenticate(personas.legal)
    _shape(legal.post("/api/v1/parties/", {}, format="json"), 403, "permission_denied")


def test_a_400_carries_detail_code_and_the_field_messages(officer_api):
    body = _shape(officer_api.post("/api/v1/parties/", {"kind": "robot"}, format="json"),
                  400, "invalid")
    assert isinstance(body["kind"], list)


def test_an_id_beyond_64_bits_is_a_400_not_a_crash(officer_api):
    body = _shape(officer_api.get("/api/v1/cases/", {"officer": "9" * 25}), 400, "invalid")
    assert "officer" in body


def test_a_body_over_the_limit_is_413_and_saves_nothing(officer_api):
    filler = "甲" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 3 + 10)
    body = json.dumps({"kind": "legal", "name": "某公司", "domicile": filler})
    _shape(officer_api.post("/api/v1/parties/", body, content_type="application/json"),
           413, "too_large")
    assert not Party.objects.exists()


def test_the_schema_documents_errors_pages_and_transition_bodies(officer_api):
    schema = officer_api.get("/api/schema/?format=json").json()
    case_list = schema["paths"]["/api/v1/cases/"]["get"]["responses"]
    assert {"200", "400", "401", "403", "404"} <= set(case_list)
    page = schema["components"]["schemas"][
        case_list["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert {"next", "previous", "results"} <= set(page["properties"])
    transition = schema["paths"]["/api/v1/cases/{case_id}/transitions/{name}/"]["post"]
    assert {"400", "403", "404", "409", "413"} <= set(transition["responses"])
    ref = transition["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    alternatives = [ref["$ref"].rsplit("/", 1)[1] for ref in body["oneOf"]]
    assert "AcceptTransitionRequest" in alternatives
    accept = schema["components"]["schemas"]["AcceptTransitionRequest"]
    assert "accepted_on" in accept["required"]
    assert accept["properties"]["accepted_on"]["format"] == "date"
    error = schema["components"]["schemas"]["ApiError"]
    assert set(error["required"]) == {"detail", "code"}
    detail = schema["components"]["schemas"]["CaseDetail"]["properties"]
    assert detail["officer_in_charge"]["nullable"] is True


@pytest.mark.parametrize(("path", "param"), [
    ("/api/v1/cases/", "cursor"), ("/api/v1/parties/", "cursor"),
    ("/api/v1/approvals/", "cursor"),
    ("/api/v1/mediation/workbench/sessions/", "after"),
    ("/api/v1/mediation/workbench/to-take-up/", "before"),
])
@pytest.mark.parametrize("cursor", ["abc", "W10", "<script>"])
def test_a_cursor_the_list_did_not_give_is_a_400_on_it(officer_api, path, param, cursor):
    """DRF's cursor lists answered 404 (as if the list were not there) and the keyset lists
    the first page again: a program following a mangled link walked in circles."""
    with translation.override("zh-hans"):
        body = _shape(officer_api.get(path, {param: cursor}), 400, "invalid")
    assert body[param] == ["不是本列表给出的翻页游标：请按原样使用 next 和 previous 链接。"]


def test_the_cursors_a_list_gives_still_page(officer_api, personas):
    for n in range(3):
        Party.objects.create(kind="natural", name=f"当事人{n}", office=personas.officer.office)
    first = officer_api.get("/api/v1/parties/", {"page_size": 2}).json()
    second = officer_api.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1


@pytest.mark.parametrize("page_size", ["²", "١٢", "9" * 25, "-1", "abc"])
def test_a_page_size_that_is_no_number_is_the_default_page_size(officer_api, page_size):
    """"²" passed str.isdigit() and failed int(): a 500 on the keyset lists."""
    for path in ("/api/v1/mediation/workbench/to-take-up/", "/api/v1/parties/"):
        resp = officer_api.get(path, {"page_size": page_size})
        assert resp.status_code == 200, (path, resp.content)


def test_every_id_field_of_the_api_reads_ids_strictly():
    """Every primary-key field of the API is the project's (cases.api_fields), which
    refuses 1.5 and 1e400; DRF's own hands them to the database (rounded to the record 1;
    OverflowError, a 500)."""
    from django.urls import get_resolver
    from rest_framework.relations import PrimaryKeyRelatedField as DRFPrimaryKeyField

    from cases.api_fields import PrimaryKeyRelatedField

    get_resolver().url_patterns  # noqa: B018  # imports every API module
    pending, found = [DRFPrimaryKeyField], []
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.split(".")[0] in {"cases", "documents", "mediation", "search"}:
                found.append(sub)
    assert found and all(issubclass(cls, PrimaryKeyRelatedField) for cls in found), found
