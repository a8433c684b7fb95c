"""Look up rows by hash through an index on (value, owner), reading a bounded number per value.

Near-duplicate sources (SourceSketch) and claim variants (ClaimAnchor) are both found this way:
for each hash, the newest `per_value` owners (sources, claims) that have it, then how many of the
hashes each owner shares. A hash that thousands of owners share (boilerplate, a common phrase)
costs `per_value` rows, not thousands, so a lookup does not slow down as the table grows.
"""

from collections import Counter
from collections.abc import Iterable

from django.db import connection, models

from claims.inserts import column_of


def owners_by_value(
    model: type[models.Model],
    owner: str,
    values: Iterable[int],
    per_value: int,
    *,
    equal: dict[str, int] | None = None,
) -> dict[int, list[int]]:
    """{value: the owner ids that have it (the newest `per_value`)}. `model` has a BigInteger
    field `value` and a foreign key `owner`; `equal` narrows the rows by other columns (field
    names)."""
    values = list(values)
    equal = equal or {}
    out: dict[int, list[int]] = {}
    if not values:
        return out
    if connection.vendor != "postgresql":
        rows = model._default_manager.filter(value__in=values, **equal)
        for value, pk in rows.values_list("value", f"{owner}_id"):
            out.setdefault(value, []).append(pk)
        return out
    meta = model._meta
    column = column_of(model, owner)
    where = [f"{column_of(model, name)} = %s" for name in equal]
    extra = "".join(f" AND {condition}" for condition in where)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.value, h.{column} FROM unnest(%s::bigint[]) AS v(value), LATERAL ("
            f" SELECT {column} FROM {meta.db_table} WHERE value = v.value{extra}"
            f" ORDER BY {column} DESC LIMIT %s) AS h",
            [values, *equal.values(), per_value],
        )
        for value, pk in cursor.fetchall():
            out.setdefault(value, []).append(pk)
    return out


def owners_sharing(
    model: type[models.Model],
    owner: str,
    values: Iterable[int],
    per_value: int,
    *,
    equal: dict[str, int] | None = None,
) -> Counter[int]:
    """{owner id: how many of `values` it has}, reading at most `per_value` owners a value
    (owners_by_value)."""
    found = owners_by_value(model, owner, values, per_value, equal=equal)
    return Counter(pk for owners in found.values() for pk in owners)


def owners_sharing_per_group(
    model: type[models.Model], owner: str, group: str, wanted: dict[int, set[int]], per_value: int
) -> dict[int, Counter[int]]:
    """owners_sharing(model, owner, values, per_value, equal={group: g}) for each (g, values) in
    `wanted`, in one statement: {g: {owner id: how many of g's values it has}}."""
    out: dict[int, Counter[int]] = {g: Counter() for g in wanted}
    pairs = [(g, value) for g, values in wanted.items() for value in values]
    if not pairs:
        return out
    meta = model._meta
    column, group_column = column_of(model, owner), column_of(model, group)
    if connection.vendor != "postgresql":
        rows = model._default_manager.filter(
            value__in={value for _, value in pairs}, **{f"{group}__in": list(wanted)}
        ).values_list(group_column, "value", column)
        for g, value, pk in rows:
            if value in wanted[g]:
                out[g][pk] += 1
        return out
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.grp, h.{column} FROM unnest(%s::bigint[], %s::bigint[]) AS v(grp, value), LATERAL ("
            f" SELECT {column} FROM {meta.db_table} WHERE value = v.value AND {group_column} = v.grp"
            f" ORDER BY {column} DESC LIMIT %s) AS h",
            [[g for g, _ in pairs], [value for _, value in pairs], per_value],
        )
        for g, pk in cursor.fetchall():
            out[g][pk] += 1
    return out
