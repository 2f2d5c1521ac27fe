"""Events: the audit history and the polling alternative to webhooks.

Read from `services.events.EventOut` (`event_out`), which already filters the snapshot for the caller's role
(a third party never sees cost or service-credit clauses in `data`).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import strawberry

from db import models
from schema.scalars import JSON
from services.actors import Actor
from services.events import EventOut, event_out


@strawberry.type(description="Who caused an event.")
class EventActor:
    party_id: uuid.UUID | None
    client_id: str | None = strawberry.field(
        description="The actor's API client; shown only to the actor's own party and the operator."
    )
    token_id: str | None = strawberry.field(
        description="The actor's token id (`jti`); shown only to the actor's own party and the operator."
    )


@strawberry.type(description="A fact that happened, e.g. `agreement.activated`.")
class Event:
    id: uuid.UUID
    type: str = strawberry.field(
        description="The event type. `sla.breach_retracted` and `sla.met_retracted` take "
        "back an earlier `sla.breached` or `sla.met` of the same clock "
        "(`data.clock.id`) after a late ticket event changed its outcome."
    )
    agreement_id: uuid.UUID | None
    sequence: int | None = strawberry.field(description="Position in the agreement's history: 1, 2, …")
    occurred_at: datetime
    actor: EventActor
    data: JSON = strawberry.field(description="The snapshot, as the caller's role may see it (same as webhooks).")

    @classmethod
    def for_role(cls, event: models.Event, role: str | None, viewer: Actor) -> Event:
        return cls.shown(event_out(event, role, viewer))

    @classmethod
    def shown(cls, shown: EventOut) -> Event:
        """The event as `services.events.event_out` already filtered it for the caller (the subscription's case)."""
        return cls(
            id=shown.id,
            type=shown.type,
            agreement_id=shown.agreement_id,
            sequence=shown.sequence,
            occurred_at=shown.occurred_at,
            actor=EventActor(
                party_id=shown.actor.party_id, client_id=shown.actor.client_id, token_id=shown.actor.token_id
            ),
            data=JSON(shown.data),
        )
