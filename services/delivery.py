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
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit, urlunsplit

import httpx
from sqlalchemy import exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.encryption import Keyring
from db.models import Event, WebhookAttempt, WebhookDelivery, WebhookSubscription
from services.events import record_event
from services.ssrf import Network, RefusedDestination, address_allowed, check_url
from services.webhooks import render_body, sign, signing_secrets, subscription_snapshot

log = logging.getLogger("sla.webhooks")

DEFAULT_RETRY_SCHEDULE = (5.0, 300.0, 1800.0, 7200.0, 18000.0, 36000.0, 36000.0)


@dataclass(frozen=True)
class DeliveryPolicy:
    retry_schedule: tuple[float, ...] = DEFAULT_RETRY_SCHEDULE
    jitter: float = 0.2
    retry_after_cap: float = 3600.0
    connect_timeout: float = 5.0
    total_timeout: float = 15.0
    max_response_bytes: int = 64 * 1024
    disable_after: timedelta = timedelta(days=5)
    lease_seconds: float = 30.0
    batch_size: int = 100
    allow_networks: list[Network] = field(default_factory=list)
    # How long secrets replaced by a rotation keep signing; the keyring that decrypts them (None: from SLA_*).
    secret_grace: timedelta = timedelta(hours=24)
    keyring: Keyring | None = None


@dataclass
class Outcome:
    status_code: int | None
    error: str | None
    latency_ms: int
    retry_after: float | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def retry_delay(attempt: int, policy: DeliveryPolicy, retry_after: float | None, rng: random.Random) -> float | None:
    """Seconds until the next attempt after `attempt` failed attempts, or None when the schedule is spent."""
    if attempt > len(policy.retry_schedule):
        return None
    base = policy.retry_schedule[attempt - 1]
    delay = base * (1 + rng.uniform(-policy.jitter, policy.jitter))
    if retry_after is not None:
        delay = max(delay, min(retry_after, policy.retry_after_cap))
    return delay


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
            follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(policy.total_timeout, connect=policy.connect_timeout),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    async def send(self, url: str, headers: dict[str, str], body: bytes) -> Outcome:
        started = time.monotonic()
        try:
            scheme, host, port = check_url(url, self.policy.allow_networks)
            address = await resolve_allowed(host, port, self.policy.allow_networks)
            parts = urlsplit(url)
            netloc = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
            target = urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
            host_header = parts.netloc.rsplit("@", 1)[-1]
            extensions = {"sni_hostname": host} if scheme == "https" else {}
            async with asyncio.timeout(self.policy.total_timeout):
                request = self.client.build_request("POST", target, content=body, extensions=extensions,
                                                    headers={**headers, "Host": host_header})
                response = await self.client.send(request, stream=True)
                try:
                    read = 0
                    async for chunk in response.aiter_raw():
                        read += len(chunk)
                        if read >= self.policy.max_response_bytes:
                            break  # the receiver's body is never needed beyond this
                finally:
                    await response.aclose()
            retry_after = parse_retry_after(response.headers.get("retry-after"), datetime.now().astimezone()) \
                if response.status_code in (429, 503) else None
            return Outcome(response.status_code, None, _ms(started), retry_after)
        except RefusedDestination as exc:
            return Outcome(None, f"refused: {exc}", _ms(started))
        except TimeoutError:
            return Outcome(None, "timeout", _ms(started))
        except httpx.TimeoutException:
            return Outcome(None, "timeout", _ms(started))
        except (httpx.HTTPError, OSError) as exc:
            return Outcome(None, f"{type(exc).__name__}: {exc}"[:500] or type(exc).__name__, _ms(started))


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


async def claim_subscription(session: AsyncSession, worker: str, *, now: datetime, lease_seconds: float) -> uuid.UUID | None:
    """Lease one active subscription that has due deliveries and is not leased by a live worker."""
    due = exists().where(
        WebhookDelivery.subscription_id == WebhookSubscription.id, WebhookDelivery.status == "pending",
        WebhookDelivery.next_attempt_at <= now,
    )
    candidate = (
        select(WebhookSubscription.id)
        .where(WebhookSubscription.status == "active",
               or_(WebhookSubscription.lease_expires_at.is_(None), WebhookSubscription.lease_expires_at < now), due)
        .order_by(WebhookSubscription.lease_expires_at.asc().nulls_first())
        .limit(1).with_for_update(skip_locked=True).scalar_subquery()
    )
    return await session.scalar(
        update(WebhookSubscription).where(WebhookSubscription.id == candidate)
        .values(lease_owner=worker, lease_expires_at=now + timedelta(seconds=lease_seconds))
        .returning(WebhookSubscription.id)
    )


async def release_subscription(session: AsyncSession, subscription_id: uuid.UUID, worker: str) -> None:
    await session.execute(update(WebhookSubscription).where(
        WebhookSubscription.id == subscription_id, WebhookSubscription.lease_owner == worker,
    ).values(lease_owner=None, lease_expires_at=None))


async def apply_outcome(
    session: AsyncSession, delivery: WebhookDelivery, sub: WebhookSubscription, outcome: Outcome, worker: str,
    policy: DeliveryPolicy, *, now: datetime, rng: random.Random, started_at: datetime,
) -> WebhookAttempt:
    """Record one attempt and decide what happens next: done, retry later, or give up (and maybe disable)."""
    delivery.attempt_count += 1
    attempt = WebhookAttempt(
        id=uuid.uuid4(), delivery_id=delivery.id, subscription_id=sub.id, attempt_number=delivery.attempt_count,
        worker=worker, started_at=started_at, status_code=outcome.status_code, error=outcome.error,
        latency_ms=outcome.latency_ms,
    )
    session.add(attempt)
    delivery.last_status_code, delivery.last_error = outcome.status_code, outcome.error
    if outcome.succeeded:
        delivery.status, delivery.completed_at = "succeeded", now
        sub.failing_since = None
    elif outcome.status_code == 410:
        delivery.status, delivery.completed_at = "failed", now
        await _disable(session, sub, "the receiver answered 410 Gone", now)
    else:
        delay = retry_delay(delivery.attempt_count, policy, outcome.retry_after, rng)
        if delay is None:
            delivery.status, delivery.completed_at = "failed", now
        else:
            delivery.next_attempt_at = now + timedelta(seconds=delay)
        sub.failing_since = sub.failing_since or now
        if now - sub.failing_since >= policy.disable_after and sub.status == "active":
            await _disable(session, sub, f"every delivery failed since {sub.failing_since.isoformat()}", now)
    # Keep the lease alive while this worker is still sending.
    if sub.lease_owner == worker:
        sub.lease_expires_at = now + timedelta(seconds=policy.lease_seconds)
    await session.flush()
    return attempt


def signed_request(sub: WebhookSubscription, event: Event, role: str | None, now: datetime) -> tuple[dict[str, str], bytes]:
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
    sub.status, sub.disabled_reason = "disabled", reason[:200]
    sub.row_version += 1
    sub.updated_at = now
    await session.flush()
    await record_event(session, None, "webhook.disabled", now=now, subject_party_id=sub.party_id,
                       payload={"subscription": subscription_snapshot(sub), "reason": reason})


