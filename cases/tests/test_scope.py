from __future__ import annotations

from cases.models import Office
from cases.selectors.scope import (
    can_see_office,
    office_scope_q,
    visible_office_paths,
    visible_offices,
)
from tests.factories import UserFactory


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_city_officer_sees_own_city_and_counties_not_other_city(personas, offices):
    seen = names(visible_offices(personas.officer))
    assert seen == {"南宁市知识产权局", "南宁市青秀区知识产权局"}
    assert "柳州市知识产权局" not in seen
    assert can_see_office(personas.officer, offices.qingxiu)
    assert not can_see_office(personas.officer, offices.liuzhou)
    assert not can_see_office(personas.officer, offices.guangxi)


def test_county_officer_sees_only_the_county(personas, offices):
    assert names(visible_offices(personas.county_officer)) == {"南宁市青秀区知识产权局"}
    assert not can_see_office(personas.county_officer, offices.nanning)


def test_the_region_administrator_sees_every_office_of_the_region(personas, offices):
    assert visible_offices(personas.admin).count() == Office.objects.count() == 4
    assert visible_office_paths(personas.admin) == [offices.guangxi.path]


def test_a_city_administrator_sees_only_its_city(personas, offices):
    from cases.models import Role

    city_admin = UserFactory(username="nn_admin", office=offices.nanning, roles=[Role.ADMIN])
    assert names(visible_offices(city_admin)) == {"南宁市知识产权局", "南宁市青秀区知识产权局"}
    assert not can_see_office(city_admin, offices.liuzhou)


def test_a_superuser_sees_every_office(db, offices):
    root = UserFactory(username="root", office=None, is_superuser=True)
    assert visible_offices(root).count() == Office.objects.count() == 4
    assert visible_office_paths(root) is None


def test_scope_q_filters_any_model_with_an_office(personas, offices):
    from cases.models import User

    visible_users = User.objects.filter(office_scope_q(personas.officer))
    assert personas.county_officer in visible_users
    assert personas.outsider not in visible_users


def test_user_without_office_sees_nothing(db, offices):
    drifter = UserFactory(username="drifter", office=None)
    assert not visible_offices(drifter).exists()
    assert visible_office_paths(drifter) == []


def test_moving_an_office_moves_its_subtree(offices):
    offices.nanning.parent = offices.liuzhou
    offices.nanning.save()
    offices.qingxiu.refresh_from_db()
    assert offices.qingxiu.path == "450000/450200/450100/450103/"
