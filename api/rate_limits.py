"""Rate limits: per caller on every authenticated request, per IP on `/oauth/token`, and a brute-force guard on
failed client authentications per `client_id`.

Counted by the `limits` library (moving window) in process memory, or in Redis when `SLA_REDIS_URL` is set so
several instances share the counts. Answers carry the IETF `RateLimit-Policy` and `RateLimit` headers
(draft-ietf-httpapi-ratelimit-headers); a refused request is a 429 problem with `Retry-After`.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_PATH = "/oauth/token"


class RateLimited(HTTPException):
    status_code = 429


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    policy: str
    limit: RateLimitItem
    remaining: int
    reset_seconds: int

    def headers(self) -> dict[str, str]:
        window = self.limit.get_expiry()
        headers = {
            "RateLimit-Policy": f'"{self.policy}";q={self.limit.amount};w={window}',
            "RateLimit": f'"{self.policy}";r={self.remaining};t={self.reset_seconds}',
        }
        if not self.allowed:
            headers["Retry-After"] = str(max(self.reset_seconds, 1))
        return headers


def _limit(value: str | None) -> RateLimitItem | None:
    return None if not value or value.strip().lower() == "off" else parse(value)


class RateLimits:
    """One per app. `storage_url` None keeps the counts in this process."""

    def __init__(
        self,
        *,
        per_caller: str | None,
        token_per_ip: str | None,
        token_failures: str | None,
        graphql_cost_budget: str | None = None,
        redis_url: str | None = None,
        prefix: str = "sla",
    ) -> None:
        storage: Storage = (
            RedisStorage(_async_redis_uri(redis_url), implementation="redispy", key_prefix=prefix)
            if redis_url
            else MemoryStorage()
        )
        self.storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        self.per_caller = _limit(per_caller)
        self.token_per_ip = _limit(token_per_ip)
        self.token_failures = _limit(token_failures)
        self.graphql_cost_budget = _limit(graphql_cost_budget)

    async def _hit(self, policy: str, limit: RateLimitItem, key: str, cost: int = 1) -> Verdict:
        allowed = await self._limiter.hit(limit, policy, key, cost=cost)
        stats = await self._limiter.get_window_stats(limit, policy, key)
        reset = max(0, math.ceil(stats.reset_time - time.time()))
        return Verdict(allowed, policy, limit, max(stats.remaining, 0), reset)

    async def caller(self, key: str) -> Verdict | None:
        return await self._hit("caller", self.per_caller, key) if self.per_caller else None

    async def graphql_cost(self, key: str, cost: int) -> Verdict | None:
        """Charge a GraphQL operation's points to the caller's budget (schema/cost.py); nothing when it is off."""
        if self.graphql_cost_budget is None or cost <= 0:
            return None
        return await self._hit("graphql-cost", self.graphql_cost_budget, key, cost)

    async def token_ip(self, ip: str) -> Verdict | None:
        return await self._hit("token-ip", self.token_per_ip, ip) if self.token_per_ip else None

    async def check_client_failures(self, client_id: str) -> None:
        """Refuse a client id that failed to authenticate too often (without counting this attempt)."""
        if self.token_failures is None:
            return
        if not await self._limiter.test(self.token_failures, "token-failures", client_id):
            stats = await self._limiter.get_window_stats(self.token_failures, "token-failures", client_id)
            retry = max(1, math.ceil(stats.reset_time - time.time()))
            raise RateLimited(
                detail="too many failed authentications for this client; retry later",
                headers={"Retry-After": str(retry)},
            )

    async def client_failed(self, client_id: str) -> None:
        if self.token_failures is not None:
            await self._limiter.hit(self.token_failures, "token-failures", client_id)


def _async_redis_uri(url: str) -> str:
    return url if url.startswith("async+") else "async+" + url


def _client_ip(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


def _caller_key(scope: Scope) -> str | None:
    user = scope.get("user")
    if user is None:
        return None
    return user.client_id or user.subject or (str(user.party_id) if user.party_id else None)


class RateLimitMiddleware(ASGIMiddleware):
    """After authentication: counts the caller (or the IP at the token endpoint) and adds the headers."""

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        limits: RateLimits | None = scope["litestar_app"].state.get("rate_limits")
        verdict = None
        if limits is not None and scope["type"] == ScopeType.HTTP:
            if scope["path"] == TOKEN_PATH:
                verdict = await limits.token_ip(_client_ip(scope))
            elif (key := _caller_key(scope)) is not None:
                verdict = await limits.caller(key)
        if verdict is None:
            await next_app(scope, receive, send)
            return
        if not verdict.allowed:
            raise RateLimited(detail="rate limit exceeded; retry later", headers=verdict.headers())
        extra = [(k.lower().encode(), v.encode()) for k, v in verdict.headers().items()]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        await next_app(scope, receive, send_with_headers)
