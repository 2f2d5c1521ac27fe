"""`calendars(first, after)` and `calendar(id)` — the GraphQL side of `GET /v1/calendars`."""

from __future__ import annotations

import uuid

import strawberry

from db.values import Scope
from schema.calendars.types import Calendar
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.pagination import DEFAULT_PAGE_SIZE, Connection, calendar_cursor, connection
from schema.permissions import requires_scope
from services.errors import DomainError, NotFound
from services.ticketing import calendars as calendar_service

READ = [requires_scope(Scope.AGREEMENTS_READ)]


@strawberry.type
class CalendarQueries:
    @strawberry.field(
        description="The built-in 24×7 calendar first, then the caller's own and the shared calendars, oldest first.",
        extensions=READ,
    )
    async def calendars(
        self, info: strawberry.Info, first: int = DEFAULT_PAGE_SIZE, after: str | None = None
    ) -> Connection[Calendar]:
        try:
            async with info.context.sessions.session() as session:
                rows, next_cursor = await calendar_service.list_calendars(
                    session, actor_of(info), limit=first, cursor=after
                )
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return connection(rows, next_cursor, calendar_cursor, node_of=Calendar.of)

    @strawberry.field(
        description="A calendar the caller may read (its own, a shared one or the built-in 24×7); null "
        "if there is none with this id or it is another party's (the two are "
        "indistinguishable).",
        extensions=READ,
    )
    async def calendar(self, info: strawberry.Info, id: uuid.UUID) -> Calendar | None:
        try:
            async with info.context.sessions.session() as session:
                calendar = await calendar_service.get_calendar(session, actor_of(info), id)
        except NotFound:
            return None
        return Calendar.of(calendar)
