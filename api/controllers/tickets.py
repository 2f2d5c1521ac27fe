"""Ticketing: `/v1/sla/applicable` (the hot path), `/v1/tickets/events`, `/v1/tickets/{source}/{id}/sla`."""

from __future__ import annotations

import uuid
from datetime import datetime

from litestar import Controller, Request, get, post
from sqlalchemy.ext.asyncio import AsyncSession

from db.reading import ReadSource
from db.values import Scope
from services.actors import Actor
from services.errors import InvalidInput
from services.ticketing import tickets as ticket_service
from services.ticketing.applicable import ApplicableQuery, applicable_sla
from services.ticketing.tickets import TicketEventBatch
from services.ticketing.views import ApplicableSla, IngestResult, TicketSla
from services.values import InvalidValue, parse_instant

RESERVED = {"customer", "service", "priority", "opened_at", "agreement"}


def _instant(value: str | None, now: datetime) -> datetime:
    if value is None:
        return now
    if "T" not in value:
        raise InvalidInput(
            "opened_at must be an RFC 3339 timestamp with an offset, e.g. 2026-11-26T14:00:00Z", field="opened_at"
        )
    try:
        return parse_instant(value, what="opened_at")
    except InvalidValue as exc:
        raise InvalidInput(str(exc), field="opened_at") from None


async def applicable_for(
    session: ReadSource,
    actor: Actor,
    now: datetime,
    *,
    customer: str,
    service: str | None,
    priority: str | None,
    opened_at: str | None,
    agreement: uuid.UUID | None,
    attributes: dict[str, str],
) -> ApplicableSla:
    """`GET /v1/sla/applicable`'s answer (also given by `api.hot_reads`, without Litestar around it)."""
    query = ApplicableQuery(
        customer=customer,
        opened_at=_instant(opened_at, now),
        service=service,
        priority=priority,
        attributes=attributes,
        agreement=agreement,
    )
    return await applicable_sla(session, actor, query, now=now)


class SlaController(Controller):
    path = "/v1"
    tags = ["ticketing"]

    @get(
        "/sla/applicable",
        summary="Which SLA applies to a ticket and when each target is due; other query "
        "parameters are ticket attributes",
        opt={"scope": Scope.AGREEMENTS_READ},
    )
    async def applicable(
        self,
        request: Request,
        session: AsyncSession,
        actor: Actor,
        now: datetime,
        customer: str,
        service: str | None = None,
        priority: str | None = None,
        opened_at: str | None = None,
        agreement: uuid.UUID | None = None,
    ) -> ApplicableSla:
        return await applicable_for(
            session,
            actor,
            now,
            customer=customer,
            service=service,
            priority=priority,
            opened_at=opened_at,
            agreement=agreement,
            attributes={k: v for k, v in request.query_params.items() if k not in RESERVED},
        )

    @post(
        "/tickets/events",
        summary="Ticket lifecycle events (batch; idempotent by source and event_id)",
        opt={"scope": Scope.TICKETS_WRITE},
        status_code=200,
    )
    async def events(self, data: TicketEventBatch, session: AsyncSession, actor: Actor, now: datetime) -> IngestResult:
        return await ticket_service.ingest_events(session, actor, data, now=now)

    @get(
        "/tickets/{source:str}/{external_id:str}/sla",
        summary="A ticket's SLA clocks and their histories",
        opt={"scope": Scope.AGREEMENTS_READ},
    )
    async def ticket_sla(self, source: str, external_id: str, session: AsyncSession, actor: Actor) -> TicketSla:
        return await ticket_service.ticket_sla(session, actor, source, external_id)
