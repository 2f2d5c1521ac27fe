"""`events(types)` and `ticketSla(source, externalId)`: the caller's events as they are committed, and a ticket's
clocks each time they change.

Each subscription holds no session while it waits: it is woken by the NOTIFY channel (through the process's one
shared LISTEN connection, `services.event_stream.StreamWakeups`, as `GET /v1/events/stream` is) and reads, in a short
session of its own, through the service function the query uses, so it shows exactly what the query would show the
caller: `list_events` for events, `ticket_sla` for a ticket. Sibling subscriptions of one socket never share a
session. The heartbeat (`event_stream_heartbeat_seconds`) only bounds how long a lost notification could delay a
read.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import strawberry

from db import values
from db.engine import asyncpg_url
from db.values import Scope
from schema.context import actor_of
from schema.events.types import Event
from schema.permissions import requires_scope
from schema.subscriptions.connection import SocketContext
from schema.tickets.types import TicketSla
from schema.views import shown_as
from services.errors import NotFound
from services.event_stream import StreamWakeups, events_after, latest_position
from services.ticketing import tickets as ticket_service
from services.ticketing.views import TicketSla as TicketSlaView

# The enum the columns and the event catalogue use, named EventType in the schema too.
strawberry.enum(values.EventType, description="An event type, e.g. AGREEMENT_CREATED (agreement.created).")

READ = [requires_scope(Scope.AGREEMENTS_READ)]


def _socket(info: strawberry.Info) -> SocketContext:
    context = info.context
    if not isinstance(context, SocketContext):  # pragma: no cover - SubscriptionsOnlyOverWebSocket refuses HTTP
        raise PermissionError("subscriptions run over the WebSocket at /graphql")
    return context


def _listen_dsn(context: SocketContext) -> str | None:
    url = context.state.settings.database_url
    return asyncpg_url(url).replace("+asyncpg", "", 1) if url else None


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="The caller's events as they are committed (those `events` would list: about agreements it is "
        "a member of, or addressed to its party), from the moment of subscribing; only these types if given.",
        extensions=READ,
    )
    async def events(
        self, info: strawberry.Info, types: list[values.EventType] | None = None
    ) -> AsyncGenerator[Event, None]:
        context = _socket(info)
        viewer = actor_of(info)
        sessionmaker = context.state.sessionmaker
        heartbeat = float(context.state.settings.event_stream_heartbeat_seconds)
        wanted = [values.EventType(t).value for t in types] if types else None
        after = await latest_position(sessionmaker)
        async with StreamWakeups(_listen_dsn(context)) as wakeups:
            while True:
                wakeups.arm()
                for streamed in await events_after(sessionmaker, viewer, after=after, types=wanted):
                    yield Event.shown(streamed.event)
                    after = streamed.resume_id
                await wakeups.wait(heartbeat)

    @strawberry.subscription(
        description="A ticket's SLA clocks, now and again each time they change (a ticket event, a due time "
        "passing); null while there is no such ticket or the caller neither reported it nor is on its agreement "
        "(indistinguishable), as for the `ticketSla` query.",
        extensions=READ,
    )
    async def ticket_sla(
        self,
        info: strawberry.Info,
        # Not `source` in Python: strawberry's permission extension passes the parent object under that name.
        ticket_source: Annotated[
            str, strawberry.argument(name="source", description="The ticketing source, e.g. zendesk.")
        ],
        external_id: Annotated[str, strawberry.argument(description="The source's id of the ticket.")],
    ) -> AsyncGenerator[TicketSla | None, None]:
        context = _socket(info)
        viewer = actor_of(info)
        sessionmaker = context.state.sessionmaker
        heartbeat = float(context.state.settings.event_stream_heartbeat_seconds)
        key = ticket_service.ticket_change_key(ticket_source, external_id)
        sent: TicketSlaView | None = None
        first = True
        async with StreamWakeups(
            _listen_dsn(context), channel=ticket_service.TICKETS_CHANNEL, wanted=key.__eq__
        ) as wakeups:
            while True:
                wakeups.arm()
                try:
                    async with sessionmaker() as session:
                        found: TicketSlaView | None = await ticket_service.ticket_sla(
                            session, viewer, ticket_source, external_id
                        )
                except NotFound:
                    found = None
                if first or found != sent:
                    yield shown_as(TicketSla, found) if found is not None else None
                    sent, first = found, False
                await wakeups.wait(heartbeat)
