"""Rebuild the precedent index from the database, or check it for drift and repair it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from config.commands import OperatorCommand
from search.models import Decision
from search.services import check_index, drain_outbox, rebuild_index

# What check_index reports, as the operator reads it (the ids follow).
DRIFT_LABELS = {
    "missing": gettext_lazy("missing from the index: %(n)d"),
    "stale": gettext_lazy("out of date in the index: %(n)d"),
    "orphans": gettext_lazy("in the index but not in the database: %(n)d"),
}


class PlainProgress:
    """Progress as whole lines ("indexed 1200 of 12000 decisions"), one per tenth."""

    def __init__(self, out: OutputWrapper, total: int) -> None:
        self.out, self.total, self.done = out, total, 0
        self.next_tenth = 1

    def __call__(self, n: int) -> None:
        self.done += n
        if self.total and self.done * 10 >= self.next_tenth * self.total:
            self.out.write(_("indexed %(done)d of %(total)d decisions")
                           % {"done": self.done, "total": self.total})
            self.next_tenth = self.done * 10 // self.total + 1


class Command(OperatorCommand):
    help = gettext_lazy("Maintain the precedent search index (--rebuild, --check, --drain).")

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--rebuild", action="store_true",
                           help=_("Build a new index from the database and swap it "
                                  "in."))
        group.add_argument("--check", action="store_true",
                           help=_("Compare database and index; repair missing, "
                                  "stale and orphaned documents."))
        group.add_argument("--drain", action="store_true",
                           help=_("Process the outbox now."))
        parser.add_argument("--dry-run", action="store_true",
                            help=_("With --check: report only, repair nothing."))
        parser.add_argument("--restart", action="store_true",
                            help=_("With --rebuild: discard an interrupted rebuild "
                                   "and start afresh (by default it resumes)."))

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            total = Decision.objects.filter(is_deleted=False).count()
            # A rebuild writes a fresh index and swaps it in at the end: an interrupted
            # run leaves the live index untouched, and the next run resumes it.
            if self.stderr.isatty():
                with tqdm(total=total, unit="decisions", disable=total == 0) as bar:
                    count = rebuild_index(progress=bar.update, restart=options["restart"])
            else:
                # A log file or a journal: tqdm's carriage returns would pile up on one
                # line there, so whole lines, at most one per tenth of the work.
                count = rebuild_index(progress=PlainProgress(self.stderr, total),
                                      restart=options["restart"])
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
