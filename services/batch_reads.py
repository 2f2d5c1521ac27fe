"""Batch reads for DataLoaders and bulk computations: one query for many keys, the rows grouped by key."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import QueryableAttribute

Row = TypeVar("Row")
Key = TypeVar("Key", bound=Hashable)


def group_by(rows: Iterable[Row], key: Callable[[Row], Key], keys: Iterable[Key] = ()) -> dict[Key, list[Row]]:
    """Rows grouped by `key(row)`, keeping their order; every key in `keys` is present, if only with no rows."""
    grouped: dict[Key, list[Row]] = {k: [] for k in keys}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def among(column: QueryableAttribute[Any], name: str = "ids") -> ColumnElement[bool]:
    """`column = ANY(:name)`, for statements built once: one array parameter, so the SQL (and the driver's prepared
    statement) is the same whatever the number of ids; an expanding `IN` renders new SQL for every count."""
    return column == any_(bindparam(name, type_=ARRAY(column.type)))
