"""Rebuild the precedent index from the database, or check it for drift and repair it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from search.models import Decision
from search.services import check_index, drain_outbox, rebuild_index

# What check_index reports, as the operator reads it (the ids follow).
DRIFT_LABELS = {
    "missing": gettext_lazy("missing from the index: %(n)d"),
    "stale": gettext_lazy("out of date in the index: %(n)d"),
    "orphans": gettext_lazy("in the index but not in the database: %(n)d"),
}


class Command(BaseCommand):
    help = "Maintain the precedent search index (--rebuild, --check, --drain)."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true",
                           help="Build a new index from the database and swap it in.")
        group.add_argument("--check", action="store_true",
                           help="Compare database and index; repair missing, stale and "
                                "orphaned documents.")
        group.add_argument("--drain", action="store_true", help="Process the outbox now.")
        parser.add_argument("--dry-run", action="store_true",
                            help="With --check: report only, repair nothing.")
        parser.add_argument("--restart", action="store_true",
                            help="With --rebuild: discard an interrupted rebuild and start "
                                 "afresh (by default it resumes).")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            total = Decision.objects.filter(is_deleted=False).count()
            # A rebuild writes a fresh index and swaps it in at the end: an interrupted
            # run leaves the live index untouched, and the next run resumes it.
            with tqdm(total=total, unit="decisions", disable=total == 0) as bar:
                count = rebuild_index(progress=bar.update, restart=options["restart"])
            self.stdout.write(_("indexed %(n)d decisions") % {"n": count})
        elif options["check"]:
            drift = check_index(repair=not options["dry_run"])
            for key, ids in drift.items():
                line = DRIFT_LABELS[key] % {"n": len(ids)}
                self.stdout.write(line + (f" {ids[:20]}" if ids else ""))
            if options["dry_run"] and any(drift.values()):
                raise CommandError(_("the index has drifted from the database"))
        else:
            self.stdout.write(_("processed %(n)d outbox rows") % {"n": drain_outbox()})
