"""Webhook delivery rules: the sender (SSRF-safe, bounded), leases on subscriptions, signed requests, and what
an attempt's outcome means (done, retry with backoff and jitter, give up, disable). The transactions around the
HTTP calls belong to the worker (`worker/delivery.py`): an attempt is claimed, sent, then recorded.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import random
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urlunsplit

import httpx
from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, WebhookAttempt, WebhookDelivery, WebhookSubscription
from db.values import WebhookDeliveryStatus, WebhookSubscriptionStatus
from services import scoping
from services.events import record_event
from services.metrics import WEBHOOK_LEASE_TAKEOVERS, WEBHOOK_SUBSCRIPTIONS_DISABLED, count_on_commit
from services.webhooks.policy import DeliveryPolicy
from services.webhooks.ssrf import Network, RefusedDestination, address_allowed, check_url
from services.webhooks.subscriptions import (
    WebhookDeliveryExhaustedData,
    WebhookDisabledData,
    WebhookFailingData,
    render_body,
    sign,
    signing_secrets,
    subscription_out,
)

log = logging.getLogger("sla.webhooks")


@dataclass
class Outcome:
    status_code: int | None
    error: str | None
    latency_ms: int
    retry_after: float | None = None
    headers: dict[str, str] | None = None
    body: str | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


@dataclass(frozen=True)
class Lease:
    """A lane's claim on one subscription; `token` is the fencing token every write of its results must match."""

    subscription_id: uuid.UUID
    worker: str
    token: int


class LeaseLost(Exception):
    """The subscription was claimed by another lane (or deleted) since this lane claimed it."""


def retry_delay(attempt: int, policy: DeliveryPolicy, retry_after: float | None, rng: random.Random) -> float | None:
    """Seconds until the next attempt after `attempt` failed attempts, or None when the schedule is spent."""
    if attempt > len(policy.retry_schedule):
        return None
    base = policy.retry_schedule[attempt - 1]
    delay = base * (1 + rng.uniform(-policy.jitter, policy.jitter))
    if retry_after is not None:
        delay = max(delay, min(retry_after, policy.retry_after_cap))
    return delay


def breaker_delay(consecutive_failures: int, policy: DeliveryPolicy, rng: random.Random) -> float | None:
    """Seconds the circuit stays open after `consecutive_failures` failed attempts in a row (None: closed)."""
    beyond = consecutive_failures - policy.breaker_threshold
    if beyond < 0:
        return None
    base = policy.retry_schedule[0] if policy.retry_schedule else 5.0
    delay = min(base * 2.0 ** min(beyond, 32), policy.breaker_max_seconds)
    return delay * (1 + rng.uniform(0, policy.jitter))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - now).total_seconds())
    except (TypeError, ValueError):
        return None


async def resolve_allowed(host: str, port: int, allow: list[Network]) -> str:
    """Resolve `host` and return an address delivery may connect to; refuse internal ones (after DNS)."""
    try:
        literal = ipaddress.ip_address(host)
        candidates = [literal]
    except ValueError:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
        candidates = [ipaddress.ip_address(info[4][0]) for info in infos]
    allowed = [a for a in candidates if address_allowed(a, allow)]
    if not allowed or len(allowed) != len(candidates):
        raise RefusedDestination(f"{host} resolves to a private, loopback, link-local or metadata address")
    return str(allowed[0])


class Sender:
    """POSTs one signed delivery. Connects to the address it checked, so DNS rebinding cannot redirect it."""

    def __init__(self, policy: DeliveryPolicy) -> None:
        self.policy = policy
        self.client = httpx.AsyncClient(
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(policy.total_timeout, connect=policy.connect_timeout),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )
        self._endpoints: dict[tuple[str, int], asyncio.Semaphore] = {}

    async def aclose(self) -> None:
        await self.client.aclose()

    def _endpoint_slot(self, host: str, port: int) -> asyncio.Semaphore:
        return self._endpoints.setdefault((host.lower(), port), asyncio.Semaphore(self.policy.endpoint_concurrency))

    async def send(self, url: str, headers: dict[str, str], body: bytes) -> Outcome:
        try:
            scheme, host, port = check_url(url, self.policy.allow_networks)
        except RefusedDestination as exc:
            return Outcome(None, f"refused: {exc}", 0)
        async with self._endpoint_slot(host, port):
            return await self._send(url, scheme, host, port, headers, body)

    async def _send(self, url: str, scheme: str, host: str, port: int, headers: dict[str, str], body: bytes) -> Outcome:
        started = time.monotonic()
        try:
            address = await resolve_allowed(host, port, self.policy.allow_networks)
            parts = urlsplit(url)
            netloc = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
            target = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
            host_header = parts.netloc.rsplit("@", 1)[-1]
            extensions = {"sni_hostname": host} if scheme == "https" else {}
            keep = self.policy.response_keep_bytes
            async with asyncio.timeout(self.policy.total_timeout):
                request = self.client.build_request(
                    "POST", target, content=body, extensions=extensions, headers={**headers, "Host": host_header}
                )
                response = await self.client.send(request, stream=True)
                kept = bytearray()
                try:
                    async for chunk in response.aiter_raw():
                        kept += chunk[: keep - len(kept)]
                        if len(kept) >= keep:
                            break  # the receiver's body is never needed beyond this
                finally:
                    await response.aclose()
            retry_after = (
                parse_retry_after(response.headers.get("retry-after"), datetime.now().astimezone())
                if response.status_code in (429, 503)
                else None
            )
            return Outcome(
                response.status_code,
                None,
                _ms(started),
                retry_after,
                headers=response_headers(response.headers.multi_items()),
                body=response_text(bytes(kept)),
            )
        except RefusedDestination as exc:
            return Outcome(None, f"refused: {exc}", _ms(started))
        except TimeoutError:
            return Outcome(None, "timeout", _ms(started))
        except httpx.TimeoutException:
            return Outcome(None, "timeout", _ms(started))
        except (httpx.HTTPError, OSError) as exc:
            return Outcome(None, f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__, _ms(started))


MAX_KEPT_HEADERS = 64


def response_headers(items: list[tuple[str, str]]) -> dict[str, str]:
    """The receiver's headers as recorded: lower-case names, repeats joined, each value at most 1000 characters."""
    kept: dict[str, str] = {}
    for name, value in items:
        name = name.lower()[:100]
        if name not in kept and len(kept) >= MAX_KEPT_HEADERS:
            continue
        kept[name] = (f"{kept[name]}, {value}" if name in kept else value)[:1000].replace("\x00", "\ufffd")
    return kept


def response_text(body: bytes) -> str:
    # PostgreSQL text holds no NUL; a cut multi-byte character at the end becomes U+FFFD.
    return body.decode("utf-8", "replace").replace("\x00", "\ufffd")


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


async def claim_subscription(
    session: AsyncSession, worker: str, *, now: datetime, lease_seconds: float
) -> Lease | None:
    """Lease the active subscription whose oldest due delivery has waited longest, if no live lane holds it and
    its circuit is not open. Each claim raises the fencing token."""
    oldest_due = (
        select(func.min(WebhookDelivery.next_attempt_at))
        .where(
            WebhookDelivery.subscription_id == WebhookSubscription.id,
            WebhookDelivery.status == "pending",
            WebhookDelivery.next_attempt_at <= now,
        )
        .correlate(WebhookSubscription)
        .scalar_subquery()
    )
    # The lease owner before the claim comes along: one still named means its lease ran out unreleased (a
    # stalled or dead worker), a takeover.
    candidate = (
        select(WebhookSubscription.id, WebhookSubscription.lease_owner.label("previous_owner"))
        .where(
            WebhookSubscription.status == "active",
            or_(WebhookSubscription.lease_expires_at.is_(None), WebhookSubscription.lease_expires_at < now),
            or_(WebhookSubscription.circuit_open_until.is_(None), WebhookSubscription.circuit_open_until <= now),
            oldest_due.is_not(None),
        )
        .order_by(oldest_due, WebhookSubscription.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .cte("candidate")
    )
    row = (
        await session.execute(
            update(WebhookSubscription)
            .where(WebhookSubscription.id == candidate.c.id)
            .values(
                lease_owner=worker,
                lease_expires_at=now + timedelta(seconds=lease_seconds),
                lease_token=WebhookSubscription.lease_token + 1,
            )
            .returning(WebhookSubscription.id, WebhookSubscription.lease_token, candidate.c.previous_owner)
        )
    ).first()
    if row is None:
        return None
    if row.previous_owner is not None:
        count_on_commit(session, WEBHOOK_LEASE_TAKEOVERS)
    return Lease(row.id, worker, row.lease_token)


def _held(lease: Lease) -> tuple[ColumnElement[bool], ...]:
    return (
        WebhookSubscription.id == lease.subscription_id,
        WebhookSubscription.lease_owner == lease.worker,
        WebhookSubscription.lease_token == lease.token,
    )


async def renew_lease(session: AsyncSession, lease: Lease, *, now: datetime, lease_seconds: float) -> bool:
    """Extend the lease if this lane still holds it; False: it is lost (taken over, or the subscription deleted)."""
    renewed = await session.scalar(
        update(WebhookSubscription)
        .where(*_held(lease))
        .values(lease_expires_at=now + timedelta(seconds=lease_seconds))
        .returning(WebhookSubscription.id)
    )
    return renewed is not None


async def release_subscription(session: AsyncSession, lease: Lease) -> None:
    await session.execute(
        update(WebhookSubscription).where(*_held(lease)).values(lease_owner=None, lease_expires_at=None)
    )


@dataclass
class DueAttempt:
    subscription: WebhookSubscription
    delivery: WebhookDelivery
    event: Event
    role: str | None


async def next_due_attempt(session: AsyncSession, lease: Lease, *, now: datetime) -> DueAttempt | None:
    """The subscription as it is now (status, URL, secrets) and its next due delivery in event order, or None when
    the lane should stop: lease lost, subscription paused, disabled or deleted, or nothing is due."""
    sub = await session.scalar(select(WebhookSubscription).where(*_held(lease)))
    if sub is None or sub.status != "active":
        return None
    while True:
        row = (
            await session.execute(
                select(WebhookDelivery, Event)
                .join(Event, Event.id == WebhookDelivery.event_id)
                .where(
                    WebhookDelivery.subscription_id == sub.id,
                    WebhookDelivery.status == "pending",
                    WebhookDelivery.next_attempt_at <= now,
                )
                .order_by(WebhookDelivery.event_position, WebhookDelivery.created_at)
                .limit(1)
            )
        ).first()
        if row is None:
            return None
        delivery, event = row
        if event.agreement_id is None:
            return DueAttempt(sub, delivery, event, None)
        role = await scoping.party_role_on(session, sub.party_id, event.agreement_id)
        if role is not None:
            return DueAttempt(sub, delivery, event, role)
        # The party left the agreement after the event: it may no longer see it.
        delivery.status, delivery.completed_at = WebhookDeliveryStatus.CANCELLED, now
        await session.flush()


async def record_attempt(
    session: AsyncSession,
    lease: Lease,
    delivery_id: uuid.UUID,
    outcome: Outcome,
    policy: DeliveryPolicy,
    *,
    now: datetime,
    rng: random.Random,
    started_at: datetime,
) -> bool:
    """Record a lane's attempt, fenced: only while the lane still holds the lease with its token (the row lock
    taken here orders it against any claim). False (nothing written) when the lease is lost or the subscription
    or delivery was deleted meanwhile; the lane must stop."""
    sub = await session.scalar(select(WebhookSubscription).where(*_held(lease)).with_for_update())
    if sub is None:
        return False
    delivery = await session.get(WebhookDelivery, delivery_id, with_for_update=True)
    if delivery is None or delivery.status != "pending":
        return False
    sub.lease_expires_at = now + timedelta(seconds=policy.lease_seconds)
    await apply_outcome(session, delivery, sub, outcome, lease.worker, policy, now=now, rng=rng, started_at=started_at)
    return True


def _attempt_row(
    delivery: WebhookDelivery, sub: WebhookSubscription, outcome: Outcome, worker: str, started_at: datetime
) -> WebhookAttempt:
    delivery.attempt_count += 1
    delivery.last_status_code, delivery.last_error = outcome.status_code, outcome.error
    return WebhookAttempt(
        id=uuid.uuid4(),
        delivery_id=delivery.id,
        subscription_id=sub.id,
        attempt_number=delivery.attempt_count,
        worker=worker,
        started_at=started_at,
        status_code=outcome.status_code,
        error=outcome.error,
        latency_ms=outcome.latency_ms,
        response_headers=outcome.headers,
        response_body=outcome.body,
    )


async def record_test_attempt(
    session: AsyncSession,
    delivery_id: uuid.UUID,
    subscription_id: uuid.UUID,
    outcome: Outcome,
    *,
    now: datetime,
    started_at: datetime,
) -> None:
    """A test send is one attempt, never retried, and leaves the endpoint's circuit alone; 410 Gone still disables."""
    delivery = await session.get(WebhookDelivery, delivery_id, with_for_update=True)
    sub = await session.get(WebhookSubscription, subscription_id, with_for_update=True)
    if delivery is None or sub is None:
        return  # deleted while the test was in flight
    session.add(_attempt_row(delivery, sub, outcome, "api", started_at))
    delivery.status = WebhookDeliveryStatus.SUCCEEDED if outcome.succeeded else WebhookDeliveryStatus.FAILED
    delivery.completed_at = now
    await session.flush()
    if outcome.status_code == 410 and sub.status == "active":
        await _disable(session, sub, "the receiver answered 410 Gone", now)


async def apply_outcome(
    session: AsyncSession,
    delivery: WebhookDelivery,
    sub: WebhookSubscription,
    outcome: Outcome,
    worker: str,
    policy: DeliveryPolicy,
    *,
    now: datetime,
    rng: random.Random,
    started_at: datetime,
) -> WebhookAttempt:
    """Record one attempt and decide what happens next: done, retry later, or give up (and maybe disable); and
    move the endpoint's circuit breaker."""
    attempt = _attempt_row(delivery, sub, outcome, worker, started_at)
    session.add(attempt)
    if outcome.succeeded:
        delivery.status, delivery.completed_at = WebhookDeliveryStatus.SUCCEEDED, now
        sub.failing_since, sub.consecutive_failures, sub.circuit_open_until = None, 0, None
        await session.flush()
        return attempt
    sub.consecutive_failures += 1
    sub.failing_since = sub.failing_since or now
    open_for = breaker_delay(sub.consecutive_failures, policy, rng)
    sub.circuit_open_until = now + timedelta(seconds=open_for) if open_for is not None else None
    await session.flush()
    if open_for is not None and sub.consecutive_failures == policy.breaker_threshold:
        await _notify_owner(
            session,
            sub,
            "webhook.failing",
            now,
            WebhookFailingData(
                subscription=subscription_out(sub),
                consecutive_failures=sub.consecutive_failures,
                failing_since=sub.failing_since,
                next_attempt_at=sub.circuit_open_until,
                last_status_code=outcome.status_code,
                last_error=outcome.error,
            ),
        )
    if outcome.status_code == 410:
        delivery.status, delivery.completed_at = WebhookDeliveryStatus.FAILED, now
        await _disable(session, sub, "the receiver answered 410 Gone", now)
    else:
        delay = retry_delay(delivery.attempt_count, policy, outcome.retry_after, rng)
        if delay is None:
            delivery.status, delivery.completed_at = WebhookDeliveryStatus.FAILED, now
            await _notify_owner(
                session,
                sub,
                "webhook.delivery_exhausted",
                now,
                WebhookDeliveryExhaustedData(
                    subscription=subscription_out(sub),
                    delivery_id=delivery.id,
                    failed_event_id=delivery.event_id,
                    attempts=delivery.attempt_count,
                    last_status_code=outcome.status_code,
                    last_error=outcome.error,
                ),
            )
        else:
            delivery.next_attempt_at = now + timedelta(seconds=delay)
        if now - sub.failing_since >= policy.disable_after and sub.status == "active":
            await _disable(session, sub, f"every delivery failed since {sub.failing_since.isoformat()}", now)
    await session.flush()
    return attempt


async def _notify_owner(
    session: AsyncSession,
    sub: WebhookSubscription,
    type_: str,
    now: datetime,
    payload: WebhookFailingData | WebhookDeliveryExhaustedData | WebhookDisabledData,
) -> None:
    """An operational event to the subscription's own party: its event feed and its other subscriptions (never
    the failing one itself, which would feed on its own failures)."""
    event = await record_event(
        session,
        None,
        type_,
        now=now,
        subject_party_id=sub.party_id,
        payload=payload,
    )
    await session.execute(
        delete(WebhookDelivery).where(WebhookDelivery.event_id == event.id, WebhookDelivery.subscription_id == sub.id)
    )


def signed_request(
    sub: WebhookSubscription, event: Event, role: str | None, now: datetime
) -> tuple[dict[str, str], bytes]:
    body = render_body(event, role, sub.party_id)
    msg_id = str(event.id)
    headers = {
        "content-type": "application/json",
        "user-agent": "sla-api-webhooks/1",
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": sign(signing_secrets(sub, now), msg_id, now, body),
    }
    return headers, body


async def _disable(session: AsyncSession, sub: WebhookSubscription, reason: str, now: datetime) -> None:
    sub.status, sub.disabled_reason = WebhookSubscriptionStatus.DISABLED, reason[:200]
    count_on_commit(session, WEBHOOK_SUBSCRIPTIONS_DISABLED)
    sub.row_version += 1
    sub.updated_at = now
    await session.flush()
    await record_event(
        session,
        None,
        "webhook.disabled",
        now=now,
        subject_party_id=sub.party_id,
        payload=WebhookDisabledData(subscription=subscription_out(sub), reason=reason),
    )
