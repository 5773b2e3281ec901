"""``manage.py rebuild_statistics``: recount the statistics' summary table from the cases
(after loading cases in bulk, or changing the office tree or the working-day calendar)."""

from __future__ import annotations

import time
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.commands import OperatorCommand
from stats import summary


class Command(OperatorCommand):
    help = gettext_lazy("Recount the statistics' summary table from every case.")

    def handle(self, *args: Any, **options: Any) -> None:
        t0 = time.perf_counter()
        count = summary.rebuild()
        self.stdout.write(_("%(count)d cases counted in %(seconds).1f s")
                          % {"count": count, "seconds": time.perf_counter() - t0})
