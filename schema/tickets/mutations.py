"""`recordTicketEvents` — the GraphQL side of `POST /v1/tickets/events`.

One call of `services.ticketing.tickets.ingest_events` inside `in_transaction`: the batch is checked whole before
anything is stored (a bad event names its field, `events[2].occurredAt`, and nothing is kept), and is idempotent
by (source, event id). Events for a ticket whose `created` has not arrived are accepted and held.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

import strawberry
from sqlalchemy.ext.asyncio import AsyncSession

from db import values
from db.values import Scope
from schema.context import actor_of
from schema.errors import MutationError
from schema.permissions import requires_scope
from schema.tickets.queries import TicketAttributeInput
from schema.tickets.types import Ticket
from schema.transactions import in_transaction
from schema.views import shown_as
from services.ticketing import tickets as ticket_service

TicketEventType = strawberry.enum(values.TicketEventType)


@strawberry.input(description="One lifecycle event of a ticket, as the ticketing source reports it.")
class TicketEventInput:
    source: str = strawberry.field(description="The ticketing source, e.g. zendesk.")
    event_id: str = strawberry.field(description="The source's id of the event: a replay of the same id is ignored.")
    ticket_id: str = strawberry.field(description="The source's id of the ticket.")
    type: TicketEventType
    occurred_at: datetime = strawberry.field(description="With an offset (RFC 3339); at most a few minutes ahead.")
    customer: str | None = strawberry.field(
        default=None, description="For CREATED: the customer's party id or external ref."
    )
    service: str | None = None
    priority: str | None = strawberry.field(default=None, description="For CREATED and PRIORITY_CHANGED.")
    status: str | None = strawberry.field(default=None, description="For STATUS_CHANGED (and CREATED).")
    attributes: list[TicketAttributeInput] = strawberry.field(default_factory=list)
    agreement_id: uuid.UUID | None = strawberry.field(
        default=None,
        description="For CREATED: which of the "
        "customer's agreements governs the ticket (else the latest "
        "effectiveFrom in effect).",
    )


@strawberry.input
class RecordTicketEventsInput:
    events: list[TicketEventInput] = strawberry.field(description="1–500 events, in any order.")


@strawberry.type
class RecordTicketEventsPayload:
    accepted: int = strawberry.field(description="Events stored now.")
    duplicates: int = strawberry.field(description="Events already stored before (same source and event id).")
    tickets: list[Ticket] = strawberry.field(description="The tickets the accepted events changed.")


RecordTicketEventsResult = Annotated[
    RecordTicketEventsPayload | MutationError, strawberry.union("RecordTicketEventsResult")
]


def _batch(input: RecordTicketEventsInput) -> ticket_service.TicketEventBatch:
    return ticket_service.TicketEventBatch(
        events=[
            ticket_service.TicketEventIn(
                source=e.source,
                event_id=e.event_id,
                ticket_id=e.ticket_id,
                type=e.type.value,
                occurred_at=e.occurred_at,
                customer=e.customer,
                service=e.service,
                priority=e.priority,
                status=e.status,
                attributes={a.name: a.value for a in e.attributes},
                agreement=e.agreement_id,
            )
            for e in input.events
        ]
    )


@strawberry.type
class TicketMutations:
    @strawberry.mutation(
        description="Record a batch of ticket lifecycle events; the tickets' clocks are replayed in time order.",
        extensions=[requires_scope(Scope.TICKETS_WRITE)],
    )
    async def record_ticket_events(
        self, info: strawberry.Info, input: RecordTicketEventsInput
    ) -> RecordTicketEventsResult:
        async def use_case(session: AsyncSession) -> Any:
            result = await ticket_service.ingest_events(session, actor_of(info), _batch(input), now=info.context.now)
            return RecordTicketEventsPayload(
                accepted=result.accepted,
                duplicates=result.duplicates,
                tickets=[shown_as(Ticket, ticket) for ticket in result.tickets],
            )

        return await in_transaction(info, use_case)
