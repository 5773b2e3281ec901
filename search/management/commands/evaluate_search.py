"""Search quality on a labelled set: NDCG@10 and recall@20 of the page's search beside
BM25 over character bigrams, computed in the same run on the same index, per query type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config.commands import OperatorCommand
from search.evaluation.harness import DEFAULT_SET, Report, evaluate


class Command(OperatorCommand):
    help = gettext_lazy(
        "Run a labelled set (a folder with decisions.json and queries.json, or one JSON "
        "file) through the page's search and report NDCG@10 and recall@20 beside plain "
        "BM25 over character bigrams, per query type. Nothing is kept: the decisions "
        "live in a rolled-back transaction and a temporary index.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("labelled_set", nargs="?", type=Path, default=DEFAULT_SET,
                            help=_("Folder or JSON file (default: search/evaluation/)."))
        parser.add_argument("--per-query", action="store_true",
                            help=_("Also list every query's scores."))
        parser.add_argument("--cluster", metavar="URL",
                            help=_("Run on this Elasticsearch/OpenSearch cluster (a "
                                   "temporary index, removed afterwards) instead "
                                   "of the embedded index."))
        parser.add_argument("--flavour", choices=["opensearch", "elasticsearch"],
                            default="opensearch",
                            help=_("With --cluster: its kind (default opensearch)."))

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["labelled_set"]
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            report = evaluate(path, cluster_url=options.get("cluster"),
                              flavour=options.get("flavour") or "opensearch")
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot read the labelled set {path}: {exc}") from exc
        self.stdout.write(f"{path}: {report.decisions} decisions, {len(report.system)} "
                          "queries (graded 0-3; relevant for recall: grade >= 2)")
        self.stdout.write(f"{'queries':18s} {'n':>3s}  {'system NDCG@10':>14s} "
                          f"{'recall@20':>9s}   {'BM25 NDCG@10':>12s} {'recall@20':>9s}")
        for kind in [*report.types(), "all"]:
            system = [s for s in report.system if kind in {"all", s.type}]
            bm25 = [s for s in report.bm25 if kind in {"all", s.type}]
            self.stdout.write(
                f"{kind:18s} {len(system):3d}  {Report.mean_ndcg(system):14.3f} "
                f"{Report.mean_recall(system):9.3f}   {Report.mean_ndcg(bm25):12.3f} "
                f"{Report.mean_recall(bm25):9.3f}")
        empty = report.empty_where_bm25_finds()
        self.stdout.write(f"queries with no result where BM25 finds a relevant decision: "
                          f"{len(empty)}" + (f" ({'; '.join(empty)})" if empty else ""))
        if options["per_query"]:
            for s, b in zip(report.system, report.bm25, strict=True):
                self.stdout.write(f"  [{s.type}/{s.mode}] {s.ndcg:.3f} vs {b.ndcg:.3f} "
                                  f"({s.returned} results) {s.query[:60]}")
