"""A tool's delivery to `/v1/integrations/{kind}/events`: verified against the integration's signing secret,
read with its mapping, fed to the ticket ingestion (the same idempotency and clocks as our own events), and
audited. A refused delivery stores nothing but its audit line, which the edge writes after rolling back."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping as Headers
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.encryption import Keyring
from db.models import Integration, IntegrationDelivery
from db.values import IntegrationDeliveryOutcome, IntegrationKind, IntegrationStatus, Scope
from services.actors import Actor
from services.errors import Conflict, DomainError, InvalidInput, Unauthorized
from services.integrations import jira, zendesk
from services.integrations.connections import mapping_of, verifying_secrets
from services.integrations.reading import Reading
from services.integrations.zendesk import SignatureRefused
from services.ticketing.tickets import TicketEventBatch, ingest_events

# One answer for an unknown integration, another party's, a missing, forged or stale signature: an anonymous
# caller learns nothing about which integrations exist. The audit keeps the precise reason.
NOT_SIGNED = "the request is not signed with a signing secret of the integration it names"


class DeliveryRefused(Unauthorized):
    """A delivery whose signature does not prove where it came from; `reason` is for the audit only."""

    def __init__(self, reason: str) -> None:
        super().__init__(NOT_SIGNED)
        self.reason = reason


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


async def _integration(
    session: AsyncSession, kind: IntegrationKind, integration_id: uuid.UUID | None
) -> Integration | None:
    if integration_id is None:
        return None
    return await session.scalar(select(Integration).where(Integration.id == integration_id, Integration.kind == kind))


def _payload(body: bytes) -> dict[str, Any]:
    try:
        payload = msgspec.json.decode(body)
    except msgspec.DecodeError:
        raise DomainError("the body is not JSON", "invalid_json", 400) from None
    if not isinstance(payload, dict):
        raise InvalidInput("the body must be a JSON object")
    return payload


def _read(
    kind: IntegrationKind, integration: Integration, headers: Headers[str, str], payload: dict[str, Any]
) -> Reading:
    mapping = mapping_of(integration)
    if kind is IntegrationKind.ZENDESK:
        return zendesk.read(payload, mapping, integration.source)
    return jira.read(payload, mapping, integration.source, headers.get(jira.DELIVERY_HEADER))


async def receive_delivery(
    session: AsyncSession,
    kind: IntegrationKind,
    integration_id: uuid.UUID | None,
    headers: Headers[str, str],
    body: bytes,
    *,
    now: datetime,
    keyring: Keyring | None = None,
) -> dict[str, Any]:
    """Verify, read and ingest one delivery; headers are keyed in lower case."""
    integration = await _integration(session, kind, integration_id)
    if integration is None:
        raise DeliveryRefused("no such integration")
    secrets = verifying_secrets(integration, now, keyring)
    try:
        if kind is IntegrationKind.ZENDESK:
            zendesk.verify(secrets, headers, body, now)
        else:
            jira.verify(secrets, headers, body)
    except SignatureRefused as refused:
        raise DeliveryRefused(str(refused)) from None
    if integration.status is IntegrationStatus.PAUSED:
        raise Conflict("the integration is paused; resume it to accept deliveries", "integration_paused")
    reading = _read(kind, integration, headers, _payload(body))
    accepted = duplicates = 0
    tickets: list[dict[str, Any]] = []
    if reading.events:
        actor = Actor(
            party_id=integration.party_id,
            scopes=frozenset({Scope.TICKETS_WRITE}),
            subject=f"integration:{integration.id}",
        )
        ingested = await ingest_events(session, actor, TicketEventBatch(events=reading.events), now=now)
        accepted, duplicates = ingested.accepted, ingested.duplicates
        tickets = msgspec.to_builtins(ingested.tickets)
    outcome = IntegrationDeliveryOutcome.ACCEPTED if reading.events else IntegrationDeliveryOutcome.IGNORED
    session.add(
        IntegrationDelivery(
            id=uuid.uuid4(),
            integration_id=integration.id,
            received_at=now,
            outcome=outcome,
            status_code=200,
            reason=None if reading.events else "; ".join(i["reason"] for i in reading.ignored)[:500] or None,
            delivery_ref=(reading.delivery_ref or "")[:200] or None,
            ticket_ref=reading.ticket_ref,
            events_accepted=accepted,
            events_duplicate=duplicates,
            ignored=reading.ignored,
            body_sha256=_digest(body),
        )
    )
    await session.flush()
    return {
        "integration_id": str(integration.id),
        "outcome": outcome,
        "accepted": accepted,
        "duplicates": duplicates,
        "events": [{"event_id": e.event_id, "type": e.type, "ticket_id": e.ticket_id} for e in reading.events],
        "ignored": reading.ignored,
        "tickets": tickets,
    }


async def record_refusal(
    session: AsyncSession,
    kind: IntegrationKind,
    integration_id: uuid.UUID | None,
    error: DomainError,
    body: bytes,
    *,
    now: datetime,
) -> None:
    """The audit line of a refused delivery, in its own transaction (the delivery's own was rolled back). A
    delivery naming no integration of this kind has no audit to go to."""
    integration = await _integration(session, kind, integration_id)
    if integration is None:
        return
    reason = error.reason if isinstance(error, DeliveryRefused) else error.message
    if error.problems:
        reason += " (" + "; ".join(f"{p.field}: {p.message}" for p in error.problems) + ")"
    session.add(
        IntegrationDelivery(
            id=uuid.uuid4(),
            integration_id=integration.id,
            received_at=now,
            outcome=IntegrationDeliveryOutcome.REFUSED,
            status_code=error.status,
            reason=reason[:500],
            body_sha256=_digest(body),
        )
    )
    await session.flush()
