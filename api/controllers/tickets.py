"""Ticketing: `/v1/sla/applicable` (the hot path), `/v1/tickets/events`, `/v1/tickets/{source}/{id}/sla`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from sqlalchemy.ext.asyncio import AsyncSession

from api.representations import shaped
from db.values import Scope
from services.actors import Actor
from services.errors import InvalidInput
from services.ticketing import tickets as ticket_service
from services.ticketing.tickets import ApplicableQuery, TicketEventBatch
from services.values import InvalidValue, parse_instant

RESERVED = {"customer", "service", "priority", "opened_at", "agreement"}


class CalendarUsed(msgspec.Struct):
    kind: str
    name: str | None = None
    timezone: str | None = None
    id: str | None = None
    key: str | None = None


class WarningTime(msgspec.Struct):
    percent: int
    at: datetime


class EscalationTime(msgspec.Struct):
    level: int
    at: datetime
    after: str
    to: dict[str, Any] | None
    channel: str | None


class ApplicableTarget(msgspec.Struct):
    metric: str
    target_key: str
    clause_key: str
    duration: str
    time: str
    calendar: CalendarUsed
    due_at: datetime
    warnings: list[WarningTime]
    escalations: list[EscalationTime]
    pause_statuses: list[str]
    explanation: dict[str, Any]


class AgreementRef(msgspec.Struct):
    id: str
    reference: str
    title: str
    timezone: str


class VersionRef(msgspec.Struct):
    id: str
    number: int
    effective_from: datetime | None


class ApplicableSla(msgspec.Struct):
    customer_party_id: str
    agreement: AgreementRef | None
    version: VersionRef | None
    opened_at: datetime
    targets: list[ApplicableTarget]
    reason: str | None
    explanation: dict[str, Any]


class ClockOut(msgspec.Struct):
    id: str
    metric: str
    cycle: int
    opened_by: str
    target_key: str
    clause_key: str
    status: str
    started_at: datetime
    original_due_at: datetime
    due_at: datetime
    stopped_at: datetime | None
    business_seconds_used: int
    business_seconds_paused: int
    history: list[dict[str, Any]]


class TicketOut(msgspec.Struct):
    id: str
    source: str
    external_id: str
    agreement_id: str | None
    opened_at: datetime | None
    match: dict[str, Any]


class TicketSla(msgspec.Struct):
    ticket: TicketOut
    clocks: list[ClockOut]


class IngestResult(msgspec.Struct):
    accepted: int
    duplicates: int
    tickets: list[TicketOut]


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
        attributes = {k: v for k, v in request.query_params.items() if k not in RESERVED}
        query = ApplicableQuery(
            customer=customer,
            opened_at=_instant(opened_at, now),
            service=service,
            priority=priority,
            attributes=attributes,
            agreement=agreement,
        )
        return shaped(await ticket_service.applicable_sla(session, actor, query, now=now), ApplicableSla)

    @post(
        "/tickets/events",
        summary="Ticket lifecycle events (batch; idempotent by source and event_id)",
        opt={"scope": Scope.TICKETS_WRITE},
        status_code=200,
    )
    async def events(self, data: TicketEventBatch, session: AsyncSession, actor: Actor, now: datetime) -> IngestResult:
        return shaped(await ticket_service.ingest_events(session, actor, data, now=now), IngestResult)

    @get(
        "/tickets/{source:str}/{external_id:str}/sla",
        summary="A ticket's SLA clocks and their histories",
        opt={"scope": Scope.AGREEMENTS_READ},
    )
    async def ticket_sla(self, source: str, external_id: str, session: AsyncSession, actor: Actor) -> TicketSla:
        ticket, clocks = await ticket_service.ticket_sla(session, actor, source, external_id)
        return TicketSla(
            ticket=shaped(ticket_service.ticket_ref(ticket), TicketOut),
            clocks=[shaped(ticket_service.clock_snapshot(c), ClockOut) for c in clocks],
        )
