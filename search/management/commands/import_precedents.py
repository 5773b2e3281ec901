"""Load earlier decisions (.docx/.txt plus a CSV, .xlsx or JSON metadata sheet) for
precedent search. Columns: file, external_id, title, document_number, decided_on
(2024-05-31, 2024/5/31 or 2024年5月31日), ip_type (design_patent or 外观设计专利…), acts
(make;offer;sell… or 制造、许诺销售、销售), platform, product_category, outcome
(infringement_found or 侵权成立…), damages_claimed, damages_awarded, settlement_amount,
illegal_turnover, illegal_gain, fine, statutes (;-separated), disputed_issues, holding,
is_public, is_guiding_case, region_code (the decision's region when it is not the
importing office's, e.g. courts' judgments). Chinese headers (案号, 决定日期, 权利类型…)
are accepted. Text files and CSV may be UTF-8 or GBK/GB18030."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from cases.models import Office, User
from config.commands import OperatorCommand
from search.importing import import_rows, read_metadata
from search.selectors import pending_index_rows
from search.services import drain_outbox


class Command(OperatorCommand):
    help = gettext_lazy("Import earlier decisions from a folder of .docx/.txt files and a metadata "
             "sheet.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path,
                            help=_("The folder with the decisions' files."))
        parser.add_argument("--metadata", type=Path, required=True,
                            help=_("CSV or .xlsx (with a header row) or JSON list of "
                                   "objects."))
        parser.add_argument("--no-drain", action="store_true",
                            help=_("Leave indexing to the worker instead of indexing "
                                   "now."))
        parser.add_argument("--office", required=True,
                            help=_("Region code of the importing office, e.g. 450100."))
        parser.add_argument("--source", choices=["office", "court"], default="office",
                            help=_("Whose decisions they are: the office's own "
                                   "(default) or a court's."))
        parser.add_argument("--user", help=_("User name recorded as the importer."))

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["folder"])
        office = Office.objects.filter(region_code=options["office"]).first()
        if office is None:
            raise CommandError(_("No office has the region code %(code)s.")
                               % {"code": options["office"]})
        actor = None
        if options["user"]:
            actor = User.objects.filter(username=options["user"], office=office).first()
            if actor is None:
                raise CommandError(_("That office has no user %(user)s.")
                                   % {"user": options["user"]})
        if not folder.is_dir():
            raise CommandError(_("%(folder)s is not a folder.") % {"folder": folder})
        meta = Path(options["metadata"])
        try:
            rows = read_metadata(meta.name, meta.read_bytes())
        except ValidationError as exc:
            raise CommandError(_("Cannot read %(file)s: %(reason)s")
                               % {"file": meta, "reason": "; ".join(exc.messages)}) from exc
        except (OSError, ValueError) as exc:
            raise CommandError(_("Cannot read %(file)s: %(reason)s")
                               % {"file": meta, "reason": exc}) from exc

        def read_file(name: str) -> bytes:
            path = (folder / name).resolve()
            if folder.resolve() not in path.parents:
                raise OSError(_("The file is outside the folder."))
            return path.read_bytes()

        with tqdm(total=len(rows), unit="rows", disable=not rows) as bar:
            report = import_rows(rows, office=office, source=options["source"],
                                 read_file=read_file, progress=bar.update, actor=actor)
        for line, reason in report.rejected:
            self.stderr.write(_("Line %(line)s: not imported: %(reason)s")
                              % {"line": line, "reason": reason})
        for row in report.rows:
            if row.thresholds:
                self.stdout.write(_("Line %(line)s: suspected crime, to be referred: "
                                    "%(thresholds)s")
                                  % {"line": row.line, "thresholds": row.thresholds})
        self.stdout.write(_("Created %(created)s, updated %(updated)s, not imported "
                            "%(refused)s.")
                          % {"created": report.created, "updated": report.updated,
                             "refused": len(report.rejected)})
        if not options.get("no_drain"):
            drain_outbox()
        waiting = pending_index_rows()
        if waiting:
            self.stdout.write(_("%(n)s decisions wait for the index: they become searchable "
                                "when the worker indexes them (or run: manage.py "
                                "search_index --drain).") % {"n": waiting})
        else:
            self.stdout.write(_("The imported decisions are searchable now."))
