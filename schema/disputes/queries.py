"""`dispute(id)` and `disputes(filter, first, after)` — the GraphQL side of `GET /v1/disputes`."""

from __future__ import annotations

import uuid

import strawberry

from db import values
from db.values import Scope
from schema.context import actor_of
from schema.disputes.types import Dispute, DisputeStatus
from schema.errors import as_graphql_error
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, connection, dispute_cursor
from schema.permissions import requires_scope
from services.disputes import cases as dispute_service
from services.errors import DomainError, NotFound

# The `type: ignore[arg-type]` / `[return-value]` below are one pattern: a resolver hands strawberry the ORM row, which
# it resolves as the declared GraphQL type (the type's fields read the row's attributes); mypy sees two classes.

READ = [requires_scope(Scope.DISPUTES_READ)]


DisputeRole = strawberry.enum(
    values.DisputeRole, description="The caller's side of a dispute: it raised it, or it is the respondent."
)


@strawberry.input(description="All given conditions must hold.")
class DisputeFilter:
    status: DisputeStatus | None = None
    agreement_id: uuid.UUID | None = None
    role: DisputeRole | None = strawberry.field(default=None, description="Disputes the caller raised or received.")


@strawberry.type
class DisputeQueries:
    @strawberry.field(
        description="A dispute the caller raised or is the respondent of; null if there is none with "
        "this id or it is not the caller's (the two are indistinguishable).",
        extensions=READ,
    )
    async def dispute(self, info: strawberry.Info, id: uuid.UUID) -> Dispute | None:
        try:
            async with info.context.sessions.session() as session:
                return await dispute_service.get_dispute(session, actor_of(info), id)  # type: ignore[return-value]
        except NotFound:
            return None

    @strawberry.field(description="Disputes the caller raised or is the respondent of, newest first.", extensions=READ)
    async def disputes(
        self,
        info: strawberry.Info,
        filter: DisputeFilter | None = None,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
    ) -> Connection[Dispute]:
        given = filter or DisputeFilter()
        filters = dispute_service.DisputeFilter(
            status=given.status.value if given.status else None,
            agreement_id=given.agreement_id,
            role=given.role.value if given.role else None,
        )
        try:
            async with info.context.sessions.session() as session:
                rows, next_cursor = await dispute_service.list_disputes(
                    session, actor_of(info), filters, limit=first, cursor=after
                )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return connection(rows, next_cursor, dispute_cursor)
