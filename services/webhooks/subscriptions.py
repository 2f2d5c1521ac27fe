"""Webhook subscriptions of a party, the fan-out of events into deliveries, and Standard Webhooks signing.

Fan-out happens in the transaction that records the event (the outbox): a rolled-back change sends nothing,
a committed one is delivered at least once by the worker.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any, cast

import msgspec
from sqlalchemy import Table, any_, exists, func, literal, or_, select, text, true
from sqlalchemy.ext.asyncio import AsyncSession
from standardwebhooks.webhooks import Webhook

from db.encryption import Keyring, Sealed, keyring_from_environment, webhook_secret_context
from db.models import Event, WebhookAttempt, WebhookDelivery, WebhookSubscription
from db.values import WebhookSubscriptionStatus
from services import scoping
from services.actors import Actor
from services.errors import Conflict, Forbidden, InvalidInput, NotFound, PreconditionFailed
from services.events import EVENT_TYPES, NOTIFY_CHANNEL, actor_view, get_event, notify_event_stream, payload_for_role
from services.pagination import after_time_and_id, check_limit, time_and_id_cursor
from services.webhooks.ssrf import Network, RefusedDestination, check_registration_url

WEBHOOK_EVENT_TYPES = EVENT_TYPES + (
    "webhook.test",
    "webhook.disabled",
    "webhook.failing",
    "webhook.delivery_exhausted",
)
DEFAULT_ROTATION_GRACE = timedelta(hours=24)


class SubscriptionOut(msgspec.Struct):
    """A subscription as its party reads it (never its secrets): REST's answer and the `webhook.*` events' member."""

    id: str
    party_id: str
    url: str
    event_types: list[str]
    description: str | None
    status: str
    disabled_reason: str | None
    failing_since: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class WebhookTestData(msgspec.Struct):
    """`webhook.test`, to the tested subscription only."""

    subscription_id: uuid.UUID
    message: str


class WebhookDisabledData(msgspec.Struct):
    """`webhook.disabled`: which subscription, and why (410 Gone, or failing for days)."""

    subscription: SubscriptionOut
    reason: str


class WebhookFailingData(msgspec.Struct):
    """`webhook.failing`: the subscription whose circuit opened, with the run of failures."""

    subscription: SubscriptionOut
    consecutive_failures: int
    failing_since: datetime | None
    next_attempt_at: datetime | None  # the next probe
    last_status_code: int | None
    last_error: str | None


class WebhookDeliveryExhaustedData(msgspec.Struct):
    """`webhook.delivery_exhausted`. Not `event_id`: every body's common `data.event_id` names this notice itself,
    so the event whose delivery failed is `failed_event_id`."""

    subscription: SubscriptionOut
    delivery_id: uuid.UUID
    failed_event_id: uuid.UUID
    attempts: int
    last_status_code: int | None
    last_error: str | None


def subscription_out(sub: WebhookSubscription) -> SubscriptionOut:
    return msgspec.convert(subscription_snapshot(sub), SubscriptionOut)


# A subscription signs with at most this many secrets at once (the current one and those still in their grace).
MAX_ACTIVE_SECRETS = 5


class SubscriptionCreate(msgspec.Struct, forbid_unknown_fields=True):
    url: str
    event_types: list[str] = msgspec.field(default_factory=lambda: ["*"])
    description: str | None = None


class SubscriptionUpdate(msgspec.Struct, forbid_unknown_fields=True):
    url: str | msgspec.UnsetType = msgspec.UNSET
    event_types: list[str] | msgspec.UnsetType = msgspec.UNSET
    description: str | None | msgspec.UnsetType = msgspec.UNSET


def new_secret() -> str:
    """`whsec_` + base64 of 32 random bytes (Standard Webhooks)."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secrets_: list[str], msg_id: str, timestamp: datetime, body: bytes) -> str:
    """The `webhook-signature` header: one `v1,<sig>` per secret, space separated (two during rotation)."""
    return " ".join(Webhook(secret).sign(msg_id, timestamp, body.decode()) for secret in secrets_)


def render_body(event: Event, role: str | None, party_id: uuid.UUID | None = None) -> bytes:
    """`{"type", "timestamp", "data"}`; data is the event's snapshot as the receiving party may see it, and who
    caused it (with the API client and token id only when the receiving party is the actor's own)."""
    data = dict(payload_for_role(event.payload, role))
    data["actor"] = msgspec.to_builtins(actor_view(event, party_id))
    data["event_id"] = str(event.id)
    data["agreement_id"] = str(event.agreement_id) if event.agreement_id else None
    data["sequence"] = event.sequence
    body = {"type": event.type, "timestamp": msgspec.json.decode(msgspec.json.encode(event.occurred_at)), "data": data}
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def _check_types(types: list[str]) -> list[str]:
    if not types:
        raise InvalidInput('event_types must name at least one type, or be ["*"]', field="event_types")
    unknown = [t for t in types if t != "*" and t not in WEBHOOK_EVENT_TYPES]
    if unknown:
        raise InvalidInput(f"unknown event types: {', '.join(unknown)}", field="event_types")
    return ["*"] if "*" in types else sorted(set(types))


async def _check_url(url: str, allow: list[Network]) -> str:
    if len(url) > 2048:
        raise InvalidInput("url must be at most 2048 characters", field="url")
    try:
        await check_registration_url(url, allow)
    except RefusedDestination as exc:
        # Local development registers a receiver on this machine: name the setting that permits it.
        hint = "an operator can allow a network with SLA_WEBHOOK_ALLOW_NETWORKS (e.g. 127.0.0.0/8 for development)"
        raise InvalidInput(f"{exc}; {hint}", field="url") from None
    return url


def _require_party(actor: Actor) -> uuid.UUID:
    if actor.party_id is None:
        raise Forbidden("webhook subscriptions belong to a party; use a party token", "party_only")
    return actor.party_id


def subscription_snapshot(sub: WebhookSubscription, *, secret: str | None = None) -> dict[str, Any]:
    snapshot = {
        "id": str(sub.id),
        "party_id": str(sub.party_id),
        "url": sub.url,
        "event_types": list(sub.event_types),
        "description": sub.description,
        "status": sub.status,
        "disabled_reason": sub.disabled_reason,
        "failing_since": sub.failing_since,
        "created_at": sub.created_at,
        "updated_at": sub.updated_at,
        "version": sub.row_version,
    }
    if secret is not None:
        snapshot["secret"] = secret
    return snapshot


def _stored_secret(
    keyring: Keyring | None, subscription_id: uuid.UUID, secret: str, expires_at: datetime | None
) -> dict[str, Any]:
    sealed = (keyring or keyring_from_environment()).seal_text(secret, webhook_secret_context(subscription_id))
    return {**sealed.to_json(), "expires_at": expires_at.isoformat() if expires_at else None}


def _in_grace(stored: dict[str, Any], now: datetime) -> bool:
    return stored.get("expires_at") is None or datetime.fromisoformat(stored["expires_at"]) > now


async def create_subscription(
    session: AsyncSession,
    actor: Actor,
    data: SubscriptionCreate,
    *,
    now: datetime,
    allow: list[Network],
    keyring: Keyring | None = None,
) -> tuple[WebhookSubscription, str]:
    party_id = _require_party(actor)
    sub_id, secret = uuid.uuid4(), new_secret()
    sub = WebhookSubscription(
        id=sub_id,
        party_id=party_id,
        url=await _check_url(data.url, allow),
        event_types=_check_types(data.event_types),
        description=data.description,
        status="active",
        secrets=[_stored_secret(keyring, sub_id, secret, None)],
        row_version=1,
        created_at=now,
        updated_at=now,
    )
    session.add(sub)
    await session.flush()
    return sub, secret


async def get_subscription(
    session: AsyncSession, actor: Actor, subscription_id: uuid.UUID, *, for_update: bool = False
) -> WebhookSubscription:
    stmt = select(WebhookSubscription).where(
        WebhookSubscription.id == subscription_id, WebhookSubscription.party_id == actor.party_id
    )
    if for_update:
        stmt = stmt.with_for_update()
    sub = await session.scalar(stmt)
    if sub is None:
        raise NotFound("webhook subscription")
    return sub


async def list_subscriptions(session: AsyncSession, actor: Actor) -> list[WebhookSubscription]:
    rows = await session.scalars(
        select(WebhookSubscription)
        .where(WebhookSubscription.party_id == actor.party_id)
        .order_by(WebhookSubscription.created_at, WebhookSubscription.id)
    )
    return list(rows)


async def update_subscription(
    session: AsyncSession,
    actor: Actor,
    subscription_id: uuid.UUID,
    changes: SubscriptionUpdate,
    *,
    expected_version: int | None,
    now: datetime,
    allow: list[Network],
) -> WebhookSubscription:
    sub = await get_subscription(session, actor, subscription_id, for_update=True)
    if expected_version is not None and expected_version != sub.row_version:
        raise PreconditionFailed("the subscription changed since you read it (ETag mismatch)")
    if changes.url is not msgspec.UNSET:
        sub.url = await _check_url(changes.url, allow)
    if changes.event_types is not msgspec.UNSET:
        sub.event_types = _check_types(changes.event_types)
    if changes.description is not msgspec.UNSET:
        sub.description = changes.description
    sub.row_version += 1
    sub.updated_at = now
    await session.flush()
    return sub


async def delete_subscription(session: AsyncSession, actor: Actor, subscription_id: uuid.UUID) -> None:
    sub = await get_subscription(session, actor, subscription_id, for_update=True)
    await session.delete(sub)
    await session.flush()


async def set_subscription_status(
    session: AsyncSession, actor: Actor, subscription_id: uuid.UUID, action: str, *, now: datetime
) -> WebhookSubscription:
    """pause: active → paused (deliveries wait); resume: paused or disabled → active (failures forgotten)."""
    sub = await get_subscription(session, actor, subscription_id, for_update=True)
    if action == "pause":
        if sub.status != "active":
            raise Conflict(f"cannot pause a subscription that is {sub.status}", "invalid_transition")
        sub.status = WebhookSubscriptionStatus.PAUSED
    else:
        if sub.status == "active":
            raise Conflict("the subscription is already active", "invalid_transition")
        sub.status, sub.disabled_reason, sub.failing_since = WebhookSubscriptionStatus.ACTIVE, None, None
    sub.row_version += 1
    sub.updated_at = now
    await session.flush()
    return sub


async def rotate_secret(
    session: AsyncSession,
    actor: Actor,
    subscription_id: uuid.UUID,
    *,
    now: datetime,
    grace: timedelta = DEFAULT_ROTATION_GRACE,
    keyring: Keyring | None = None,
) -> tuple[WebhookSubscription, str]:
    """A new secret. Every older secret keeps signing until its own grace ends (the current one's starts now),
    so receivers can switch over even after several rotations; at most `MAX_ACTIVE_SECRETS` sign at once (the
    oldest ones' grace ends early beyond that). A zero grace drops the old secrets at once (a leaked secret)."""
    sub = await get_subscription(session, actor, subscription_id, for_update=True)
    ends = (now + grace).isoformat()
    older = [{**s, "expires_at": s.get("expires_at") or ends} for s in sub.secrets]
    older = [s for s in older if _in_grace(s, now)]
    secret = new_secret()
    sub.secrets = [_stored_secret(keyring, sub.id, secret, None), *older[: MAX_ACTIVE_SECRETS - 1]]
    sub.row_version += 1
    sub.updated_at = now
    await session.flush()
    return sub, secret


def signing_secrets(sub: WebhookSubscription, now: datetime, keyring: Keyring | None = None) -> list[str]:
    """The secrets a delivery is signed with now: the current one, then those still in their grace."""
    keyring = keyring or keyring_from_environment()
    return [
        keyring.open_text(Sealed.from_json(s), webhook_secret_context(sub.id)) for s in sub.secrets if _in_grace(s, now)
    ]


async def list_attempts(
    session: AsyncSession, actor: Actor, subscription_id: uuid.UUID, *, limit: int = 50, cursor: str | None = None
) -> tuple[list[tuple[WebhookAttempt, WebhookDelivery]], str | None]:
    """Every attempt, newest first, with its delivery (event id and state)."""
    check_limit(limit)
    await get_subscription(session, actor, subscription_id)
    stmt = (
        select(WebhookAttempt, WebhookDelivery)
        .join(WebhookDelivery, WebhookDelivery.id == WebhookAttempt.delivery_id)
        .where(WebhookAttempt.subscription_id == subscription_id)
    )
    if cursor:
        key = after_time_and_id(cursor)
        stmt = stmt.where(func.row(WebhookAttempt.started_at, WebhookAttempt.id) < func.row(*key))
    rows = (
        await session.execute(
            stmt.order_by(WebhookAttempt.started_at.desc(), WebhookAttempt.id.desc()).limit(limit + 1)
        )
    ).all()
    items = [(attempt, delivery) for attempt, delivery in rows[:limit]]
    next_cursor = time_and_id_cursor(items[-1][0].started_at, items[-1][0].id) if len(rows) > limit else None
    return items, next_cursor


def attempt_snapshot(attempt: WebhookAttempt, delivery: WebhookDelivery) -> dict[str, Any]:
    return {
        "id": str(attempt.id),
        "delivery_id": str(delivery.id),
        "event_id": str(delivery.event_id),
        "attempt": attempt.attempt_number,
        "started_at": attempt.started_at,
        "status_code": attempt.status_code,
        "error": attempt.error,
        "latency_ms": attempt.latency_ms,
        "delivery_status": delivery.status,
        "succeeded": attempt.status_code is not None and 200 <= attempt.status_code < 300,
        "response_headers": attempt.response_headers,
        "response_body": attempt.response_body,
    }


async def redeliver(
    session: AsyncSession, actor: Actor, event_id: uuid.UUID, subscription_id: uuid.UUID, *, now: datetime
) -> WebhookDelivery:
    """Queue one event again for one of the caller's subscriptions (same `webhook-id` as before)."""
    event, _ = await get_event(session, actor, event_id)
    sub = await get_subscription(session, actor, subscription_id)
    delivery = WebhookDelivery(
        id=uuid.uuid4(),
        subscription_id=sub.id,
        event_id=event.id,
        event_position=event.position,
        status="pending",
        attempt_count=0,
        next_attempt_at=now,
    )
    session.add(delivery)
    await session.flush()
    await session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
    return delivery


RECOVER_WINDOW = timedelta(days=30)  # how far back `recover` reaches; the event log keeps longer


async def recover(
    session: AsyncSession, actor: Actor, subscription_id: uuid.UUID, *, since: datetime, now: datetime
) -> int:
    """Queue, in event order, every event since `since` of the subscription's types that its party may see and
    that the subscription missed: never queued (written while it was disabled), or failed for good. Events it
    has received, or that are still pending, are not queued again. Returns how many were queued."""
    sub = await get_subscription(session, actor, subscription_id)
    if since.tzinfo is None:
        raise InvalidInput("since must carry a UTC offset (RFC 3339)", field="since")
    if since > now:
        raise InvalidInput("since must not be in the future", field="since")
    if since < now - RECOVER_WINDOW:
        raise InvalidInput(f"since must be within the last {RECOVER_WINDOW.days} days", field="since")
    member = scoping.member_agreement_ids(sub.party_id)
    visible = or_(
        (
            Event.agreement_id.in_(member)
            & or_(Event.audience_party_ids.is_(None), literal(sub.party_id) == any_(Event.audience_party_ids))
        ),
        (Event.agreement_id.is_(None) & (Event.subject_party_id == sub.party_id)),
    )
    types = true() if "*" in sub.event_types else Event.type.in_(sub.event_types)
    received_or_waiting = exists().where(
        WebhookDelivery.subscription_id == sub.id,
        WebhookDelivery.event_id == Event.id,
        WebhookDelivery.status.in_(("pending", "succeeded")),
    )
    about_itself = Event.type.startswith("webhook.") & (
        (Event.type == "webhook.test") | (Event.payload["subscription"]["id"].astext == str(sub.id))
    )
    missed = (
        select(
            func.gen_random_uuid(),
            literal(sub.id),
            Event.id,
            Event.position,
            literal("pending"),
            literal(0),
            literal(now),
        )
        .where(Event.occurred_at >= since, visible, types, ~received_or_waiting, ~about_itself)
        .order_by(Event.position)
    )
    queued = (
        await session.execute(
            # Core INSERT … SELECT on the table (the ORM's insert() would want rows): its declared type is the
            # generic FromClause, the Table it is at run time has insert().
            cast(Table, WebhookDelivery.__table__)
            .insert()
            .from_select(
                ["id", "subscription_id", "event_id", "event_position", "status", "attempt_count", "next_attempt_at"],
                missed,
            )
            .returning(WebhookDelivery.id)
        )
    ).all()
    if queued:
        await session.execute(text(f"NOTIFY {NOTIFY_CHANNEL}"))
    return len(queued)


async def prepare_test_delivery(
    session: AsyncSession, actor: Actor, subscription_id: uuid.UUID, *, now: datetime
) -> tuple[WebhookSubscription, WebhookDelivery, Event]:
    """A `webhook.test` event for one subscription only (not fanned out to the party's others)."""
    sub = await get_subscription(session, actor, subscription_id, for_update=True)
    if sub.status == "disabled":
        raise Conflict("the subscription is disabled; resume it first", "subscription_disabled")
    if sub.status == "paused":
        raise Conflict("the subscription is paused; resume it first", "subscription_paused")
    event = Event(
        id=uuid.uuid4(),
        type="webhook.test",
        subject_party_id=sub.party_id,
        actor_party_id=actor.party_id,
        actor_client_id=actor.client_id,
        actor_token_id=actor.token_id,
        occurred_at=now,
        payload=msgspec.to_builtins(WebhookTestData(sub.id, "This is a test delivery from SLA API.")),
    )
    session.add(event)
    await session.flush()
    await notify_event_stream(session)
    delivery = WebhookDelivery(
        id=uuid.uuid4(),
        subscription_id=sub.id,
        event_id=event.id,
        event_position=event.position,
        status="pending",
        attempt_count=0,
        next_attempt_at=now,
    )
    session.add(delivery)
    await session.flush()
    return sub, delivery, event
