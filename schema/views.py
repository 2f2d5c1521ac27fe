"""Service views answered through GraphQL types.

A GraphQL type here declares the fields of a service view (`services.<domain>.views`) under the same names, and
strawberry resolves each one by reading the attribute of that name off whatever the parent object is. So a
resolver hands the view itself to the type that reads it: no copy of the answer is built, and a field the view does
not have fails the schema tests rather than drifting. `shown_as` says so to the type checker, in one place.
"""

from __future__ import annotations

from typing import TypeVar, cast

GraphQLType = TypeVar("GraphQLType")


def shown_as(graphql_type: type[GraphQLType], view: object) -> GraphQLType:
    """`view`, answered as `graphql_type` (whose fields read its attributes)."""
    return cast(GraphQLType, view)
