"""Retention prunes only what is older than its setting, in bounded batches; audit events stay unless set."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import (
    BillingPeriod,
    Event,
    IdempotencyKey,
    SlaClock,
    Ticket,
    TicketEventRecord,
    WebhookAttempt,
    WebhookDelivery,
    WebhookSubscription,
)
from services.events import record_event
from services.retention import RetentionPolicy, prune
from tests.flows import OPERATOR

DAY = timedelta(days=1)


async def _count(session: AsyncSession, model, *where) -> int:
    return await session.scalar(select(func.count()).select_from(model).where(*where))


async def _setup(session: AsyncSession, world, clock) -> tuple[list[uuid.UUID], list[uuid.UUID]]:
    """Four deliveries of four events to one subscription: two succeeded 40 days ago, one yesterday, one pending;
    an attempt for each, started when it completed; one expired and one live idempotency key."""
    acme = await world.party("Acme")
    sub = WebhookSubscription(
        id=uuid.uuid4(), party_id=acme.id, url="https://acme.example/hooks", event_types=["*"], secrets=[]
    )
    session.add(sub)
    await session.flush()
    now = clock()
    old, recent = [], []
    for age in (40 * DAY, 40 * DAY, DAY, None):
        event = await record_event(
            session,
            OPERATOR,
            "party.updated",
            now=now - (age or timedelta()),
            payload={},
            subject_party_id=acme.id,
        )
        delivery = await session.scalar(select(WebhookDelivery).where(WebhookDelivery.event_id == event.id))
        if delivery is None:
            delivery = WebhookDelivery(id=uuid.uuid4(), subscription_id=sub.id, event_id=event.id, next_attempt_at=now)
            session.add(delivery)
            await session.flush()
        if age is not None:
            delivery.status, delivery.completed_at = "succeeded", now - age
            (old if age > 30 * DAY else recent).append(delivery.id)
        session.add(
            WebhookAttempt(
                id=uuid.uuid4(),
                delivery_id=delivery.id,
                subscription_id=sub.id,
                attempt_number=1,
                started_at=now - (age or timedelta()),
                latency_ms=5,
            )
        )
    for key, expires in (("expired", now - timedelta(seconds=1)), ("live", now + DAY)):
        session.add(
            IdempotencyKey(
                principal="p", key=key, fingerprint="f", status_code=201, headers=[], body=b"", expires_at=expires
            )
        )
    await session.flush()
    return old, recent


async def test_prune_removes_only_what_is_older_than_each_setting(session, world, clock):
    old, recent = await _setup(session, world, clock)
    policy = RetentionPolicy(attempts=30 * DAY, succeeded_deliveries=30 * DAY, batch_size=1)
    events_before = await _count(session, Event)

    would = await prune(session, policy, now=clock(), dry_run=True)
    assert would == {"idempotency_keys": 1, "webhook_attempts": 2, "webhook_deliveries": 2}
    assert await _count(session, WebhookDelivery, WebhookDelivery.id.in_(old)) == 2  # a dry run removes nothing

    removed = await prune(session, policy, now=clock())
    assert removed == would  # batches of one, repeated until done
    assert await _count(session, WebhookDelivery, WebhookDelivery.id.in_(old)) == 0
    assert await _count(session, WebhookDelivery, WebhookDelivery.id.in_(recent)) == 1
    assert await _count(session, WebhookDelivery, WebhookDelivery.status == "pending") >= 1
    assert await _count(session, WebhookAttempt, WebhookAttempt.started_at < clock() - 30 * DAY) == 0
    assert await _count(session, WebhookAttempt) >= 2
    assert [k for k in await session.scalars(select(IdempotencyKey.key))] == ["live"]
    assert await _count(session, Event) == events_before  # audit events: no retention set


async def test_audit_events_go_only_when_a_retention_is_set_and_nothing_is_pending(session, world, clock):
    await _setup(session, world, clock)
    await session.execute(update(WebhookDelivery).values(status="succeeded", completed_at=clock()))
    old_events = await _count(session, Event, Event.occurred_at < clock() - 30 * DAY)
    assert old_events == 2
    policy = RetentionPolicy(attempts=None, succeeded_deliveries=None, events=30 * DAY)
    assert (await prune(session, policy, now=clock()))["events"] == 2
    assert await _count(session, Event, Event.occurred_at < clock() - 30 * DAY) == 0
    assert await _count(session, Event) >= 2


async def test_ticket_events_go_only_for_settled_tickets_of_closed_periods(session, world):
    acme = await world.party("Acme")
    now = datetime(2027, 6, 1, tzinfo=UTC)
    october, november = datetime(2026, 10, 15, tzinfo=UTC), datetime(2026, 11, 15, tzinfo=UTC)
    # ticket → (its last event, its clock's status)
    tickets = {
        "settled": (october, "met"),
        "clock running": (october, "running"),
        "period open": (november, "breached"),
        # 23:00 UTC on 31 October is already November east of UTC+1, and November is not closed.
        "on the edge": (datetime(2026, 10, 31, 23, tzinfo=UTC), "met"),
        "recent": (datetime(2027, 5, 20, tzinfo=UTC), "met"),
    }
    ids = {}
    for name, (last, status) in tickets.items():
        ticket = Ticket(
            id=uuid.uuid4(), source="zendesk", external_id=f"{name}-{uuid.uuid4()}", reporter_party_id=acme.id
        )
        session.add(ticket)
        await session.flush()
        ids[name] = ticket.id
        for n in range(3):
            session.add(
                TicketEventRecord(
                    ticket_id=ticket.id,
                    source="zendesk",
                    event_id=f"e{n}",
                    type="created" if n == 0 else "agent_replied",
                    occurred_at=last - timedelta(hours=2 - n),
                    received_at=last,
                )
            )
        session.add(
            SlaClock(
                ticket_id=ticket.id,
                metric="first_response",
                opened_by="e0",
                cycle=1,
                target_key="p1",
                clause_key="sla",
                status=status,
                started_at=last,
                original_due_at=last,
                due_at=last,
            )
        )
    for period in ("2026-09", "2026-10"):
        session.add(BillingPeriod(period=period, closed_at=now, closed_by="test", agreements=0))
    await session.flush()

    async def events_of(name: str) -> int:
        return await _count(session, TicketEventRecord, TicketEventRecord.ticket_id == ids[name])

    policy = RetentionPolicy(attempts=None, succeeded_deliveries=None, ticket_events=90 * DAY, batch_size=2)
    would = (await prune(session, policy, now=now, dry_run=True))["ticket_events"]
    assert would >= 3 and await events_of("settled") == 3
    assert (await prune(session, policy, now=now))["ticket_events"] == would
    assert await events_of("settled") == 0
    assert [await events_of(name) for name in tickets if name != "settled"] == [3, 3, 3, 3]
    # The clocks' outcomes stay.
    assert await _count(session, SlaClock, SlaClock.ticket_id == ids["settled"]) == 1
    # Without the setting, ticket events stay.
    assert "ticket_events" not in await prune(
        session, RetentionPolicy(attempts=None, succeeded_deliveries=None), now=now
    )
