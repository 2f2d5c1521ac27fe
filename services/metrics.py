"""The Prometheus metrics every process records (API, in-process worker, `sla worker`), declared once.

With `PROMETHEUS_MULTIPROC_DIR` set before this module is first imported (`sla serve` and `sla worker` set it),
prometheus-client writes each process's values to files there and `/metrics` sums them, so `--workers N` and a
separate worker process are all reported. Gauges say how they combine across processes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import WebhookDelivery

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
TIMERS_FIRED = Counter("sla_timers_fired", "Timers fired by the worker")
WORKER_LISTENING = Gauge(
    "sla_worker_listening", "Worker processes whose LISTEN connection is up (0: polling)", multiprocess_mode="livesum"
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
