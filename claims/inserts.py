"""INSERT ... ON CONFLICT DO NOTHING RETURNING: insert what is missing and learn exactly what was
inserted; and its twin that updates on conflict (upsert_rows).

bulk_create(ignore_conflicts=True) cannot say which rows it inserted, so two workers racing to
store the same claim would both count it as theirs. PostgreSQL and SQLite (3.35+) both return
only the rows an ON CONFLICT DO NOTHING insert really wrote. On PostgreSQL the statement is
written here, each column one array (_insert_as_arrays); elsewhere Django's QuerySet._insert
makes it: private API, used in this one place and covered by the concurrency tests.
"""

from collections.abc import Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models.constants import OnConflict
from django.db.models.expressions import DatabaseDefault


def insert_missing_rows(
    model: type[models.Model], objs: Sequence[models.Model], returning: Sequence[str]
) -> list[tuple]:
    """Insert objs, skipping any that conflict with a unique constraint; for each row inserted,
    (its id, *the values of the `returning` fields), a foreign key as its id."""
    if not objs:
        return []
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    if connection.vendor == "postgresql":
        back = [meta.pk.name, *returning]
        rows = _insert_as_arrays(model, objs, fields, conflict="DO NOTHING", returning=back)
        if rows is not None:
            return rows
    return _insert_by_django(model, objs, fields, returning)


def upsert_rows(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    unique_fields: Sequence[str],
    update_fields: Sequence[str],
) -> None:
    """bulk_create(update_conflicts=True): insert objs, and where one conflicts on unique_fields,
    update the row's update_fields instead. On PostgreSQL, one statement of column arrays."""
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    if connection.vendor == "postgresql":
        quoted = connection.ops.quote_name
        unique = ", ".join(quoted(column_of(model, name)) for name in unique_fields)
        update = ", ".join(
            f"{c} = EXCLUDED.{c}" for c in (quoted(column_of(model, n)) for n in update_fields)
        )
        if _insert_as_arrays(model, objs, fields, conflict=f"({unique}) DO UPDATE SET {update}") is not None:
            return
    model._default_manager.bulk_create(
        objs, update_conflicts=True, unique_fields=unique_fields, update_fields=update_fields
    )


def _insert_by_django(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: list[models.Field],
    returning: Sequence[str],
) -> list[tuple]:
    meta = model._meta
    rows = model._default_manager._insert(  # type: ignore[attr-defined]  # the insert bulk_create makes
        list(objs),
        fields=fields,
        returning_fields=[meta.pk, *(meta.get_field(name) for name in returning)],
        on_conflict=OnConflict.IGNORE,
    )
    # A single-row insert that met a conflict comes back as [None].
    return [tuple(row) for row in rows or () if row is not None]


# Fields whose values psycopg sends as they are when they are already of the column's Python type:
# preparing them one by one (get_db_prep_save) would return each unchanged, at a few microseconds
# a value. Any other value (a number for a text column, say) is prepared by its field.
_SENT_AS_THEY_ARE: tuple[tuple[type[models.Field], set[type]], ...] = (
    (models.CharField, {str, type(None)}),
    (models.TextField, {str, type(None)}),
    (models.BooleanField, {bool, type(None)}),
    (models.IntegerField, {int, type(None)}),
    (models.FloatField, {float, type(None)}),
    (models.ForeignKey, {int, type(None)}),
)


def _ready(field: models.Field, values: list) -> bool:
    """Whether these values of this field go to psycopg as they are."""
    for kind, types in _SENT_AS_THEY_ARE:
        if isinstance(field, kind):
            return all(type(value) in types for value in values)
    return False


def _insert_as_arrays(
    model: type[models.Model],
    objs: Sequence[models.Model],
    fields: list[models.Field],
    *,
    conflict: str,
    returning: Sequence[str] = (),
) -> list[tuple] | None:
    """PostgreSQL: the same INSERT with each column sent as one array and the rows made by
    unnest(), instead of a placeholder for every value. An article's appearances are some forty
    rows of twenty-odd columns: Django's compiler prepares and psycopg adapts each of those values
    as a parameter of its own, which cost the ingest worker more CPU than the statement itself.
    Each value is still prepared by its field (get_db_prep_save after pre_save), as Django's
    compiler does, so what is stored is the same. None when only Django can write these values
    (an expression among them): the caller takes Django's way."""
    database = connections[DEFAULT_DB_ALIAS]  # the connection itself, not its per-thread proxy
    # A field left to its database default (db_default) is left out, as Django leaves it out.
    columns, sent = [], []
    for field in fields:
        values = [field.pre_save(obj, True) for obj in objs]
        expressions = sum(hasattr(value, "resolve_expression") for value in values)
        if expressions == len(values) and all(isinstance(v, DatabaseDefault) for v in values):
            continue
        if expressions:
            return None
        if not _ready(field, values):
            values = [field.get_db_prep_save(value, connection=database) for value in values]
        columns.append(values)
        sent.append(field)
    quoted = database.ops.quote_name
    table = quoted(model._meta.db_table)
    names = ", ".join(quoted(column_of(model, field.name)) for field in sent)
    arrays = ", ".join(f"%b::{field.db_type(database)}[]" for field in sent)
    back = ", ".join(quoted(column_of(model, name)) for name in returning)
    with _binding_on_the_server(database) as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT * FROM unnest({arrays}) ON CONFLICT {conflict}"
            + (f" RETURNING {back}" if back else ""),
            columns,
        )
        return [tuple(row) for row in cursor.fetchall()] if back else []


def _binding_on_the_server(database: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor of this connection that sends its parameters apart from the statement, in binary
    (%b). Django's own cursors bind on the client: an array parameter is then written into the
    statement as text, each element escaped by psycopg in Python, which costs three times the CPU
    of sending it in binary. Wrapped as Django wraps its cursors (queries logged when logging is
    on, execute wrappers applied); same connection, so same transaction."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    database.ensure_connection()
    # django-stubs types this cursor without its psycopg base class, and make_cursor's argument as
    # Django's wrapper rather than the driver's cursor it wraps: the ignores are for the stubs.
    raw: Any = ServerBindingCursor(database.connection)  # type: ignore[call-arg]
    return database.make_debug_cursor(raw) if database.queries_logged else database.make_cursor(raw)


def insert_numbers(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[int | None]]
) -> None:
    """INSERT ... ON CONFLICT DO NOTHING of rows of integers (ids, hashes) into `fields` of `model`,
    for the narrow index tables written by the hundred per article (ClaimAnchor, SourceSketch):
    no model object and no per-field preparation for each row. On PostgreSQL each column travels
    as one array literal (its text built by str.join, far cheaper than adapting each number)."""
    if not rows:
        return
    meta = model._meta
    columns = [column_of(model, name) for name in fields]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = [
                "{" + ",".join("NULL" if v is None else str(int(v)) for v in column) + "}"
                for column in zip(*rows, strict=True)
            ]
            unnest = ", ".join(["%s::bigint[]"] * len(columns))
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT * FROM unnest({unnest}) ON CONFLICT DO NOTHING", arrays
            )
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders}) ON CONFLICT DO NOTHING",
                [list(r) for r in rows],
            )


def column_of(model: type[models.Model], name: str) -> str:
    """The database column of one of a model's concrete fields."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column, f"{name} is not a concrete field"
    return field.column
