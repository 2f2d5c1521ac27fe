"""One error vocabulary, mapped once: `services.errors.DomainError` → a typed GraphQL error.

Mutations return these as data (`XPayload | NotFoundError | ValidationError | ...`). Queries answer `null` for
not-found-or-not-yours and raise the rest as GraphQL errors whose `extensions` carry the same `code` and field
problems (see `as_graphql_error`).
"""

from __future__ import annotations

import re

import strawberry
from graphql import GraphQLError
from sqlalchemy.exc import DBAPIError

from services.errors import DomainError

# Lock conflicts and serialisation failures are the other writer winning — the same set REST answers 409 for.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "23505"})

# Services name fields as the REST body does; a GraphQL client sent these names instead.
_GRAPHQL_ARGUMENT_NAMES = {"limit": "first", "cursor": "after", "If-Match": "expectedVersion"}


@strawberry.type(description="One invalid input field and what is wrong with it.")
class FieldProblem:
    field: str = strawberry.field(description="Path of the input field, e.g. `clauses[0].kind`.")
    message: str


@strawberry.interface(description="An expected failure of a mutation, returned as data.")
class Error:
    code: str = strawberry.field(description="Stable machine-readable code, the same as REST's problem `code`.")
    message: str
    field: str | None = strawberry.field(description="The first offending input field, if any.")
    problems: list[FieldProblem]


@strawberry.type(description="Not found, or not visible to the caller (the two are indistinguishable).")
class NotFoundError(Error):
    pass


@strawberry.type(description="The input is invalid; `field`/`problems` name what to fix (REST 400/422).")
class ValidationError(Error):
    pass


@strawberry.type(description="The change conflicts with the current state, e.g. an invalid transition (REST 409).")
class ConflictError(Error):
    pass


@strawberry.type(description="The caller may not do this to this object, e.g. not a signatory (REST 403).")
class ForbiddenError(Error):
    pass


@strawberry.type(description="The object changed since the caller read it: `expectedVersion` is stale (REST 412/428).")
class PreconditionError(Error):
    pass


MutationError = NotFoundError | ValidationError | ConflictError | ForbiddenError | PreconditionError

_ERROR_TYPE_BY_STATUS: dict[int, type[MutationError]] = {
    400: ValidationError,
    422: ValidationError,
    401: ForbiddenError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    412: PreconditionError,
    428: PreconditionError,
}


def graphql_field_path(path: str) -> str:
    """`memberships[1].party_id` → `memberships[1].partyId`; inside `terms` (free JSON) names stay as sent."""
    if path in _GRAPHQL_ARGUMENT_NAMES:
        return _GRAPHQL_ARGUMENT_NAMES[path]
    segments = path.split(".")
    converted = []
    for index, segment in enumerate(segments):
        converted.append(re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), segment))
        if segment.split("[")[0] == "terms":
            converted.extend(segments[index + 1 :])
            break
    return ".".join(converted)


def error_from_domain(exc: DomainError) -> MutationError:
    problems = [FieldProblem(field=graphql_field_path(p.field), message=p.message) for p in exc.problems]
    error_type = _ERROR_TYPE_BY_STATUS.get(exc.status, ValidationError)
    return error_type(
        code=exc.code, message=exc.message, field=problems[0].field if problems else None, problems=problems
    )


def conflict_from_database(exc: DBAPIError) -> ConflictError | None:
    """A concurrent writer won (lock timeout, serialisation failure, unique race): retryable, not a bug."""
    sqlstate = getattr(getattr(exc, "orig", None), "sqlstate", None)
    if sqlstate not in RETRYABLE_SQLSTATES:
        return None
    return ConflictError(
        code="concurrent_update",
        message="another request changed this at the same time; retry",
        field=None,
        problems=[],
    )


def as_graphql_error(exc: DomainError) -> GraphQLError:
    """For queries: the domain error as a GraphQL error with the same code and field problems in `extensions`."""
    error = error_from_domain(exc)
    return GraphQLError(
        error.message,
        extensions={
            "code": error.code,
            "problems": [{"field": p.field, "message": p.message} for p in error.problems],
        },
    )
