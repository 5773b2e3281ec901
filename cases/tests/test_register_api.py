"""The register API: an API client finds or registers the parties, agents and rights a
request names, within its office scope, with the validators' messages and a change
history."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from rest_framework.test import APIClient

from cases.models import Agent, IPRight, Party
from tests.factories import LegalPersonFactory, make_patent_number, make_uscc

pytestmark = pytest.mark.django_db


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def as_user(client: APIClient, user) -> APIClient:
    client.force_authenticate(user)
    return client


def _company(**overrides):
    body = {"kind": "legal", "name": "广西南宁星河电子有限公司", "id_number": make_uscc(7001),
            "domicile": "南宁市青秀区民族大道100号", "region_code": "450103",
            "phone": "0771-5551234", "legal_representative": "周建国"}
    body.update(overrides)
    return body


def test_an_officer_registers_a_party_finds_it_and_the_history_records_it(api, personas):
    client = as_user(api, personas.officer)
    resp = client.post("/api/v1/parties/", _company(), format="json")
    assert resp.status_code == 201, resp.json()
    party = resp.json()
    assert (party["name"], party["kind_display"], party["office_name"]) == (
        "广西南宁星河电子有限公司", "法人", "南宁市知识产权局")
    found = client.get("/api/v1/parties/", {"q": "星河"}).json()["results"]
    assert [p["id"] for p in found] == [party["id"]]
    by_number = client.get("/api/v1/parties/", {"q": party["id_number"]}).json()["results"]
    assert [p["id"] for p in by_number] == [party["id"]]
    entry = LogEntry.objects.get(object_id=str(party["id"]))
    assert (entry.user, entry.action_flag) == (personas.officer, ADDITION)


def test_a_wrong_check_character_is_refused_at_the_field_and_nothing_is_written(api,
                                                                                 personas):
    good = make_uscc(7002)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    resp = as_user(api, personas.officer).post("/api/v1/parties/",
                                               _company(id_number=wrong), format="json")
    assert resp.status_code == 400
    assert "统一社会信用代码校验码错误" in resp.json()["id_number"][0]
    assert not Party.objects.exists() and not LogEntry.objects.exists()


def test_the_same_identifier_twice_names_the_party_already_registered(api, personas):
    client = as_user(api, personas.officer)
    assert client.post("/api/v1/parties/", _company(), format="json").status_code == 201
    again = client.post("/api/v1/parties/", _company(name="另一家公司"), format="json")
    assert again.status_code == 400
    assert "广西南宁星河电子有限公司" in again.json()["id_number"][0]
    assert Party.objects.count() == 1


def test_input_outside_the_schema_is_a_400_naming_the_field(api, personas):
    client = as_user(api, personas.officer)
    resp = client.post("/api/v1/parties/", _company(kind="robot", region_code="4501039"),
                       format="json")
    assert resp.status_code == 400
    assert set(resp.json()) == {"detail", "code", "kind", "region_code"}
    assert resp.json()["code"] == "invalid"
    assert client.get("/api/v1/parties/", {"kind": "robot"}).status_code == 400


def test_roles_without_the_permission_may_read_but_not_register(api, personas):
    client = as_user(api, personas.legal)
    assert client.get("/api/v1/parties/").status_code == 200
    resp = client.post("/api/v1/parties/", _company(), format="json")
    assert resp.status_code == 403 and resp.json()["code"] == "permission_denied"
    assert client.post("/api/v1/rights/", {"kind": "copyright", "title": "软件",
                                           "holder_name": "某公司"},
                       format="json").status_code == 403
    assert not Party.objects.exists() and not IPRight.objects.exists()


def test_another_offices_records_are_invisible(api, personas, offices):
    theirs = LegalPersonFactory(office=offices.liuzhou, name="柳州某某机械有限公司")
    client = as_user(api, personas.officer)
    assert client.get(f"/api/v1/parties/{theirs.pk}/").status_code == 404
    assert client.patch(f"/api/v1/parties/{theirs.pk}/", {"phone": "0772-1234567"},
                        format="json").status_code == 404
    assert client.get("/api/v1/parties/", {"q": "柳州"}).json()["results"] == []
    # Naming it as a holder is "does not exist", never a leak.
    resp = client.post("/api/v1/rights/", {
        "kind": "utility_model", "number": make_patent_number(11, "2"), "title": "一种夹具",
        "holder": theirs.pk}, format="json")
    assert resp.status_code == 400 and "holder" in resp.json()


def test_a_change_is_validated_and_recorded_with_its_fields(api, personas):
    client = as_user(api, personas.officer)
    party = client.post("/api/v1/parties/", _company(), format="json").json()
    resp = client.patch(f"/api/v1/parties/{party['id']}/", {"phone": "0771-5559999"},
                        format="json")
    assert resp.status_code == 200 and resp.json()["phone"] == "0771-5559999"
    change = LogEntry.objects.get(object_id=str(party["id"]), action_flag=CHANGE)
    assert change.user == personas.officer and "电话" in change.get_change_message()
    bad = client.patch(f"/api/v1/parties/{party['id']}/", {"kind": "natural"}, format="json")
    assert bad.status_code == 400  # a natural person has no legal representative
    assert Party.objects.get(pk=party["id"]).kind == "legal"


def test_rights_are_registered_with_their_number_rules(api, personas):
    client = as_user(api, personas.officer)
    holder = client.post("/api/v1/parties/", _company(), format="json").json()
    number = make_patent_number(12, "2")
    ok = client.post("/api/v1/rights/", {"kind": "utility_model", "number": number,
                                         "title": "一种电动车控制器", "holder": holder["id"]},
                     format="json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["holder_display"] == "广西南宁星河电子有限公司"
    assert ok.json()["status_display"] == "有效"
    wrong_kind = client.post("/api/v1/rights/", {
        "kind": "design_patent", "number": make_patent_number(13, "2"), "title": "外观",
        "holder": holder["id"]}, format="json")
    assert wrong_kind.status_code == 400 and "number" in wrong_kind.json()
    spaced = number.replace(".", " .")[:4] + " " + number[4:]
    found = client.get("/api/v1/rights/", {"q": "ZL" + spaced}).json()["results"]
    assert [r["id"] for r in found] == [ok.json()["id"]]
    assert IPRight.objects.count() == 1


def test_a_request_is_filed_from_records_registered_through_the_api(
        api, personas, calendar_2026, deadline_rules, time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
                         tick=False)
    client = as_user(api, personas.officer)
    requester = client.post("/api/v1/parties/", _company(), format="json").json()
    respondent = client.post("/api/v1/parties/", _company(
        name="南宁市某某电器有限公司", id_number=make_uscc(7003), region_code="450107",
        legal_representative="韦小宝"), format="json").json()
    agent = client.post("/api/v1/agents/", {"name": "覃律师", "kind": "lawyer",
                                            "firm": "广西某某律师事务所"}, format="json")
    assert agent.status_code == 201 and Agent.objects.count() == 1
    assert client.get("/api/v1/agents/", {"q": "律师事务所"}).json()["results"][0]["id"] == (
        agent.json()["id"])
    right = client.post("/api/v1/rights/", {
        "kind": "utility_model", "number": make_patent_number(14, "2"),
        "title": "一种电动车控制器", "holder": requester["id"]}, format="json").json()
    resp = client.post("/api/v1/cases/", {
        "title": "侵害实用新型专利权纠纷", "received_on": "2026-03-02",
        "requesters": [{"party": requester["id"], "agent": agent.json()["id"]}],
        "respondents": [{"party": respondent["id"]}], "rights": [right["id"]],
        "accused_products": ["一种电动车控制器"], "infringing_acts": ["make", "sell"],
        "infringement_region_code": "450103"}, format="json")
    assert resp.status_code == 201, resp.json()
    assert {p["name"] for p in resp.json()["parties"]} == {
        "广西南宁星河电子有限公司", "南宁市某某电器有限公司"}


@pytest.mark.parametrize(("holder", "message"), [
    ("1e400", "float"), ("-1e400", "float"), ("1.5", "float"), ("true", "bool"),
    ('"1.5"', "str"), ('"²"', "str"), ("[1]", "list"),
    ("99999999999999999999999", "99999999999999999999999"), ("0", "0"),
])
def test_a_holder_that_is_no_id_is_a_400_and_no_right_is_registered(api, personas, holder,
                                                                     message):
    """1e400 (infinity to Python's JSON) was an OverflowError, a 500; 1.5 was the party 1."""
    LegalPersonFactory(office=personas.officer.office)
    body = ('{"kind": "utility_model", "number": "ZL202520345679.1", "title": "x", '
            f'"holder": {holder}}}')
    resp = as_user(api, personas.officer).post("/api/v1/rights/", body,
                                               content_type="application/json")
    assert resp.status_code == 400, resp.content
    assert message in resp.json()["holder"][0]
    assert not IPRight.objects.exists()


def test_a_holder_given_as_digits_in_a_string_is_read(api, personas):
    holder = LegalPersonFactory(office=personas.officer.office)
    resp = as_user(api, personas.officer).post("/api/v1/rights/", {
        "kind": "utility_model", "number": "ZL202520345679.1", "title": "x",
        "holder": f" {holder.pk} "}, format="json")
    assert resp.status_code == 201, resp.json()
    assert resp.json()["holder"] == holder.pk
