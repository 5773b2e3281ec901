"""The user admin: no privilege escalation, no staff records outside the office tree."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from cases.models import Role, User
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"  # noqa: S105 - the factories' test password


@pytest.fixture
def city_admin(personas, offices):
    return UserFactory(username="nn_admin", name="韦华", office=offices.nanning,
                       roles=[Role.ADMIN], phone="13907710001", badge_number="NN-0001")


@pytest.fixture
def login(client):
    def as_user(user):
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return as_user


def _change_data(user: User, **extra):
    data = {
        "username": user.username, "name": user.name, "office": user.office_id,
        "badge_number": user.badge_number, "phone": user.phone,
        "is_active": "on", "is_staff": "on",
        # What a browser sends: the groups the form offers (never the administrator's).
        "groups": [g.pk for g in user.groups.exclude(name=Role.ADMIN)],
        "date_joined_0": "2026-01-05", "date_joined_1": "09:00:00",
    }
    data.update(extra)
    return data


def test_an_office_administrator_cannot_make_itself_superuser(login, city_admin):
    client = login(city_admin)
    everything = list(Permission.objects.values_list("pk", flat=True)[:50])
    response = client.post(
        reverse("admin:cases_user_change", args=[city_admin.pk]),
        _change_data(city_admin, is_superuser="on", user_permissions=everything),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    city_admin.refresh_from_db()
    assert not city_admin.is_superuser
    assert not city_admin.user_permissions.exists()
    # Its own administrator role survives the save although the form does not offer it.
    assert city_admin.groups.filter(name=Role.ADMIN).exists()


def test_the_change_page_offers_no_superuser_or_permission_fields(login, city_admin):
    page = login(city_admin).get(reverse("admin:cases_user_change", args=[city_admin.pk]))
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields
    assert Role.ADMIN not in {g.name for g in form.fields["groups"].queryset}


def test_an_office_administrator_cannot_grant_the_administrator_role(login, city_admin,
                                                                        personas):
    officer = personas.officer
    admin_group = Group.objects.get(name=Role.ADMIN)
    response = login(city_admin).post(
        reverse("admin:cases_user_change", args=[officer.pk]),
        _change_data(officer, groups=[admin_group.pk]),
    )
    assert response.status_code == 200  # the form refuses the choice
    assert "groups" in response.context["adminform"].form.errors
    assert not officer.groups.filter(name=Role.ADMIN).exists()


def test_an_office_administrator_sees_only_its_office_subtree(login, city_admin, personas):
    client = login(city_admin)
    page = client.get(reverse("admin:cases_user_changelist"))
    listed = {u.username for u in page.context["cl"].result_list}
    assert {"officer", "head", "county", "nn_admin"} <= listed
    assert "outsider" not in listed  # 柳州
    assert "sysadmin" not in listed  # the region's administrator
    content = page.content.decode()
    assert "吴刚" not in content
    # Another city's record is not there at all, not even to read.
    other = client.get(reverse("admin:cases_user_change", args=[personas.outsider.pk]))
    assert other.status_code == 302
    assert client.get(reverse("admin:auth_user_password_change",
                              args=[personas.outsider.pk])).status_code == 404


def test_an_office_administrator_cannot_change_another_administrator(login, city_admin,
                                                                      offices):
    peer = UserFactory(username="nn_admin2", office=offices.nanning, roles=[Role.ADMIN])
    client = login(city_admin)
    response = client.post(reverse("admin:auth_user_password_change", args=[peer.pk]),
                           {"password1": "Another-pass-2026", "password2": "Another-pass-2026"})
    assert response.status_code == 403
    peer.refresh_from_db()
    assert peer.check_password(PASSWORD)


def test_new_users_belong_to_an_office_the_administrator_manages(login, city_admin,
                                                                 offices):
    client = login(city_admin)
    response = client.post(reverse("admin:cases_user_add"), {
        "username": "lz_new", "usable_password": "true", "password1": "Long-pass-2026x",
        "password2": "Long-pass-2026x", "name": "新人", "office": offices.liuzhou.pk,
    })
    assert response.status_code == 200
    assert "office" in response.context["adminform"].form.errors
    assert not User.objects.filter(username="lz_new").exists()


def test_a_superuser_still_manages_superusers(login, personas, offices):
    root = UserFactory(username="root", office=None, is_superuser=True)
    target = personas.officer
    response = login(root).post(reverse("admin:cases_user_change", args=[target.pk]),
                                _change_data(target, is_superuser="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    target.refresh_from_db()
    assert target.is_superuser


def test_a_head_reads_only_its_office_subtree(login, personas):
    page = login(personas.head).get(reverse("admin:cases_user_changelist"))
    listed = {u.username for u in page.context["cl"].result_list}
    assert "officer" in listed and "outsider" not in listed and "sysadmin" not in listed
