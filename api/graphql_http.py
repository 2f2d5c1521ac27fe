"""`/graphql` over HTTP as the GraphQL-over-HTTP specification asks (https://graphql.github.io/graphql-over-http/).

- Media type: `application/graphql-response+json` when the client accepts it, else `application/json`. Under the
  new media type a request error (a document that does not parse or validate, no operation to run) is a 4xx; under
  `application/json` every GraphQL answer stays 200, as legacy clients expect.
- Every error carries `extensions.code`: the domain's codes as they are (`not_found`, `insufficient_scope`, …),
  `graphql_parse_failed` and `graphql_validation_failed` for documents, `internal_error` for what was masked.
- Transport failures (no or a bad token, a body that is not JSON, a mutation by GET, too large, rate limited) are
  GraphQL responses too, `{"errors": [{"message", "extensions": {"code"}}]}` with the HTTP status that says what
  happened, never a REST problem document or plain text.
- A document with several operations and no `operationName` is refused (`operation_name_required`), never run.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs

import msgspec
from graphql import GraphQLError, OperationDefinitionNode, parse
from litestar import Response
from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, HTTPResponseStartEvent, Message, Receive, Scope, Send

from api.buffering import replayed

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
APPLICATION_JSON = "application/json"
# Codes of errors raised before execution: under application/graphql-response+json these answer 400.
REQUEST_ERROR_CODES = frozenset(
    {
        "graphql_parse_failed",
        "graphql_validation_failed",
        "operation_name_required",
        "PERSISTED_QUERY_NOT_FOUND",
        "subscription_needs_websocket",
    }
)
# Strawberry answers these transport failures as plain text; the code each one gets.
_PLAIN_TEXT_CODES = {
    "mutations are not allowed when using GET": ("method_not_allowed", 405),
    "Unable to parse request body as JSON": ("invalid_request", 400),
}


def response_media_type(accept: str) -> str:
    """The spec's negotiation: the new media type when accepted, else JSON (also for `*/*` and no Accept)."""
    accepted = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return GRAPHQL_RESPONSE_JSON if GRAPHQL_RESPONSE_JSON in accepted else APPLICATION_JSON


def transport_error(
    accept: str, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response[Any]:
    """A failure before GraphQL ran, as a GraphQL response (for the app's exception handlers and this middleware)."""
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return Response(body, status_code=status, media_type=response_media_type(accept), headers=headers or {})


def _code_of(error: dict[str, Any]) -> str:
    message = str(error.get("message", ""))
    if message.startswith("Syntax Error"):
        return "graphql_parse_failed"
    if message == "internal error":
        return "internal_error"
    if "path" not in error:
        return "graphql_validation_failed"  # validation and variable coercion: no field ran
    return "internal_error"


def with_codes(body: dict[str, Any]) -> dict[str, Any]:
    """Give every error an `extensions.code` (those with one keep it)."""
    for error in body.get("errors") or []:
        extensions = error.setdefault("extensions", {})
        extensions.setdefault("code", _code_of(error))
    return body


@lru_cache(maxsize=1024)
def _operation_count(document: str) -> int:
    try:
        parsed = parse(document)
    except GraphQLError:
        return 0  # the schema's own parsing answers the syntax error
    return sum(isinstance(d, OperationDefinitionNode) for d in parsed.definitions)


class GraphQLOverHttp(ASGIMiddleware):
    """Runs inside the `/graphql` controller (after persisted operations put the document in place)."""

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] not in ("GET", "POST"):
            await next_app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        accept = headers.get("accept", "")
        media_type = response_media_type(accept)
        if scope["method"] == "GET":
            asked = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            if "query" not in asked and "extensions" not in asked:
                await next_app(scope, receive, send)  # the GraphiQL page
                return
            request: Any = {k: v[0] for k, v in asked.items()}
        else:
            chunks: list[bytes] = []
            while True:
                message = await receive()
                body = message.get("body", b"")
                chunks.append(body if isinstance(body, bytes) else b"")
                if not message.get("more_body"):
                    break
            raw = b"".join(chunks)
            try:
                request = msgspec.json.decode(raw) if raw else None
            except msgspec.DecodeError:
                request = None
            receive = replayed(raw)
        rewriter = _Rewriter(send, media_type)
        if _several_operations(request):
            refusal = {
                "errors": [
                    {
                        "message": "the document has several operations: name the one to run in `operationName`",
                        "extensions": {"code": "operation_name_required"},
                    }
                ]
            }
            await rewriter.finish(200, [], refusal)
            return
        await next_app(scope, receive, rewriter)


def _several_operations(request: Any) -> bool:
    if not isinstance(request, dict) or request.get("operationName"):
        return False
    document = request.get("query")
    return isinstance(document, str) and _operation_count(document) > 1


class _Rewriter:
    """Buffers the answer, then sends it as a GraphQL response in the negotiated media type."""

    def __init__(self, send: Send, media_type: str) -> None:
        self.send = send
        self.media_type = media_type
        self.start: HTTPResponseStartEvent | None = None
        self.chunks: list[bytes] = []

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
            return
        if message["type"] != "http.response.body":
            await self.send(message)
            return
        self.chunks.append(message.get("body", b""))
        if message.get("more_body"):
            return
        if self.start is not None:
            await self._rewrite(self.start, b"".join(self.chunks))

    async def _rewrite(self, start: HTTPResponseStartEvent, body: bytes) -> None:
        status = start["status"]
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-type", b"content-length")]
        content_type = dict(start.get("headers", [])).get(b"content-type", b"").decode("latin-1")
        if status == 304 or content_type.startswith("text/html"):
            await self._send(start["status"], start.get("headers", []), body)  # not modified, or the GraphiQL page
            return
        if content_type.startswith("text/plain"):
            text = body.decode("utf-8", "replace").strip()
            code, status = _PLAIN_TEXT_CODES.get(text, ("invalid_request", status))
            if status == 405:
                headers.append((b"allow", b"POST"))
            answer: dict[str, Any] = {"errors": [{"message": text, "extensions": {"code": code}}]}
        else:
            try:
                answer = msgspec.json.decode(body)
            except msgspec.DecodeError:
                await self._send(start["status"], start.get("headers", []), body)
                return
        await self.finish(status, headers, answer)

    async def finish(self, status: int, headers: list[tuple[bytes, bytes]], answer: Any) -> None:
        if isinstance(answer, dict) and answer.get("errors"):
            with_codes(answer)
            codes = {e["extensions"]["code"] for e in answer["errors"]}
            if self.media_type == GRAPHQL_RESPONSE_JSON and answer.get("data") is None and codes <= REQUEST_ERROR_CODES:
                status = 400  # a request error: nothing was executed
        encoded = msgspec.json.encode(answer)
        headers = [
            *headers,
            (b"content-type", self.media_type.encode()),
            (b"content-length", str(len(encoded)).encode()),
        ]
        await self._send(status, headers, encoded)

    async def _send(self, status: int, headers: Any, body: bytes) -> None:
        await self.send({"type": "http.response.start", "status": status, "headers": headers})
        await self.send({"type": "http.response.body", "body": body, "more_body": False})
