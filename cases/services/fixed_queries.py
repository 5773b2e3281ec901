"""Reads of a fixed shape that every transition runs, compiled by the ORM once per process.

Building a queryset and compiling it costs about half a millisecond of Python on this
machine, as much as the database's own work for a read by key; the transition runner's
locks of the header and the workflow record and the clock engine's read of the running
clocks have the same SQL on every transition, only their parameters differ. A
:class:`FixedQuery` has the ORM compile the queryset the first time (so the SQL is the
ORM's, the row lock and the joins included) and keeps the SQL with what the ORM needs to
turn a row into objects (the select-related objects, the annotations, the fields'
converters); afterwards it runs the SQL with the new parameters and builds the objects as
Django's model iterable does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]
from django.db.transaction import TransactionManagementError


@dataclass(frozen=True)
class _Compiled:
    sql: str
    for_update: bool
    init_list: list[str]
    fields: slice
    related: list[Any]
    annotations: list[tuple[str, int]]
    converters: list[tuple[int, list[Any], Any]]


class FixedQuery:
    """``build(model, *values)`` makes the queryset and ``params(*values)`` the parameters
    of its SQL, in order (by default the values themselves). Both are checked against the
    ORM's own when the SQL is compiled, once per model and database."""

    def __init__(self, build: Callable[..., QuerySet[Any]],
                 params: Callable[..., tuple[Any, ...]] | None = None) -> None:
        self._build = build
        self._params = params
        self._compiled: dict[tuple[type[Model], str], _Compiled] = {}

    def rows(self, model: type[Model], *values: Any) -> list[Any]:
        using = router.db_for_write(model)
        connection = connections[using]
        params = self._params(*values) if self._params is not None else values
        compiled = self._compiled.get((model, using))
        if compiled is None:
            compiled = self._compile(model, using, values, params)
        elif compiled.for_update and connection.get_autocommit():
            # What the ORM refuses when it compiles one: a lock that would end at once.
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction.")
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        found = []
        for row in rows:
            if compiled.converters:
                row = list(row)
                for pos, converters, expression in compiled.converters:
                    value = row[pos]
                    for converter in converters:
                        value = converter(value, expression, connection)
                    row[pos] = value
            obj = model.from_db(using, compiled.init_list, row[compiled.fields])
            for populator in compiled.related:
                populator.populate(row, obj)
            for name, pos in compiled.annotations:
                setattr(obj, name, row[pos])
            found.append(obj)
        return found

    def _compile(self, model: type[Model], using: str, values: tuple[Any, ...],
                 params: tuple[Any, ...]) -> _Compiled:
        queryset = self._build(model, *values)
        compiler = queryset.query.get_compiler(using)
        sql, orm_params = compiler.as_sql()
        if tuple(orm_params) != tuple(params):
            raise ValueError(f"the query takes {orm_params!r}, not {params!r}")
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        compiled = _Compiled(
            sql=sql,
            for_update=queryset.query.select_for_update,
            init_list=[column[0].target.attname for column in select[start:end]],
            fields=slice(start, end),
            related=get_related_populators(klass_info, select, using),
            annotations=list(compiler.annotation_col_map.items()),
            converters=[(pos, converters, expression) for pos, (converters, expression)
                        in compiler.get_converters([s[0] for s in select]).items()])
        self._compiled[(model, using)] = compiled
        return compiled
