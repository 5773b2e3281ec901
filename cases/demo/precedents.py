"""Demo precedents: the decisions of the labelled sets written apart from the generator
(``search/evaluation/``: rulings, court judgments, mediation records and penalty decisions
of several layouts), public, so that legal staff can try the precedent search on texts
like real ones. Idempotent by external id; indexed by the search outbox like any import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from cases.models import Office
from search.evaluation.harness import DEFAULT_SET, decision_fields, load_set
from search.models import Decision, DecisionSource
from search.services import queue_index_task, save_decision

SETS = ("independent", "heldout", "fresh", "plain")
# Each layout as the source a real import would give it.
SOURCES = {"judgment": DecisionSource.COURT, "appeal": DecisionSource.COURT,
           "mediation": DecisionSource.MEDIATION,
           "people_mediation": DecisionSource.MEDIATION}


def ensure_precedents(offices: dict[str, Office], counts: dict[str, int],
                      root: Path = DEFAULT_SET) -> None:
    """Each labelled decision as a public precedent of the office of its region (the
    region office for a region outside the demo tree), unless already there: all in one
    transaction, with one index task for the lot."""
    region = next(o for o in offices.values() if o.parent_id is None)
    there = set(Decision.objects.filter(external_id__startswith="demo-")
                .values_list("source", "external_id"))
    created = 0
    with transaction.atomic():
        for name in SETS:
            decisions, _queries = load_set(root / name)
            for raw in decisions:
                source = SOURCES.get(str(raw.get("layout")), DecisionSource.OFFICE)
                external_id = f"demo-{name}-{raw['external_id']}"
                if (source, external_id) in there:
                    continue
                office = offices.get(str(raw.get("region_code")), region)
                save_decision(source=source, external_id=external_id, office=office,
                              decided_on=date.fromisoformat(str(raw["decided_on"])),
                              is_public=True, queue_task=False, **decision_fields(raw))
                created += 1
        if created:
            queue_index_task()
    counts["precedents"] += created
