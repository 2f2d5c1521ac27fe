"""Rate limits: per caller on every authenticated request, per IP on `/oauth/token`, and a brute-force guard on
failed client authentications per `client_id`.

Counted in a moving window: in this process (`InProcessMovingWindow`), or in Redis by the `limits` library when
`SLA_REDIS_URL` is set, so several instances share the counts. Answers carry the IETF `RateLimit-Policy` and
`RateLimit` headers (draft-ietf-httpapi-ratelimit-headers); a refused request is a 429 problem with `Retry-After`.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from limits import RateLimitItem, WindowStats, parse
from limits.aio.storage import RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_PATH = "/oauth/token"
# Where (in the request's scope state) a request's per-caller verdict is kept once counted, so it is counted once.
COUNTED = "sla.rate_limit_verdict"


class RateLimited(HTTPException):
    status_code = 429


class _Window:
    __slots__ = ("hits", "total")

    def __init__(self) -> None:
        self.hits: deque[tuple[float, int]] = deque()  # (when, cost), oldest first
        self.total = 0


class InProcessMovingWindow:
    """The moving window of `limits.aio.strategies.MovingWindowRateLimiter` (the same answers to `hit`, `test` and
    `get_window_stats`), counted in this process without a timer.

    `limits`' own in-memory storage expires its entries in a task it starts again whenever the last one finished,
    which under load is once per request, and that task hands every key to a thread (`asyncio.to_thread`): a fifth of
    the CPU of a bare authenticated read. Here each key keeps its hits in order with their total, a hit drops what
    has left the window first, and keys nobody used for a window are dropped once a minute.
    """

    SWEEP_SECONDS = 60.0

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._windows: dict[str, _Window] = {}
        self._longest = 0
        self._swept = clock()

    def _current(self, item: RateLimitItem, key: str, now: float) -> _Window | None:
        window = self._windows.get(key)
        if window is not None:
            edge = now - item.get_expiry()
            hits = window.hits
            while hits and hits[0][0] <= edge:
                window.total -= hits.popleft()[1]
        return window

    def _sweep(self, now: float) -> None:
        if now - self._swept < self.SWEEP_SECONDS:
            return
        self._swept = now
        edge = now - self._longest
        for key in [key for key, window in self._windows.items() if not window.hits or window.hits[-1][0] <= edge]:
            del self._windows[key]

    async def hit(self, item: RateLimitItem, *identifiers: str, cost: int = 1) -> bool:
        now = self._clock()
        self._sweep(now)
        key = item.key_for(*identifiers)
        window = self._current(item, key, now)
        if (window.total if window else 0) + cost > item.amount:
            return False
        if window is None:
            window = self._windows[key] = _Window()
            self._longest = max(self._longest, item.get_expiry())
        window.hits.append((now, cost))
        window.total += cost
        return True

    async def test(self, item: RateLimitItem, *identifiers: str, cost: int = 1) -> bool:
        window = self._current(item, item.key_for(*identifiers), self._clock())
        return (window.total if window else 0) <= item.amount - cost

    async def get_window_stats(self, item: RateLimitItem, *identifiers: str) -> WindowStats:
        now = self._clock()
        window = self._current(item, item.key_for(*identifiers), now)
        if window is None or not window.hits:
            return WindowStats(now + item.get_expiry(), item.amount)
        return WindowStats(window.hits[0][0] + item.get_expiry(), item.amount - window.total)


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
        self.storage: Storage | None = (
            RedisStorage(_async_redis_uri(redis_url), implementation="redispy", key_prefix=prefix)
            if redis_url
            else None
        )
        self._limiter: MovingWindowRateLimiter | InProcessMovingWindow = (
            MovingWindowRateLimiter(self.storage) if self.storage is not None else InProcessMovingWindow()
        )
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


def caller_key(scope: Scope) -> str | None:
    user = scope.get("user")
    if user is None:
        return None
    return user.client_id or user.subject or (str(user.party_id) if user.party_id else None)


class RateLimitMiddleware(ASGIMiddleware):
    """After authentication: counts the caller (or the IP at the token endpoint) and adds the headers."""

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        limits: RateLimits | None = scope["litestar_app"].state.get("rate_limits")
        verdict = None
        counted = scope.get("state", {})
        if COUNTED in counted:  # api.hot_reads counted this request before handing it over
            verdict = counted[COUNTED]
        elif limits is not None and scope["type"] == ScopeType.HTTP:
            if scope["path"] == TOKEN_PATH:
                verdict = await limits.token_ip(_client_ip(scope))
            elif (key := caller_key(scope)) is not None:
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
