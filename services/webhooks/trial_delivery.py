"""The test-send use case (`POST /v1/webhooks/{id}/test`, GraphQL `testWebhookSubscription`).

The receiver must be called with no transaction open, so the use case is two steps with the call between them, and
the edge (the REST controller, the GraphQL mutation) commits each step's transaction, as it does for every write:

1. `start_test_delivery(session, …)`: a `webhook.test` event and its delivery, held back from the workers (the edge
   commits);
2. the edge sends `TestSend.request` with the sender (no transaction open);
3. `record_test_delivery(session, …)`: the outcome, one attempt, never retried (the edge commits).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.actors import Actor
from services.webhooks.delivery import Outcome, record_test_attempt, signed_request
from services.webhooks.policy import DeliveryPolicy
from services.webhooks.subscriptions import prepare_test_delivery


@dataclass(frozen=True)
class TestSend:
    """What step 1 wrote and what step 2 sends: the signed request to the subscription's URL."""

    event_id: uuid.UUID
    delivery_id: uuid.UUID
    subscription_id: uuid.UUID
    url: str
    headers: dict[str, str]
    body: bytes
    started_at: datetime


async def start_test_delivery(
    session: AsyncSession, actor: Actor, subscription_id: uuid.UUID, *, policy: DeliveryPolicy, now: datetime
) -> TestSend:
    """Step 1: the event and its delivery, flushed. The delivery is due only after the test send can have ended
    (the sender's total timeout and a lease), so no worker sends it meanwhile."""
    sub, delivery, event = await prepare_test_delivery(session, actor, subscription_id, now=now)
    delivery.next_attempt_at = now + timedelta(seconds=policy.total_timeout + policy.lease_seconds)
    await session.flush()
    headers, body = signed_request(sub, event, None, now)
    return TestSend(event.id, delivery.id, sub.id, sub.url, headers, body, now)


async def record_test_delivery(session: AsyncSession, sent: TestSend, outcome: Outcome, *, now: datetime) -> None:
    """Step 3: the attempt and the delivery's end state, flushed (a 410 Gone still disables the subscription)."""
    await record_test_attempt(
        session, sent.delivery_id, sent.subscription_id, outcome, now=now, started_at=sent.started_at
    )
