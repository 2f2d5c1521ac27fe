"""Sending webhook deliveries, owning the transaction around each step so that no HTTP call happens inside one:
read, send, record. Used by the worker's lanes and by the API's `…/test` (which the caller waits for)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import uuid
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.metrics import WEBHOOK_ATTEMPT_LATENCY, WEBHOOK_ATTEMPTS
from services.tracing import continued_span
from services.webhooks.delivery import (
    Lease,
    Outcome,
    Sender,
    next_due_attempt,
    record_attempt,
    signed_request,
)

log = logging.getLogger("sla.worker.delivery")


async def deliver_subscription(
    sessionmaker: async_sessionmaker[AsyncSession],
    sender: Sender,
    lease: Lease,
    *,
    clock,
    rng: random.Random,
    stopping: asyncio.Event,
    lost: asyncio.Event,
    slow_after: float | None = None,
    on_slow: Callable[[], None] = lambda: None,
) -> int:
    """Send the leased subscription's due deliveries one at a time in event order, re-reading the subscription
    before each attempt, until nothing is due, an attempt fails (the breaker decides when to try again), the
    subscription is paused or deleted, the lease is lost, or the batch size is reached. Returns the attempts made.

    `on_slow` is called once when a request has been in flight for `slow_after` seconds (the lane hands its slot
    to another). `lost` is set by the lease keeper: an attempt in flight is abandoned at once, and nothing more
    is recorded (the new holder sends it again, with the same `webhook-id`)."""
    attempts = 0
    for _ in range(sender.policy.batch_size):
        if stopping.is_set() or lost.is_set():
            break
        async with sessionmaker() as session:
            due = await next_due_attempt(session, lease, now=clock())
            await session.commit()
        if due is None:
            break
        started_at = clock()
        headers, body = signed_request(due.subscription, due.event, due.role, started_at)
        with continued_span(
            "webhook.attempt",
            due.event.traceparent,
            **{"sla.subscription_id": str(due.subscription.id), "sla.event_id": str(due.event.id)},
        ):
            outcome = await _send_while_held(
                sender.send(due.subscription.url, headers, body), lost, slow_after, on_slow
            )
        if outcome is None:
            break
        attempts += 1
        async with sessionmaker() as session:
            recorded = await record_attempt(
                session, lease, due.delivery.id, outcome, sender.policy, now=clock(), rng=rng, started_at=started_at
            )
            await session.commit()
        if recorded:
            attempt_recorded(due.subscription.id, due.event.id, due.delivery.id, outcome)
        if not recorded or not outcome.succeeded:
            break
    return attempts


def attempt_recorded(subscription_id: uuid.UUID, event_id: uuid.UUID, delivery_id: uuid.UUID, outcome: Outcome) -> None:
    """One line per attempt outcome, written after its commit, and the attempt metrics."""
    WEBHOOK_ATTEMPTS.labels("succeeded" if outcome.succeeded else "failed").inc()
    WEBHOOK_ATTEMPT_LATENCY.observe(outcome.latency_ms / 1000)
    log.log(
        logging.INFO if outcome.succeeded else logging.WARNING,
        "delivery attempt %s",
        "succeeded" if outcome.succeeded else "failed",
        extra={
            "subscription_id": str(subscription_id),
            "event_id": str(event_id),
            "delivery_id": str(delivery_id),
            "outcome": "succeeded" if outcome.succeeded else "failed",
            "status_code": outcome.status_code,
            "error": outcome.error,
            "latency_ms": outcome.latency_ms,
        },
    )


async def _send_while_held(
    send, lost: asyncio.Event, slow_after: float | None, on_slow: Callable[[], None]
) -> Outcome | None:
    request = asyncio.ensure_future(send)
    lease_lost = asyncio.ensure_future(lost.wait())
    try:
        done, _ = await asyncio.wait({request, lease_lost}, timeout=slow_after, return_when=asyncio.FIRST_COMPLETED)
        if not done:
            on_slow()
            done, _ = await asyncio.wait({request, lease_lost}, return_when=asyncio.FIRST_COMPLETED)
        return request.result() if request in done else None
    finally:
        lease_lost.cancel()
        if not request.done():
            request.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await request
