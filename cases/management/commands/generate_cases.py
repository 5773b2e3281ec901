"""Creates N cases of every workflow in bulk, for benchmarks (cases.demo.scale)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.demo.scale import generate_cases
from config.commands import OperatorCommand


class Command(OperatorCommand):
    help = gettext_lazy("Create N cases across every workflow, state, office and five years, with "
             "parties, clocks, timeline events and reminders, in bulk, for benchmarks.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("n", type=int, metavar="N",
                            help=_("How many cases to create."))
        parser.add_argument("--seed", type=int, default=1,
                            help=_("Random seed (the same seed gives the same data "
                                   "set)."))

    def handle(self, *args: Any, **options: Any) -> None:
        n = options["n"]
        if n <= 0:
            raise CommandError(_("N must be a positive number of cases."))
        result = generate_cases(n, seed=options["seed"],
                                stdout=lambda line: self.stdout.write(line))
        rows = ", ".join(f"{name} {count}" for name, count in sorted(result.rows.items()))
        self.stdout.write(_("Created %(n)s cases in %(s).1f s (%(rate).0f cases/s): %(rows)s.")
                          % {"n": result.cases, "s": result.seconds,
                             "rate": result.per_second, "rows": rows})
        if options["verbosity"] >= 2:
            for step, seconds in result.steps.items():
                self.stdout.write(f"  {seconds:8.2f} s  {step}")
