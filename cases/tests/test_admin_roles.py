"""What each role may do in the Django admin, through the test client."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from cases.models import CalendarYear, Party
from cases.services.roles import ROLE_PERMISSIONS, ensure_role_groups
from tests.factories import LegalPersonFactory, make_uscc

PASSWORD = "correct-horse-battery"  # noqa: S105 - the factories' test password


@pytest.fixture
def client_for(client, personas):
    def login(user):
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return login


def test_every_mapped_model_exists():
    """A misspelt model name would silently grant nothing (it did: "iprright")."""
    for permissions in ROLE_PERMISSIONS.values():
        for app_label, model_name in permissions:
            if app_label == "cases":
                apps.get_model(app_label, model_name)


@pytest.mark.parametrize("persona", ["officer", "mediator", "legal", "head", "admin",
                                     "county_officer", "outsider"])
def test_every_persona_sees_the_admin_index(client_for, personas, persona):
    response = client_for(getattr(personas, persona)).get(reverse("admin:index"))
    assert response.status_code == 200


def test_ensure_role_groups_is_idempotent(personas):
    first = {name: set(g.permissions.values_list("codename", flat=True))
             for name, g in ensure_role_groups().items()}
    second = {name: set(g.permissions.values_list("codename", flat=True))
              for name, g in ensure_role_groups().items()}
    assert first == second
    assert {"view_ipright", "add_ipright", "add_party", "add_agent"} <= first["officer"]
    assert {"add_calendaryear", "add_calendarday", "change_deadlinerule"} <= first["admin"]


def test_an_officer_manages_parties_but_not_the_calendar_or_users(client_for, personas):
    client = client_for(personas.officer)
    assert client.get(reverse("admin:cases_party_changelist")).status_code == 200
    assert client.get(reverse("admin:cases_ipright_changelist")).status_code == 200
    assert client.get(reverse("admin:cases_party_add")).status_code == 200
    response = client.post(reverse("admin:cases_party_add"), {
        "kind": "legal", "name": "广西壮乡电子科技有限公司", "id_number": make_uscc(21),
        "domicile": "南宁市青秀区民族大道1号", "legal_representative": "王五",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    party = Party.objects.get(name="广西壮乡电子科技有限公司")
    assert party.office == personas.officer.office  # their own office, not a choice
    assert client.get(reverse("admin:cases_calendaryear_add")).status_code == 403
    assert client.get(reverse("admin:cases_user_changelist")).status_code == 403


def test_an_officer_gets_the_field_message_for_a_wrong_credit_code(client_for, personas):
    client = client_for(personas.officer)
    bad = make_uscc(22)[:17] + ("0" if make_uscc(22)[17] != "0" else "1")
    response = client.post(reverse("admin:cases_party_add"), {
        "kind": "legal", "name": "坏公司", "id_number": bad})
    assert response.status_code == 200
    assert "id_number" in response.context["adminform"].form.errors
    assert not Party.objects.filter(name="坏公司").exists()


def test_an_administrator_adds_a_calendar_year_with_its_days(client_for, personas):
    client = client_for(personas.admin)
    response = client.post(reverse("admin:cases_calendaryear_add"), {
        "year": 2027, "source": "manual", "complete": "on", "note": "国办发明电",
        "days-TOTAL_FORMS": 1, "days-INITIAL_FORMS": 0,
        "days-MIN_NUM_FORMS": 0, "days-MAX_NUM_FORMS": 1000,
        "days-0-date": "2027-01-01", "days-0-kind": "holiday", "days-0-name": "元旦",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    year = CalendarYear.objects.get(year=2027)
    assert year.entered_by == personas.admin
    assert list(year.days.values_list("name", flat=True)) == ["元旦"]


def test_party_changelists_are_scoped(client_for, personas, offices):
    LegalPersonFactory(office=offices.nanning, name="南宁甲公司")
    LegalPersonFactory(office=offices.liuzhou, name="柳州乙公司")
    page = client_for(personas.officer).get(reverse("admin:cases_party_changelist"))
    html = page.content.decode()
    assert "南宁甲公司" in html and "柳州乙公司" not in html
    other = LegalPersonFactory(office=offices.liuzhou, name="柳州丙公司")
    url = reverse("admin:cases_party_change", args=[other.pk])
    assert client_for(personas.officer).get(url).status_code == 302  # "does not exist"


def test_the_administrator_sees_every_office(client_for, personas, offices):
    LegalPersonFactory(office=offices.nanning, name="南宁甲公司")
    LegalPersonFactory(office=offices.liuzhou, name="柳州乙公司")
    html = client_for(personas.admin).get(reverse("admin:cases_party_changelist")).content
    assert "南宁甲公司" in html.decode() and "柳州乙公司" in html.decode()


def test_the_admins_login_page_opens_for_a_visitor_not_logged_in(client):
    """Before: /admin/login/ (where /admin/ sends a visitor) was a 500: the party and agent
    admins asked the anonymous visitor for its roles."""
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.headers["Location"]
    assert client.get(response.headers["Location"]).status_code == 200


def test_a_groups_permissions_are_listed_in_chinese(client, personas):
    """Django stores default permission names in English ("Can add case"); the group and
    user forms list them as what they let one do, in Chinese."""
    from django.contrib.auth.models import Group

    from cases.models import User

    superuser = User.objects.create_superuser("root-perms", password=PASSWORD)
    client.force_login(superuser)
    group = Group.objects.order_by("pk").first()
    form = client.get(reverse("admin:auth_group_change", args=[group.pk])).content.decode()
    assert "可以添加当事人" in form and "Can add" not in form
    form = client.get(reverse("admin:cases_user_change", args=[personas.officer.pk])
                      ).content.decode()
    assert "可以查看当事人" in form and "Can view" not in form
