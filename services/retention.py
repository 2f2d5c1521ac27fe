"""Retention: what grows without bound is pruned in bounded batches, each by its own setting.

Delivery attempts and succeeded deliveries are kept `attempts`/`succeeded_deliveries` long, expired idempotency
keys go (their TTL is the idempotency setting), and audit events only when the operator sets a retention for
them (a pending delivery keeps its event). A ticket's events go `ticket_events` after its last one, once that
event's billing period is closed and none of its clocks runs: the statement is frozen and the clocks' outcomes
stay in `sla_clocks`, so nothing reads those events again. `dry_run` counts what would go and deletes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, Select, delete, exists, func, inspect, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from db.base import Base
from db.models import (
    BillingPeriod,
    Event,
    IdempotencyKey,
    SlaClock,
    TicketEventRecord,
    WebhookAttempt,
    WebhookDelivery,
)
from db.values import ClockStatus

# A billing period closes once it has ended in every zone (services/billing/periods.py): an instant belongs to
# the month it falls in somewhere between UTC-12 and UTC+14, so both of those months must be closed.
_EARLIEST_AND_LATEST_ZONES = ("Etc/GMT+12", "Etc/GMT-14")


@dataclass(frozen=True)
class RetentionPolicy:
    attempts: timedelta | None
    succeeded_deliveries: timedelta | None
    events: timedelta | None = None  # audit history: never pruned unless set
    ticket_events: timedelta | None = None
    batch_size: int = 1000


def _candidates(now: datetime, policy: RetentionPolicy) -> dict[str, tuple[type[Base], ColumnElement[bool]]]:
    found: dict[str, tuple[type[Base], ColumnElement[bool]]] = {
        "idempotency_keys": (IdempotencyKey, IdempotencyKey.expires_at <= now),
    }
    if policy.attempts is not None:
        found["webhook_attempts"] = (WebhookAttempt, WebhookAttempt.started_at < now - policy.attempts)
    if policy.succeeded_deliveries is not None:
        found["webhook_deliveries"] = (
            WebhookDelivery,
            (WebhookDelivery.status == "succeeded")
            & (WebhookDelivery.completed_at < now - policy.succeeded_deliveries),
        )
    if policy.events is not None:
        pending = exists().where(WebhookDelivery.event_id == Event.id, WebhookDelivery.status == "pending")
        found["events"] = (Event, (Event.occurred_at < now - policy.events) & ~pending)
    if policy.ticket_events is not None:
        found["ticket_events"] = (TicketEventRecord, TicketEventRecord.ticket_id.in_(_settled_tickets(now, policy)))
    return found


def _settled_tickets(now: datetime, policy: RetentionPolicy) -> Select[tuple[uuid.UUID]]:
    """Tickets whose last event is older than the setting and lies in a closed billing period, with no clock
    still running or paused."""
    assert policy.ticket_events is not None
    last = (
        select(TicketEventRecord.ticket_id, func.max(TicketEventRecord.occurred_at).label("at"))
        .group_by(TicketEventRecord.ticket_id)
        .subquery("last_ticket_event")
    )
    closed = [
        exists().where(BillingPeriod.period == func.to_char(func.timezone(zone, last.c.at), "YYYY-MM"))
        for zone in _EARLIEST_AND_LATEST_ZONES
    ]
    open_clock = exists().where(
        SlaClock.ticket_id == last.c.ticket_id, SlaClock.status.in_([ClockStatus.RUNNING, ClockStatus.PAUSED])
    )
    return select(last.c.ticket_id).where(last.c.at < now - policy.ticket_events, *closed, ~open_clock)


def _keys(model: type[Base]) -> list[ColumnElement[Any]]:
    return list(inspect(model).primary_key)


async def prune(
    session: AsyncSession, policy: RetentionPolicy, *, now: datetime, dry_run: bool = False
) -> dict[str, int]:
    """Rows removed (or, with `dry_run`, that would be) per table. Deletes at most `batch_size` rows per table
    per statement and repeats until a batch comes back short, flushing as it goes; the caller commits."""
    counts: dict[str, int] = {}
    for table, (model, older) in _candidates(now, policy).items():
        if dry_run:
            counts[table] = await session.scalar(select(func.count()).select_from(model).where(older)) or 0
            continue
        keys = _keys(model)
        total = 0
        while True:
            batch = select(*keys).where(older).limit(policy.batch_size).with_for_update(skip_locked=True)
            key = keys[0] if len(keys) == 1 else tuple_(*keys)
            # A DELETE answers a cursor result, which carries the row count.
            deleted = cast(CursorResult[Any], await session.execute(delete(model).where(key.in_(batch))))
            removed = deleted.rowcount or 0
            total += removed
            if removed < policy.batch_size:
                break
        counts[table] = total
    return counts
