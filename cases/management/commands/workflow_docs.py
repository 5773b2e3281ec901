"""Writes docs/workflows.md from the code (or, with --check, fails if it is stale)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.services.deadline_rules import DEFAULT_RULES
from cases.workflow_docs import render
from config.commands import OperatorCommand


class Command(OperatorCommand):
    help = gettext_lazy("Render docs/workflows.md (state diagram and clocks) from the code.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true",
                            help=_("Exit non-zero if the committed file is out of "
                                   "date."))

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.BASE_DIR) / "docs" / "workflows.md"
        text = render([dict(r) for r in DEFAULT_RULES])
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path} is out of date: run manage.py workflow_docs")
            self.stdout.write("docs/workflows.md is up to date.")
            return
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"wrote {path}")
