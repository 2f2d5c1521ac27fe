"""The event log: audit history and webhook outbox, appended in the same transaction as each change."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Select, any_, bindparam, func, insert, literal, null, or_, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.types import BigInteger, DateTime, Integer, String, Uuid

from db.models import Agreement, Event, Membership, WebhookDelivery, WebhookSubscription
from db.values import EventType
from services import scoping
from services.actors import Actor
from services.errors import NotFound
from services.pagination import check_limit, encode_cursor, position_after
from services.scoping import visible_to_role
from services.tracing import current_traceparent

NOTIFY_CHANNEL = "sla_webhooks"
# `GET /v1/events/stream` listens here: every new event notifies it on commit. A channel of its own, so the
# webhook worker (which wakes on any notification of NOTIFY_CHANNEL) is not woken for events nobody subscribed to.
EVENTS_CHANNEL = "sla_events"

EVENT_TYPES = tuple(EventType)


class EventActor(msgspec.Struct):
    party_id: uuid.UUID | None
    client_id: str | None
    token_id: str | None


class EventOut(msgspec.Struct):
    """An event as the caller may see it: `data` is the snapshot filtered for the caller's role."""

    id: uuid.UUID
    type: str
    agreement_id: uuid.UUID | None
    sequence: int | None
    occurred_at: datetime
    actor: EventActor
    data: dict[str, Any]


async def record_event(
    session: AsyncSession,
    actor: Actor | None,
    type_: str,
    *,
    now: datetime,
    payload: msgspec.Struct | dict[str, Any],
    agreement_id: uuid.UUID | None = None,
    subject_party_id: uuid.UUID | None = None,
    audience: list[uuid.UUID] | None = None,
) -> Event:
    sequence = None
    if agreement_id is not None:
        sequence = await session.scalar(
            update(Agreement)
            .where(Agreement.id == agreement_id)
            .values(last_event_sequence=Agreement.last_event_sequence + 1)
            .returning(Agreement.last_event_sequence)
        )
    event = Event(
        id=uuid.uuid4(),
        type=type_,
        agreement_id=agreement_id,
        sequence=sequence,
        subject_party_id=subject_party_id,
        actor_party_id=actor.party_id if actor else None,
        actor_client_id=actor.client_id if actor else None,
        actor_token_id=actor.token_id if actor else None,
        occurred_at=now,
        # Stored as JSON: the typed view becomes the JSON the API sends (datetimes as RFC 3339 strings, UUIDs and
        # decimals as strings, unset parts left out).
        payload=msgspec.to_builtins(payload),
        audience_party_ids=audience,
        traceparent=current_traceparent(),
    )
    session.add(event)
    await session.flush()
    await notify_event_stream(session)
    await fan_out(session, event, now=now)
    return event


@dataclass(frozen=True, slots=True)
class NewEvent:
    """One event for `record_events`: what `record_event` takes, less the actor and the time (shared by a batch)."""

    type: str
    payload: dict[str, Any]
    agreement_id: uuid.UUID | None = None
    subject_party_id: uuid.UUID | None = None
    audience: list[uuid.UUID] | None = None


# Every agreement whose sequence a batch advances, locked in id order first, so two batches about the same
# agreements wait for each other instead of deadlocking. NO KEY UPDATE, the lock the UPDATE itself takes: FOR UPDATE
# would also wait for the key-share locks that other transactions' foreign keys hold (a batch creating tickets for
# these agreements), and deadlock with them.
_LOCK_AGREEMENTS = text(
    "SELECT id FROM agreements WHERE id = ANY(CAST(:ids AS uuid[])) ORDER BY id FOR NO KEY UPDATE"
).bindparams(bindparam("ids", type_=ARRAY(Uuid)))
_ADVANCE_SEQUENCES = text(
    """UPDATE agreements SET last_event_sequence = agreements.last_event_sequence + w.n
    FROM unnest(CAST(:ids AS uuid[]), CAST(:counts AS int[])) AS w(id, n) WHERE agreements.id = w.id
    RETURNING agreements.id, agreements.last_event_sequence"""
).bindparams(bindparam("ids", type_=ARRAY(Uuid)), bindparam("counts", type_=ARRAY(Integer)))
_INSERT_EVENTS = insert(Event).returning(Event.id, Event.position, sort_by_parameter_order=True)
# `fan_out` for many events at once (none with an audience): the same subscriptions, in the events' order.
_FAN_OUT_MANY = text(
    """INSERT INTO webhook_deliveries
        (id, subscription_id, event_id, event_position, status, attempt_count, next_attempt_at)
    SELECT gen_random_uuid(), s.id, e.id, e.position, 'pending', 0, CAST(:now AS timestamptz)
    FROM unnest(
        CAST(:ids AS uuid[]), CAST(:positions AS bigint[]), CAST(:types AS varchar[]),
        CAST(:agreement_ids AS uuid[]), CAST(:subjects AS uuid[])
    )
        AS e(id, position, type, agreement_id, subject_party_id)
    JOIN webhook_subscriptions AS s
      ON CASE WHEN e.agreement_id IS NOT NULL
              THEN s.party_id IN (
                  SELECT m.party_id FROM agreement_memberships AS m WHERE m.agreement_id = e.agreement_id)
              ELSE s.party_id = e.subject_party_id END
    WHERE s.status IN ('active', 'paused') AND ('*' = ANY(s.event_types) OR e.type = ANY(s.event_types))
    ORDER BY e.position, s.id
    RETURNING id"""
).bindparams(
    bindparam("now", type_=DateTime(timezone=True)),
    bindparam("ids", type_=ARRAY(Uuid)),
    bindparam("positions", type_=ARRAY(BigInteger)),
    bindparam("types", type_=ARRAY(String)),
    bindparam("agreement_ids", type_=ARRAY(Uuid)),
    bindparam("subjects", type_=ARRAY(Uuid)),
)


async def record_events(
    session: AsyncSession, actor: Actor | None, events: Sequence[NewEvent], *, now: datetime
) -> list[uuid.UUID]:
    """`record_event` for many events, in their order, with a fixed number of statements however many there are
    (ingesting a batch of ticket events announces an outcome for each of many clocks): each agreement's sequence
    advanced once, one INSERT of the events, one of their deliveries. Returns the events' ids."""
    if not events:
        return []
    counts: dict[uuid.UUID, int] = {}
    for new in events:
        if new.agreement_id is not None:
            counts[new.agreement_id] = counts.get(new.agreement_id, 0) + 1
    next_sequence: dict[uuid.UUID, int] = {}
    if counts:
        ids = sorted(counts)
        await session.execute(_LOCK_AGREEMENTS, {"ids": ids})
        advanced = await session.execute(_ADVANCE_SEQUENCES, {"ids": ids, "counts": [counts[i] for i in ids]})
        next_sequence = {agreement_id: last - counts[agreement_id] + 1 for agreement_id, last in advanced}
    traceparent = current_traceparent()
    rows: list[dict[str, Any]] = []
    for new in events:
        sequence = None
        if new.agreement_id is not None:
            sequence = next_sequence[new.agreement_id]
            next_sequence[new.agreement_id] = sequence + 1
        rows.append(
            {
                "id": uuid.uuid4(),
                "type": new.type,
                "agreement_id": new.agreement_id,
                "sequence": sequence,
                "subject_party_id": new.subject_party_id,
                "actor_party_id": actor.party_id if actor else None,
                "actor_client_id": actor.client_id if actor else None,
                "actor_token_id": actor.token_id if actor else None,
                "occurred_at": now,
                "payload": new.payload,
                "audience_party_ids": new.audience,
                "traceparent": traceparent,
            }
        )
    positions: dict[uuid.UUID, int] = {i: p for i, p in await session.execute(_INSERT_EVENTS, rows)}
    await notify_event_stream(session)
    everyone = [(row, new) for row, new in zip(rows, events, strict=True) if new.audience is None]
    for row, new in zip(rows, events, strict=True):
        if new.audience is not None:  # rare: one statement each, as `record_event` does
            await fan_out(session, _unsaved_event(row, positions[row["id"]]), now=now)
    fanned = [(row, new) for row, new in everyone if new.agreement_id is not None or new.subject_party_id is not None]
    if fanned:
        inserted = await session.execute(
            _FAN_OUT_MANY,
            {
                "now": now,
                "ids": [row["id"] for row, _ in fanned],
                "positions": [positions[row["id"]] for row, _ in fanned],
                "types": [new.type for _, new in fanned],
                "agreement_ids": [new.agreement_id for _, new in fanned],
                "subjects": [new.subject_party_id for _, new in fanned],
            },
        )
        if inserted.first() is not None:
            await session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
    return [row["id"] for row in rows]


def _unsaved_event(row: dict[str, Any], position: int) -> Event:
    """An inserted event as `fan_out` reads it (not added to the session: it is already stored)."""
    return Event(position=position, **row)


async def notify_event_stream(session: AsyncSession) -> None:
    """Wakes the open event streams once the transaction commits (PostgreSQL folds repeats in one transaction)."""
    await session.execute(text(f"NOTIFY {EVENTS_CHANNEL}"))


async def fan_out(session: AsyncSession, event: Event, *, now: datetime) -> None:
    """Queue the event for every active subscription of a party that may see it and subscribed to its type."""
    party_filter: ColumnElement[bool]
    if event.agreement_id is not None:
        members = scoping.member_party_ids(event.agreement_id)
        party_filter = WebhookSubscription.party_id.in_(members)
        if event.audience_party_ids is not None:
            party_filter = party_filter & WebhookSubscription.party_id.in_(event.audience_party_ids)
    elif event.subject_party_id is not None:
        party_filter = WebhookSubscription.party_id == event.subject_party_id
    else:
        return
    matching = select(
        func.gen_random_uuid(),
        WebhookSubscription.id,
        literal(event.id),
        literal(event.position),
        literal("pending"),
        literal(0),
        literal(now),
    ).where(
        party_filter,
        WebhookSubscription.status.in_(("active", "paused")),
        or_(
            literal("*") == any_(WebhookSubscription.event_types),
            literal(event.type) == any_(WebhookSubscription.event_types),
        ),
    )
    inserted = await session.execute(
        insert(WebhookDelivery)
        .from_select(
            ["id", "subscription_id", "event_id", "event_position", "status", "attempt_count", "next_attempt_at"],
            matching,
        )
        .returning(WebhookDelivery.id)
    )
    if inserted.first() is not None:
        # Delivered to listeners on commit only, so workers wake for committed work.
        await session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))


def payload_for_role(payload: dict[str, Any], role: str | None) -> dict[str, Any]:
    """The snapshot as a member with `role` may see it: clauses it may not see are removed wherever they are."""
    if role in (None, "provider", "customer"):
        return payload
    stripped: dict[str, Any] = _strip(copy.deepcopy(payload), role)
    return stripped


def _strip(node: Any, role: str) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "clauses" and isinstance(value, list):
                node[key] = [
                    _strip(c, role)
                    for c in value
                    if isinstance(c, dict)
                    and visible_to_role(c.get("kind", ""), bool(c.get("shared_with_third_parties")), role)
                ]
            else:
                _strip(value, role)
    elif isinstance(node, list):
        for item in node:
            _strip(item, role)
    return node


def actor_view(event: Event, viewer_party_id: uuid.UUID | None, *, operator: bool = False) -> EventActor:
    """Who caused the event. The API client and token id are the actor's own business: only its own party and
    the operator see them; everyone else sees the party alone."""
    own = operator or (event.actor_party_id is not None and event.actor_party_id == viewer_party_id)
    return EventActor(
        party_id=event.actor_party_id,
        client_id=event.actor_client_id if own else None,
        token_id=event.actor_token_id if own else None,
    )


def event_out(event: Event, role: str | None, viewer: Actor) -> EventOut:
    return EventOut(
        id=event.id,
        type=event.type,
        agreement_id=event.agreement_id,
        sequence=event.sequence,
        occurred_at=event.occurred_at,
        actor=actor_view(event, viewer.party_id, operator=viewer.is_operator),
        data=payload_for_role(event.payload, role),
    )


async def list_events(
    session: AsyncSession,
    actor: Actor,
    *,
    agreement_id: uuid.UUID | None = None,
    types: list[str] | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[tuple[Event, str | None]], str | None]:
    """The caller's events (about agreements it is a member of, or addressed to its party), oldest first."""
    check_limit(limit)
    stmt: Select[Event, Any]
    if actor.is_operator:
        # The operator reads every event with no role, so no clause is filtered out of its `data`.
        stmt = select(Event, null().label("role"))
    else:
        stmt = (
            select(Event, Membership.role)
            .outerjoin(
                Membership,
                (Membership.agreement_id == Event.agreement_id) & (Membership.party_id == actor.party_id),
            )
            .where(
                or_(Membership.party_id.is_not(None), Event.subject_party_id == actor.party_id),
                or_(Event.audience_party_ids.is_(None), literal(actor.party_id) == any_(Event.audience_party_ids)),
            )
        )
    if agreement_id is not None:
        stmt = stmt.where(Event.agreement_id == agreement_id)
    if types:
        stmt = stmt.where(Event.type.in_(types))
    if cursor:
        stmt = stmt.where(Event.position > position_after(cursor))
    rows = (await session.execute(stmt.order_by(Event.position).limit(limit + 1))).all()
    items: list[tuple[Event, str | None]] = [(event, role) for event, role in rows[:limit]]
    next_cursor = encode_cursor(items[-1][0].position) if len(rows) > limit else None
    return items, next_cursor


async def get_event(session: AsyncSession, actor: Actor, event_id: uuid.UUID) -> tuple[Event, str | None]:
    stmt = select(Event).where(Event.id == event_id)
    event = await session.scalar(stmt)
    if event is None:
        raise NotFound("event")
    if actor.is_operator:
        return event, None
    if event.audience_party_ids is not None and actor.party_id not in event.audience_party_ids:
        raise NotFound("event")
    if event.agreement_id is not None:
        role = await scoping.role_on(session, actor, event.agreement_id)
        if role is not None:
            return event, role
    if event.subject_party_id is not None and event.subject_party_id == actor.party_id:
        return event, None
    raise NotFound("event")
