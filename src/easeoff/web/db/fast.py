"""Shortcuts for the busiest request (POST /api/assessments): one-statement INSERT, raw reads.

Django compiles the SQL of every query afresh; on a request that does little else, that
compilation was a large share of the time (docs/benchmarks.md, API throughput). `insert`
keeps what matters of `Model.save()` for a new row (each field's `pre_save`, so `auto_now`
and defaults apply, and its database preparation) and caches the statement per model and
database. It sends no model signals; easeoff registers none (a test checks). `fetch`,
`aware` and `decode_json` are what the raw reads of the safety rules share.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime
from typing import Any, TypeVar

from django.db import connection, connections, models

M = TypeVar("M", bound=models.Model)


@functools.cache
def _statement(model: type[models.Model], using: str) -> tuple[str, tuple[Any, ...]]:
    """Return the INSERT ... RETURNING statement for `model` on `using`, and its fields."""
    quote = connections[using].ops.quote_name
    meta = model._meta
    fields = tuple(f for f in meta.local_concrete_fields if not isinstance(f, models.AutoField))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "  # noqa: S608 -- model metadata, not input
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(meta.pk.column)}"
    )
    return sql, fields


def insert(obj: M, *, using: str = "default") -> M:
    """INSERT the new `obj` with one statement, set its primary key, and return it.

    Falls back to `obj.save()` where the database cannot return the new id from the INSERT.
    """
    connection = connections[using]
    if not connection.features.can_return_columns_from_insert:
        obj.save(using=using)
        return obj
    sql, fields = _statement(type(obj), using)
    values = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = using
    return obj


def fetch(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    """Run one raw query on the default database and return all its rows."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def aware(moment: datetime) -> datetime:
    """Return a database datetime as aware UTC (SQLite's raw cursor gives naive UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def decode_json(value: Any) -> Any:
    """Decode a JSON column read with a raw cursor (text on SQLite and PostgreSQL alike)."""
    return json.loads(value) if isinstance(value, str | bytes) else value
