"""The test-send use case (`POST /v1/webhooks/{id}/test`, GraphQL `testWebhookSubscription`).

Unlike other use cases it owns its transactions: the receiver is called with no transaction open, between the commit
of the test event and the commit of its outcome, so it takes a sessionmaker rather than a session.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from services.actors import Actor
from services.webhooks.delivery import Outcome, Sender, record_test_attempt, signed_request
from services.webhooks.subscriptions import prepare_test_delivery


@dataclass
class TestDelivery:
    event_id: uuid.UUID
    delivery_id: uuid.UUID
    outcome: Outcome


async def send_test_delivery(
    sessionmaker: Callable[[], AbstractAsyncContextManager[AsyncSession]],
    sender: Sender,
    actor: Actor,
    subscription_id: uuid.UUID,
    *,
    clock: Callable[[], datetime],
) -> TestDelivery:
    """`POST /v1/webhooks/{id}/test`: a `webhook.test` event sent now, with no transaction open during the call.

    The event and its delivery are committed first, held back from the workers, then sent once, then the outcome
    is recorded; a test send is never retried. `sessionmaker()` must give an async context manager.
    """
    now = clock()
    async with sessionmaker() as session:
        sub, delivery, event = await prepare_test_delivery(session, actor, subscription_id, now=now)
        delivery.next_attempt_at = now + timedelta(seconds=sender.policy.total_timeout + sender.policy.lease_seconds)
        headers, body = signed_request(sub, event, None, now)
        await session.commit()
    outcome = await sender.send(sub.url, headers, body)
    async with sessionmaker() as session:
        await record_test_attempt(session, delivery.id, sub.id, outcome, now=clock(), started_at=now)
        await session.commit()
    return TestDelivery(event.id, delivery.id, outcome)
