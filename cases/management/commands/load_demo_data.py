"""Loads the Guangxi demo data set (idempotent) and prints the demo logins per role."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.demo.loader import load_demo_data
from cases.demo.people import DEMO_PASSWORD, login_table
from config.commands import OperatorCommand

# What the loader counts, as the user reads it.
COUNT_LABELS = {
    "offices": gettext_lazy("offices"),
    "prefixes": gettext_lazy("document-number codes"),
    "users": gettext_lazy("users"),
    "parties": gettext_lazy("parties"),
    "agents": gettext_lazy("agents"),
    "rights": gettext_lazy("IP rights"),
    "cases": gettext_lazy("ruling cases"),
    "mediation cases": gettext_lazy("mediation cases"),
    "time-limit rules": gettext_lazy("time-limit rules"),
    "precedents": gettext_lazy("public precedents"),
    "complaints and referrals": gettext_lazy("complaints, referrals and transfers"),
    "bulk parties": gettext_lazy("bulk parties"),
    "bulk rights": gettext_lazy("bulk IP rights"),
    "bulk cases": gettext_lazy("bulk cases"),
}


class Command(OperatorCommand):
    help = gettext_lazy("Load demo data for Guangxi: offices, users, parties, rights and ruling "
                        "cases.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=int, default=0, metavar="N",
            help=_("Also create, per office, N extra companies each holding a "
                   "patent and N extra cases in random states, in bulk, for "
                   "benchmarks (no timeline, no clocks)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] < 0:
            raise CommandError(_("--scale is a number of cases per office; it cannot be "
                                 "negative."))
        result = load_demo_data(scale=options["scale"])
        created = ", ".join(f"{COUNT_LABELS.get(key, key)} +{n}"
                            for key, n in result.created.items())
        self.stdout.write(_("Demo data: %(created)s.") % {"created": created})
        if not any(result.created.values()):
            self.stdout.write(_("Everything was already there; nothing new was created."))
        self.stdout.write("")
        self.stdout.write(_("Demo logins (password: %(password)s)")
                          % {"password": DEMO_PASSWORD})
        rows = [(_("Role"), "南宁市知识产权局", "柳州市知识产权局"), *login_table()]
        widths = [max(_width(row[i]) for row in rows) for i in range(3)]
        for row in rows:
            self.stdout.write("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)))
        self.stdout.write(_("Superuser: admin (same password, created only if none existed)."))


def _width(text: str) -> int:
    """Display width: a CJK character takes two columns."""
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
