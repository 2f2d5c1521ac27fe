"""The Prometheus metrics every process records (API, in-process worker, `sla worker`), declared once.

With `PROMETHEUS_MULTIPROC_DIR` set before this module is first imported (`sla serve` and `sla worker` set it),
prometheus-client writes each process's values to files there and `/metrics` sums them, so `--workers N` and a
separate worker process are all reported. Gauges say how they combine across processes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from db.engine import pool_wait_observers
from db.models import Timer, WebhookDelivery

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

HTTP_REQUESTS = Counter(
    "sla_http_requests", "HTTP requests answered, by route template, method and status", ["route", "method", "status"]
)
HTTP_LATENCY = Histogram(
    "sla_http_request_duration_seconds", "HTTP request latency", ["route", "method"], buckets=LATENCY_BUCKETS
)
GRAPHQL_OPERATIONS = Counter("sla_graphql_operations", "GraphQL operations, by name and type", ["operation", "type"])
GRAPHQL_ERRORS = Counter("sla_graphql_errors", "GraphQL errors, by code", ["code"])
DB_POOL = Gauge(
    "sla_db_pool_connections",
    "Database pool connections by state (checked_out, overflow, idle), summed over live processes",
    ["state"],
    multiprocess_mode="livesum",
)
DB_POOL_WAITS = Counter("sla_db_pool_waits", "Checkouts that found the pool exhausted and waited for a connection")
DB_POOL_WAIT_SECONDS = Histogram("sla_db_pool_wait_seconds", "How long those checkouts waited", buckets=LATENCY_BUCKETS)

WEBHOOK_ATTEMPTS = Counter("sla_webhook_attempts", "Webhook delivery attempts, by outcome", ["outcome"])
WEBHOOK_ATTEMPT_LATENCY = Histogram(
    "sla_webhook_attempt_duration_seconds", "Webhook attempt latency (the receiver's answer)", buckets=LATENCY_BUCKETS
)
WEBHOOK_QUEUE_DEPTH = Gauge(
    "sla_webhook_queue_depth", "Deliveries pending (due or scheduled)", multiprocess_mode="livemostrecent"
)
WEBHOOK_OLDEST_PENDING = Gauge(
    "sla_webhook_oldest_pending_age_seconds",
    "Age of the oldest pending delivery's event",
    multiprocess_mode="livemostrecent",
)
WEBHOOK_LEASE_TAKEOVERS = Counter(
    "sla_webhook_lease_takeovers",
    "Subscriptions claimed from a lane whose lease had expired (a stalled or dead worker)",
)
WEBHOOK_SUBSCRIPTIONS_DISABLED = Counter(
    "sla_webhook_subscriptions_disabled", "Subscriptions disabled after failing too long"
)
TIMERS_FIRED = Counter("sla_timers_fired", "Timers fired by the worker")
TIMERS_DUE = Gauge(
    "sla_timers_due", "Timers pending whose time has come (read at scrape)", multiprocess_mode="livemostrecent"
)
BILLING_PERIODS_CLOSED = Counter("sla_billing_periods_closed", "Billing periods closed")
TICKET_EVENTS_INGESTED = Counter("sla_ticket_events_ingested", "Ticket events stored (duplicates left out)")
SLA_CLOCKS_BREACHED = Counter("sla_clocks_breached", "SLA clocks whose breach was announced")
WORKER_LISTENING = Gauge(
    "sla_worker_listening", "Worker processes whose LISTEN connection is up (0: polling)", multiprocess_mode="livesum"
)


_ON_COMMIT = "sla_metrics_on_commit"


def count_on_commit(session: AsyncSession, counter: Counter, amount: float = 1) -> None:
    """Count a domain change once its transaction commits: a rolled-back write (a failed request, a GraphQL
    mutation's savepoint) counts nothing. Services flush and never commit, so they cannot count at the write."""
    if amount <= 0:
        return
    sync_session = session.sync_session
    pending: list[tuple[SessionTransaction | None, Counter, float]] | None = sync_session.info.get(_ON_COMMIT)
    if pending is None:
        pending = sync_session.info[_ON_COMMIT] = []
        event.listen(sync_session, "after_commit", _count_pending)
        event.listen(sync_session, "after_soft_rollback", _forget_rolled_back)
    # None: no statement yet, so the transaction still to begin; only its own rollback forgets the count.
    pending.append((sync_session.get_nested_transaction() or sync_session.get_transaction(), counter, amount))


def _count_pending(sync_session: Session) -> None:
    for _, counter, amount in sync_session.info.get(_ON_COMMIT, []):
        counter.inc(amount)
    sync_session.info[_ON_COMMIT] = []


def _within(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    if transaction is None:
        return ended.parent is None
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


def _forget_rolled_back(sync_session: Session, previous_transaction: SessionTransaction) -> None:
    """What was counted inside the transaction (or savepoint) that rolled back is forgotten."""
    sync_session.info[_ON_COMMIT] = [
        entry for entry in sync_session.info.get(_ON_COMMIT, []) if not _within(entry[0], previous_transaction)
    ]


def _observe_pool_wait(seconds: float) -> None:
    DB_POOL_WAITS.inc()
    DB_POOL_WAIT_SECONDS.observe(seconds)


pool_wait_observers.append(_observe_pool_wait)


async def observe_timers(session: AsyncSession, *, now: datetime) -> None:
    """Set the timers-due gauge from the table (a growing number means the worker is behind or stopped)."""
    TIMERS_DUE.set(
        await session.scalar(
            select(func.count()).select_from(Timer).where(Timer.status == "pending", Timer.due_at <= now)
        )
        or 0
    )


async def observe_delivery_queue(session: AsyncSession, *, now: datetime) -> None:
    """Set the queue gauges from the table itself, so any process's scrape tells the truth."""
    depth, oldest_pending = (
        await session.execute(
            select(func.count(), func.min(WebhookDelivery.created_at)).where(WebhookDelivery.status == "pending")
        )
    ).one()
    oldest: datetime | None = oldest_pending  # no pending delivery: NULL
    WEBHOOK_QUEUE_DEPTH.set(depth)
    WEBHOOK_OLDEST_PENDING.set(max((now - oldest).total_seconds(), 0.0) if oldest is not None else 0.0)


def observe_pool(pool: Any) -> None:
    """This process's pool (QueuePool and its async adapter expose these counts)."""
    for state, reading in (("checked_out", "checkedout"), ("overflow", "overflow"), ("idle", "checkedin")):
        value = getattr(pool, reading, None)
        if callable(value):
            DB_POOL.labels(state).set(max(value(), 0))
