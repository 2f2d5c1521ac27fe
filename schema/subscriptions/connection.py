"""A WebSocket's life at `/graphql`: its context, its authentication in `connection_init`, its token watch.

The bearer middleware does not see WebSockets (browsers cannot set headers on them); the token comes in the
`connection_init` payload instead, as `{"Authorization": "Bearer <JWT>"}` or `{"token": "<JWT>"}`, and is verified
by the same `TokenVerifier` as HTTP. Without a valid one the socket is closed with 4403 (the protocol's answer to a
refused `connection_init`); a `subscribe` before that is closed with 4401 by the protocol itself.

Once accepted, a watch task re-verifies the token whenever it is due to expire (with the same 30 s leeway as HTTP)
and every `event_stream_heartbeat_seconds` (a revoked API client): when the token no longer verifies, the socket is
closed with 4401 and the reason.

Only subscriptions run over the socket: queries and mutations go by HTTP, where rate limits, the response cache and
the request transaction apply.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import jwt
from graphql import GraphQLError
from litestar import Request
from litestar.datastructures import State
from litestar.enums import ScopeType
from litestar.types import Scope
from strawberry.exceptions import ConnectionRejectionError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from schema.context import GraphQLContext, build_context, get_context
from services.auth.tokens import TokenVerifier
from services.errors import Unauthorized

# Close codes: 4403 (refused connection_init) and 4401 (subscribe before ack) are the protocol's own; a socket whose
# token stopped verifying is closed with 4401 as well, with the verifier's reason.
TOKEN_REFUSED = 4401
# The verifier accepts a token up to 30 s after its `exp` (clock skew); the watch wakes just after that.
EXPIRY_LEEWAY_SECONDS = 31.0


class SocketContext(GraphQLContext, kw_only=True):
    """`info.context` of the operations of one WebSocket: the caller is set once `connection_init` is accepted."""

    connection_params: dict[str, Any] | None = None
    token: str | None = None
    watch: asyncio.Task[None] | None = None

    @property
    def state(self) -> State:
        assert self.websocket is not None
        return self.websocket.app.state


@asynccontextmanager
async def _http_context(scope: Scope) -> AsyncIterator[GraphQLContext]:
    async with asynccontextmanager(get_context)(Request(scope)) as context:
        yield context


async def connection_context(scope: Scope) -> AsyncIterator[GraphQLContext]:
    """Strawberry's `context_getter` for `/graphql`: the request's context for HTTP (`schema.context.get_context`),
    a `SocketContext` for a WebSocket. (A Litestar dependency: `scope` is given to HTTP and WebSocket handlers
    alike.)"""
    if scope["type"] != ScopeType.WEBSOCKET:
        async with _http_context(scope) as context:
            yield context
        return
    base = build_context(Request(scope))  # no user yet: `scope["user"]` is unset for sockets
    context = SocketContext(actor=None, now=base.now, sessions=base.sessions, loaders=base.loaders)
    try:
        yield context
    finally:
        if context.watch is not None:
            context.watch.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await context.watch
        await context.sessions.close()


def token_of(params: Mapping[str, Any] | None) -> str | None:
    """The bearer token of a `connection_init` payload: `Authorization: Bearer …` (any case) or `token`."""
    if not params:
        return None
    token = params.get("token")
    if isinstance(token, str) and token.strip():
        return token.strip()
    for key, value in params.items():
        if key.lower() == "authorization" and isinstance(value, str):
            scheme, _, credentials = value.partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip()
    return None


async def authenticate_socket(context: Any) -> None:
    """`on_ws_connect`: verify the token of `connection_init`, or refuse the socket (4403)."""
    if not isinstance(context, SocketContext):  # pragma: no cover - the context getter builds one per socket
        raise ConnectionRejectionError({"reason": "no socket context"})
    token = token_of(context.connection_params)
    if token is None:
        raise ConnectionRejectionError(
            {"reason": 'connection_init needs {"Authorization": "Bearer <JWT>"} or {"token": "<JWT>"}'}
        )
    verifier: TokenVerifier = context.state.token_verifier
    try:
        context.actor = await verifier.verify(token)
    except Unauthorized as exc:
        raise ConnectionRejectionError({"reason": exc.message}) from None
    context.token = token
    context.watch = asyncio.create_task(_watch_token(context, verifier, token))


def _expires_at(token: str) -> float | None:
    # Verified just before; only `exp` is read here, to wake up when it passes.
    exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
    return float(exp) if isinstance(exp, int | float) else None


async def _watch_token(context: SocketContext, verifier: TokenVerifier, token: str) -> None:
    recheck = float(context.state.settings.event_stream_heartbeat_seconds)
    expires_at = _expires_at(token)
    while True:
        delay = recheck
        if expires_at is not None:
            delay = max(0.05, min(delay, expires_at + EXPIRY_LEEWAY_SECONDS - time.time()))
        await asyncio.sleep(delay)
        try:
            await verifier.verify(token)
        except Unauthorized as exc:
            assert context.websocket is not None
            with contextlib.suppress(Exception):  # the client may be gone already
                await context.websocket.close(code=TOKEN_REFUSED, reason=exc.message[:120])
            return


SUBSCRIPTIONS_ONLY = "subscriptions_only"
SUBSCRIPTION_NEEDS_WEBSOCKET = "subscription_needs_websocket"


class SubscriptionsOnlyOverWebSocket(SchemaExtension):
    """Over a socket, only subscriptions run: a query or mutation there would skip the HTTP edge (rate limits, the
    request transaction). Over HTTP, a subscription is refused with the same kind of message."""

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        over_socket = isinstance(execution.context, SocketContext)
        is_subscription = execution.operation_type == OperationType.SUBSCRIPTION
        if over_socket and not is_subscription:
            execution.result = _refused(
                "only subscriptions run over the WebSocket; send queries and mutations to POST /graphql",
                SUBSCRIPTIONS_ONLY,
            )
        elif is_subscription and not over_socket:
            execution.result = _refused(
                "subscriptions run over a WebSocket at /graphql (subprotocol graphql-transport-ws)",
                SUBSCRIPTION_NEEDS_WEBSOCKET,
            )
        yield


def _refused(message: str, code: str) -> ExecutionResult:
    return ExecutionResult(data=None, errors=[GraphQLError(message, extensions={"code": code})])
