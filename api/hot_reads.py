"""The two reads integrations call most, answered without Litestar's per-request machinery.

Ticketing tools call `GET /v1/sla/applicable` for every new ticket and every priority change, and every client calls
`GET /v1/me`. Their own work is a cached token check and one read (or none); around it, Litestar's router, its two
exception layers, five middlewares, the buffered response, the request object, dependency injection, signature
parsing and the response object cost about as much again (`bench/request_cpu.py`). `HotReads` sits between the
request log and Litestar and answers such a request itself when it is the plain case, with the same service calls
and the same bytes:

- a `GET` of exactly one of these paths, without an `Origin` header (CORS stays Litestar's) or a body;
- a bearer token the verifier accepts, carrying the route's scope;
- query parameters each given once, of the shapes the route declares (`agreement` a UUID).

Then it counts the caller against its rate limit as `RateLimitMiddleware` would, runs the route's own function
(`api.controllers.parties.me_of`, `api.controllers.tickets.applicable_for`) and sends its answer, encoded by
Litestar's encoder, with the headers Litestar would send. What the services refuse (`DomainError`: a bad token, an
unknown or not-yours customer, a bad `opened_at`) is answered by the same exception handler Litestar calls. Anything
else (no token, a missing scope, a refused rate limit, a malformed parameter, any other exception) hands the request
to Litestar untouched, which answers it the usual way. A request
counted here and then handed over is not counted twice (`COUNTED`). The routes stay declared in their controllers,
which is what the OpenAPI document describes and what answers every other case; `tests/api/test_hot_reads.py`
compares the two answers byte for byte.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar, Request
from litestar._parsers import parse_query_string
from litestar.serialization import encode_json
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.controllers.parties import me_of
from api.controllers.tickets import RESERVED, applicable_for
from api.errors import domain_error_handler
from api.rate_limits import COUNTED, RateLimits, caller_key
from api.transactions import put_away
from db.reading import ReadSource
from db.values import Scope as ApiScope
from services.actors import Actor
from services.auth.tokens import TokenVerifier
from services.errors import DomainError

# (route template, scope it needs, the answer given the caller and the query parameters)
Answer = Callable[[Any, Actor, dict[str, str]], Awaitable[Any]]


@asynccontextmanager
async def _source(state: Any) -> AsyncIterator[ReadSource]:
    """Where these reads run. Served, the request needs no session: they read on an autocommit connection of the
    engine (`db.reading`). Under tests the sessionmaker is bound to a connection holding the test's transaction: a
    session of it, put away as `TransactionMiddleware` does."""
    sessionmaker = state.sessionmaker
    bind = sessionmaker.kw.get("bind")
    if isinstance(bind, AsyncEngine):
        yield bind
        return
    session: AsyncSession = sessionmaker()
    try:
        yield session
    finally:
        await put_away(session)


async def _me(state: Any, actor: Actor, params: dict[str, str]) -> Any:
    if params:
        raise _Unusual
    async with _source(state) as source:
        return await me_of(source, actor)


async def _applicable(state: Any, actor: Actor, params: dict[str, str]) -> Any:
    if "customer" not in params:
        raise _Unusual
    agreement = params.get("agreement")
    async with _source(state) as source:
        return await applicable_for(
            source,
            actor,
            state.clock(),
            customer=params["customer"],
            service=params.get("service"),
            priority=params.get("priority"),
            opened_at=params.get("opened_at"),
            agreement=uuid.UUID(agreement) if agreement is not None else None,
            attributes={k: v for k, v in params.items() if k not in RESERVED},
        )


_ROUTES: dict[str, tuple[str, Answer]] = {
    "/v1/me": ("", _me),
    "/v1/sla/applicable": (ApiScope.AGREEMENTS_READ, _applicable),
}


class _Unusual(Exception):
    """Not the plain case: Litestar answers."""


class HotReads:
    def __init__(self, app: Litestar, litestar: ASGIApp) -> None:
        self._app = app
        self._state = app.state
        self._litestar = litestar
        self.enabled = bool(app.state.settings.hot_reads)
        self.answered = 0  # requests answered here rather than by Litestar (tests, and a sanity check in benchmarks)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        route = (
            _ROUTES.get(scope["path"])
            if self.enabled and scope["type"] == "http" and scope.get("method") == "GET"
            else None
        )
        if route is None:
            await self._litestar(scope, receive, send)
            return
        extra: list[tuple[bytes, bytes]] = []
        try:
            body = await self._answer(scope, *route, extra)
        except DomainError as error:
            # What the service refused (an unknown or not-yours customer, a bad `opened_at`, a bad token) is answered
            # here too, by the same handler Litestar calls, so it is not computed twice.
            self.answered += 1
            await self._problem(scope, receive, send, error, extra)
            return
        except Exception:  # noqa: BLE001 - anything else is Litestar's to answer, the usual way
            await self._litestar(scope, receive, send)
            return
        self.answered += 1
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *extra]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    async def _problem(
        self, scope: Scope, receive: Receive, send: Send, error: DomainError, extra: list[tuple[bytes, bytes]]
    ) -> None:
        request: Request[Any, Any, Any] = Request(scope, receive, send)
        response = domain_error_handler(request, error).to_asgi_response(app=self._app, request=request)

        async def send_with_extra(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *extra]}
            await send(message)

        await response(scope, receive, send_with_extra)

    async def _answer(self, scope: Scope, needed: str, answer: Answer, extra: list[tuple[bytes, bytes]]) -> bytes:
        authorization = None
        for name, value in scope["headers"]:
            if name == b"origin" or name == b"content-length" or name == b"transfer-encoding":
                raise _Unusual
            if name == b"authorization":
                authorization = value
        if authorization is None:
            raise _Unusual
        kind, _, token = authorization.decode("latin-1").partition(" ")
        if kind.lower() != "bearer" or not token.strip():
            raise _Unusual
        verifier: TokenVerifier = self._state.token_verifier
        actor = await verifier.verify(token.strip())
        if needed and not actor.has_scope(needed):
            raise _Unusual
        pairs = parse_query_string(scope["query_string"])
        params = dict(pairs)
        if len(params) != len(pairs):
            raise _Unusual  # a parameter given twice: Litestar decides what that means
        scope["user"] = actor
        scope["path_template"] = scope["path"]  # the request log's route label
        limits: RateLimits | None = self._state.get("rate_limits")
        if limits is not None and (key := caller_key(scope)) is not None:
            verdict = await limits.caller(key)
            scope.setdefault("state", {})[COUNTED] = verdict  # counted once, whoever answers
            if verdict is not None:
                if not verdict.allowed:
                    raise _Unusual
                extra.extend((k.lower().encode(), v.encode()) for k, v in verdict.headers().items())
        return encode_json(await answer(self._state, actor, params))


__all__ = ["HotReads"]
