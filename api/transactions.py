"""The edge owns the transaction: one per REST request, committed only when the answer is a success.

The response is buffered so that a failed commit never leaves the client believing a write happened, and so
that an `Idempotency-Key` can store the exact response in the same transaction as the write.

A replay is answered only after the route's guards (scopes) passed for this caller: authentication already
ran (`api.auth.BearerAuthMiddleware` sits outside), and the key is scoped to the caller's identity and scopes.
"""

from __future__ import annotations

from datetime import timedelta

from litestar.connection import ASGIConnection
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncSession

from services.errors import DomainError
from services.idempotency import StoredResponse, caller_identity, claim_key, fingerprint, store_response

TRANSACTIONAL_PREFIXES = ("/v1/", "/oauth/")


class TransactionMiddleware(ASGIMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(TRANSACTIONAL_PREFIXES):
            await next_app(scope, receive, send)
            return
        sessionmaker = scope["litestar_app"].state.sessionmaker
        async with sessionmaker() as session:
            scope.setdefault("state", {})["session"] = session
            try:
                await self._run(session, scope, receive, send, next_app)
            finally:
                if session.in_transaction():
                    await session.rollback()

    async def _run(self, session: AsyncSession, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        key = headers.get("idempotency-key") if scope["method"] == "POST" else None
        actor = scope.get("user")
        state = scope["litestar_app"].state
        if key is not None and actor is not None:
            body = await _read_body(receive, state.settings.max_body_bytes)
            receive = _replay(body)
            # The route's guards first: a caller without the scope never learns what the key stored.
            await scope["route_handler"].authorize_connection(ASGIConnection(scope))
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
                await _send(send, replay, extra=[("idempotent-replayed", "true")])
                return
        else:
            principal = None
        captured = await _capture(next_app, scope, receive)
        if captured.status_code < 400:
            if principal is not None and key is not None:
                await store_response(session, principal, key, captured, keyring=state.keyring)
            await session.commit()
        else:
            await session.rollback()
        await _send(send, captured)


async def _read_body(receive: Receive, limit: int) -> bytes:
    chunks = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise DomainError("client disconnected", "client_disconnected", 400)
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > limit:  # the same limit the app enforces, before buffering any more of it
            raise DomainError(f"the request body is larger than {limit} bytes", "payload_too_large", 413)
        if not message.get("more_body"):
            return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _capture(app: ASGIApp, scope: Scope, receive: Receive) -> StoredResponse:
    status = 500
    headers: list[tuple[str, str]] = []
    body = bytearray()

    async def send(message: Message) -> None:
        nonlocal status, headers
        if message["type"] == "http.response.start":
            status = message["status"]
            headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])]
        elif message["type"] == "http.response.body":
            body.extend(message.get("body", b""))

    await app(scope, receive, send)
    return StoredResponse(status, headers, bytes(body))


async def _send(send: Send, response: StoredResponse, extra: list[tuple[str, str]] | None = None) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in response.headers + (extra or [])]
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": response.body, "more_body": False})


__all__ = ["TransactionMiddleware"]
