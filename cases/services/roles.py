"""Roles as Django groups, each with the admin permissions its job needs.

The mapping is the single statement of "what a role may do in the admin"; services check
roles themselves (``user.has_role``) for workflow actions.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from cases.models import Role

VIEW = ("view",)
EDIT = ("view", "add", "change")
ALL = ("view", "add", "change", "delete")

# (app_label, model_name) → actions, per role. Models that do not exist yet are skipped,
# so later apps only add lines here.
# Every role reads cases and their timelines in the admin (scoped to the office tree);
# nobody changes them there: cases move only through the workflow services.
CASE_READING = {
    ("cases", "case"): VIEW,
    ("cases", "caseevent"): VIEW,
    ("cases", "notification"): VIEW,
}

ROLE_PERMISSIONS: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    Role.OFFICER: {
        **CASE_READING,
        ("search", "decision"): VIEW,
        ("cases", "office"): VIEW,
        ("cases", "party"): EDIT,
        ("cases", "ipright"): EDIT,
        ("cases", "agent"): EDIT,
        ("cases", "deadlinerule"): VIEW,
        ("referral", "thresholdrule"): VIEW,
        ("cases", "calendaryear"): VIEW,
        ("cases", "calendarday"): VIEW,
    },
    Role.MEDIATOR: {
        **CASE_READING,
        ("search", "decision"): VIEW,
        ("cases", "office"): VIEW,
        ("cases", "party"): EDIT,
        ("cases", "ipright"): VIEW,
        ("cases", "agent"): EDIT,
        ("cases", "deadlinerule"): VIEW,
        ("referral", "thresholdrule"): VIEW,
    },
    Role.LEGAL: {
        **CASE_READING,
        ("search", "decision"): ("view", "add"),
        ("cases", "office"): VIEW,
        ("cases", "party"): VIEW,
        ("cases", "ipright"): VIEW,
        ("cases", "deadlinerule"): VIEW,
        ("referral", "thresholdrule"): VIEW,
        ("cases", "agent"): VIEW,
        ("cases", "calendaryear"): VIEW,
        ("cases", "calendarday"): VIEW,
    },
    Role.HEAD: {
        **CASE_READING,
        ("search", "decision"): VIEW,
        ("cases", "office"): VIEW,
        ("cases", "user"): VIEW,
        ("cases", "party"): VIEW,
        ("cases", "ipright"): VIEW,
        ("cases", "deadlinerule"): VIEW,
        ("referral", "thresholdrule"): VIEW,
        ("cases", "agent"): VIEW,
        ("cases", "calendaryear"): VIEW,
        ("cases", "calendarday"): VIEW,
    },
    Role.ADMIN: {
        **CASE_READING,
        ("search", "decision"): ("view", "add"),
        ("cases", "office"): ALL,
        ("cases", "documentnumberprefix"): ALL,
        ("cases", "user"): ALL,
        ("cases", "auditentry"): VIEW,
        ("auth", "group"): VIEW,
        ("cases", "party"): ALL,
        ("cases", "ipright"): ALL,
        ("cases", "deadlinerule"): ALL,
        ("referral", "thresholdrule"): ALL,
        ("cases", "calendaryear"): ALL,
        ("cases", "calendarday"): ALL,
        ("cases", "agent"): ALL,
        # API tokens of the users it manages, and unlocking locked logins.
        ("knox", "authtoken"): ("view", "add", "delete"),
        ("axes", "accessattempt"): ("view", "delete"),
        ("django_celery_beat", "periodictask"): ALL,
        ("django_celery_beat", "crontabschedule"): ALL,
        ("django_celery_beat", "intervalschedule"): ALL,
        ("django_celery_results", "taskresult"): VIEW,
        ("django_celery_results", "groupresult"): VIEW,
    },
}


@transaction.atomic
def ensure_role_groups() -> dict[str, Group]:
    """Create or refresh one group per role with exactly the mapped permissions. Idempotent."""
    groups: dict[str, Group] = {}
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        perms: list[Permission] = []
        for (app_label, model_name), actions in ROLE_PERMISSIONS.get(role, {}).items():
            try:
                model = apps.get_model(app_label, model_name)
            except LookupError:
                continue
            ct = ContentType.objects.get_for_model(model)
            codenames = [f"{action}_{model_name}" for action in actions]
            perms.extend(Permission.objects.filter(content_type=ct, codename__in=codenames))
        group.permissions.set(perms)
        groups[role.value] = group
    return groups
