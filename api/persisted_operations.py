"""Persisted operations for `/graphql` (the Apollo APQ convention), over POST and GET, and conditional GETs.

A client sends `extensions.persistedQuery = {"version": 1, "sha256Hash": …}` without the document; a hash this
process has not seen answers `PERSISTED_QUERY_NOT_FOUND` and the client sends the document once with its hash,
which is checked and kept (per process, bounded). Parsing and validation are cached by strawberry's ParserCache and
ValidationCache, so a persisted operation costs neither after its first use.

GET (`?extensions=…&variables=…&operationName=…`, or `?query=…`) runs queries only (strawberry refuses a mutation by
GET) and answers with an `ETag` (a digest of the caller's own answer) and `304 Not Modified` to a matching
`If-None-Match`, as the REST GETs do. Authentication ran before (`api.auth.BearerAuthMiddleware`), and the answer is
the caller's own, so nothing here is shared between callers but the documents themselves, which are public
knowledge of the schema.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qs, urlencode

import msgspec
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from api.buffering import capture, read_body, replayed, send_stored
from services.idempotency import StoredResponse

MAX_DOCUMENTS = 4096
NOT_FOUND = {
    "data": None,
    "errors": [{"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}],
}


class Documents:
    """The documents this process was sent, by SHA-256 (hex), least recently used dropped first."""

    def __init__(self, size: int = MAX_DOCUMENTS) -> None:
        self._size = size
        self._items: OrderedDict[str, str] = OrderedDict()

    def get(self, digest: str) -> str | None:
        document = self._items.get(digest)
        if document is not None:
            self._items.move_to_end(digest)
        return document

    def put(self, digest: str, document: str) -> None:
        self._items[digest] = document
        self._items.move_to_end(digest)
        while len(self._items) > self._size:
            self._items.popitem(last=False)


def is_operation_get(scope: Scope) -> bool:
    """A GET /graphql that carries an operation (rather than asking for the GraphiQL page)."""
    asked = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return "query" in asked or "extensions" in asked


class PersistedOperations(ASGIMiddleware):
    def __init__(self, documents: Documents | None = None) -> None:
        self.documents = documents or Documents()

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] not in ("GET", "POST"):
            await next_app(scope, receive, send)
            return
        if scope["method"] == "GET" and not is_operation_get(scope):
            await next_app(scope, receive, send)  # the GraphiQL page
            return
        limit = scope["litestar_app"].state.settings.max_body_bytes
        if scope["method"] == "POST":
            body = await read_body(receive, limit)
            try:
                request = msgspec.json.decode(body)
            except msgspec.DecodeError:
                request = None
            if not isinstance(request, dict) or "persistedQuery" not in (request.get("extensions") or {}):
                await next_app(scope, replayed(body), send)  # an ordinary request: strawberry answers it
                return
        else:
            request = _from_query_string(scope)
        resolved = self._resolve(request)
        if isinstance(resolved, StoredResponse):
            await send_stored(send, resolved)
            return
        if scope["method"] == "POST":
            body = msgspec.json.encode(resolved)
            headers = [(k, v) for k, v in scope["headers"] if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            rewritten: Any = {**scope, "headers": headers}
            await next_app(rewritten, replayed(body), send)
            return
        # GET: strawberry runs queries only (it refuses a mutation by GET); the answer gets a validator.
        inner: Any = {**scope, "query_string": _query_string(resolved)}
        captured = await capture(next_app, inner, receive)
        if captured.status_code != 200:
            await send_stored(send, captured)
            return
        tag = f'"{hashlib.sha256(captured.body).hexdigest()[:32]}"'
        extra = [("etag", tag), ("cache-control", "private, no-cache"), ("vary", "authorization")]
        wanted = {t.strip().removeprefix("W/") for t in _header(scope, b"if-none-match").split(",")}
        if tag in wanted or "*" in wanted:
            await send_stored(send, StoredResponse(304, [], b""), extra=extra)
            return
        await send_stored(send, captured, extra=extra)

    def _resolve(self, request: dict[str, Any]) -> dict[str, Any] | StoredResponse:
        """The request with its document: the one sent (kept by its hash) or the one persisted under the hash."""
        persisted = (request.get("extensions") or {}).get("persistedQuery")
        if persisted is None:
            return request
        digest = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if persisted.get("version", 1) != 1 or not isinstance(digest, str):
            return _answer({"data": None, "errors": [{"message": "persistedQuery needs version 1 and a sha256Hash"}]})
        document = request.get("query")
        if isinstance(document, str):
            if hashlib.sha256(document.encode()).hexdigest() != digest.lower():
                return _answer(
                    {"data": None, "errors": [{"message": "provided sha does not match query"}]}, status_code=400
                )
            self.documents.put(digest.lower(), document)
            return request
        known = self.documents.get(digest.lower())
        if known is None:
            return _answer(NOT_FOUND)
        return {**request, "query": known}


def _from_query_string(scope: Scope) -> dict[str, Any]:
    asked = {k: v[0] for k, v in parse_qs(scope.get("query_string", b"").decode("latin-1")).items()}
    request: dict[str, Any] = {k: asked[k] for k in ("query", "operationName") if k in asked}
    for name in ("variables", "extensions"):
        if name in asked:
            try:
                request[name] = msgspec.json.decode(asked[name])
            except msgspec.DecodeError:
                request[name] = None
    return request


def _query_string(request: dict[str, Any]) -> bytes:
    fields = {
        name: value if isinstance(value, str) else msgspec.json.encode(value).decode()
        for name, value in request.items()
        if value is not None
    }
    return urlencode(fields).encode("latin-1")


def _header(scope: Scope, name: bytes) -> str:
    return next((v.decode("latin-1") for k, v in scope["headers"] if k == name), "")


def _answer(body: dict[str, Any], status_code: int = 200) -> StoredResponse:
    return StoredResponse(status_code, [("content-type", "application/json")], msgspec.json.encode(body))
