"""`applicableSla(input)` and `ticketSla(source, externalId)` — the GraphQL side of `GET /v1/sla/applicable` and
`GET /v1/tickets/{source}/{external_id}/sla`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import strawberry

from db.values import Scope
from schema.context import actor_of
from schema.errors import as_graphql_error
from schema.permissions import requires_scope
from schema.tickets.types import ApplicableSla, TicketSla
from schema.views import shown_as
from services.errors import DomainError, NotFound
from services.ticketing import tickets as ticket_service
from services.ticketing.applicable import ApplicableQuery, applicable_sla

READ = [requires_scope(Scope.AGREEMENTS_READ)]


@strawberry.input(description="A ticket attribute a target may match on (REST: an extra query parameter).")
class TicketAttributeInput:
    name: str
    value: str


@strawberry.input(description="The ticket to find the SLA for.")
class ApplicableSlaInput:
    customer: str = strawberry.field(description="The customer's party id, or an external ref such as `zendesk:12345`.")
    service: str | None = None
    priority: str | None = None
    opened_at: datetime | None = strawberry.field(
        default=None, description="When the ticket opened, with an offset (RFC 3339); now if left out."
    )
    attributes: list[TicketAttributeInput] = strawberry.field(default_factory=list)
    agreement_id: uuid.UUID | None = strawberry.field(
        default=None,
        description="Use this agreement when the "
        "customer has several in effect (else the latest "
        "effectiveFrom wins); null in the answer if it does not apply.",
    )


@strawberry.type
class TicketQueries:
    @strawberry.field(
        description="Which agreement applies to a ticket and when each matching target is due, with the "
        "explanation; no targets (with the reason) when none match. Null if the customer "
        "is unknown or has no agreement with the caller in effect at `openedAt` (REST's "
        "404; the two are indistinguishable).",
        extensions=READ,
    )
    async def applicable_sla(self, info: strawberry.Info, input: ApplicableSlaInput) -> ApplicableSla | None:
        query = ApplicableQuery(
            customer=input.customer,
            opened_at=input.opened_at or info.context.now,
            service=input.service,
            priority=input.priority,
            attributes={a.name: a.value for a in input.attributes},
            agreement=input.agreement_id,
        )
        try:
            async with info.context.sessions.session() as session:
                found = await applicable_sla(session, actor_of(info), query, now=info.context.now)
        except NotFound:
            return None
        except DomainError as exc:
            raise as_graphql_error(exc) from None
        return shown_as(ApplicableSla, found)

    @strawberry.field(
        description="A ticket's SLA clocks and their histories; null if there is no such ticket or the "
        "caller neither reported it nor is on its agreement (indistinguishable).",
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
    ) -> TicketSla | None:
        try:
            async with info.context.sessions.session() as session:
                found_sla = await ticket_service.ticket_sla(session, actor_of(info), ticket_source, external_id)
        except NotFound:
            return None
        return shown_as(TicketSla, found_sla)
