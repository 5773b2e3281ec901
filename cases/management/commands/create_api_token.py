"""Issue an API token for a user from the command line (deployments, CI's API fuzzing).

    manage.py create_api_token nn_officer --days 30

Prints the token once; only its hash is stored.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import User
from cases.services.tokens import create_api_token
from config.commands import OperatorCommand


class Command(OperatorCommand):
    help = gettext_lazy("Issue an API token for a user and print it (shown only this once).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help=_("The user's login name."))
        parser.add_argument("--days", type=int, default=30,
                            help=_("Days the token is valid (default 30)."))

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(_("No active user “%(name)s”.") % {"name": options["username"]})
        try:
            _token, plain = create_api_token(user=user, days=options["days"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(plain)
