"""The CHECK constraints the migrations built allow exactly the values of the enums the models declare."""

from __future__ import annotations

import re
from enum import StrEnum

from sqlalchemy import Enum, text

import db.models  # noqa: F401  (registers the tables)
from db.base import Base


def _enum_columns() -> list[tuple[str, str, type[StrEnum]]]:
    return [
        (table.name, column.name, column.type.enum_class)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Enum)
    ]


async def test_every_enum_column_is_checked_with_exactly_the_enum_values(connection):
    columns = _enum_columns()
    assert len(columns) >= 20
    for table, column, values in columns:
        definition = await connection.scalar(
            text(
                "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                "WHERE t.relname = :table AND c.contype = 'c' AND c.conname = :name"
            ),
            {"table": table, "name": f"ck_{table}_{column}"},
        )
        assert definition is not None, f"{table}.{column} has no CHECK constraint"
        allowed = set(re.findall(r"'([^']*)'::", definition))
        assert allowed == {str(v) for v in values}, f"{table}.{column}: {definition}"
