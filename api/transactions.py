"""The edge owns the transaction: one per REST request, committed only when the answer is a success.

The response is buffered so that a failed commit never leaves the client believing a write happened, and so
that an `Idempotency-Key` can store the exact response in the same transaction as the write.

A replay is answered only after the route's scope was checked for this caller (`api.auth.BearerAuthMiddleware`,
which sits outside, authenticates and checks it), and the key is scoped to the caller's identity and scopes.
"""

from __future__ import annotations

from datetime import timedelta

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, HTTPScope, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncSession

from api.buffering import capture, read_body, replayed, send_stored
from services.idempotency import caller_identity, claim_key, fingerprint, store_response

TRANSACTIONAL_PREFIXES = ("/v1/", "/oauth/")
# Long-lived streams read in short transactions of their own and must not be buffered (api/controllers/event_stream.py).
STREAMING_PATHS = ("/v1/events/stream",)


async def put_away(session: AsyncSession) -> None:
    """The end of a request's session: what it began is rolled back (a success was committed already)."""
    if session.in_transaction():
        await session.rollback()
    if session.sync_session.identity_map:
        # A session that never began holds no connection; closing it would only cost a greenlet hop.
        await session.close()


class TransactionMiddleware(ASGIMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if (
            scope["type"] != ScopeType.HTTP
            or not scope["path"].startswith(TRANSACTIONAL_PREFIXES)
            or scope["path"].rstrip("/") in STREAMING_PATHS
        ):
            await next_app(scope, receive, send)
            return
        sessionmaker = scope["litestar_app"].state.sessionmaker
        session = sessionmaker()
        scope.setdefault("state", {})["session"] = session
        try:
            await self._run(session, scope, receive, send, next_app)
        finally:
            await put_away(session)

    async def _run(
        self, session: AsyncSession, scope: HTTPScope, receive: Receive, send: Send, next_app: ASGIApp
    ) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        key = headers.get("idempotency-key") if scope["method"] == "POST" else None
        actor = scope.get("user")
        state = scope["litestar_app"].state
        if key is not None and actor is not None:
            body = await read_body(receive, state.settings.max_body_bytes)
            receive = replayed(body)
            # A caller without the route's scope never gets here (`api.auth.BearerAuthMiddleware` checks it), so it
            # never learns what the key stored.
            principal = caller_identity(actor)
            replay = await claim_key(
                session,
                principal,
                key,
                fingerprint(scope["method"], scope["path"], scope["query_string"].decode(), body),
                now=state.clock(),
                ttl=timedelta(seconds=state.settings.idempotency_ttl_seconds),
                keyring=state.keyring,
            )
            if replay is not None:
                await session.rollback()
                await send_stored(send, replay, extra=[("idempotent-replayed", "true")])
                return
        else:
            principal = None
        captured = await capture(next_app, scope, receive)
        if captured.status_code < 400:
            if principal is not None and key is not None:
                await store_response(session, principal, key, captured, keyring=state.keyring)
            if session.in_transaction():
                await session.commit()
        elif session.in_transaction():
            await session.rollback()
        await send_stored(send, captured)


__all__ = ["TransactionMiddleware", "put_away"]
