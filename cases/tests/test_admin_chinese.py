"""Issue 15 item 12: the admin speaks Chinese (role groups, Celery's tables, case states
and event types), a city's administrator sees neither Celery's tables nor another city's
data, and a mediator has no admin access to parties and agents."""

from __future__ import annotations

import sys

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from django_celery_results.models import TaskResult
from knox.models import AuthToken

from cases.models import Case, Notification, Role
from cases.models.notifications import NotificationKind
from tests.factories import LegalPersonFactory, UserFactory

PASSWORD = "correct-horse-battery"  # noqa: S105 - the factories' test password


@pytest.fixture
def city_admin(personas, offices):
    return UserFactory(username="nnadmin", name="南宁管理员", office=offices.nanning,
                       roles=[Role.ADMIN])


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_role_groups_are_listed_by_their_chinese_names(client, personas):
    html = _get(client, personas.admin, reverse("admin:auth_group_changelist")).content.decode()
    assert "办案人员" in html and "调解员" in html
    assert ">officer</a>" not in html and ">mediator</a>" not in html
    users = _get(client, personas.admin, reverse("admin:cases_user_changelist")).content.decode()
    assert "role=officer" in users and "办案人员" in users
    assert "groups__id__exact" not in users  # the filter by raw group names is gone


def test_celery_tables_say_what_each_task_did_in_chinese(client, personas):
    TaskResult.objects.create(task_id="t-1", task_name="cases.tasks.sweep_deadlines",
                              status="FAILURE")
    PeriodicTask.objects.create(name="deadline-reminder-sweep",
                                task="cases.tasks.sweep_deadlines",
                                crontab=CrontabSchedule.objects.create(minute="*/15"))
    results = _get(client, personas.admin,
                   reverse("admin:django_celery_results_taskresult_changelist")).content.decode()
    assert "期限提醒" in results and "失败" in results
    assert ">FAILURE<" not in results
    periodic = _get(client, personas.admin,
                    reverse("admin:django_celery_beat_periodictask_changelist")).content.decode()
    assert "期限提醒" in periodic


def test_case_states_and_event_types_are_chinese_in_lists_and_filters(client, personas,
                                                                      calendar_2026,
                                                                      deadline_rules,
                                                                      time_machine):
    from tests.ruling_driver import RulingDriver

    RulingDriver(personas, time_machine).bring_to("accepted")
    html = _get(client, personas.admin,
                reverse("admin:cases_caseevent_changelist")).content.decode()
    assert "已立案" in html and ">立案<" in html
    assert ">accepted<" not in html and ">accept<" not in html and "?name=accept" in html
    cases = _get(client, personas.admin, reverse("admin:cases_case_changelist")).content.decode()
    assert ">行政裁决</td>" in cases and ">ruling<" not in cases
    assert "?workflow=ruling" in cases and ">行政调解</a>" in cases  # the filter, by name
    case = Case.objects.get()
    page = _get(client, personas.admin,
                reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert "行政裁决" in page and ">ruling<" not in page
    # Each timeline row is named by its local time and what was done, not "create".
    created = case.events.get(name="create")
    assert f"{timezone.localtime(created.at):%Y-%m-%d %H:%M} 登记请求" in page
    assert " create\n" not in page and " create<" not in page


def test_a_city_administrator_sees_neither_celery_nor_another_city(client, personas,
                                                                   offices, city_admin):
    client.force_login(city_admin)
    index = client.get(reverse("admin:index")).content.decode()
    assert "django_celery_beat" not in index and "django_celery_results" not in index
    assert client.get(reverse("admin:django_celery_beat_periodictask_changelist")
                      ).status_code == 403
    liuzhou_party = LegalPersonFactory(office=offices.liuzhou, name="柳州某公司")
    liuzhou_officer = UserFactory(username="lzofficer", name="柳州执法员",
                                  office=offices.liuzhou, roles=[Role.OFFICER])
    Notification.objects.create(recipient=liuzhou_officer, kind=NotificationKind.ASSIGNED,
                                message="柳州的通知")
    for url, foreign in [(reverse("admin:cases_party_changelist"), liuzhou_party.name),
                         (reverse("admin:cases_user_changelist"), liuzhou_officer.name),
                         (reverse("admin:cases_office_changelist"), offices.liuzhou.name),
                         (reverse("admin:cases_notification_changelist"), "柳州的通知")]:
        assert foreign not in client.get(url).content.decode(), url
    own = client.get(reverse("admin:cases_office_changelist")).content.decode()
    assert offices.nanning.name in own
    # The administrator of the region still sees everything.
    client.force_login(personas.admin)
    assert liuzhou_party.name in client.get(reverse("admin:cases_party_changelist")
                                            ).content.decode()
    assert client.get(reverse("admin:django_celery_beat_periodictask_changelist")
                      ).status_code == 200


def test_a_mediator_has_no_admin_access_to_parties_and_agents(client, personas):
    client.force_login(personas.mediator)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:cases_party_changelist") not in index
    for name in ("party", "agent"):
        assert client.get(reverse(f"admin:cases_{name}_changelist")).status_code == 403
        assert client.get(reverse(f"admin:cases_{name}_add")).status_code == 403
    assert Group.objects.filter(name=Role.MEDIATOR).exists()


def test_api_tokens_are_named_in_chinese_in_the_admin(client, personas):
    """django-rest-knox names neither its app, its model nor its fields: the admin showed
    "Knox", "Auth tokens", "Token key" and "Expiry"."""
    index = _get(client, personas.admin, reverse("admin:index")).content.decode()
    assert "API 令牌" in index
    assert "Auth tokens" not in index and ">Knox<" not in index
    AuthToken.objects.create(user=personas.officer)
    tokens = _get(client, personas.admin,
                  reverse("admin:knox_authtoken_changelist")).content.decode()
    for label in ("令牌开头", "用户", "创建时间", "到期时间"):
        assert label in tokens, label
    assert "Token key" not in tokens and "Expiry" not in tokens
    add = _get(client, personas.admin, reverse("admin:knox_authtoken_add")).content.decode()
    assert "增加 API 令牌" in add and "到期时间" in add
    assert "auth token" not in add.lower()


def test_records_are_named_with_chinese_punctuation(personas, offices, deadline_rules):
    """The admin names a record by its ``str``: "请求人：广西…", not "请求人: 广西…"."""
    from cases.models import CaseParty, DeadlineRule
    from cases.models.participants import PartyRole

    party = CaseParty(role=PartyRole.REQUESTER, party=LegalPersonFactory(
        office=offices.nanning, name="广西甲科技有限公司"))
    assert str(party) == "请求人：广西甲科技有限公司"
    rule = DeadlineRule.objects.order_by("code").first()
    assert rule is not None and str(rule).startswith(f"{rule.code}：")


def test_every_application_on_the_admin_index_has_a_chinese_name(client, personas):
    """Third-party apps name themselves in English unless told: the index said "AXES"."""
    import re

    index = _get(client, personas.admin, reverse("admin:index")).content.decode()
    names = re.findall(r'<a href="[^"]*" class="section"[^>]*>([^<]+)</a>', index)
    assert len(names) >= 5
    assert all(re.search(r"[\u4e00-\u9fff]", n) for n in names), names
    attempts = _get(client, personas.admin,
                    reverse("admin:axes_accessattempt_changelist")).content.decode()
    assert "已锁定" in attempts and "Locked Out" not in attempts  # django-axes's own filter


def test_the_admins_two_box_selector_speaks_chinese(client, personas):
    """Django 5's zh_Hans scripts catalogue lacks the selector's new wording: a user's groups
    were offered under "Choose all 组"; the project's djangojs.po fills it in."""
    import json
    import re

    script = _get(client, personas.admin, reverse("admin:jsi18n")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["Choose all %s"] == "全选%s" and catalog["Remove all %s"] == "删除全部%s"
    assert catalog["Choose"] == "选择"  # Django's own entries are still there


def test_a_read_only_group_lists_its_permissions_in_chinese(client, city_admin):
    """A city administrator may view the role groups, not change them: the read-only form
    lists the permissions by their ``str``, which said "Can add agent"."""
    group = Group.objects.get(name=Role.OFFICER)
    page = _get(client, city_admin,
                reverse("admin:auth_group_change", args=[group.pk])).content.decode()
    assert "可以添加当事人" in page or "可以查看当事人" in page
    assert "Can add" not in page and "Can view" not in page


def test_a_threshold_rules_group_is_not_called_a_user_group(client, personas):
    """The rules' ``group`` (figures read together) was labelled 用户组, auth's word."""
    page = _get(client, personas.admin,
                reverse("admin:referral_thresholdrule_add")).content.decode()
    form = page.split('id="thresholdrule_form"')[1]
    assert 'for="id_group">组别' in form and "用户组" not in form


def test_a_permission_outside_the_admin_is_named_as_django_names_it(db):
    """The admin labels permissions where it shows them; ``str(permission)`` elsewhere (a
    shell, a log, another app) stays Django's, although the admin is loaded (Django's admin
    app imports every app's admin module at start-up)."""
    assert "cases.admin.permissions" in sys.modules
    permission = Permission.objects.select_related("content_type").get(
        codename="add_party")
    with translation.override("zh-hans"):
        assert str(permission) == f"{permission.content_type} | {permission.name}"
        assert str(permission).endswith(" | Can add party")


def test_a_read_only_user_shows_no_individual_permissions(client, city_admin, offices):
    """A city administrator may view, not change, another administrator of the city: the
    read-only page leaves out individual permissions as the form does, and names the groups
    by their role (it showed the internal "admin")."""
    other = UserFactory(username="nnadmin2", name="南宁另一管理员", office=offices.nanning,
                        roles=[Role.ADMIN])
    page = _get(client, city_admin,
                reverse("admin:cases_user_change", args=[other.pk])).content.decode()
    assert "南宁另一管理员" in page and 'name="username"' not in page  # read only
    assert "field-user_permissions" not in page and "field-groups" in page
    groups = page.split("field-groups")[1].split("field-")[0]
    assert str(Role.ADMIN.label) in groups and ">admin<" not in groups
