"""Sending webhook deliveries, owning the transaction around each step so that no HTTP call happens inside one:
claim, send, record. Used by the worker's lanes and by the API's `…/test` (which the caller waits for)."""

from __future__ import annotations

import asyncio
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Event, Membership, WebhookAttempt, WebhookDelivery, WebhookSubscription
from services.delivery import DeliveryPolicy, Outcome, Sender, apply_outcome, signed_request
from services.webhooks import prepare_test_delivery


async def deliver_subscription(
    sessionmaker: async_sessionmaker[AsyncSession], sender: Sender, subscription_id: uuid.UUID, worker: str, *,
    clock, rng: random.Random, stopping: asyncio.Event | None = None,
) -> int:
    """Send the leased subscription's due deliveries in event order. Returns how many attempts were made."""
    policy = sender.policy
    attempts = 0
    async with sessionmaker() as session:
        rows = (await session.execute(
            select(WebhookDelivery, Event)
            .join(Event, Event.id == WebhookDelivery.event_id)
            .where(WebhookDelivery.subscription_id == subscription_id, WebhookDelivery.status == "pending",
                   WebhookDelivery.next_attempt_at <= clock())
            .order_by(WebhookDelivery.event_position, WebhookDelivery.created_at)
            .limit(policy.batch_size)
        )).all()
        sub = await session.get(WebhookSubscription, subscription_id)
        roles = dict((await session.execute(
            select(Membership.agreement_id, Membership.role).where(
                Membership.party_id == sub.party_id,
                Membership.agreement_id.in_({e.agreement_id for _, e in rows if e.agreement_id})))).all())
        await session.commit()
    # Successes are recorded in small batches (one transaction each) to keep the database off the hot path;
    # if the worker dies before a batch is recorded, those deliveries are sent again with the same webhook-id.
    succeeded: list[tuple[WebhookDelivery, Outcome, datetime]] = []
    for delivery, event in rows:
        if (stopping is not None and stopping.is_set()) or sub.status != "active":
            break
        if event.agreement_id is not None and event.agreement_id not in roles:
            # The party left the agreement after the event: it may no longer see it.
            await _finish(sessionmaker, delivery.id, "cancelled", None, clock())
            continue
        now = clock()
        headers, body = signed_request(sub, event, roles.get(event.agreement_id), now)
        outcome = await sender.send(sub.url, headers, body)
        attempts += 1
        if outcome.succeeded:
            succeeded.append((delivery, outcome, now))
            if len(succeeded) >= SUCCESS_BATCH:
                await record_successes(sessionmaker, sub.id, worker, succeeded, policy, now=clock())
                succeeded = []
            continue
        await record_successes(sessionmaker, sub.id, worker, succeeded, policy, now=clock())
        succeeded = []
        sub = await record_outcome(sessionmaker, delivery.id, sub.id, outcome, worker, policy, clock=clock, rng=rng,
                                   started_at=now)
    await record_successes(sessionmaker, sub.id, worker, succeeded, policy, now=clock())
    return attempts


SUCCESS_BATCH = 25


async def record_successes(
    sessionmaker: async_sessionmaker[AsyncSession], subscription_id: uuid.UUID, worker: str,
    items: list[tuple[WebhookDelivery, Outcome, datetime]], policy: DeliveryPolicy, *, now: datetime,
) -> None:
    if not items:
        return
    async with sessionmaker() as session:
        await session.execute(insert(WebhookAttempt), [
            {"id": uuid.uuid4(), "delivery_id": d.id, "subscription_id": subscription_id,
             "attempt_number": d.attempt_count + 1, "worker": worker, "started_at": started,
             "status_code": o.status_code, "error": None, "latency_ms": o.latency_ms}
            for d, o, started in items
        ])
        for code in {o.status_code for _, o, _ in items}:
            await session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id.in_([d.id for d, o, _ in items if o.status_code == code]))
                .values(status="succeeded", attempt_count=WebhookDelivery.attempt_count + 1, last_status_code=code,
                        last_error=None, completed_at=now)
            )
        await session.execute(
            update(WebhookSubscription).where(WebhookSubscription.id == subscription_id)
            .values(failing_since=None, lease_expires_at=now + timedelta(seconds=policy.lease_seconds))
            .where(WebhookSubscription.lease_owner == worker)
        )
        await session.commit()


async def _finish(sessionmaker, delivery_id: uuid.UUID, status: str, error: str | None, now: datetime) -> None:
    async with sessionmaker() as session:
        await session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id)
                              .values(status=status, last_error=error, completed_at=now))
        await session.commit()


async def record_outcome(
    sessionmaker: async_sessionmaker[AsyncSession], delivery_id: uuid.UUID, subscription_id: uuid.UUID,
    outcome: Outcome, worker: str, policy: DeliveryPolicy, *, clock, rng: random.Random, started_at: datetime,
) -> WebhookSubscription:
    async with sessionmaker() as session:
        delivery = await session.get(WebhookDelivery, delivery_id, with_for_update=True)
        sub = await session.get(WebhookSubscription, subscription_id, with_for_update=True)
        await apply_outcome(session, delivery, sub, outcome, worker, policy, now=clock(), rng=rng, started_at=started_at)
        await session.commit()
        return sub


@dataclass
class TestDelivery:
    event_id: uuid.UUID
    delivery_id: uuid.UUID
    outcome: Outcome


async def send_test_delivery(sessionmaker, sender: Sender, actor, subscription_id: uuid.UUID, *,
                             clock) -> TestDelivery:
    """`POST /v1/webhooks/{id}/test`: a `webhook.test` event sent now, with no transaction open during the call.

    The event and its delivery are committed first, held back from the workers, then sent, then the outcome is
    recorded (a failure is retried on the usual schedule). `sessionmaker()` must give an async context manager.
    """
    now = clock()
    async with sessionmaker() as session:
        sub, delivery, event = await prepare_test_delivery(session, actor, subscription_id, now=now)
        delivery.next_attempt_at = now + timedelta(seconds=sender.policy.total_timeout + sender.policy.lease_seconds)
        headers, body = signed_request(sub, event, None, now)
        await session.commit()
    outcome = await sender.send(sub.url, headers, body)
    await record_outcome(sessionmaker, delivery.id, sub.id, outcome, "api", sender.policy, clock=clock,
                         rng=random.Random(), started_at=now)
    return TestDelivery(event.id, delivery.id, outcome)
