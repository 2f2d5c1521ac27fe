"""`events(first, after, types)` — the GraphQL side of `/v1/events`; also serves `Agreement.history`."""

from __future__ import annotations

import uuid

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.events.types import Event
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, connection, event_cursor
from schema.permissions import requires_scope
from services.errors import DomainError
from services.events import list_events


async def event_connection(
    info: strawberry.Info,
    *,
    first: int,
    after: str | None,
    types: list[str] | None = None,
    agreement_id: uuid.UUID | None = None,
) -> Connection[Event]:
    viewer = actor_of(info)
    try:
        async with info.context.sessions.session() as session:
            rows, next_cursor = await list_events(
                session, viewer, agreement_id=agreement_id, types=types, limit=first, cursor=after
            )
    except DomainError as exc:
        raise as_graphql_error(exc) from None
    return connection(
        rows, next_cursor, lambda row: event_cursor(row[0]), node_of=lambda row: Event.for_role(row[0], row[1], viewer)
    )


@strawberry.type
class EventQueries:
    @strawberry.field(
        description="The caller's events, oldest first: about agreements it is a member of, or addressed to its party.",
        extensions=[requires_scope(Scope.AGREEMENTS_READ)],
    )
    async def events(
        self,
        info: strawberry.Info,
        first: int = DEFAULT_PAGE_SIZE,
        after: str | None = None,
        types: list[str] | None = None,
    ) -> Connection[Event]:
        return await event_connection(info, first=first, after=after, types=types)
