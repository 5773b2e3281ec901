"""Write a folder of sample decisions (.docx and .txt) with a metadata sheet, ready for
``import_precedents`` — for trying the import, demos and training."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document as Docx

from config.commands import OperatorCommand
from search.evaluation.generator import generate


class Command(OperatorCommand):
    help = gettext_lazy("Write N synthetic decisions and meta.csv into FOLDER (see "
                        "import_precedents).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", type=Path,
                            help=_("Where to write them (created if missing)."))
        parser.add_argument("--count", type=int, default=200,
                            help=_("How many decisions (default 200)."))
        parser.add_argument("--seed", type=int, default=45,
                            help=_("Random seed (the same seed gives the same data "
                                   "set)."))

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path = options["folder"]
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "meta.csv", "w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["file", "external_id", "title", "document_number", "decided_on",
                             "ip_type", "acts", "platform", "product_category", "outcome",
                             "damages_claimed", "damages_awarded", "settlement_amount",
                             "statutes", "disputed_issues", "holding", "is_public",
                             "is_guiding_case"])
            for i, s in enumerate(generate(options["count"], seed=options["seed"])):
                name = f"decision-{i + 1:04d}." + ("docx" if i % 2 else "txt")
                if name.endswith(".docx"):
                    doc = Docx()
                    doc.add_heading(s.title, level=1)
                    for paragraph in s.full_text.split("。"):
                        if paragraph.strip():
                            doc.add_paragraph(paragraph.strip() + "。")
                    doc.save(str(folder / name))
                else:
                    (folder / name).write_text(f"{s.title}\n{s.full_text}\n", encoding="utf-8")
                writer.writerow([
                    name, s.external_id, s.title,
                    f"桂知裁字〔{s.decided_on.year}〕{i + 1}号", s.decided_on.isoformat(),
                    s.ip_type, ";".join(s.infringing_acts), s.platform, s.product_category,
                    s.outcome, s.damages_claimed, s.damages_awarded or "",
                    s.settlement_amount or "", ";".join(s.statutes_cited), s.disputed_issues,
                    s.holding, "1", "1" if s.is_guiding_case else "0"])
        self.stdout.write(f"wrote {options['count']} decisions and meta.csv to {folder}")
