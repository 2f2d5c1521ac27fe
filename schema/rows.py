"""Rows handed to strawberry where the schema declares a GraphQL type.

Entity types (parties, API clients, webhook subscriptions, deliveries) resolve straight off the ORM rows the services
return: fields named like a column need no resolver, the others take the row as `strawberry.Parent`. The type checker
sees a row where a payload declares the GraphQL type; `served_as` says, once and typed, that this is on purpose.
"""

from __future__ import annotations

from typing import TypeVar, cast

GraphQLType = TypeVar("GraphQLType")


def served_as(row: object, graphql_type: type[GraphQLType]) -> GraphQLType:
    """`row`, served as `graphql_type` (whose fields resolve off it)."""
    return cast(GraphQLType, row)
