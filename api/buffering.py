"""Buffered ASGI messages, for the middlewares that must see a whole request or response before acting on it:
the transaction (commit before the answer leaves), the JSON bounds check and the persisted GraphQL operations."""

from __future__ import annotations

from litestar.types import ASGIApp, HTTPDisconnectEvent, HTTPRequestEvent, Message, Receive, ReceiveMessage, Scope, Send

from services.errors import DomainError
from services.idempotency import StoredResponse


async def read_body(receive: Receive, limit: int) -> bytes:
    """The whole request body, refused with 413 as soon as it grows past `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise DomainError("client disconnected", "client_disconnected", 400)
        if message["type"] != "http.request":  # only an HTTP app reads a body; nothing else ever reaches here
            raise DomainError("not an HTTP request", "invalid_request", 400)
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > limit:  # the same limit the app enforces, before buffering any more of it
            raise DomainError(f"the request body is larger than {limit} bytes", "payload_too_large", 413)
        if not message.get("more_body"):
            return b"".join(chunks)


def replayed(body: bytes) -> Receive:
    """A `receive` that hands the already-read body to the next app once."""
    sent = False

    async def receive() -> ReceiveMessage:
        nonlocal sent
        if not sent:
            sent = True
            return HTTPRequestEvent(type="http.request", body=body, more_body=False)
        return HTTPDisconnectEvent(type="http.disconnect")

    return receive


async def capture(app: ASGIApp, scope: Scope, receive: Receive) -> StoredResponse:
    """Run the app and keep its whole response instead of sending it."""
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


async def send_stored(send: Send, response: StoredResponse, extra: list[tuple[str, str]] | None = None) -> None:
    """Send a kept response, with `extra` headers."""
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in response.headers + (extra or [])]
    await send({"type": "http.response.start", "status": response.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": response.body, "more_body": False})
