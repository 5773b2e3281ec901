"""Load the synonym dictionary that ships with the repository into the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.commands import OperatorCommand
from search.models import Synonym
from search.synonyms import seed_groups


def as_terms(kind: str, terms: list[str]) -> str:
    return " = ".join(terms) if kind == "equivalent" else f"{terms[0]} > {' '.join(terms[1:])}"


class Command(OperatorCommand):
    help = gettext_lazy("Add the groups of search/dictionary/synonyms.txt that the database "
                        "lacks (--replace: make the table exactly the file, dropping admin "
                        "edits).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--replace", action="store_true",
                            help=_("Make the table exactly the file, dropping the "
                                   "administrators' edits."))

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        if options["replace"]:
            Synonym.objects.all().delete()
        known = {(s.kind, tuple(s.term_list())) for s in Synonym.objects.all()}
        new = [Synonym(kind=kind, terms=as_terms(kind, terms))
               for kind, terms in seed_groups() if (kind, tuple(terms)) not in known]
        Synonym.objects.bulk_create(new)
        self.stdout.write(_("%(added)d synonym groups added, %(total)d in the dictionary")
                          % {"added": len(new), "total": Synonym.objects.count()})
