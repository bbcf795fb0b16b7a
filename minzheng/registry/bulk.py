"""Bulk writers for the registry tables: COPY on PostgreSQL, ``bulk_create``/``bulk_update`` elsewhere.

Nothing here calls ``save()`` per row (DESIGN.md lesson 2). Callers prepare unsaved model
instances (a ``Person`` with ``fill_derived_fields()`` already called) and pass whole batches;
each function writes one batch in the caller's transaction.

On PostgreSQL the primary keys of new rows are drawn from the table's sequence first
(``nextval`` over ``generate_series``), so the rows can be streamed with ``COPY`` and still be
referred to by the rows written after them (memberships need the person and household ids).
"""

from collections.abc import Iterable, Sequence
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone

__all__ = ["BULK_BATCH", "Builder", "allocate_ids", "insert_objects", "is_postgresql", "update_objects"]

#: Rows per ``bulk_create``/``bulk_update`` statement on databases without COPY.
BULK_BATCH = 2000
#: Field types whose Python values psycopg writes as they are (no ``get_db_prep_save`` needed).
_PLAIN_TYPES = frozenset({
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "DateField", "DateTimeField",
    "DecimalField", "ForeignKey", "IntegerField", "PositiveBigIntegerField", "PositiveIntegerField",
    "PositiveSmallIntegerField", "SmallIntegerField", "TextField",
})


class Builder:
    """Makes unsaved instances of ``model`` quickly, for bulk writers.

    ``Builder(Person)(name=…, hukou_division_id=…)`` passes every concrete field positionally,
    Django's fast path (the one used for rows read from the database), with the defaults
    worked out once. Keys are attribute names (``hukou_division_id``, not ``hukou_division``).
    """

    def __init__(self, model: type[models.Model]):
        fields = model._meta.concrete_fields
        self.model = model
        self.index = {field.attname: position for position, field in enumerate(fields)}
        # get_default() also gives "" for blank text fields without a default, as Model() would.
        self.defaults = [None if field.primary_key or (field.has_default() and callable(field.default))
                         else field.get_default() for field in fields]
        self.callables = [(position, field) for position, field in enumerate(fields)
                          if field.has_default() and callable(field.default)]

    def __call__(self, **values) -> models.Model:
        args = self.defaults.copy()
        for position, field in self.callables:
            args[position] = field.get_default()
        index = self.index
        for name, value in values.items():
            args[index[name]] = value
        return self.model(*args)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _columns(model: type[models.Model], *, with_pk: bool = True) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if with_pk or not field.primary_key]


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys from ``model``'s sequence (PostgreSQL only).

    One statement draws them all; the server returns only the bounds when they are consecutive
    (the usual case); when a concurrent session drew numbers in between, a second draw returns
    the list itself (the first draw's numbers are left unused: gaps are harmless).
    """
    if not count:
        return []
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(v), max(v) FROM (SELECT nextval(pg_get_serial_sequence(%s, %s)) AS v "
                       "FROM generate_series(1, %s)) AS s", [table, pk, count])
        low, high = cursor.fetchone()
        if high - low + 1 == count:
            return list(range(low, high + 1))
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [table, pk, count])
        return [row[0] for row in cursor.fetchall()]


def _copy_rows(model: type[models.Model], objs: Sequence[models.Model], fields: list[models.Field], table: str
               ) -> None:
    """Stream ``objs`` into ``table`` with COPY; values are prepared the way ``bulk_create`` prepares them.

    ``auto_now``/``auto_now_add`` fields get the current time (as ``pre_save`` would); values of
    the plain field types go to psycopg as they are, the others through ``get_db_prep_save``.
    """
    real = connections[DEFAULT_DB_ALIAS]  # the proxy's per-attribute lookups cost more than the row
    columns = ", ".join(real.ops.quote_name(field.column) for field in fields)
    auto = [field.attname for field in fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)]
    prepared = [(position, field) for position, field in enumerate(fields)
                if field.get_internal_type() not in _PLAIN_TYPES]
    values = attrgetter(*(field.attname for field in fields))
    now = timezone.now()
    with real.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            for attname in auto:
                setattr(obj, attname, now)
            row = values(obj)
            if prepared:
                row = list(row)
                for position, field in prepared:
                    row[position] = field.get_db_prep_save(row[position], real)
            copy.write_row(row)


def insert_objects(model: type[models.Model], objs: Sequence[models.Model]) -> list[models.Model]:
    """Insert unsaved ``objs`` and give each its primary key.

    PostgreSQL: ids from the sequence, then one COPY. Elsewhere: ``bulk_create`` in batches
    (SQLite and PostgreSQL return the new keys).
    """
    if not objs:
        return []
    if not is_postgresql():
        return model.objects.bulk_create(objs, batch_size=BULK_BATCH)
    for obj, pk in zip(objs, allocate_ids(model, len(objs)), strict=True):
        obj.pk = pk
        obj._state.adding = False
    _copy_rows(model, objs, _columns(model), connection.ops.quote_name(model._meta.db_table))
    return list(objs)


def update_objects(model: type[models.Model], objs: Sequence[models.Model], field_names: Iterable[str]) -> int:
    """Write ``field_names`` of saved ``objs`` back to their rows; returns how many rows were written.

    PostgreSQL: COPY into a temporary table, then one ``UPDATE … FROM``. Elsewhere:
    ``bulk_update`` in batches.
    """
    if not objs:
        return 0
    field_names = list(field_names)
    if not is_postgresql():
        return model.objects.bulk_update(objs, field_names, batch_size=BULK_BATCH)
    meta, quote = model._meta, connection.ops.quote_name
    fields = [meta.pk, *(meta.get_field(name) for name in field_names)]
    table, temp = quote(meta.db_table), quote(f"tmp_update_{meta.db_table}")
    assignments = ", ".join(f"{quote(field.column)} = t.{quote(field.column)}" for field in fields[1:])
    column_list = ", ".join(quote(field.column) for field in fields)
    with connection.cursor() as cursor:
        # Dropped first: the same transaction may update another set of columns of this table.
        cursor.execute(f"DROP TABLE IF EXISTS {temp}")
        cursor.execute(f"CREATE TEMPORARY TABLE {temp} ON COMMIT DROP AS "
                       f"SELECT {column_list} FROM {table} WITH NO DATA")
    _copy_rows(model, objs, fields, temp)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} AS p SET {assignments} FROM {temp} AS t "
                       f"WHERE p.{quote(meta.pk.column)} = t.{quote(meta.pk.column)}")
        return cursor.rowcount
