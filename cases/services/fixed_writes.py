"""Writes of a fixed shape that every transition makes, their SQL built once per process.

Like :mod:`cases.services.fixed_queries` for the reads: the ORM's ``save()`` and
``QuerySet.update()`` build and compile an ``InsertQuery`` / ``UpdateQuery`` on every
call (about half a millisecond to a millisecond of Python each on this machine), for
statements whose text depends only on the model and the columns written. Here the text is
made once per model, columns and database alias, and each call only prepares the values
as the ORM does (``Field.pre_save`` for a save, ``Field.get_db_prep_save``) and runs it.

What ``Model.save`` does around the statement is kept: the ``pre_save`` and ``post_save``
signals are sent with the same arguments (the statistics summary marks a case on its
timeline entry's ``post_save``), the instance's state is updated (its key, ``adding``,
its database) and django-fsm's optimistic check stays (``UPDATE … WHERE state = <the state
read>``, :class:`ConcurrentTransition` when another transaction changed it). A model whose
``save`` is its own (beyond django-fsm's) or a value the ORM would turn into SQL of its own
(an expression, a field with a placeholder of its own) goes through the ORM as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import DatabaseError, connections, models, router
from django.db.models import signals
from django.db.models.fields import NOT_PROVIDED
from django_fsm import ConcurrentTransition, ConcurrentTransitionMixin

from cases.models import CaseEvent, OutboxEntry

# The saves whose work beyond the statement this module repeats: Django's own, django-fsm's
# (the state check, then the state read again), the timeline's (refuses a second save).
_KNOWN_SAVES = {models.Model.save, ConcurrentTransitionMixin.save, CaseEvent.save}

_sql: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def _plain(model: type[models.Model], fields: Iterable[Any]) -> bool:
    """The model's save is one this module repeats, and the columns are written as a
    plain parameter each."""
    return model.save in _KNOWN_SAVES and not model._meta.parents and not any(
        hasattr(f, "get_placeholder") or getattr(f, "generated", False)
        or f.db_default is not NOT_PROVIDED for f in fields)


def _expression(value: Any) -> bool:
    """A value the ORM turns into SQL of its own (``F("x") + 1``, a subquery)."""
    return hasattr(value, "resolve_expression")


def insert(obj: models.Model) -> None:
    """``obj.save(force_insert=True)`` of a new row of a model with a database-generated
    key: every concrete column but the key, its key read back."""
    model = type(obj)
    using = router.db_for_write(model, instance=obj)
    connection = connections[using]
    key = ("insert", model, using)
    cached = _sql.get(key)
    if cached is None:
        opts = model._meta
        fields: list[Any] = [f for f in opts.concrete_fields if f is not opts.pk]
        if not _plain(model, opts.concrete_fields) or not getattr(opts.pk, "db_returning", False) \
                or not connection.features.can_return_columns_from_insert:
            obj.save(force_insert=True)
            return
        qn = connection.ops.quote_name
        returning, _params = connection.ops.return_insert_columns([opts.pk])
        columns = ", ".join(qn(f.column) for f in fields)
        holders = ", ".join(["%s"] * len(fields))
        sql = (f"INSERT INTO {qn(opts.db_table)} ({columns})"  # noqa: S608 - the model's names
               f" VALUES ({holders}) {returning}")
        cached = _sql[key] = (sql, fields)
    if obj.pk is not None or not obj._state.adding:
        raise ValueError("insert() writes a new row")
    sql, fields = cached
    if any(_expression(getattr(obj, f.attname)) for f in fields):
        obj.save(force_insert=True)
        return
    signals.pre_save.send(sender=model, instance=obj, raw=False, using=using,
                          update_fields=None)
    obj._prepare_related_fields_for_save(  # type: ignore[attr-defined]
        operation_name="save")
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection=connection)
              for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk = cursor.fetchone()[0]
    setattr(obj, model._meta.pk.attname, pk)
    obj._state.adding = False
    obj._state.db = using
    signals.post_save.send(sender=model, instance=obj, created=True, update_fields=None,
                           raw=False, using=using)


def update(obj: models.Model, update_fields: Sequence[str]) -> None:
    """``obj.save(update_fields=update_fields)`` of a row read from the database; on a
    django-fsm model with its state check (``WHERE state = <the state read>``)."""
    model = type(obj)
    using = router.db_for_write(model, instance=obj)
    connection = connections[using]
    opts = model._meta
    key = ("update", model, tuple(update_fields), using)
    cached = _sql.get(key)
    if cached is None:
        state_fields = ([f for f in obj.state_fields if f.model is model]
                        if isinstance(obj, ConcurrentTransitionMixin) else [])
        fields: list[Any] = [opts.get_field(name) for name in update_fields]
        if not update_fields or not _plain(model, fields) or any(
                not f.concrete or f.primary_key or f.model is not model for f in fields):
            obj.save(update_fields=update_fields)
            return
        qn = connection.ops.quote_name
        where = " AND ".join(f"{qn(f.column)} = %s" for f in [opts.pk, *state_fields])
        sql = (f"UPDATE {qn(opts.db_table)} SET "  # noqa: S608 - names from the model
               f"{', '.join(f'{qn(f.column)} = %s' for f in fields)} WHERE {where}")
        cached = _sql[key] = (sql, fields, frozenset(fields), state_fields)
    sql, fields, field_set, state_fields = cached
    if obj.pk is None or obj._state.adding:
        raise ValueError("update() writes a row read from the database")
    if any(_expression(getattr(obj, f.attname)) for f in fields):
        obj.save(update_fields=update_fields)
        return
    signals.pre_save.send(sender=model, instance=obj, raw=False, using=using,
                          update_fields=frozenset(update_fields))
    # A set: the ORM asks ``field in fields`` of every concrete field.
    obj._prepare_related_fields_for_save(  # type: ignore[attr-defined]
        operation_name="save", fields=field_set)
    params = [f.get_db_prep_save(f.pre_save(obj, False), connection=connection)
              for f in fields]
    params.append(opts.pk.get_db_prep_value(obj.pk, connection))
    # django-fsm's check: the state as read (or as last saved), kept by its mixin.
    initial = getattr(obj, "_ConcurrentTransitionMixin__initial_states", {})
    params += [f.get_db_prep_save(initial[f.attname], connection=connection)
               for f in state_fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        updated = cursor.rowcount
    if not updated:
        if state_fields and model._base_manager.using(using).filter(pk=obj.pk).exists():
            raise ConcurrentTransition(
                "Cannot save object! The state has been changed since fetched from the "
                "database!")
        raise DatabaseError("Save with update_fields did not affect any rows.")
    obj._state.db = using
    if state_fields:
        obj._update_initial_state()  # type: ignore[attr-defined]
    signals.post_save.send(sender=model, instance=obj, created=False,
                           update_fields=frozenset(update_fields), raw=False, using=using)


def update_rows(model: type[models.Model], pks: Sequence[Any], values: dict[str, Any]
                ) -> int:
    """``model.objects.filter(pk__in=pks).update(**values)`` (no signals, as the ORM's
    ``update``); the number of rows written."""
    using = router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    key = ("rows", model, tuple(values), len(pks), using)
    cached = _sql.get(key)
    if cached is None:
        fields: list[Any] = [opts.get_field(name) for name in values]
        if not pks or not values or not _plain(model, fields) or any(
                not f.concrete or f.primary_key or f.model is not model for f in fields):
            return model._base_manager.filter(pk__in=pks).update(**values)
        qn = connection.ops.quote_name
        sql = (f"UPDATE {qn(opts.db_table)} SET "  # noqa: S608 - names from the model
               f"{', '.join(f'{qn(f.column)} = %s' for f in fields)} "
               f"WHERE {qn(opts.pk.column)} IN ({', '.join(['%s'] * len(pks))})")
        cached = _sql[key] = (sql, fields)
    sql, fields = cached
    if any(_expression(v) or isinstance(v, models.Model) for v in values.values()):
        return model._base_manager.filter(pk__in=pks).update(**values)
    params = [f.get_db_prep_save(value, connection=connection)
              for f, value in zip(fields, values.values(), strict=True)]
    params += [opts.pk.get_db_prep_value(pk, connection) for pk in pks]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def update_each(model: type[models.Model], rows: dict[Any, dict[str, Any]]) -> int:
    """Write each row's own values of the same columns in one statement (no signals, as
    ``update_rows``): ``UPDATE … SET c = v.c FROM (SELECT <key>, <values> UNION ALL …) v
    WHERE key = v.key``, where the ORM would need one ``UPDATE`` per set of values. On
    PostgreSQL each value is cast to its column's type (a ``NULL`` or a text in a ``UNION``
    has none of its own); SQLite (3.33 or later) takes them as they are. The number of rows
    written."""
    using = router.db_for_write(model)
    connection = connections[using]
    opts = model._meta
    names = tuple(next(iter(rows.values()), {}))
    key = ("each", model, names, len(rows), using)
    cached = _sql.get(key)
    if cached is None:
        fields: list[Any] = [opts.get_field(name) for name in names]
        if (not names or connection.vendor not in ("postgresql", "sqlite")
                or not _plain(model, fields)
                or any(not f.concrete or f.primary_key or f.model is not model for f in fields)):
            return sum(update_rows(model, [pk], values) for pk, values in rows.items())
        qn = connection.ops.quote_name

        def holder(field: Any) -> str:
            if connection.vendor == "postgresql":
                return f"CAST(%s AS {field.cast_db_type(connection)})"
            return "%s"

        pk = opts.pk
        first = ", ".join([f"{holder(pk)} AS {qn(pk.column)}",
                           *(f"{holder(f)} AS {qn(f.column)}" for f in fields)])
        rest = ", ".join(holder(f) for f in [pk, *fields])
        selects = " UNION ALL ".join([f"SELECT {first}", *[f"SELECT {rest}"] * (len(rows) - 1)])
        table = qn(opts.db_table)
        sql = (f"UPDATE {table} SET "  # noqa: S608 - names from the model
               f"{', '.join(f'{qn(f.column)} = v.{qn(f.column)}' for f in fields)} "
               f"FROM ({selects}) AS v WHERE {table}.{qn(pk.column)} = v.{qn(pk.column)}")
        cached = _sql[key] = (sql, fields)
    sql, fields = cached
    params: list[Any] = []
    for pk_value, values in rows.items():
        if tuple(values) != names or any(
                _expression(v) or isinstance(v, models.Model) for v in values.values()):
            raise ValueError("update_each() writes the same columns of every row, as values")
        params.append(opts.pk.get_db_prep_value(pk_value, connection))
        params += [f.get_db_prep_save(value, connection=connection)
                   for f, value in zip(fields, values.values(), strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def insert_with_entry(obj: models.Model, entry: OutboxEntry, key_prefix: str) -> bool:
    """``insert(obj)`` and ``insert(entry)``, the outbox entry of work on ``obj``: its
    ``args`` are ``[obj.pk]`` and its ``key`` is ``key_prefix`` followed by that key (cut
    to the column's length), in one statement on PostgreSQL (``WITH … INSERT …
    RETURNING`` feeding the entry's ``INSERT``), one round trip where there were two.
    Both instances end as their own inserts leave them, and the signals are sent for both
    (``pre_save`` before the statement, the entry's before its ``args`` and ``key`` are
    known; ``post_save`` after, the row's first). False, nothing written, on another
    database or for a model whose save this module does not repeat: the caller inserts
    them one after the other."""
    model = type(obj)
    using = router.db_for_write(model, instance=obj)
    connection = connections[using]
    if connection.vendor != "postgresql" or router.db_for_write(OutboxEntry,
                                                                instance=entry) != using:
        return False
    key = ("with-entry", model, using)
    cached = _sql.get(key)
    if cached is None:
        opts, eopts = model._meta, OutboxEntry._meta
        fields: list[Any] = [f for f in opts.concrete_fields if f is not opts.pk]
        args_field, key_field = eopts.get_field("args"), eopts.get_field("key")
        efields: list[Any] = [f for f in eopts.concrete_fields
                              if f not in (eopts.pk, args_field, key_field)]
        if not (_plain(model, opts.concrete_fields) and _plain(OutboxEntry,
                                                              eopts.concrete_fields)):
            return False
        qn = connection.ops.quote_name
        sql = (f"WITH e AS (INSERT INTO {qn(opts.db_table)} "  # noqa: S608 - the models' names
               f"({', '.join(qn(f.column) for f in fields)}) "
               f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {qn(opts.pk.column)}),"
               f" o AS (INSERT INTO {qn(eopts.db_table)} ({qn(args_field.column)}, "
               f"{qn(key_field.column)}, {', '.join(qn(f.column) for f in efields)}) "
               f"SELECT jsonb_build_array(e.{qn(opts.pk.column)}), "
               f"LEFT(%s || CAST(e.{qn(opts.pk.column)} AS text), {key_field.max_length}), "
               f"{', '.join(['%s'] * len(efields))} FROM e RETURNING {qn(eopts.pk.column)})"
               f" SELECT e.{qn(opts.pk.column)}, o.{qn(eopts.pk.column)} FROM e, o")
        cached = _sql[key] = (sql, fields, efields)
    sql, fields, efields = cached
    for one in (obj, entry):
        if one.pk is not None or not one._state.adding:
            raise ValueError("insert_with_entry() writes new rows")
    if any(_expression(getattr(obj, f.attname)) for f in fields) or any(
            _expression(getattr(entry, f.attname)) for f in efields):
        return False
    for one in (obj, entry):
        signals.pre_save.send(sender=type(one), instance=one, raw=False, using=using,
                              update_fields=None)
        one._prepare_related_fields_for_save(  # type: ignore[attr-defined]
            operation_name="save")
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection=connection)
              for f in fields]
    params.append(key_prefix)
    params += [f.get_db_prep_save(f.pre_save(entry, True), connection=connection)
               for f in efields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        pk, entry_pk = cursor.fetchone()
    setattr(obj, model._meta.pk.attname, pk)
    entry.pk, entry.args = entry_pk, [pk]
    entry.key = f"{key_prefix}{pk}"[:OutboxEntry._meta.get_field("key").max_length]
    for one in (obj, entry):
        one._state.adding = False
        one._state.db = using
        signals.post_save.send(sender=type(one), instance=one, created=True,
                               update_fields=None, raw=False, using=using)
    return True
