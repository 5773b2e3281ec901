"""The base of the project's management commands (``manage.py seed_defaults`` and the
others an operator runs).

- *The database down or unreachable* ends a command with one line on stderr, in the
  interface language: what failed, where (host and port, or SQLite's file; never the
  credentials) and what to check, and exit status 1, instead of a driver's traceback.
  ``--traceback`` still shows the traceback; ``call_command`` gets a ``CommandError``.
  Any other database error (a missing table, a constraint) is raised as before.
- *--help* reads in the interface language: the commands' texts are marked for
  translation (``gettext_lazy``), and so are Django's own common options, which Django
  does not translate, and argparse's headings ("usage:", "options"). Django runs commands
  with no language activated, so translations fall back to ``LANGUAGE_CODE`` (zh-hans).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from django.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    DjangoHelpFormatter,
)
from django.db import InterfaceError, OperationalError, connection
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.startup import database_connect_error, database_location

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Django's options of every command, whose help Django leaves in English.
COMMON_OPTIONS_HELP = {
    "help": gettext_lazy("Show this help message and exit."),
    "version": gettext_lazy("Show the Django version and exit."),
    "verbosity": gettext_lazy("How much to print: 0 = nothing but errors, 1 = normal, "
                              "2 = more, 3 = everything."),
    "settings": gettext_lazy('The settings module as a Python path, e.g. "config.settings"; '
                             "by default the DJANGO_SETTINGS_MODULE environment variable."),
    "pythonpath": gettext_lazy("A folder to add to the Python path, e.g. "
                               '"/home/djangoprojects/myproject".'),
    "traceback": gettext_lazy("Show the full traceback when the command fails."),
    "no_color": gettext_lazy("Do not colour the output."),
    "force_color": gettext_lazy("Colour the output even when it is not a terminal."),
    "skip_checks": gettext_lazy("Skip the system checks."),
}


class OperatorHelpFormatter(DjangoHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
        super().add_usage(usage, actions, groups,
                          _("usage: ") if prefix is None else prefix)


def database_unreachable() -> str | None:
    """The operator's sentence when the database cannot be connected to now, else None
    (the error that brought us here was something else)."""
    try:
        connection.close()  # a connection broken by the outage is not reused
    except Exception:  # noqa: BLE001, S110 - closing a dead connection may fail; it is gone
        pass
    why = database_connect_error()
    if why is None:
        return None
    return _("Cannot connect to the database at %(where)s (%(why)s). Check DATABASE_URL, "
             "that the database server is running and that this machine can reach it.") % {
        "where": database_location(), "why": why}


class OperatorCommand(BaseCommand):
    """What every command of the project derives from (see the module's docstring)."""

    # A translation, made a str when the parser is built (in the language then active).
    help: StrOrPromise = ""  # type: ignore[assignment]

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        # argparse formats the description with re: a lazy translation must be a str.
        self.help = str(self.help)
        kwargs.setdefault("formatter_class", OperatorHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser._positionals.title = _("positional arguments")
        parser._optionals.title = _("options")
        for action in parser._actions:
            if action.dest in COMMON_OPTIONS_HELP:
                action.help = str(COMMON_OPTIONS_HELP[action.dest])
        return parser

    def execute(self, *args: Any, **options: Any) -> str | None:
        try:
            return super().execute(*args, **options)
        except (OperationalError, InterfaceError) as exc:
            message = database_unreachable()
            if message is None:
                raise
            if getattr(self, "_called_from_command_line", False) and not options.get("traceback"):
                self.stderr.write(message)
                sys.exit(1)
            raise CommandError(message) from exc
