"""Scalars shaped like the REST API's: RFC 3339 timestamps in UTC with `Z` (as msgspec writes them), and exact
decimals as strings (money is never a float)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import strawberry
from graphql import GraphQLError
from strawberry.scalars import JSON
from strawberry.types.scalar import ScalarDefinition

from services.values import InvalidValue, format_decimal, parse_decimal

__all__ = ["JSON", "SCALAR_MAP"]


def _serialize_datetime(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _parse_datetime(value: object) -> datetime:
    if not isinstance(value, str):
        raise GraphQLError("DateTime must be an RFC 3339 string such as 2026-11-26T14:00:00Z")
    # The offset and the supported years are checked by the use case (services.values.instant_input), which names
    # the field in a typed error as REST does.
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise GraphQLError(f"{value!r} is not an RFC 3339 timestamp such as 2026-11-26T14:00:00Z") from None


DateTime = strawberry.scalar(
    name="DateTime",
    description="An RFC 3339 timestamp, answered in UTC (`2026-11-26T14:00:00Z`); input must carry an offset.",
    serialize=_serialize_datetime,
    parse_value=_parse_datetime,
)


def _parse_decimal(value: object) -> Decimal:
    if not isinstance(value, str):
        raise GraphQLError('Decimal must be a string such as "1200.00"')
    try:
        return parse_decimal(value, what="Decimal")
    except InvalidValue as exc:
        raise GraphQLError(str(exc)) from None


DecimalString = strawberry.scalar(
    name="Decimal",
    description='An exact decimal written as a string, e.g. "1200.00" — never a float.',
    serialize=format_decimal,
    parse_value=_parse_decimal,
)

SCALAR_MAP: dict[object, ScalarDefinition] = {datetime: DateTime, Decimal: DecimalString}
