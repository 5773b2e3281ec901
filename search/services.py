"""Writes to precedents. Every change writes an outbox row in the same transaction; a
task drains the outbox after commit and a periodic sweep catches what a lost task missed,
so the index never silently falls behind the database."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import AuditAction, Role
from cases.selectors.scope import can_see_office
from cases.services import audit, outbox
from cases.workflows import TransitionDone
from search.backends import get_backend
from search.models import Decision, IndexRebuild, OutboxOp, SearchOutbox
from search.schema import to_document

if TYPE_CHECKING:
    from cases.models import Office, User

logger = logging.getLogger("ipcases.search")


def enqueue(decision: Decision, op: str = OutboxOp.UPSERT, *, queue_task: bool = True) -> None:
    # The index has its own outbox (batched per backend call); the hand-over to Celery
    # and the retry timing are the kernel outbox's.
    SearchOutbox.objects.create(decision_id=decision.pk, op=op)
    if queue_task:
        queue_index_task()


def queue_index_task() -> None:
    """One index task after commit: it drains every outbox row there is, so a bulk load
    saves its decisions with ``queue_task=False`` and calls this once."""
    outbox.send_after_commit("search.tasks.drain_outbox")


@transaction.atomic
def save_decision(*, source: str, external_id: str, office: Office,
                  actor: User | None = None, queue_task: bool = True,
                  **fields: Any) -> Decision:
    """Create or update (by source and external id) a decision of ``office``, validated,
    with its outbox row (and an index task after commit unless ``queue_task`` is false:
    see :func:`queue_index_task`) and, when a person did it, an access-log entry.

    An external id held by another office's decision, or by a deleted one, is refused
    (ValidationError): an import must not move a decision between offices, rewrite it, or
    bring back what legal staff removed."""
    decision = Decision.objects.select_for_update().filter(
        source=source, external_id=external_id).first()
    created = decision is None
    if decision is None:
        decision = Decision(source=source, external_id=external_id)
    elif decision.office_id != office.pk:
        raise ValidationError(_("external_id %(id)s belongs to a precedent of another office; "
                                "it cannot be imported here.") % {"id": external_id})
    elif decision.is_deleted:
        raise ValidationError(_("external_id %(id)s belongs to a deleted precedent; an "
                                "administrator must restore it first.") % {"id": external_id})
    decision.office = office
    for key, value in fields.items():
        setattr(decision, key, value)
    decision.full_clean(exclude=["office_path"])
    decision.save()
    enqueue(decision, queue_task=queue_task)
    if actor is not None:
        audit.record(None, AuditAction.PRECEDENT_IMPORTED if created
                     else AuditAction.PRECEDENT_CHANGED, obj=decision, actor=actor,
                     detail=f"{source}:{external_id}")
    return decision


def _require_legal(actor: User, decision: Decision) -> None:
    if not (actor.has_role(Role.LEGAL) and can_see_office(actor, decision.office)):
        raise PermissionDenied(_("Only legal staff of the office may change precedents."))


@transaction.atomic
def set_public(*, decision: Decision, actor: User, public: bool) -> Decision:
    _require_legal(actor, decision)
    decision.is_public = public
    decision.save(update_fields=["is_public", "updated_at", "office_path", "region_code"])
    enqueue(decision)
    audit.record(None, AuditAction.PRECEDENT_CHANGED, obj=decision, actor=actor,
                 detail="public" if public else "not public")
    return decision


@transaction.atomic
def delete_decision(*, decision: Decision, actor: User) -> None:
    _require_legal(actor, decision)
    decision.is_deleted = True
    decision.save(update_fields=["is_deleted", "updated_at", "office_path", "region_code"])
    enqueue(decision, OutboxOp.DELETE)
    audit.record(None, AuditAction.PRECEDENT_CHANGED, obj=decision, actor=actor,
                 detail="deleted")


@transaction.atomic
def mark_guiding_case(*, decision: Decision, holding: str, actor: User) -> Decision:
    """Legal staff mark a decision as a guiding case (指导案例) with its holding."""
    _require_legal(actor, decision)
    if not holding.strip():
        raise ValidationError({"holding": [_("A guiding case needs its holding.")]})
    decision.is_guiding_case = True
    decision.holding = holding.strip()
    decision.guiding_marked_by = actor
    decision.guiding_marked_at = timezone.now()
    decision.save()
    enqueue(decision)
    audit.record(None, AuditAction.PRECEDENT_CHANGED, obj=decision, actor=actor,
                 detail="guiding case")
    return decision


def record_precedent(done: TransitionDone) -> None:
    """Transition listener: a case entering its workflow's precedent state becomes a
    precedent (and its outbox row), in the deciding transaction."""
    mapping = done.workflow.precedent
    if mapping is None or done.to_state != mapping.recorded_on \
            or done.from_state == mapping.recorded_on:
        return
    save_decision(source=mapping.source, external_id=f"case-{done.case.pk}", case=done.case,
                  **mapping.fields(done.flow))


def drain_outbox(batch_size: int = 200) -> int:
    """Index what the outbox holds, oldest first, in batches. Returns rows processed.

    Re-processing is harmless (documents are rebuilt from the current row); a failure
    leaves the batch in the outbox with exponential backoff."""
    processed = 0
    backend = get_backend()
    while True:
        now = timezone.now()
        with transaction.atomic():
            rows = list(
                SearchOutbox.objects.select_for_update(skip_locked=True)
                .filter(processed_at__isnull=True)
                .exclude(next_attempt_at__gt=now)
                .order_by("id")[:batch_size]
            )
            if not rows:
                return processed
            ids = {r.decision_id for r in rows}
            live = {d.pk: d for d in Decision.objects.filter(pk__in=ids, is_deleted=False)
                    .select_related("office")}
            try:
                backend.index([to_document(d) for d in live.values()])
                backend.delete([pk for pk in ids if pk not in live])
            except Exception as exc:  # noqa: BLE001 - any backend failure is retried later
                logger.warning("outbox batch failed", extra={"error": str(exc),
                                                             "rows": len(rows)})
                for row in rows:
                    row.attempts += 1
                    row.last_error = str(exc)[:2000]
                    row.next_attempt_at = now + outbox.backoff(row.attempts)
                SearchOutbox.objects.bulk_update(rows, ["attempts", "last_error",
                                                        "next_attempt_at"])
                return processed
            SearchOutbox.objects.filter(pk__in=[r.pk for r in rows]).update(processed_at=now)
            processed += len(rows)


REBUILD_BATCH = 500


def rebuild_index(progress: Any = None, *, restart: bool = False,
                  stop_after: int | None = None) -> int:
    """Rebuild the index from the database into a new index and swap it in.

    Progress is recorded after every batch; an interrupted rebuild resumes into the same
    new index from the last decision it indexed (``restart`` starts afresh). Decisions
    changed while the rebuild ran are indexed again after the swap. ``stop_after`` ends
    the run after that many decisions without swapping (for tests and maintenance
    windows). Returns the number of decisions indexed in this run.
    """
    backend = get_backend()
    state = IndexRebuild.objects.filter(backend=backend.name, finished_at__isnull=True).last()
    if state is not None and (restart or not backend.has_rebuild_target(state.target)):
        state.delete()
        state = None
    if state is None:
        state = IndexRebuild.objects.create(backend=backend.name,
                                            target=backend.start_rebuild())
    count = 0
    while True:
        batch = list(Decision.objects.filter(is_deleted=False, pk__gt=state.last_id)
                     .select_related("office").order_by("pk")[:REBUILD_BATCH])
        if not batch:
            break
        backend.add_to_rebuild(state.target, [to_document(d) for d in batch])
        state.last_id = batch[-1].pk
        state.save(update_fields=["last_id"])
        count += len(batch)
        if progress:
            progress(len(batch))
        if stop_after is not None and count >= stop_after:
            return count
    backend.finish_rebuild(state.target)
    state.finished_at = timezone.now()
    state.save(update_fields=["finished_at"])
    # What changed while the rebuild ran went to the old index: index it again.
    changed = Decision.objects.filter(updated_at__gte=state.started_at).select_related("office")
    backend.index([to_document(d) for d in changed if not d.is_deleted])
    backend.delete([d.pk for d in changed if d.is_deleted])
    return count


def check_index(*, repair: bool = True) -> dict[str, list[int]]:
    """Compare the database with the index: missing, stale and orphaned documents."""
    backend = get_backend()
    in_index = backend.versions()
    in_db = {d.pk: to_document(d)["version"] for d in
             Decision.objects.filter(is_deleted=False).select_related("office")}
    missing = sorted(pk for pk in in_db if pk not in in_index)
    stale = sorted(pk for pk, v in in_db.items() if pk in in_index and in_index[pk] != v)
    orphans = sorted(pk for pk in in_index if pk not in in_db)
    if repair:
        fix = missing + stale
        backend.index([to_document(d) for d in
                       Decision.objects.filter(pk__in=fix).select_related("office")])
        backend.delete(orphans)
    return {"missing": missing, "stale": stale, "orphans": orphans}
