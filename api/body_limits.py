"""Bounded request bodies: every JSON body (REST, `/oauth/token`, `/graphql` and its `variables`) is valid UTF-8
and nests at most `max_json_depth` arrays and objects, checked before any parser recurses into it."""

from __future__ import annotations

import re
from itertools import accumulate

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

from api.buffering import read_body, replayed
from services.errors import DomainError

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# A string runs to its closing quote or, unterminated, to the end: never a rescan from each later quote.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET = bytes(b for b in range(256) if b not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text, without parsing it (brackets in strings skipped).

    Linear in the body's size and never recursive, so a body of a million `[` costs what any other megabyte does."""
    brackets = _STRING.sub(b"", body).translate(None, _NOT_BRACKET)
    return max(accumulate(_STEP[b] for b in brackets), default=0)


def check_json_body(body: bytes, *, max_depth: int) -> None:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        raise DomainError("the request body is not valid UTF-8", "invalid_encoding", 400) from None
    if json_depth(body) > max_depth:
        raise DomainError(
            f"the request body nests arrays and objects deeper than {max_depth} levels", "json_too_deep", 400
        )


class JsonBoundsMiddleware(ASGIMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] not in ("POST", "PUT", "PATCH", "DELETE"):
            await next_app(scope, receive, send)
            return
        content_type = dict(scope["headers"]).get(b"content-type", b"").decode("latin-1").lower()
        if content_type.startswith(_FORM_TYPES):
            await next_app(scope, receive, send)  # not JSON: its own parser is flat
            return
        settings = scope["litestar_app"].state.settings
        body = await read_body(receive, settings.max_body_bytes)
        check_json_body(body, max_depth=settings.max_json_depth)
        await next_app(scope, replayed(body), send)


__all__ = ["JsonBoundsMiddleware", "check_json_body", "json_depth"]
