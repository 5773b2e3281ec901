"""Seeds what every installation needs, idempotently: role groups with their admin
permissions, the working-day calendar years the chinesecalendar package covers, and the
default time-limit rules, then whatever each app seeds (an ``AppConfig.seed_defaults()``
returning a line to report, e.g. the referral app's criminal thresholds). Administrators'
own edits are never overwritten."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.services.calendar import seed_calendar_from_package
from cases.services.deadline_rules import seed_deadline_rules
from cases.services.roles import ensure_role_groups
from config.commands import OperatorCommand


class Command(OperatorCommand):
    help = gettext_lazy("Seed role groups, the working-day calendar and the default time "
                        "limits.")

    def handle(self, *args: Any, **options: Any) -> None:
        groups = ensure_role_groups()
        years = seed_calendar_from_package()
        rules = seed_deadline_rules()
        from documents.services import seed_default_templates

        templates = seed_default_templates()
        self.stdout.write(
            _("roles: %(roles)d; calendar years: %(first)d–%(last)d (%(years)d); new "
              "time-limit rules: %(rules)d")
            % {"roles": len(groups), "first": years[0], "last": years[-1],
               "years": len(years), "rules": rules}
            if years else _("roles: %(roles)d; new time-limit rules: %(rules)d")
            % {"roles": len(groups), "rules": rules}
        )
        self.stdout.write(_("new document templates: %(n)d") % {"n": templates})
        for config in apps.get_app_configs():
            seed = getattr(config, "seed_defaults", None)
            if seed is not None:
                self.stdout.write(seed())
